import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { TfaActionEvent, type TfaAction } from '../../events/action-event.js';
import type { MethodProduct, PushChallenge, Step } from '../../internal/contract.js';
import { CountdownController } from '../../internal/countdown-controller.js';
import { LangController } from '../../internal/localize.js';
import { errorMessage, productName } from '../../internal/messages.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import type { StepError } from '../../internal/step-error.js';
import { heading } from '../../internal/heading.js';
import { TfaElement } from '../../internal/tfa-element.js';
import { pushWaitStyles } from './push-wait.styles.js';
import { changeDeviceText, forgotDeviceText } from '../../internal/texts.js';

/** The `push` step of a sign-in transaction, as `<tfa-push-wait>` receives it. */
export type PushStep = Extract<Step, { name: 'push' }>;

/** What the person sees: the server's status, with a countdown at zero read as expired. */
export type PushView = 'pending' | 'expired' | 'denied' | 'approved';

/** Seconds left at which the screen reader hears a reminder (once per push request). */
export const PUSH_REMINDER_SECONDS = 10;

/** Delay before the first announcement, so the live region is in the accessibility tree first. */
const FIRST_ANNOUNCEMENT_DELAY_MS = 150;

let nextId = 0;

/** What the person reads (and hears) once the request is answered or over (the errors' words). */
const stateText = (view: Exclude<PushView, 'pending'>) =>
  view === 'approved' ? msg('Approved on your phone. Signing you in.', { id: 'push.approved' }) : errorMessage(`push_${view}`);

/**
 * The name of the app a push request goes to ("Open PingID and approve ...").
 * Entrust Soft Token lives in the Entrust Identity app.
 */
export function pushAppName(product: MethodProduct): string {
  switch (product) {
    case 'pingid':
      return 'PingID';
    case 'entrust-soft-token':
      return 'Entrust Identity';
    default:
      return productName(product);
  }
}

/**
 * The push step of the sign-in ("Push approval", flow 5): tells the person to approve the
 * notification in PingID or Entrust Identity, shows the number to pick in the app and the time
 * left, and offers "Retry mobile", "Change Device" and "Forgot your device?".
 *
 * Presentational: `<tfa-login>` polls the server and passes each new `step`; the server's status is
 * the truth and the countdown is only a display (at zero it reads as expired until the server says
 * more). Screen readers hear one polite live region, written only when a request is sent, at
 * 10 seconds left, and when it expires, is denied or is approved, never every second.
 *
 * Renders into its light DOM. Buttons stay focusable while `busy` (`aria-disabled`), so focus is
 * never lost; the heading takes focus when the element first renders.
 *
 * @summary Waits for the person to approve a push notification on their phone.
 *
 * @event tfa-action - `TfaActionEvent` with `action.type` `retry-push` ("Retry mobile"),
 *   `change-device` ("Change Device") or `forgot-device` ("Forgot your device?"). Bubbles, composed.
 *   Not fired while `busy`.
 *
 * @csspart base - The root section (class `tfa`).
 * @csspart heading - The step heading.
 * @csspart number - The number to pick in the app (a `<dl>`).
 * @csspart timer - The visual countdown.
 * @csspart actions - The row of buttons.
 * @csspart retry-button - "Retry mobile".
 * @csspart change-device-button - "Change Device".
 * @csspart forgot-device-button - "Forgot your device?".
 *
 * @cssproperty [--tfa-push-number-size=2.5rem] - Font size of the number to pick.
 */
export class TfaPushWait extends TfaElement {
  static override lightStyles = [sharedStyles, pushWaitStyles];

  static override properties = {
    step: { attribute: false },
    offsetMs: { attribute: false },
    hasAlternatives: { type: Boolean, attribute: 'has-alternatives' },
    recoveryAvailable: { type: Boolean, attribute: 'recovery-available' },
    busy: { type: Boolean, reflect: true },
    error: { attribute: false },
    _live: { state: true },
  };

  /** The transaction's `push` step: method (decides the app named) and the push request. */
  step?: PushStep;

  /** `Date.parse(transaction.serverTime) - Date.now()`, to count down in the server's clock. */
  offsetMs = 0;

  /** Whether the person has other methods: shows "Change Device". */
  hasAlternatives = false;

  /** Whether "Forgot your device?" is offered at this step. */
  recoveryAvailable = false;

  /** A request is in flight: actions are announced as unavailable and fire no event. */
  busy = false;

  /** The last failed action's error (e.g. `too_many_pushes`), shown and announced; `null` for none. */
  error: StepError | null = null;

  /** Text of the polite live region: changed only at the moments worth announcing. */
  private _live = '';

  readonly #countdown = new CountdownController(this);
  readonly #ids = `tfa-push-${++nextId}`;
  readonly #said = new Set<string>();
  #pushId?: string;
  #lastSeconds?: number;
  #firstLive?: string;
  #firstLiveTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    new LangController(this);
  }

  /** What the person sees now: the server's status, with the countdown at zero read as expired. */
  get view(): PushView | undefined {
    const push = this.step?.push;
    if (!push) return undefined;
    if (push.status === 'pending' && this.#countdown.seconds === 0) return 'expired';
    return push.status;
  }

  /** Whole seconds left on the current request, in the server's clock. */
  get secondsLeft(): number {
    return this.#countdown.seconds;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#firstLiveTimer !== undefined) clearTimeout(this.#firstLiveTimer);
    this.#firstLiveTimer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('step') || changed.has('offsetMs')) {
      this.#countdown.set(this.step?.push.expiresAt, this.offsetMs);
    }
    this.#trackAnnouncements();
  }

  /** Moves focus to the step heading (done once when the element first renders). */
  override focus(options?: FocusOptions): void {
    this.querySelector<HTMLElement>(`#${this.#ids}-heading`)?.focus(options);
  }

  protected override firstUpdated(): void {
    this.focus();
    if (this.#firstLive !== undefined) {
      const text = this.#firstLive;
      this.#firstLive = undefined;
      this.#firstLiveTimer = setTimeout(() => {
        this.#firstLiveTimer = undefined;
        this._live = text;
      }, FIRST_ANNOUNCEMENT_DELAY_MS);
    }
  }

  /** Decides whether this update is one of the moments the live region speaks at. */
  #trackAnnouncements(): void {
    const push = this.step?.push;
    if (!push) return;
    if (push.id !== this.#pushId) {
      this.#pushId = push.id;
      this.#lastSeconds = undefined;
    }
    const seconds = this.#countdown.seconds;
    const view = this.view as PushView; // there is a push, so there is a view
    if (view !== 'pending') this.#say(push, view, stateText(view));
    else if (!this.#said.has(`${push.id}:sent`)) this.#say(push, 'sent', this.#sentText(push));
    else if (
      this.#lastSeconds !== undefined &&
      this.#lastSeconds > PUSH_REMINDER_SECONDS &&
      seconds <= PUSH_REMINDER_SECONDS
    ) {
      this.#say(push, 'reminder', msg(str`${seconds} seconds left to approve on your phone.`, { id: 'push.live_reminder' }));
    }
    this.#lastSeconds = seconds;
  }

  #sentText(push: PushChallenge): string {
    return push.number !== undefined
      ? msg(str`A notification was sent to your phone. Pick ${push.number} in the app.`, { id: 'push.live_sent_number' })
      : msg('A notification was sent to your phone.', { id: 'push.live_sent' });
  }

  #say(push: PushChallenge, moment: string, text: string): void {
    const key = `${push.id}:${moment}`;
    if (this.#said.has(key)) return;
    this.#said.add(key);
    if (this.hasUpdated && text === this._live) {
      // Same words as last time (e.g. a new push with the same number): empty the region for one
      // render, then write it again, so screen readers announce it anew.
      this._live = '';
      void this.updateComplete.then(() => {
        this._live = text;
      });
    } else if (this.hasUpdated) {
      this._live = text;
    } else {
      this.#firstLive = text;
    }
  }

  #emit(type: 'retry-push' | 'change-device' | 'forgot-device'): void {
    if (this.busy) return;
    const action = { type } as TfaAction;
    this.dispatchEvent(new TfaActionEvent(action));
  }

  protected override render(): TemplateResult {
    const push = this.step?.push;
    const view = this.view;
    const app = this.step ? pushAppName(this.step.method.product) : '';
    const ids = this.#ids;
    const errorId = `${ids}-error`;
    const open = view !== 'approved';
    const canRetry = !!push && push.retriesLeft > 0 && open;
    const ended = view === 'expired' || view === 'denied';
    const seconds = this.#countdown.seconds;

    return html`
      <section class="tfa tfa-push" part="base" aria-labelledby="${ids}-heading" aria-busy=${this.busy ? 'true' : 'false'}>
        ${heading(this.headingLevel, `${ids}-heading`, msg('Approve on your phone', { id: 'push.heading' }))}
        ${view === 'pending'
          ? html`<p>${msg(str`We sent a notification to your phone. Open ${app} and approve with your face, fingerprint or PIN.`, { id: 'push.instructions' })}</p>`
          : nothing}
        ${view === 'pending' && push?.number !== undefined
          ? html`<dl class="tfa-push-number" part="number">
              <dt>${msg('Pick this number in the app', { id: 'push.number_label' })}</dt>
              <dd>${push.number}</dd>
            </dl>`
          : nothing}
        ${view === 'pending'
          ? html`<p class="tfa-push-timer" part="timer">${seconds === 1
              ? msg('1 second left', { id: 'push.one_second_left' })
              : msg(str`${seconds} seconds left`, { id: 'push.seconds_left' })}</p>`
          : nothing}
        ${view && view !== 'pending'
          ? html`<p class="tfa-push-state tfa-push-state--${view === 'approved' ? 'ok' : 'problem'}">${stateText(view)}</p>`
          : nothing}
        ${ended && canRetry
          ? html`<p>${msg('Select Retry mobile to send a new notification to your phone.', { id: 'push.retry_hint' })}</p>`
          : nothing}
        ${push && push.retriesLeft <= 0 && open ? this.#renderNoRetries() : nothing}
        <p id=${errorId} class="tfa-error" role="alert">${this.error
          ? errorMessage(this.error.code, this.error)
          : nothing}</p>
        <p class="tfa-visually-hidden" role="status" aria-atomic="true" data-live>${this._live}</p>
        ${open
          ? html`<div class="tfa-actions" part="actions">
              ${canRetry
                ? html`<button
                    type="button"
                    class=${ended ? 'tfa-primary' : ''}
                    part="retry-button"
                    data-action="retry-push"
                    aria-disabled=${this.busy ? 'true' : 'false'}
                    aria-describedby=${this.error ? errorId : nothing}
                    @click=${() => this.#emit('retry-push')}
                  >${msg('Retry mobile', { id: 'push.retry' })}</button>`
                : nothing}
              ${this.hasAlternatives
                ? html`<button
                    type="button"
                    part="change-device-button"
                    data-action="change-device"
                    aria-disabled=${this.busy ? 'true' : 'false'}
                    @click=${() => this.#emit('change-device')}
                  >${changeDeviceText()}</button>`
                : nothing}
              ${this.recoveryAvailable
                ? html`<button
                    type="button"
                    class="tfa-link"
                    part="forgot-device-button"
                    data-action="forgot-device"
                    aria-disabled=${this.busy ? 'true' : 'false'}
                    @click=${() => this.#emit('forgot-device')}
                  >${forgotDeviceText()}</button>`
                : nothing}
            </div>`
          : nothing}
      </section>
    `;
  }

  #renderNoRetries(): TemplateResult {
    let way: string;
    if (this.hasAlternatives && this.recoveryAvailable) {
      way = msg('Use Change Device or Forgot your device? to sign in another way.', { id: 'push.no_retries_both' });
    } else if (this.hasAlternatives) {
      way = msg('Use Change Device to sign in another way.', { id: 'push.no_retries_change' });
    } else if (this.recoveryAvailable) {
      way = msg('Use Forgot your device? to get a code by email instead.', { id: 'push.no_retries_forgot' });
    } else {
      way = msg('Start again to sign in.', { id: 'push.no_retries_restart' });
    }
    return html`<p class="tfa-help" data-no-retries>
      ${msg('No more notifications can be sent to your phone in this sign-in.', { id: 'push.no_retries' })}
      ${way}
    </p>`;
  }
}
