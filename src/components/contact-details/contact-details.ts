import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import type { ContactDetails, PendingMobileChange } from '../../internal/contract.js';
import { settingsErrorMessage } from '../settings/messages.js';
import { isCompleteCode, normalizeCode, settingsClientFor } from '../../internal/settings-client.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { toStepError, type StepError } from '../../internal/step-error.js';
import { TfaSettingsElement } from '../settings/settings-element.js';
import { LoadController } from '../settings/load-controller.js';
import { isStepUpCancelled, StepUpController } from '../settings/step-up-controller.js';
import { codeField } from '../../internal/fields.js';
import { heading, uid } from '../../internal/heading.js';
import { stepUpStyles } from '../settings/ui.js';
import { TfaContactChangeEvent } from './contact-change-event.js';
import { contactDetailsStyles } from './contact-details.styles.js';
import { cancelText, codeSentText } from '../../internal/texts.js';

export type ContactMode = 'view' | 'edit' | 'code';

/** Loose check before asking the server: digits with an optional leading +, 8 to 15 digits. */
export function looksLikeMobile(value: string): boolean {
  return /^\+?\d{8,15}$/.test(value.replace(/[\s\-().]/g, ''));
}

/**
 * "Contact details": the email address (read-only: an administrator changes it) and the mobile
 * number used for codes by text message. "Change mobile number" asks for the new number, sends a
 * code to it (`POST /me/contact/mobile`) and changes the number only when that code has been
 * entered (`POST /me/contact/mobile/verify`).
 *
 * @summary The person's email and mobile number, with the mobile number change flow.
 * @event tfa-contact-change - After the mobile number was changed; `event.contact` is the new details.
 * @event tfa-session-change - After a step-up renewed the session.
 */
export class TfaContactDetails extends TfaSettingsElement {
  static override lightStyles = [sharedStyles, stepUpStyles, contactDetailsStyles];

  static override properties = {
    contact: { attribute: false },
    mode: { reflect: true },
    quietOffline: { type: Boolean, attribute: 'quiet-offline' },
    _mobile: { state: true },
    _code: { state: true },
    _pending: { state: true },
    _fieldError: { state: true },
    _error: { state: true },
    _status: { state: true },
    _busy: { state: true },
  };

  /** The details shown; loaded with `GET /me/contact` when not given. */
  contact?: ContactDetails;
  /** Level of the heading (2-5). */
  override headingLevel = 3;
  /** What is shown: the details, the new-number form, or the code form. */
  mode: ContactMode = 'view';
  /**
   * Shows "No connection" after a failed load without announcing it, for a parent that has
   * announced the lost connection already (`<tfa-settings>` sets it while its own "No connection"
   * is shown, so a page offline hears it once; a failure of this section alone is announced).
   */
  quietOffline = false;

  private _mobile = '';
  private _code = '';
  private _pending?: PendingMobileChange;
  private _fieldError?: string;
  private _error?: StepError;
  private _status = '';
  private _busy = false;

  readonly #ids = uid('tfa-contact');
  readonly #stepUp = new StepUpController(this);
  readonly #loading = new LoadController(this);

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) this.#stepUp.headingLevel = this.headingLevel + 1;
    if (changed.has('session') && this.session && !this.contact && !this.#loading.loading) void this.reload();
  }

  /** Reads the details from the server again. */
  async reload(): Promise<void> {
    if (!this.session) return;
    const token = this.session.token;
    this._error = undefined;
    await this.#loading.run(
      (signal) => settingsClientFor(this).getContact(token, signal),
      (contact) => (this.contact = contact),
      (error) => (this._error = error),
    );
  }

  async #show(mode: ContactMode, focus: string): Promise<void> {
    this.mode = mode;
    await this.updateComplete;
    this.querySelector<HTMLElement>(focus)?.focus();
  }

  #onChangeClick(): void {
    this._status = '';
    this._error = undefined;
    this._fieldError = undefined;
    void this.#show('edit', `#${this.#ids}-mobile`);
  }

  #onCancel(): void {
    this.#stepUp.cancel();
    this._pending = undefined;
    this._code = '';
    this._fieldError = undefined;
    this._error = undefined;
    void this.#show('view', `#${this.#ids}-change`);
  }

  async #sendCode(): Promise<boolean> {
    const mobile = this._mobile.trim();
    this._busy = true;
    this._error = undefined;
    try {
      this._pending = await this.#stepUp.run((token) => settingsClientFor(this).changeMobile(token, mobile));
      return true;
    } catch (err) {
      if (isStepUpCancelled(err)) return false;
      const e = toStepError(err);
      if (e.code === 'invalid_phone' || e.code === 'invalid_request') {
        this._fieldError = settingsErrorMessage('invalid_phone');
        if (this.mode !== 'edit') await this.#show('edit', `#${this.#ids}-mobile`);
      } else {
        this._error = e;
      }
      return false;
    } finally {
      this._busy = false;
    }
  }

  async #onSubmitMobile(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this._busy) return;
    if (!looksLikeMobile(this._mobile)) {
      this._fieldError = settingsErrorMessage('invalid_phone');
      this.querySelector<HTMLElement>(`#${this.#ids}-mobile`)?.focus();
      return;
    }
    this._fieldError = undefined;
    if (await this.#sendCode()) {
      this._code = '';
      await this.#show('code', `#${this.#ids}-code`);
    } else if (this._fieldError) {
      this.querySelector<HTMLElement>(`#${this.#ids}-mobile`)?.focus();
    }
  }

  async #onResend(): Promise<void> {
    if (this._busy) return;
    this._fieldError = undefined;
    if (await this.#sendCode()) {
      this._code = '';
      this._status = codeSentText();
      this.querySelector<HTMLElement>(`#${this.#ids}-code`)?.focus();
    }
  }

  #onCodeInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const clean = normalizeCode(input.value);
    if (/^\d*$/.test(clean) && clean !== input.value) input.value = clean;
    this._code = input.value;
    this._fieldError = undefined;
  }

  async #onSubmitCode(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this._busy) return;
    const code = normalizeCode(this._code);
    const length = this._pending?.code.length ?? 6;
    const input = this.querySelector<HTMLInputElement>(`#${this.#ids}-code`);
    if (!isCompleteCode(code, length)) {
      this._fieldError = msg(str`Enter the ${length}-digit code from the text message.`, { id: 'contact.codeIncomplete' });
      input?.focus();
      return;
    }
    this._busy = true;
    this._fieldError = undefined;
    this._error = undefined;
    this._status = '';
    try {
      const contact = await this.#stepUp.run((token) => settingsClientFor(this).verifyMobile(token, code));
      this.contact = contact;
      this._pending = undefined;
      this._code = '';
      this._mobile = '';
      this._status = msg('Your mobile number has been changed.', { id: 'contact.changed' });
      this.dispatchEvent(new TfaContactChangeEvent(contact));
      await this.#show('view', `#${this.#ids}-heading`);
    } catch (err) {
      if (isStepUpCancelled(err)) return;
      const e = toStepError(err);
      if (e.code === 'invalid_code') {
        this._fieldError = settingsErrorMessage('invalid_code', { attemptsLeft: e.attemptsLeft });
        await this.updateComplete;
        input?.focus();
        input?.select();
      } else if (e.code === 'code_expired') {
        this._fieldError = msg('The code has expired. Choose “Send a new code”.', { id: 'contact.codeExpired' });
      } else if (e.code === 'too_many_attempts') {
        this._pending = undefined;
        this._code = '';
        this._fieldError = msg('Too many wrong codes. Send a new code to your new number.', { id: 'contact.tooManyAttempts' });
        await this.#show('edit', `#${this.#ids}-mobile`);
      } else {
        this._error = e;
      }
    } finally {
      this._busy = false;
    }
  }

  /* ---------- render ---------- */

  /** A lost connection while loading that the parent announces (see `quietOffline`). */
  #quietError(): boolean {
    return this.quietOffline && !this.contact && this._error?.code === 'network_error';
  }

  #renderView() {
    const contact = this.contact;
    if (!contact) {
      if (this.#quietError()) return html`<p class="tfa-error">${settingsErrorMessage(this._error!.code)}</p>`;
      return this._error ? nothing : html`<p class="tfa-muted">${msg('Loading your contact details…', { id: 'contact.loading' })}</p>`;
    }
    const mobile = contact.mobile ?? contact.maskedMobile;
    return html`<dl class="tfa-contact">
        <div>
          <dt>${msg('Email', { id: 'contact.email' })}</dt>
          <dd>
            <span class="tfa-contact-value" data-email>${contact.email}</span>
            <span class="tfa-help">${msg('Ask your administrator to change it.', { id: 'contact.emailAdmin' })}</span>
          </dd>
        </div>
        <div>
          <dt>${msg('Mobile number', { id: 'contact.mobile' })}</dt>
          <dd><span class="tfa-contact-value" data-mobile>${mobile ?? msg('None', { id: 'contact.noMobile' })}</span></dd>
        </div>
      </dl>
      <div class="tfa-actions">
        <button type="button" id="${this.#ids}-change" @click=${this.#onChangeClick}>
          ${mobile ? msg('Change mobile number', { id: 'contact.change' }) : msg('Add mobile number', { id: 'contact.add' })}
        </button>
      </div>`;
  }

  #renderEdit() {
    const invalid = !!this._fieldError;
    return html`<form novalidate @submit=${this.#onSubmitMobile}>
      <div class="tfa-field">
        <label for="${this.#ids}-mobile">${msg('New mobile number', { id: 'contact.newMobile' })}</label>
        <p class="tfa-help" id="${this.#ids}-mobile-help">${msg('Include the country code, for example +45 20 12 34 56. We send a code to the number to check it.', { id: 'contact.mobileHelp' })}</p>
        <input
          id="${this.#ids}-mobile"
          name="mobile"
          type="tel"
          autocomplete="tel"
          .value=${this._mobile}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby="${this.#ids}-mobile-help ${this.#ids}-field-error"
          @input=${(e: Event) => {
            this._mobile = (e.target as HTMLInputElement).value;
            this._fieldError = undefined;
          }}
        />
        <p class="tfa-error" id="${this.#ids}-field-error" role="alert">${this._fieldError ?? ''}</p>
      </div>
      <div class="tfa-actions">
        <button type="submit" class="tfa-primary" ?disabled=${this._busy}>${msg('Send code', { id: 'contact.sendCode' })}</button>
        <button type="button" @click=${this.#onCancel}>${cancelText()}</button>
      </div>
    </form>`;
  }

  #renderCode() {
    const target = this._pending?.maskedTarget ?? this._mobile;
    return html`<form novalidate @submit=${this.#onSubmitCode}>
      <p id="${this.#ids}-sent">${msg(str`We sent a code by text message to ${target}. Enter it to confirm your new number. Your number changes only then.`, { id: 'contact.codeSent' })}</p>
      ${codeField({
        id: `${this.#ids}-code`,
        label: msg('Code from the text message', { id: 'contact.codeLabel' }),
        describedBy: `${this.#ids}-sent ${this.#ids}-field-error`,
        errorId: `${this.#ids}-field-error`,
        error: this._fieldError,
        value: this._code,
        onInput: this.#onCodeInput,
      })}
      <div class="tfa-actions">
        <button type="submit" class="tfa-primary" ?disabled=${this._busy}>${msg('Confirm', { id: 'contact.confirm' })}</button>
        <button type="button" class="tfa-link" ?disabled=${this._busy} @click=${this.#onResend}>${msg('Send a new code', { id: 'contact.resend' })}</button>
        <button type="button" @click=${this.#onCancel}>${cancelText()}</button>
      </div>
    </form>`;
  }

  override render() {
    return html`<section class="tfa tfa-contact-details" aria-labelledby="${this.#ids}-heading">
      ${heading(this.headingLevel, `${this.#ids}-heading`, msg('Contact details', { id: 'contact.heading' }))}
      ${this.mode === 'edit' ? this.#renderEdit() : this.mode === 'code' ? this.#renderCode() : this.#renderView()}
      ${this.#stepUp.render()}
      <p class="tfa-error" role="alert">${this._error && !this.#quietError() ? settingsErrorMessage(this._error.code, this._error) : ''}</p>
      <p class="tfa-success" role="status">${this._status}</p>
    </section>`;
  }
}
