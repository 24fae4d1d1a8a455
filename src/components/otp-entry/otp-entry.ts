import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { TfaActionEvent } from '../../events/action-event.js';
import type { Step } from '../../internal/contract.js';
import { CountdownController } from '../../internal/countdown-controller.js';
import type { FlowNotice } from '../../internal/flow-controller.js';
import { CLOSING_CODES, normalizeCode } from '../../internal/flow-controller.js';
import { errorMessage, productName } from '../../internal/messages.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import type { StepError } from '../../internal/step-error.js';
import { heading } from '../../internal/heading.js';
import { TfaElement } from '../../internal/tfa-element.js';
import { otpEntryStyles } from './otp-entry.styles.js';
import { changeDeviceText, checkingText, codeSentText, forgotDeviceText, startAgainText } from '../../internal/texts.js';

type CodeStep = Extract<Step, { name: 'verify-code' | 'verify-totp' }>;

/** Errors about the code itself: the typed code is selected so typing replaces it. */
const CODE_ERRORS = new Set(['invalid_code', 'code_already_used', 'code_expired', 'invalid_request']);

interface OtpCredentialLike {
  code?: string;
}

let instances = 0;

/**
 * @summary The second factor by code: "Enter OTP" with one One-time code field and "Sign On".
 *
 * Says where the code went (the masked email address or mobile number, or the authenticator app),
 * accepts pasted codes with spaces or dashes, offers "Resend Passcode" for email and SMS with a
 * countdown from the server's `resendAvailableAt` (announced once when it starts and once when
 * resending becomes possible), "Change Device" when there are alternatives and "Forgot your
 * device?" when recovery is offered. On SMS steps it uses WebOTP where the browser has it.
 *
 * @event tfa-action - Internal, for `<tfa-login>`: `submit-code {code}` (spaces and dashes removed),
 *   `resend`, `change-device`, `forgot-device`, `restart`.
 *
 * @csspart otp-entry - The section around the step.
 * @csspart heading - The "Enter OTP" heading.
 * @csspart code-input - The One-time code input.
 * @csspart submit - The "Sign On" button.
 * @csspart resend - The "Resend Passcode" button.
 * @csspart error - The error message.
 * @csspart help - The "Didn't get the code?" disclosure.
 */
export class TfaOtpEntryElement extends TfaElement {
  static override lightStyles = [sharedStyles, otpEntryStyles];

  static override properties = {
    step: { attribute: false },
    offsetMs: { type: Number, attribute: 'offset-ms' },
    hasAlternatives: { type: Boolean, attribute: 'has-alternatives' },
    recoveryAvailable: { type: Boolean, attribute: 'recovery-available' },
    busy: { type: Boolean, reflect: true },
    error: { attribute: false },
    notice: {},
    _code: { state: true },
    _clientError: { state: true },
    _announcement: { state: true },
  };

  /** The server's `verify-code` or `verify-totp` step. */
  step: CodeStep | null = null;

  /** Server clock minus browser clock (ms), from the transaction's `serverTime`. */
  offsetMs = 0;

  /** Shows "Change Device" (the transaction has other methods). */
  hasAlternatives = false;

  /** Shows "Forgot your device?" (offered for app steps). */
  recoveryAvailable = false;

  /** True while a call is running: further submits are ignored. */
  busy = false;

  /** The server's answer to the last attempt, or null. */
  error: StepError | null = null;

  /** `code-sent` after a successful resend: "A new code has been sent". */
  notice: FlowNotice = null;

  private _code = '';
  private _clientError: 'empty' | 'format' | null = null;
  private _announcement = '';

  readonly #id = `tfa-otp-${++instances}`;
  readonly #resend = new CountdownController(this, () => this.#announce(msg('You can now send a new code.', { id: 'otp.resend_ready' })));
  #cooldownAnnouncedFor?: string;
  #webOtp?: AbortController;
  #webOtpFor?: string;
  #announceTimer?: ReturnType<typeof setTimeout>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopWebOtp();
    clearTimeout(this.#announceTimer);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#syncWebOtp();
  }

  /** Moves focus to the code field (or the "Start again" button once the sign-in is closed). */
  override focus(options?: FocusOptions): void {
    const target = this.querySelector<HTMLElement>(`#${this.#id}-code`) ?? this.querySelector<HTMLElement>(`#${this.#id}-restart`);
    target?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const step = this.step;
    if (changed.has('step') || changed.has('offsetMs')) {
      const deadline = step?.name === 'verify-code' ? step.code.resendAvailableAt : undefined;
      this.#resend.set(deadline, this.offsetMs);
      if (changed.has('step')) {
        const old = changed.get('step') as CodeStep | null | undefined;
        if (old && (old.method.id !== step?.method.id || old.name !== step?.name)) {
          this._code = '';
          this._clientError = null;
        }
      }
    }
    if (changed.has('error') && this.error?.code === 'resend_too_soon' && this.error.retryAfter) {
      // The server knows better than our countdown: count down what it asked for.
      const serverNow = Date.now() + this.offsetMs;
      this.#resend.set(new Date(serverNow + this.error.retryAfter * 1000).toISOString(), this.offsetMs);
    }
    this.#announceCooldown();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('step')) this.#syncWebOtp();
    if (changed.has('error') && this.error && CODE_ERRORS.has(this.error.code)) {
      const input = this.querySelector<HTMLInputElement>(`#${this.#id}-code`);
      if (input) {
        input.focus();
        input.select();
      }
    }
  }

  /* ---- announcements: once when a cooldown starts, once when it ends ---- */

  #announceCooldown(): void {
    const step = this.step;
    const key = step?.name === 'verify-code' ? step.code.resendAvailableAt : undefined;
    const sent = this.notice === 'code-sent';
    if (!key || key === this.#cooldownAnnouncedFor) return;
    this.#cooldownAnnouncedFor = key;
    const parts = [];
    if (sent) parts.push(codeSentText());
    if (this.#resend.running) parts.push(errorMessage('resend_too_soon', { retryAfter: this.#resend.seconds }));
    if (parts.length) this.#announce(parts.join(' '));
  }

  #announce(text: string): void {
    // Clear first so the same sentence twice is announced twice.
    this._announcement = '';
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => {
      this._announcement = text;
    }, 100);
  }

  /* ---- WebOTP (SMS only; silently absent elsewhere) ---- */

  #syncWebOtp(): void {
    const step = this.step;
    const key = step?.name === 'verify-code' && step.method.kind === 'sms' ? `${step.method.id}/${step.purpose}` : undefined;
    if (key === this.#webOtpFor && this.#webOtp && !this.#webOtp.signal.aborted) return;
    this.#stopWebOtp();
    if (!key || !this.isConnected || !('OTPCredential' in window) || !navigator.credentials) return;
    const controller = new AbortController();
    this.#webOtp = controller;
    this.#webOtpFor = key;
    navigator.credentials
      .get({ otp: { transport: ['sms'] }, signal: controller.signal } as CredentialRequestOptions)
      .then((credential) => {
        const code = (credential as OtpCredentialLike | null)?.code;
        if (controller.signal.aborted || typeof code !== 'string' || !code) return;
        this._code = code;
        this.#submit();
      })
      .catch(() => {
        /* no WebOTP, denied or aborted: the person types the code */
      });
  }

  #stopWebOtp(): void {
    this.#webOtp?.abort();
    this.#webOtp = undefined;
    this.#webOtpFor = undefined;
  }

  /* ---- actions ---- */

  get #expectedLength(): number {
    return this.step?.name === 'verify-code' ? this.step.code.length : 6;
  }

  #submit(): void {
    if (this.busy || !this.step) return;
    const code = normalizeCode(this._code);
    if (!code) {
      this._clientError = 'empty';
    } else if (!/^\d+$/.test(code) || code.length !== this.#expectedLength) {
      this._clientError = 'format';
    } else {
      this._clientError = null;
      this.dispatchEvent(new TfaActionEvent({ type: 'submit-code', code }));
      return;
    }
    void this.updateComplete.then(() => {
      const input = this.querySelector<HTMLInputElement>(`#${this.#id}-code`);
      input?.focus();
      input?.select();
    });
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.#submit();
  }

  #onInput(event: Event): void {
    this._code = (event.target as HTMLInputElement).value;
    if (this._clientError && this._code) this._clientError = null;
  }

  #onResend(): void {
    if (this.busy || this.#resend.running) return;
    this.dispatchEvent(new TfaActionEvent({ type: 'resend' }));
  }

  #emit(type: 'change-device' | 'forgot-device' | 'restart'): void {
    if (this.busy && type !== 'restart') return;
    this.dispatchEvent(new TfaActionEvent({ type }));
  }

  /* ---- rendering ---- */

  #intro(step: CodeStep) {
    const target = html`<span class="tfa-otp-target">${step.method.maskedTarget ?? ''}</span>`;
    if (step.name === 'verify-totp') {
      const app = productName(step.method.product);
      return msg(str`Enter the 6-digit code from ${app}.`, { id: 'otp.totp' });
    }
    if (step.purpose === 'recovery') {
      return msg(html`We have sent a recovery code to ${target}. Enter it to sign in without your device.`, { id: 'otp.sent_recovery' });
    }
    if (step.method.kind === 'sms') {
      return msg(html`We have sent a one-time code by text message to ${target}.`, { id: 'otp.sent_sms' });
    }
    return msg(html`We have sent a one-time code to ${target}.`, { id: 'otp.sent_email' });
  }

  #help(step: CodeStep) {
    if (step.name !== 'verify-code') return nothing;
    const resend = html`<li>${msg('Use Resend Passcode to get a new code. The new code replaces the old one.', { id: 'otp.help_resend' })}</li>`;
    const items =
      step.method.kind === 'sms'
        ? html`
            ${this.hasAlternatives ? html`<li>${msg('Use Change Device to get the code by email instead.', { id: 'otp.help_sms_change' })}</li>` : nothing}
            ${resend}
            <li>${msg('Once you are signed in, you can change your mobile number under Personal settings, Contact details.', { id: 'otp.help_sms_number' })}</li>
          `
        : html`
            <li>${msg('Check your spam folder. The email with the code may have been caught by your spam filter.', { id: 'otp.help_spam' })}</li>
            ${resend}
            <li>${msg(str`The code was sent to the address shown: ${step.method.maskedTarget ?? ''}.`, { id: 'otp.help_address' })}</li>
            <li>${msg('Are you a user? Ask your administrator to change your email address.', { id: 'otp.help_user' })}</li>
            <li>${msg('Are you an administrator? Contact support.', { id: 'otp.help_admin' })}</li>
          `;
    return html`<details class="tfa-help" part="help">
      <summary>${msg("Didn't get the code?", { id: 'otp.help_summary' })}</summary>
      <ul>${items}</ul>
    </details>`;
  }

  #resendBlock(step: CodeStep) {
    if (step.name !== 'verify-code') return nothing;
    const id = this.#id;
    const waiting = this.#resend.running;
    return html`<div class="tfa-otp-resend">
      <button
        type="button"
        class="tfa-link"
        part="resend"
        aria-disabled=${waiting || this.busy ? 'true' : 'false'}
        aria-describedby=${waiting ? `${id}-resend-wait` : nothing}
        @click=${this.#onResend}
      >
        ${msg('Resend Passcode', { id: 'otp.resend' })}
      </button>
      ${waiting
        ? html`<p id="${id}-resend-wait" class="tfa-muted">${msg(str`You can send a new code in ${this.#resend.seconds} s`, { id: 'otp.resend_wait' })}</p>`
        : nothing}
      ${this.notice === 'code-sent' ? html`<p class="tfa-success">${codeSentText()}</p>` : nothing}
    </div>`;
  }

  override render() {
    const step = this.step;
    const id = this.#id;
    const headingTpl = heading(this.headingLevel, `${id}-heading`, msg('Enter OTP', { id: 'otp.heading' }));
    const live = html`<div class="tfa-visually-hidden" role="status" aria-live="polite">${this._announcement}</div>`;
    if (!step) return html`<section class="tfa tfa-otp-entry" part="otp-entry">${headingTpl}${live}</section>`;

    const error = this.error;
    if (error && CLOSING_CODES.has(error.code)) {
      return html`<section class="tfa tfa-otp-entry" part="otp-entry">
        ${headingTpl}
        <p class="tfa-error" part="error" role="alert">${errorMessage(error.code)}</p>
        <div class="tfa-actions">
          <button id="${id}-restart" type="button" class="tfa-primary" @click=${() => this.#emit('restart')}>
            ${startAgainText()}
          </button>
        </div>
        ${live}
      </section>`;
    }

    const serverError = error ? errorMessage(error.code, error) : '';
    const clientError =
      this._clientError === 'empty'
        ? msg('Enter the code.', { id: 'otp.code_required' })
        : this._clientError === 'format'
          ? msg(str`The code has ${this.#expectedLength} digits.`, { id: 'otp.code_format' })
          : '';
    const invalid = !!clientError || (!!error && CODE_ERRORS.has(error.code));
    const describedBy = [`${id}-intro`, clientError ? `${id}-client-error` : '', serverError ? `${id}-error` : '', `${id}-hint`]
      .filter(Boolean)
      .join(' ');

    return html`<section class="tfa tfa-otp-entry" part="otp-entry">
      ${headingTpl}
      <p id="${id}-intro">${this.#intro(step)}</p>
      <form novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#onSubmit}>
        <div class="tfa-field">
          <label for="${id}-code">${msg('One-time code', { id: 'otp.label' })}</label>
          <input
            id="${id}-code"
            class="tfa-code-input"
            part="code-input"
            name="one-time-code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            autocapitalize="none"
            spellcheck="false"
            required
            aria-invalid=${invalid ? 'true' : 'false'}
            aria-describedby=${describedBy}
            .value=${this._code}
            @input=${this.#onInput}
          />
          <p id="${id}-hint" class="tfa-help">${msg('You can paste the code: spaces and dashes are ignored.', { id: 'otp.paste_hint' })}</p>
          <p id="${id}-client-error" class="tfa-error">${clientError}</p>
        </div>
        <div id="${id}-error" class="tfa-error" part="error" role="alert">${serverError}</div>
        <div class="tfa-actions">
          <button type="submit" class="tfa-primary" part="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
            ${msg('Sign On', { id: 'otp.submit' })}
          </button>
          <span class="tfa-muted" role="status">${this.busy ? checkingText() : ''}</span>
        </div>
      </form>
      ${this.#resendBlock(step)}
      ${this.hasAlternatives || this.recoveryAvailable
        ? html`<div class="tfa-actions">
            ${this.hasAlternatives
              ? html`<button type="button" class="tfa-link" part="change-device" @click=${() => this.#emit('change-device')}>
                  ${changeDeviceText()}
                </button>`
              : nothing}
            ${this.recoveryAvailable
              ? html`<button type="button" class="tfa-link" part="forgot-device" @click=${() => this.#emit('forgot-device')}>
                  ${forgotDeviceText()}
                </button>`
              : nothing}
          </div>`
        : nothing}
      ${this.#help(step)}
      ${live}
    </section>`;
  }
}
