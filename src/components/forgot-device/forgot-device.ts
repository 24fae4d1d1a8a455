import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { TfaActionEvent } from '../../events/action-event.js';
import type { Step } from '../../internal/contract.js';
import { LangController } from '../../internal/localize.js';
import { errorMessage } from '../../internal/messages.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import type { StepError } from '../../internal/step-error.js';
import { heading } from '../../internal/heading.js';
import { TfaElement } from '../../internal/tfa-element.js';
import { forgotDeviceStyles } from './forgot-device.styles.js';
import { cancelText, forgotDeviceText, nextText } from '../../internal/texts.js';

/** The `recovery-confirm` step of a sign-in transaction, as `<tfa-forgot-device>` receives it. */
export type RecoveryConfirmStep = Extract<Step, { name: 'recovery-confirm' }>;

let nextId = 0;

/**
 * "Forgot your device?" (flow 7): before a recovery code is sent, shows the masked email address
 * it will go to so the person can check they can read it, then "Next" sends the code and
 * "Cancel" starts the sign-in again. The code itself is entered in the next step
 * (`verify-code` with `purpose: "recovery"`), rendered by `<tfa-login>`.
 *
 * A real `<form>` in the light DOM; the heading takes focus when the element first renders. While
 * `busy` the buttons stay focusable (`aria-disabled`) and fire nothing, and "Sending the code…"
 * is announced politely.
 *
 * @summary Confirms the email address a recovery code will be sent to.
 *
 * @event tfa-action - `TfaActionEvent` with `action.type` `send-recovery` ("Next", or Enter) or
 *   `restart` ("Cancel"). Bubbles, composed. Not fired while `busy`.
 *
 * @csspart base - The root section (class `tfa`).
 * @csspart heading - The heading "Forgot your device?".
 * @csspart actions - The row of buttons.
 * @csspart next-button - "Next".
 * @csspart cancel-button - "Cancel".
 */
export class TfaForgotDevice extends TfaElement {
  static override lightStyles = [sharedStyles, forgotDeviceStyles];

  static override properties = {
    step: { attribute: false },
    busy: { type: Boolean, reflect: true },
    error: { attribute: false },
  };

  /** The transaction's `recovery-confirm` step; `step.method.maskedTarget` is the email shown. */
  step?: RecoveryConfirmStep;

  /** The code is being sent: buttons are announced as unavailable and fire no event. */
  busy = false;

  /** The last failed send's error (e.g. `resend_too_soon`), shown and announced; `null` for none. */
  error: StepError | null = null;

  readonly #ids = `tfa-forgot-${++nextId}`;

  constructor() {
    super();
    new LangController(this);
  }

  /** Moves focus to the heading (done once when the element first renders). */
  override focus(options?: FocusOptions): void {
    this.querySelector<HTMLElement>(`#${this.#ids}-heading`)?.focus(options);
  }

  protected override firstUpdated(): void {
    this.focus();
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy) return;
    this.dispatchEvent(new TfaActionEvent({ type: 'send-recovery' }));
  }

  #onCancel(): void {
    if (this.busy) return;
    this.dispatchEvent(new TfaActionEvent({ type: 'restart' }));
  }

  protected override render(): TemplateResult {
    const ids = this.#ids;
    const errorId = `${ids}-error`;
    const target = this.step?.method.maskedTarget;
    const busy = this.busy ? 'true' : 'false';
    return html`
      <section class="tfa tfa-forgot" part="base" aria-labelledby="${ids}-heading" aria-busy=${busy}>
        ${heading(this.headingLevel, `${ids}-heading`, forgotDeviceText())}
        <form novalidate @submit=${this.#onSubmit}>
          <p id="${ids}-text">
            ${target
              ? msg(str`We will send a one-time code to ${target}.`, { id: 'forgot.send_to' })
              : msg('We will send a one-time code to your email address.', { id: 'forgot.send_to_email' })}
            ${msg('Check that you can read this email.', { id: 'forgot.check' })}
          </p>
          <p id=${errorId} class="tfa-error" role="alert">${this.error
            ? errorMessage(this.error.code, this.error)
            : nothing}</p>
          <div class="tfa-actions" part="actions">
            <button
              type="submit"
              class="tfa-primary"
              part="next-button"
              aria-disabled=${busy}
              aria-describedby=${this.error ? `${ids}-text ${errorId}` : `${ids}-text`}
            >${nextText()}</button>
            <button type="button" part="cancel-button" aria-disabled=${busy} @click=${this.#onCancel}>
              ${cancelText()}
            </button>
            <span class="tfa-muted" role="status">${this.busy ? msg('Sending the code…', { id: 'forgot.sending' }) : nothing}</span>
          </div>
        </form>
      </section>
    `;
  }
}
