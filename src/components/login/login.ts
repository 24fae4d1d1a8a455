import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { TfaActionEvent } from '../../events/action-event.js';
import { ApiClient, DEFAULT_TIMEOUT_MS } from '../../internal/api-client.js';
import type { Transaction } from '../../internal/contract.js';
import { FlowController, type FlowView, type LoginFlow } from '../../internal/flow-controller.js';
import { LangController } from '../../internal/localize.js';
import { errorMessage, productName } from '../../internal/messages.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { heading } from '../../internal/heading.js';
import { TfaElement } from '../../internal/tfa-element.js';
import { loginStyles } from './login.styles.js';
import { logInText, startAgainText } from '../../internal/texts.js';

let instances = 0;

/**
 * @summary The whole two-factor sign-in: username (and password), then whatever second factor
 * the server asks for (email or SMS code, authenticator app code, push approval, "Change Device",
 * "Forgot your device?"), then the signed-in state with "Log out".
 *
 * The server drives the steps (see `docs/contract/README.md`); tokens are kept in memory only.
 * Step changes are announced in a polite live region and focus moves to the new step.
 * Renders into the light DOM so password managers and one-time-code autofill reach the fields.
 *
 * @attr {string} api-base - Base URL of the backend. Default `/api`.
 * @attr {'password' | 'identifier-first'} flow - `password`: Username + Password, "Log in".
 *   `identifier-first`: Username, "Next", then the code. Default `password`.
 * @attr {string} lang - `da` or `en` (any `da-*` tag is Danish). Falls back to the nearest ancestor's
 *   `lang`, then `<html lang>`. Changes at run time re-render the widget in that language.
 * @attr {number} heading-level - Level of the step headings, 2-5. Default 2.
 * @attr {number} timeout-ms - Give up on a request after this many milliseconds. Default 15000.
 *
 * @prop {string | undefined} stepUpToken - A session token: instead of asking for credentials,
 *   re-verify the second factor of that session (`POST /session/step-up`); `tfa-login-success`
 *   then carries the session with a fresh `authenticatedAt`.
 * @prop {typeof fetch | undefined} fetchImpl - A `fetch` to use instead of the global one (tests,
 *   stories, an integrator's instrumented fetch).
 *
 * @event {TfaLoginSuccessEvent} tfa-login-success - The second factor passed; `event.session`.
 * @event {TfaLoginFailureEvent} tfa-login-failure - An attempt failed; `event.code` is the contract's error code.
 * @event {TfaStepChangeEvent} tfa-step-change - Another step is shown; `event.step`.
 * @event {TfaLogoutEvent} tfa-logout - "Log out" finished; the session token is forgotten.
 *
 * @csspart login - The widget's root.
 * @csspart status - The visually hidden live region that announces step changes.
 * @csspart ended - The panel shown when the sign-in was closed by the server ("Start again").
 *
 * @cssproperty [--tfa-login-max-width=28rem] - Maximum width of the widget.
 * @cssproperty [--tfa-color-accent=#0b5cad] - Buttons, links, focus ring (and the other `--tfa-*` tokens).
 */
export class TfaLoginElement extends TfaElement {
  static override lightStyles = [sharedStyles, loginStyles];

  static override properties = {
    apiBase: { attribute: 'api-base' },
    flow: {},
    timeoutMs: { type: Number, attribute: 'timeout-ms' },
    stepUpToken: { attribute: false },
    fetchImpl: { attribute: false },
    _announcement: { state: true },
  };

  /** Base URL of the backend. */
  apiBase = '/api';

  /** Which first-factor form to show. */
  flow: LoginFlow = 'password';

  /** Give up on a request after this many milliseconds. */
  timeoutMs = DEFAULT_TIMEOUT_MS;

  /** A session token to step up (re-verify) instead of signing in. Property only: never an attribute. */
  stepUpToken?: string;

  /** A `fetch` to use instead of the global one. */
  fetchImpl?: typeof fetch;

  private _announcement = '';

  readonly #id = `tfa-login-${++instances}`;
  readonly #flow = new FlowController(this, { client: () => this.#getClient(), flow: () => this.#flowName });
  #client?: { key: string; fetch?: typeof fetch; client: ApiClient };
  #shownKey?: string;
  #focusPending = false;

  constructor() {
    super();
    new LangController(this);
    this.addEventListener(TfaActionEvent.eventName, (event) => {
      // Internal wishes of the step elements stop here: not part of the public API.
      event.stopPropagation();
      void this.#flow.handle(event.action);
    });
  }

  /** The flow controller (for tests and advanced integrations). */
  get controller(): FlowController {
    return this.#flow;
  }

  get #flowName(): LoginFlow {
    return this.flow === 'identifier-first' ? 'identifier-first' : 'password';
  }

  #getClient(): ApiClient {
    const key = `${this.apiBase}|${this.timeoutMs}`;
    if (!this.#client || this.#client.key !== key || this.#client.fetch !== this.fetchImpl) {
      // ApiClient falls back to DEFAULT_TIMEOUT_MS for a timeout that is not a positive number.
      this.#client = {
        key,
        fetch: this.fetchImpl,
        client: new ApiClient({ baseUrl: this.apiBase || '/api', timeoutMs: this.timeoutMs, fetch: this.fetchImpl }),
      };
    }
    return this.#client.client;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('stepUpToken')) {
      if (this.stepUpToken) void this.#flow.startStepUp(this.stepUpToken);
      else if (changed.get('stepUpToken')) this.#flow.stopStepUp();
    }
    const key = viewKey(this.#flow.view);
    if (key !== this.#shownKey) {
      const first = this.#shownKey === undefined;
      this.#shownKey = key;
      // On first render neither steal focus nor talk: the page has just loaded.
      if (!first) {
        this._announcement = this.#describe(this.#flow.view);
        this.#focusPending = true;
      }
    }
  }

  protected override updated(): void {
    if (!this.#focusPending) return;
    this.#focusPending = false;
    void this.#moveFocus(this.#shownKey);
  }

  async #moveFocus(key: string | undefined): Promise<void> {
    const child = this.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(`#${this.#id}-view > *`);
    if (!child) return;
    await child.updateComplete;
    if (key !== this.#shownKey) return;
    if (child.localName.startsWith('tfa-')) child.focus();
    if (child.contains(document.activeElement)) return;
    const heading = child.querySelector<HTMLElement>('h1, h2, h3, h4');
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus();
      return;
    }
    child.querySelector<HTMLElement>('input, button, select, textarea, a[href], [tabindex]')?.focus();
  }

  #describe(view: FlowView): string {
    switch (view.name) {
      case 'credentials':
      case 'starting':
        return logInText();
      case 'picker':
        return msg('Choose another method.', { id: 'login.step_picker' });
      case 'ended':
        return errorMessage(view.error.code);
      case 'signed-in': {
        const name = view.session.user.displayName;
        return msg(str`You are signed in as ${name}.`, { id: 'login.step_signed_in' });
      }
      case 'step': {
        const step = view.tx.step;
        switch (step.name) {
          case 'verify-code': {
            const target = step.method.maskedTarget ?? '';
            return msg(str`Enter OTP. The code was sent to ${target}.`, { id: 'login.step_code' });
          }
          case 'verify-totp': {
            const app = productName(step.method.product);
            return msg(str`Enter OTP. Use the code from ${app}.`, { id: 'login.step_totp' });
          }
          case 'push':
            // <tfa-push-wait> announces the request itself (with the app's name and the number).
            return '';
          case 'recovery-confirm':
            return msg('Forgot your device? Check that you can read the email address shown.', { id: 'login.step_recovery' });
          default:
            return '';
        }
      }
    }
  }

  #renderStep(tx: Transaction) {
    const f = this.#flow;
    const step = tx.step;
    const hasAlternatives = tx.alternatives.length > 0;
    switch (step.name) {
      case 'verify-code':
      case 'verify-totp':
        return html`<tfa-otp-entry
          .headingLevel=${this.headingLevel}
          .step=${step}
          .offsetMs=${f.offsetMs}
          .hasAlternatives=${hasAlternatives}
          .recoveryAvailable=${tx.recoveryAvailable}
          .busy=${f.busy}
          .error=${f.error}
          .notice=${f.notice}
        ></tfa-otp-entry>`;
      case 'push':
        return html`<tfa-push-wait
          .headingLevel=${this.headingLevel}
          .step=${step}
          .offsetMs=${f.offsetMs}
          .hasAlternatives=${hasAlternatives}
          .recoveryAvailable=${tx.recoveryAvailable}
          .busy=${f.busy}
          .error=${f.error}
        ></tfa-push-wait>`;
      case 'recovery-confirm':
        return html`<tfa-forgot-device .headingLevel=${this.headingLevel} .step=${step} .busy=${f.busy} .error=${f.error}></tfa-forgot-device>`;
      default:
        return nothing;
    }
  }

  #renderView() {
    const f = this.#flow;
    const view = f.view;
    const id = this.#id;
    switch (view.name) {
      case 'credentials':
        return html`<tfa-login-form .headingLevel=${this.headingLevel} .flow=${this.#flowName} .username=${f.username} .busy=${f.busy} .error=${f.error}></tfa-login-form>`;
      case 'starting':
        return html`<p class="tfa-muted">${msg('Loading…', { id: 'login.loading' })}</p>`;
      case 'step':
        return this.#renderStep(view.tx);
      case 'picker':
        return html`<tfa-device-picker
          .headingLevel=${this.headingLevel}
          .methods=${view.tx.alternatives}
          .current=${view.tx.step.name === 'done' ? undefined : view.tx.step.method}
          .busy=${f.busy}
          .error=${f.error}
        ></tfa-device-picker>`;
      case 'ended':
        return html`<section class="tfa" part="ended" aria-labelledby="${id}-ended-heading">
          ${heading(this.headingLevel, `${id}-ended-heading`, msg('Sign-in stopped', { id: 'login.ended_heading' }))}
          <p class="tfa-error" role="alert">${errorMessage(view.error.code, { retryAfter: view.error.retryAfter })}</p>
          <div class="tfa-actions">
            <button type="button" class="tfa-primary" @click=${() => void f.restart()}>${startAgainText()}</button>
          </div>
        </section>`;
      case 'signed-in':
        return html`<tfa-signed-in .headingLevel=${this.headingLevel} .displayName=${view.session.user.displayName} .busy=${f.busy}></tfa-signed-in>`;
    }
  }

  override render() {
    return html`<div class="tfa tfa-login" part="login">
      <div id="${this.#id}-view">${this.#renderView()}</div>
      <div class="tfa-visually-hidden" part="status" role="status" aria-live="polite">${this._announcement}</div>
    </div>`;
  }
}

/** Identity of what is shown: a new key moves focus and is announced. */
function viewKey(view: FlowView): string {
  switch (view.name) {
    case 'step': {
      const step = view.tx.step;
      return step.name === 'done' ? 'done' : `step:${step.name}:${step.method.id}:${step.name === 'verify-code' ? step.purpose : ''}`;
    }
    case 'signed-in':
      return `signed-in:${view.session.user.username}`;
    case 'ended':
      return `ended:${view.error.code}`;
    default:
      return view.name;
  }
}
