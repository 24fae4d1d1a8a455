import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { Enrollment } from '../../internal/contract.js';
import { productName } from '../../internal/messages.js';
import { settingsErrorMessage } from '../settings/messages.js';
import { settingsClientFor } from '../../internal/settings-client.js';
import { toStepError, type StepError } from '../../internal/step-error.js';
import { TfaMethodsChangeEvent } from '../settings/methods-change-event.js';
import { EnrollmentController } from '../settings/enrollment-controller.js';
import { TfaEnrollElement } from '../settings/enroll-element.js';
import { isStepUpCancelled } from '../settings/step-up-controller.js';
import { heading, uid } from '../../internal/heading.js';
import { qrTemplate } from '../totp-wizard/qr.js';
import { cancelText, startAgainText } from '../../internal/texts.js';

export type AppProduct = 'pingid' | 'entrust-soft-token';
export type AppEnrollStep = 'starting' | 'scan' | 'done' | 'failed';

/** How often the page asks whether the app has registered. */
export const POLL_INTERVAL_MS = 2000;

/**
 * Adds a push app: PingID or Entrust Soft Token (Entrust Identity). Creates the enrollment
 * (`POST /me/enrollments`), shows the QR code with the app's own instructions (Entrust also shows
 * the activation password to type into the app), then asks the server every 2 s
 * (`GET /me/enrollments/{id}`) until the app has registered, and says so: "OK" closes. Polling
 * stops when the element leaves the page. "Cancel" at any step deletes the pending enrollment.
 *
 * @summary Adds PingID or Entrust Soft Token by QR code.
 * @event tfa-methods-change - When the app has registered; `event.methods` is the new list.
 * @event tfa-enrollment-close - `reason` `done` after OK, `cancel` after Cancel.
 * @event tfa-session-change - After a step-up renewed the session.
 * @csspart qr - The QR code (`<svg>`).
 * @csspart activation-password - Entrust's activation password.
 */
export class TfaAppEnroll extends TfaEnrollElement {
  static override properties = {
    product: { reflect: true },
    pollInterval: { type: Number, attribute: 'poll-interval' },
    _step: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };

  /** Which app is being added. */
  product: AppProduct = 'pingid';
  /** Level of the heading (2-5). */
  override headingLevel = 3;
  /** Poll interval in milliseconds (default 2000). */
  pollInterval = POLL_INTERVAL_MS;

  private _step: AppEnrollStep = 'starting';
  private _error?: StepError;
  private _busy = false;

  readonly #ids = uid('tfa-app');
  readonly #enroll = new EnrollmentController(this);
  #timer?: ReturnType<typeof setTimeout>;
  #poll?: AbortController;
  #started = false;

  /** The step shown. */
  get step(): AppEnrollStep {
    return this._step;
  }

  /** The enrollment, as the server last described it. */
  get enrollment(): Enrollment | undefined {
    return this.#enroll.enrollment;
  }

  override willUpdate(): void {
    if (!this.#started && this.session && this.isConnected) {
      this.#started = true;
      void this.#start();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._step === 'scan' && this.#enroll.enrollment) this.#schedulePoll();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopPolling();
    if (this.#enroll.abandon()) {
      this.#started = false;
      this._step = 'starting';
    }
  }

  async #start(): Promise<void> {
    this._busy = true;
    this._error = undefined;
    this._step = 'starting';
    try {
      await this.#enroll.start();
      this._step = 'scan';
      await this.updateComplete;
      this.querySelector<HTMLElement>(`#${this.#ids}-heading`)?.focus();
      if (this.isConnected) this.#schedulePoll();
    } catch (err) {
      if (isStepUpCancelled(err)) {
        this.#enroll.close('cancel');
        return;
      }
      this._error = toStepError(err);
      this._step = 'failed';
    } finally {
      this._busy = false;
    }
  }

  #schedulePoll(): void {
    this.#stopPolling();
    this.#timer = setTimeout(() => void this.#pollOnce(), this.pollInterval);
  }

  #stopPolling(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#poll?.abort();
    this.#poll = undefined;
  }

  async #pollOnce(): Promise<void> {
    this.#timer = undefined;
    const current = this.#enroll.enrollment;
    if (!current || !this.session || !this.isConnected) return;
    const controller = (this.#poll = new AbortController());
    try {
      const enrollment = await settingsClientFor(this).getEnrollment(this.session.token, current.id, controller.signal);
      if (controller.signal.aborted) return;
      this.#enroll.enrollment = enrollment;
      if (enrollment.status === 'active') {
        await this.#finish();
        return;
      }
      if (enrollment.status === 'expired' || enrollment.status === 'cancelled') {
        this._error = { code: 'enrollment_not_found' };
        this._step = 'failed';
        return;
      }
      this._error = undefined;
    } catch (err) {
      if (controller.signal.aborted) return;
      const e = toStepError(err);
      if (e.code === 'enrollment_not_found' || e.code === 'not_found') {
        this._error = { code: 'enrollment_not_found' };
        this._step = 'failed';
        return;
      }
      // Network hiccups: say so, keep waiting.
      this._error = e;
    } finally {
      if (this.#poll === controller) this.#poll = undefined;
    }
    if (this._step === 'scan' && this.isConnected) this.#schedulePoll();
  }

  async #finish(): Promise<void> {
    this._error = undefined;
    // The new list first, then "OK": an OK pressed at once closes the page, and a list read after
    // that would never reach the settings.
    try {
      const methods = await settingsClientFor(this).listMethods(this.session!.token);
      this.dispatchEvent(new TfaMethodsChangeEvent(methods, 'add'));
    } catch (err) {
      this._error = toStepError(err);
    }
    this._step = 'done';
    await this.updateComplete;
    this.querySelector<HTMLElement>(`#${this.#ids}-heading`)?.focus();
  }

  async #onCancel(): Promise<void> {
    this.#stopPolling();
    this._busy = true;
    await this.#enroll.cancel();
    this._busy = false;
  }

  async #restart(): Promise<void> {
    await this.#enroll.discard();
    await this.#start();
  }

  /* ---------- render ---------- */

  #renderSteps() {
    if (this.product === 'entrust-soft-token') {
      const addIdentity = msg('Add identity', { id: 'enroll.entrustAddIdentity' });
      const qr = msg('QR code', { id: 'enroll.entrustQr' });
      return html`<ol class="tfa-steps">
        <li>${msg('Install Entrust Identity on your phone from the App Store or Google Play.', { id: 'enroll.entrustInstall' })}</li>
        <li>${msg(str`Open the Identity app, tap “${addIdentity}” and choose “${qr}”.`, { id: 'enroll.entrustAddSteps' })}</li>
        <li>${msg('Scan the QR code below.', { id: 'enroll.scanBelow' })}</li>
        <li>${msg('Type the activation password shown below in the app and tap OK. Then choose a PIN in the app.', { id: 'enroll.entrustTypePassword' })}</li>
      </ol>`;
    }
    const orgs = 'My organizations';
    return html`<ol class="tfa-steps">
      <li>${msg('Install PingID on your phone. Get it where you normally get your apps (App Store or Google Play).', { id: 'enroll.pingInstall' })}</li>
      <li>${msg(str`Open PingID and tap + (plus) next to “${orgs}”. The camera starts.`, { id: 'enroll.pingPlus' })}</li>
      <li>${msg('Scan the QR code below.', { id: 'enroll.scanBelow' })}</li>
    </ol>`;
  }

  #renderScan(name: string) {
    const { enrollment, qr } = this.#enroll;
    return html`${heading(this.headingLevel, `${this.#ids}-heading`, msg(str`Set up ${name}`, { id: 'enroll.heading' }))}
      ${this.#renderSteps()}
      ${qr ? qrTemplate(qr, msg(str`QR code for adding your account to ${name}`, { id: 'wizard.qrLabel' })) : nothing}
      ${enrollment?.activationPassword
        ? html`<dl class="tfa-activation">
            <dt id="${this.#ids}-pw-label">${msg('Activation password', { id: 'enroll.activationPassword' })}</dt>
            <dd part="activation-password" data-activation-password>${enrollment.activationPassword}</dd>
          </dl>`
        : nothing}
      <p class="tfa-waiting" role="status">
        <span class="tfa-spinner" aria-hidden="true"></span>
        <span>${msg(str`Waiting for ${name} to register. This page notices by itself when the app is ready.`, { id: 'enroll.waiting' })}</span>
      </p>`;
  }

  override render() {
    const name = productName(this.product);
    let body;
    switch (this._step) {
      case 'scan':
        body = this.#renderScan(name);
        break;
      case 'done':
        body = html`${heading(this.headingLevel, `${this.#ids}-heading`, msg(str`${name} is ready`, { id: 'enroll.doneHeading' }))}
          <p class="tfa-success" role="status">${msg(str`${name} has registered and is now your primary method. Next time you log in, approve the request on your phone.`, { id: 'enroll.doneText' })}</p>`;
        break;
      default:
        body = html`${heading(this.headingLevel, `${this.#ids}-heading`, msg(str`Set up ${name}`, { id: 'enroll.heading' }))}
          ${this._step === 'starting' && !this.#enroll.stepUp.active
            ? html`<p class="tfa-muted">${msg('Preparing the QR code…', { id: 'enroll.preparing' })}</p>`
            : nothing}`;
    }
    return html`<section class="tfa tfa-app-enroll" aria-labelledby="${this.#ids}-heading" aria-busy=${this._busy ? 'true' : 'false'}>
      ${body}
      ${this.#enroll.stepUp.render()}
      <p class="tfa-error" role="alert">${this._error ? settingsErrorMessage(this._error.code, { retryAfter: this._error.retryAfter }) : ''}</p>
      ${this.#enroll.stepUp.active
        ? nothing
        : html`<div class="tfa-actions">
            ${this._step === 'done'
              ? html`<button type="button" class="tfa-primary" data-ok @click=${() => this.#enroll.close('done')}>${msg('OK', { id: 'wizard.ok' })}</button>`
              : html`${this._step === 'failed'
                  ? html`<button type="button" class="tfa-primary" @click=${this.#restart}>${startAgainText()}</button>`
                  : nothing}
                <button type="button" data-cancel ?disabled=${this._busy && this._step !== 'starting'} @click=${this.#onCancel}>${cancelText()}</button>`}
          </div>`}
    </section>`;
  }
}
