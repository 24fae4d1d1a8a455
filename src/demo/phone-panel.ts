import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { define } from '../internal/define.js';
import { getLocale } from '../internal/localize.js';
import { productName } from '../internal/messages.js';
import type { MethodProduct } from '../internal/contract.js';
import { phoneStyles } from './phone-panel.styles.js';
import {
  mockControl,
  type AuthenticatorCode,
  type OutboxMessage,
  type PendingEnrollment,
  type PushRequest,
} from '../../mock-server/control-client.js';

/** Fired (bubbles, composed) after the phone reset the mock's demo data, so the page can start over. */
export class DemoResetEvent extends Event {
  static readonly eventName = 'demo-reset';
  constructor() {
    super(DemoResetEvent.eventName, { bubbles: true, composed: true });
  }
}

const KNOWN_PRODUCTS: readonly string[] = ['email', 'sms', 'google-authenticator', 'microsoft-authenticator', 'pingid', 'entrust-soft-token'];

function appName(product: string | undefined): string {
  if (product && KNOWN_PRODUCTS.includes(product)) return productName(product as MethodProduct);
  return product ?? msg('Phone app', { id: 'demo.phone.app' });
}

/** Everything the phone shows, read in one go. */
interface PhoneSnapshot {
  messages: OutboxMessage[];
  pushes: PushRequest[];
  enrollments: PendingEnrollment[];
  authenticators: AuthenticatorCode[];
}

/** The page's own mock (MSW in the demo): the phone acts as the phone apps would. */
const mock = mockControl();

function list<T>(value: T[]): T[] {
  if (!Array.isArray(value)) throw new Error('the control API did not answer with a list');
  return value;
}

async function readPhone(): Promise<PhoneSnapshot> {
  const [messages, pushes, enrollments, authenticators] = await Promise.all([
    mock.outbox(),
    mock.pushes(),
    mock.enrollments(),
    mock.authenticators(),
  ]);
  return { messages: list(messages), pushes: list(pushes), enrollments: list(enrollments), authenticators: list(authenticators) };
}

/**
 * The numbers the phone app offers for number matching, in ascending order (the mock shuffles
 * them; a stable order is easier to read). Empty when number matching is off.
 */
function numberChoices(push: PushRequest): number[] {
  if (push.choices?.length) return [...push.choices].sort((a, b) => a - b);
  return typeof push.number === 'number' ? [push.number] : [];
}

/**
 * The demo's simulated phone: shows what the mock backend sent (emails and SMS with their codes),
 * the current codes of enrolled authenticator apps, pending push requests with Approve/Deny, and
 * pending app set-ups to complete, so every flow can be walked without a real phone. It polls the
 * mock's control API (`/__mock/*`) once a second. Demo and development only.
 *
 * @summary Simulated phone for the demo portal (reads and drives the mock backend).
 * @event demo-reset - After "Reset demo data" reset the mock.
 */
@localized()
export class DemoPhone extends LitElement {
  static override styles = phoneStyles;

  /** Milliseconds between polls of the control API. */
  @property({ type: Number, attribute: 'poll-interval' }) pollInterval = 1000;

  @state() private snapshot?: PhoneSnapshot;
  @state() private unreachable = false;
  @state() private busy = false;
  /** Text of the polite live region (new messages, results of actions). */
  @state() private announcement = '';
  /** Visible result of the last demo control (clock, reset, copy). */
  @state() private status = '';

  #timer?: ReturnType<typeof setTimeout>;
  #statusTimer?: ReturnType<typeof setTimeout>;
  #seen = new Set<string>();
  #primed = false;
  #connected = false;
  #polling?: Promise<void>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#connected = true;
    void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#connected = false;
    clearTimeout(this.#timer);
    clearTimeout(this.#statusTimer);
  }

  /** Shows (and announces) the result of an action; the visible text fades after a while. */
  #say(text: string): void {
    this.status = text;
    this.announcement = text;
    clearTimeout(this.#statusTimer);
    this.#statusTimer = setTimeout(() => { this.status = ''; }, 10_000);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('pollInterval') && changed.get('pollInterval') !== undefined) this.#schedule();
  }

  /** Reads the mock's state now (also called once a second while on the page). */
  refresh(): Promise<void> {
    this.#polling ??= this.#poll().finally(() => {
      this.#polling = undefined;
      this.#schedule();
    });
    return this.#polling;
  }

  async #poll(): Promise<void> {
    clearTimeout(this.#timer);
    try {
      const snapshot = await readPhone();
      this.unreachable = false;
      this.#announceNews(snapshot);
      this.snapshot = snapshot;
    } catch {
      this.unreachable = true;
    }
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    if (this.#connected && this.pollInterval > 0) this.#timer = setTimeout(() => void this.refresh(), this.pollInterval);
  }

  #announceNews(snapshot: PhoneSnapshot): void {
    const news: string[] = [];
    for (const m of snapshot.messages) {
      const key = `m:${m.id}`;
      if (this.#seen.has(key)) continue;
      this.#seen.add(key);
      if (!this.#primed) continue;
      news.push(m.code
        ? m.channel === 'sms'
          ? msg(str`New text message to ${m.to}: code ${m.code}.`, { id: 'demo.phone.news_sms_code' })
          : msg(str`New email to ${m.to}: code ${m.code}.`, { id: 'demo.phone.news_email_code' })
        : m.channel === 'sms'
          ? msg(str`New text message to ${m.to}.`, { id: 'demo.phone.news_sms' })
          : msg(str`New email to ${m.to}.`, { id: 'demo.phone.news_email' }));
    }
    for (const p of snapshot.pushes) {
      const key = `p:${p.id}`;
      if (p.status !== 'pending' || this.#seen.has(key)) continue;
      this.#seen.add(key);
      if (!this.#primed) continue;
      news.push(msg(str`New sign-in request for ${p.username} in ${appName(p.method)}.`, { id: 'demo.phone.news_push' }));
    }
    this.#primed = true;
    if (news.length) this.announcement = news.join(' ');
  }

  async #act(action: () => Promise<unknown>, done: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await action();
      this.#say(done);
    } catch {
      this.#say(msg('The mock backend did not accept that. Try again.', { id: 'demo.phone.action_failed' }));
    } finally {
      this.busy = false;
      await this.refresh();
    }
  }

  #approve(push: PushRequest, number?: number) {
    return this.#act(
      () => mock.approvePush(push.id, number),
      number === undefined
        ? msg('Request approved.', { id: 'demo.phone.approved' })
        : msg(str`Request approved with ${number}.`, { id: 'demo.phone.approved_with' }),
    );
  }

  #deny(push: PushRequest) {
    return this.#act(() => mock.denyPush(push.id), msg('Request denied.', { id: 'demo.phone.denied' }));
  }

  #complete(enrollment: PendingEnrollment) {
    return this.#act(
      () => mock.completeEnrollment(enrollment.id),
      msg(str`${appName(enrollment.product)} is set up on the phone.`, { id: 'demo.phone.completed' }),
    );
  }

  #advance(seconds: number) {
    return this.#act(
      () => mock.advanceClock(seconds),
      seconds >= 60
        ? msg(str`The mock's clock moved ${seconds / 60} minutes ahead.`, { id: 'demo.phone.clock_minutes' })
        : msg(str`The mock's clock moved ${seconds} seconds ahead.`, { id: 'demo.phone.clock_seconds' }),
    );
  }

  #reset() {
    return this.#act(async () => {
      await mock.reset();
      this.#seen.clear();
      this.#primed = false;
      this.dispatchEvent(new DemoResetEvent());
    }, msg('Demo data reset: the demo users are back and the phone is empty.', { id: 'demo.phone.reset_done' }));
  }

  async #copy(code: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(code);
      this.#say(msg(str`Code ${code} copied.`, { id: 'demo.phone.copied' }));
    } catch {
      this.#say(msg('Could not copy. Select the code and copy it yourself.', { id: 'demo.phone.copy_failed' }));
    }
  }

  #time(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    return new Intl.DateTimeFormat(getLocale() === 'da' ? 'da-DK' : 'en-GB', { timeStyle: 'medium' }).format(date);
  }

  override render() {
    const s = this.snapshot;
    const messages = s ? [...s.messages].reverse() : [];
    const pushes = s ? s.pushes.filter((p) => p.status === 'pending') : [];
    const enrollments = s ? s.enrollments.filter((e) => e.status === 'pending') : [];
    return html`
      <aside aria-label=${msg('Simulated phone', { id: 'demo.phone.label' })}>
        <h2>${msg('Simulated phone', { id: 'demo.phone.heading' })}</h2>
        <p class="meta">${msg('What the mock backend sent, and your phone apps. Demo only.', { id: 'demo.phone.intro' })}</p>
        ${this.unreachable
          ? html`<p class="notice" role="alert">${msg('The mock backend is not answering.', { id: 'demo.phone.unreachable' })}</p>`
          : nothing}
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>

        <section aria-labelledby="phone-messages">
          <h3 id="phone-messages">${msg('Messages', { id: 'demo.phone.messages' })}</h3>
          ${messages.length
            ? html`<ol>${messages.map((m) => this.#renderMessage(m))}</ol>`
            : html`<p class="empty">${msg('No messages yet.', { id: 'demo.phone.no_messages' })}</p>`}
        </section>

        <section aria-labelledby="phone-apps">
          <h3 id="phone-apps">${msg('Authenticator apps', { id: 'demo.phone.apps' })}</h3>
          ${s?.authenticators.length
            ? html`<ul>${s.authenticators.map((a) => this.#renderAuthenticator(a))}</ul>`
            : html`<p class="empty">${msg('No authenticator apps set up.', { id: 'demo.phone.no_apps' })}</p>`}
        </section>

        <section aria-labelledby="phone-push">
          <h3 id="phone-push">${msg('Push requests', { id: 'demo.phone.push' })}</h3>
          ${pushes.length
            ? html`<ul>${pushes.map((p) => this.#renderPush(p))}</ul>`
            : html`<p class="empty">${msg('No requests waiting.', { id: 'demo.phone.no_push' })}</p>`}
        </section>

        <section aria-labelledby="phone-setups">
          <h3 id="phone-setups">${msg('App setups', { id: 'demo.phone.setups' })}</h3>
          ${enrollments.length
            ? html`<ul>${enrollments.map((e) => this.#renderEnrollment(e))}</ul>`
            : html`<p class="empty">${msg('No app setups waiting.', { id: 'demo.phone.no_setups' })}</p>`}
        </section>

        <section aria-labelledby="phone-controls">
          <h3 id="phone-controls">${msg('Demo controls', { id: 'demo.phone.controls' })}</h3>
          <div class="actions">
            <button type="button" ?disabled=${this.busy} @click=${() => this.#advance(30)}>
              ${msg('Advance clock 30 s', { id: 'demo.phone.advance_30s' })}
            </button>
            <button type="button" ?disabled=${this.busy} @click=${() => this.#advance(300)}>
              ${msg('Advance clock 5 min', { id: 'demo.phone.advance_5min' })}
            </button>
            <button type="button" class="danger" ?disabled=${this.busy} @click=${() => this.#reset()}>
              ${msg('Reset demo data', { id: 'demo.phone.reset' })}
            </button>
          </div>
          <p class="status meta">${this.status}</p>
        </section>
      </aside>
    `;
  }

  #renderMessage(m: OutboxMessage) {
    const titleId = `msg-${m.id}`;
    const title = m.channel === 'sms'
      ? msg(str`Text message to ${m.to}`, { id: 'demo.phone.sms_to' })
      : msg(str`Email to ${m.to}`, { id: 'demo.phone.email_to' });
    return html`
      <li class="item">
        <div class="row">
          <span class="title" id=${titleId}>${title}</span>
          <span class="meta">${this.#time(m.sentAt)}</span>
        </div>
        ${m.code
          ? html`
              <div class="row">
                <span>
                  <span class="meta">${msg('Code', { id: 'demo.phone.code' })}</span>
                  <span class="code">${m.code}</span>
                </span>
                <button type="button" aria-describedby=${titleId} @click=${() => this.#copy(m.code!)}>
                  ${msg('Copy code', { id: 'demo.phone.copy' })}<span class="visually-hidden"> ${m.code}</span>
                </button>
              </div>`
          : nothing}
        <details>
          <summary>${msg('Show message', { id: 'demo.phone.show_message' })}</summary>
          <p>${m.text}</p>
        </details>
      </li>
    `;
  }

  #renderAuthenticator(a: AuthenticatorCode) {
    return html`
      <li class="item">
        <div class="row">
          <span class="title">${msg(str`${appName(a.product)} for ${a.username}`, { id: 'demo.phone.app_for' })}</span>
          <span class="meta">${msg(str`changes in ${a.validForSeconds} s`, { id: 'demo.phone.changes_in' })}</span>
        </div>
        <span class="code">${a.code}</span>
      </li>
    `;
  }

  #renderPush(p: PushRequest) {
    const titleId = `push-${p.id}`;
    const choices = numberChoices(p);
    return html`
      <li class="item">
        <span class="title" id=${titleId}>
          ${msg(str`${appName(p.method)}: sign-in request for ${p.username}`, { id: 'demo.phone.push_for' })}
        </span>
        <p class="meta">
          ${choices.length
            ? msg('Choose the number the sign-in screen shows.', { id: 'demo.phone.push_match' })
            : msg('Approve if it is you signing in.', { id: 'demo.phone.push_plain' })}
        </p>
        <div class="actions">
          ${choices.length
            ? choices.map((n) => html`
                <button type="button" class="primary" aria-describedby=${titleId} ?disabled=${this.busy} @click=${() => this.#approve(p, n)}>
                  ${msg(str`Approve with ${n}`, { id: 'demo.phone.approve_with' })}
                </button>`)
            : html`
                <button type="button" class="primary" aria-describedby=${titleId} ?disabled=${this.busy} @click=${() => this.#approve(p)}>
                  ${msg('Approve', { id: 'demo.phone.approve' })}
                </button>`}
          <button type="button" class="danger" aria-describedby=${titleId} ?disabled=${this.busy} @click=${() => this.#deny(p)}>
            ${msg('Deny', { id: 'demo.phone.deny' })}
          </button>
        </div>
      </li>
    `;
  }

  #renderEnrollment(e: PendingEnrollment) {
    const titleId = `setup-${e.id}`;
    return html`
      <li class="item">
        <span class="title" id=${titleId}>
          ${msg(str`${appName(e.product)} setup for ${e.username}`, { id: 'demo.phone.setup_for' })}
        </span>
        ${e.activationPassword
          ? html`<p>${msg('Activation password', { id: 'demo.phone.activation_password' })}:
              <span class="secret">${e.activationPassword}</span></p>`
          : nothing}
        <p class="meta">${msg('Pretend you scanned the QR code with the app.', { id: 'demo.phone.setup_hint' })}</p>
        <div class="actions">
          <button type="button" class="primary" aria-describedby=${titleId} ?disabled=${this.busy} @click=${() => this.#complete(e)}>
            ${msg('Complete setup', { id: 'demo.phone.complete' })}
          </button>
        </div>
      </li>
    `;
  }
}

define('demo-phone', DemoPhone);

declare global {
  interface HTMLElementTagNameMap {
    'demo-phone': DemoPhone;
  }
  interface HTMLElementEventMap {
    'demo-reset': DemoResetEvent;
  }
}
