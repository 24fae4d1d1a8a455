import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import type { Enrollment } from '../../internal/contract.js';
import { productName } from '../../internal/messages.js';
import { settingsErrorMessage } from '../settings/messages.js';
import { isCompleteCode, normalizeCode, settingsClientFor } from '../../internal/settings-client.js';
import { toStepError, type StepError } from '../../internal/step-error.js';
import { TfaMethodsChangeEvent } from '../settings/methods-change-event.js';
import { EnrollmentController } from '../settings/enrollment-controller.js';
import { TfaEnrollElement } from '../settings/enroll-element.js';
import { isStepUpCancelled } from '../settings/step-up-controller.js';
import { codeField } from '../../internal/fields.js';
import { heading, uid } from '../../internal/heading.js';
import { groupKey, qrTemplate } from './qr.js';
import { cancelText, nextText, startAgainText } from '../../internal/texts.js';

export type TotpProduct = 'google-authenticator' | 'microsoft-authenticator';
export type TotpWizardStep = 'intro' | 'scan' | 'code' | 'done';

/**
 * The wizard that adds an authenticator app (Google or Microsoft Authenticator), as on the help
 * page: scan the QR code in the app ("Can't scan? Enter this key" for people who cannot; the steps
 * start with getting the app) → Next → type the app's current 6-digit code → "Add authentication
 * method" → the app is the new primary method. `<tfa-add-method>` opens it at `step="scan"` (pick
 * the app → OK → QR code); the default `intro` step shows a "Set up …" page first. The enrollment
 * is created (`POST /me/enrollments`) when the QR code is due, and "Cancel" at any step deletes it
 * (`DELETE /me/enrollments/{id}`), as does removing the element before it is finished.
 *
 * Loaded on demand by `<tfa-add-method>`; it is the only code that imports `qrcode`.
 *
 * @summary Adds Google or Microsoft Authenticator.
 * @event tfa-methods-change - When the app was added; `event.methods` is the new list.
 * @event tfa-enrollment-close - `reason` `done` after OK, `cancel` after Cancel.
 * @event tfa-session-change - After a step-up renewed the session.
 * @csspart qr - The QR code (`<svg>`).
 */
export class TfaTotpWizard extends TfaEnrollElement {
  static override properties = {
    product: { reflect: true },
    step: { reflect: true },
    _error: { state: true },
    _codeError: { state: true },
    _busy: { state: true },
    _code: { state: true },
    _status: { state: true },
  };

  /** Which app is being added. */
  product: TotpProduct = 'google-authenticator';
  /** Level of the wizard's heading (2-5). */
  override headingLevel = 3;
  /** The step shown (set it to start elsewhere, e.g. in a story; `scan` and `code` start the enrollment). */
  step: TotpWizardStep = 'intro';

  private _error?: StepError;
  private _codeError?: string;
  private _busy = false;
  private _code = '';
  private _status = '';

  readonly #ids = uid('tfa-totp');
  readonly #enroll = new EnrollmentController(this);

  /** The pending (or finished) enrollment, as the server described it. */
  get enrollment(): Enrollment | undefined {
    return this.#enroll.enrollment;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('step') || changed.has('session')) && (this.step === 'scan' || this.step === 'code') && !this.#enroll.enrollment && !this._busy && this.session && !this._error) {
      void this.#start(this.step);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Nothing half-enrolled stays behind when the wizard goes away unfinished.
    this.#enroll.abandon();
  }

  /** Starts the enrollment and shows the QR code (or the `then` step). */
  async #start(then: TotpWizardStep = 'scan'): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._error = undefined;
    try {
      await this.#enroll.start();
      await this.#go(then);
    } catch (err) {
      if (isStepUpCancelled(err)) await this.#go('intro');
      else this._error = toStepError(err);
    } finally {
      this._busy = false;
    }
  }

  async #go(step: TotpWizardStep): Promise<void> {
    this.step = step;
    await this.updateComplete;
    const target = step === 'code' ? `#${this.#ids}-code` : `#${this.#ids}-heading`;
    this.querySelector<HTMLElement>(target)?.focus();
  }

  async #onNext(): Promise<void> {
    if (this.step === 'intro') {
      if (this.#enroll.enrollment) await this.#go('scan');
      else await this.#start('scan');
    } else if (this.step === 'scan') {
      this._codeError = undefined;
      this._error = undefined;
      await this.#go('code');
    }
  }

  #onCodeInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const clean = normalizeCode(input.value);
    // Pasted "123 456" or "123-456" becomes "123456"; letters stay so the message can point at them.
    if (/^\d*$/.test(clean) && clean !== input.value) input.value = clean;
    this._code = input.value;
    if (this._codeError) this._codeError = undefined;
  }

  async #onSubmitCode(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const pending = this.#enroll.enrollment;
    if (this._busy || !pending || !this.session) return;
    const code = normalizeCode(this._code);
    const input = this.querySelector<HTMLInputElement>(`#${this.#ids}-code`);
    if (!isCompleteCode(code)) {
      this._codeError = msg('Enter the 6-digit code shown in the app.', { id: 'wizard.codeIncomplete' });
      input?.focus();
      return;
    }
    this._busy = true;
    this._codeError = undefined;
    this._error = undefined;
    try {
      this.#enroll.enrollment = await this.#enroll.stepUp.run((token) => settingsClientFor(this).verifyEnrollment(token, pending.id, code));
      const methods = await settingsClientFor(this).listMethods(this.session.token);
      this.dispatchEvent(new TfaMethodsChangeEvent(methods, 'add'));
      await this.#go('done');
    } catch (err) {
      if (isStepUpCancelled(err)) return;
      const e = toStepError(err);
      if (e.code === 'invalid_code' || e.code === 'code_already_used') {
        this._codeError = settingsErrorMessage(e.code, { attemptsLeft: e.attemptsLeft });
        await this.updateComplete;
        input?.focus();
        input?.select();
      } else {
        this._error = e;
      }
    } finally {
      this._busy = false;
    }
  }

  async #onCopy(): Promise<void> {
    const secret = this.#enroll.enrollment?.secret ?? '';
    try {
      await navigator.clipboard.writeText(secret);
      this._status = msg('Copied', { id: 'wizard.copied' });
    } catch {
      this._status = msg('Could not copy. Select the key and copy it yourself.', { id: 'wizard.copyFailed' });
    }
  }

  async #onCancel(): Promise<void> {
    this._busy = true;
    await this.#enroll.cancel();
    this._busy = false;
  }

  /** Restart after the enrollment expired or vanished. */
  async #restart(): Promise<void> {
    this.#enroll.forget();
    this._error = undefined;
    this._code = '';
    await this.#start('scan');
  }

  /* ---------- render ---------- */

  /** "Install … (App Store or Google Play)": first on the intro and, when the wizard opens at the QR code, in its steps. */
  #installStep() {
    const name = productName(this.product);
    return html`<li>${msg(str`Install ${name} on your phone. Get it where you normally get your apps (App Store or Google Play).`, { id: 'wizard.introInstall' })}</li>`;
  }

  #renderIntro(name: string) {
    return html`${heading(this.headingLevel, `${this.#ids}-heading`, msg(str`Set up ${name}`, { id: 'wizard.introHeading' }))}
      <ol class="tfa-steps">
        ${this.#installStep()}
        <li>${msg('Choose Next. A QR code appears that you scan with the app.', { id: 'wizard.introNext' })}</li>
      </ol>`;
  }

  #renderScanSteps() {
    if (this.product === 'microsoft-authenticator') {
      const addAccount = msg('Add account', { id: 'wizard.msAddAccount' });
      const workAccount = msg('Work or school account', { id: 'wizard.msWorkAccount' });
      const scan = msg('Scan QR code', { id: 'wizard.msScan' });
      return html`<ol class="tfa-steps">
        ${this.#installStep()}
        <li>${msg('Open Microsoft Authenticator on your phone.', { id: 'wizard.msOpen' })}</li>
        <li>${msg(str`Tap “${addAccount}” and choose “${workAccount}”.`, { id: 'wizard.msAddSteps' })}</li>
        <li>${msg(str`Tap “${scan}” and scan the QR code below.`, { id: 'wizard.msScanStep' })}</li>
        <li>${msg('When the QR code is scanned, choose Next.', { id: 'wizard.scanThenNext' })}</li>
      </ol>`;
    }
    const addCode = msg('Add a code', { id: 'wizard.googleAddCode' });
    const scan = msg('Scan a QR code', { id: 'wizard.googleScan' });
    return html`<ol class="tfa-steps">
      ${this.#installStep()}
      <li>${msg('Open Google Authenticator on your phone.', { id: 'wizard.googleOpen' })}</li>
      <li>${msg(str`Tap “${addCode}” and choose “${scan}”.`, { id: 'wizard.googleAddSteps' })}</li>
      <li>${msg('Scan the QR code below.', { id: 'wizard.scanTheCode' })}</li>
      <li>${msg('When the QR code is scanned, choose Next.', { id: 'wizard.scanThenNext' })}</li>
    </ol>`;
  }

  #renderScan(name: string) {
    const { enrollment, qr } = this.#enroll;
    return html`${heading(this.headingLevel, `${this.#ids}-heading`, msg('Scan the QR code', { id: 'wizard.scanHeading' }))}
      ${this.#renderScanSteps()}
      ${qr ? qrTemplate(qr, msg(str`QR code for adding your account to ${name}`, { id: 'wizard.qrLabel' })) : nothing}
      ${enrollment?.secret
        ? html`<div class="tfa-key-block">
            <p id="${this.#ids}-key-label">${msg("Can't scan? Enter this key", { id: 'wizard.cantScan' })}</p>
            <div class="tfa-key-row">
              <code class="tfa-key" id="${this.#ids}-key">${groupKey(enrollment.secret)}</code>
              <button type="button" data-copy aria-describedby="${this.#ids}-key-label" @click=${this.#onCopy}>${msg('Copy', { id: 'wizard.copy' })}</button>
            </div>
            <p class="tfa-help">${msg('In the app, choose to enter a setup key, and choose time-based if asked.', { id: 'wizard.keyHelp' })}</p>
          </div>`
        : nothing}`;
  }

  #renderCode(name: string) {
    return html`${heading(this.headingLevel, `${this.#ids}-heading`, msg('Enter the code from the app', { id: 'wizard.codeHeading' }))}
      <form id="${this.#ids}-form" novalidate @submit=${this.#onSubmitCode}>
        ${codeField({
          id: `${this.#ids}-code`,
          label: msg(str`6-digit code from ${name}`, { id: 'wizard.codeLabel' }),
          help: {
            id: `${this.#ids}-code-help`,
            text: msg(str`Open ${name} and type the code it shows for this account. A new code appears every 30 seconds.`, { id: 'wizard.codeHelp' }),
          },
          describedBy: `${this.#ids}-code-help ${this.#ids}-code-error`,
          errorId: `${this.#ids}-code-error`,
          error: this._codeError,
          value: this._code,
          onInput: this.#onCodeInput,
        })}
      </form>`;
  }

  #renderDone(name: string) {
    return html`${heading(this.headingLevel, `${this.#ids}-heading`, msg(str`${name} has been added`, { id: 'wizard.doneHeading' }))}
      <p class="tfa-success">${msg(str`${name} is now your primary method. Next time you log in, you enter the code from the app.`, { id: 'wizard.doneText' })}</p>`;
  }

  #renderActions() {
    const cancel = html`<button type="button" data-cancel ?disabled=${this._busy && this.step !== 'intro'} @click=${this.#onCancel}>${cancelText()}</button>`;
    switch (this.step) {
      case 'intro':
      case 'scan':
        return html`<div class="tfa-actions">
          <button type="button" class="tfa-primary" data-next ?disabled=${this._busy || (this.step === 'scan' && !this.#enroll.enrollment)} @click=${this.#onNext}>${nextText()}</button>
          ${cancel}
        </div>`;
      case 'code':
        return html`<div class="tfa-actions">
          <button type="submit" form="${this.#ids}-form" class="tfa-primary" data-add ?disabled=${this._busy || !this.#enroll.enrollment}>${msg('Add authentication method', { id: 'wizard.add' })}</button>
          <button type="button" data-back ?disabled=${this._busy} @click=${() => this.#go('scan')}>${msg('Back', { id: 'wizard.back' })}</button>
          ${cancel}
        </div>`;
      case 'done':
        return html`<div class="tfa-actions">
          <button type="button" class="tfa-primary" data-ok @click=${() => this.#enroll.close('done')}>${msg('OK', { id: 'wizard.ok' })}</button>
        </div>`;
    }
  }

  override render() {
    const name = productName(this.product);
    const expired = this._error && ['enrollment_not_found', 'transaction_expired'].includes(this._error.code);
    let body;
    switch (this.step) {
      case 'scan':
        body = this.#renderScan(name);
        break;
      case 'code':
        body = this.#renderCode(name);
        break;
      case 'done':
        body = this.#renderDone(name);
        break;
      default:
        body = this.#renderIntro(name);
    }
    return html`<section class="tfa tfa-totp-wizard" aria-labelledby="${this.#ids}-heading" aria-busy=${this._busy ? 'true' : 'false'}>
      ${body}
      ${this.#enroll.stepUp.render()}
      <p class="tfa-error" role="alert">${this._error ? settingsErrorMessage(this._error.code, { retryAfter: this._error.retryAfter }) : ''}</p>
      ${expired ? html`<div class="tfa-actions"><button type="button" @click=${this.#restart}>${startAgainText()}</button></div>` : nothing}
      ${this.#enroll.stepUp.active ? nothing : this.#renderActions()}
      <div class="tfa-visually-hidden" role="status" aria-live="polite">${this._status}</div>
    </section>`;
  }
}
