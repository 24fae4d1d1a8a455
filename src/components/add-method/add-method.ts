import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import type { Method } from '../../internal/contract.js';
import { productName } from '../../internal/messages.js';
import { settingsErrorMessage } from '../settings/messages.js';
import { ENROLLABLE_PRODUCTS, isTotpProduct, type EnrollableProduct } from '../../internal/settings-client.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { toStepError, type StepError } from '../../internal/step-error.js';
import { TfaSettingsElement } from '../settings/settings-element.js';
import { heading, uid } from '../../internal/heading.js';
import { addMethodStyles } from './add-method.styles.js';
import type { TfaEnrollmentCloseEvent } from './enrollment-close-event.js';
import { loadPart } from '../settings/parts.js';

/**
 * "Add new authentication method": choose one of the apps the person does not have yet
 * (Google Authenticator, Microsoft Authenticator, PingID, Entrust Soft Token) → OK → the matching
 * wizard (`<tfa-totp-wizard>` or `<tfa-app-enroll>`, loaded on demand) takes over. SMS is not
 * offered here: codes by text message go to the mobile number in Contact details.
 *
 * @summary Chooses and starts adding a two-factor method.
 * @event tfa-methods-change - Re-fired from the wizard when a method was added.
 * @event tfa-enrollment-close - Re-fired from the wizard when it closes.
 */
export class TfaAddMethod extends TfaSettingsElement {
  static override lightStyles = [sharedStyles, addMethodStyles];

  static override properties = {
    methods: { attribute: false },
    _choice: { state: true },
    _open: { state: true },
    _error: { state: true },
    _loadError: { state: true },
    _loading: { state: true },
  };

  /** The person's current methods: products they have are not offered again. */
  methods?: Method[];
  /** Level of the heading (2-5). */
  override headingLevel = 3;

  private _choice?: EnrollableProduct;
  private _open?: EnrollableProduct;
  private _error?: string;
  private _loadError?: StepError;
  private _loading = false;

  readonly #ids = uid('tfa-add');

  /** The products still available to add. */
  get available(): EnrollableProduct[] {
    const have = new Set((this.methods ?? []).map((m) => m.product));
    return ENROLLABLE_PRODUCTS.filter((p) => !have.has(p));
  }

  /** The wizard being shown, if any. */
  get openProduct(): EnrollableProduct | undefined {
    return this._open;
  }

  /** Opens the wizard for `product` (as choosing it and pressing OK does). */
  async open(product: EnrollableProduct): Promise<void> {
    this._loading = true;
    this._loadError = undefined;
    try {
      await loadPart(isTotpProduct(product) ? 'tfa-totp-wizard' : 'tfa-app-enroll');
      this._open = product;
      await this.updateComplete;
      const wizard = this.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('tfa-totp-wizard, tfa-app-enroll');
      await wizard?.updateComplete;
      wizard?.querySelector<HTMLElement>('[tabindex="-1"]')?.focus();
    } catch (err) {
      this._loadError = toStepError(err);
    } finally {
      this._loading = false;
    }
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this._loading) return;
    const choice = this._choice;
    if (!choice || !this.available.includes(choice)) {
      this._error = msg('Choose the method you want to add.', { id: 'settings.addChooseFirst' });
      await this.updateComplete;
      this.querySelector<HTMLInputElement>(`input[name="${this.#ids}-product"]`)?.focus();
      return;
    }
    this._error = undefined;
    await this.open(choice);
  }

  async #onClose(event: TfaEnrollmentCloseEvent): Promise<void> {
    if (event.target === this) return;
    this._open = undefined;
    this._choice = undefined;
    await this.updateComplete;
    this.querySelector<HTMLElement>(`#${this.#ids}-heading`)?.focus();
  }

  #description(product: EnrollableProduct): string {
    return isTotpProduct(product)
      ? msg('When you log in, you type a 6-digit code from the app.', { id: 'settings.addTotpDescription' })
      : msg('When you log in, you approve a notification on your phone.', { id: 'settings.addPushDescription' });
  }

  #renderWizard(product: EnrollableProduct) {
    const level = this.headingLevel;
    return isTotpProduct(product)
      ? html`<tfa-totp-wizard
          step="scan"
          .product=${product}
          api-base=${this.apiBase}
          .fetchImpl=${this.fetchImpl}
          .session=${this.session}
          heading-level=${level}
          @tfa-enrollment-close=${this.#onClose}
        ></tfa-totp-wizard>`
      : html`<tfa-app-enroll
          .product=${product}
          api-base=${this.apiBase}
          .fetchImpl=${this.fetchImpl}
          .session=${this.session}
          heading-level=${level}
          @tfa-enrollment-close=${this.#onClose}
        ></tfa-app-enroll>`;
  }

  #renderChooser() {
    const available = this.available;
    const hasSms = (this.methods ?? []).some((m) => m.product === 'sms');
    return html`${heading(this.headingLevel, `${this.#ids}-heading`, msg('Add new authentication method', { id: 'settings.addHeading' }))}
      ${available.length
        ? html`<form novalidate @submit=${this.#onSubmit}>
            <fieldset aria-describedby="${this.#ids}-error">
              <legend>${msg('Choose a method', { id: 'settings.addLegend' })}</legend>
              ${available.map(
                (product) => html`<div class="tfa-choice">
                  <input
                    type="radio"
                    id="${this.#ids}-${product}"
                    name="${this.#ids}-product"
                    value=${product}
                    .checked=${this._choice === product}
                    aria-describedby="${this.#ids}-${product}-desc"
                    @change=${() => {
                      this._choice = product;
                      this._error = undefined;
                    }}
                  />
                  <label for="${this.#ids}-${product}">${productName(product)}</label>
                  <span class="tfa-help" id="${this.#ids}-${product}-desc">${this.#description(product)}</span>
                </div>`,
              )}
            </fieldset>
            <p class="tfa-error" id="${this.#ids}-error" role="alert">${this._error ?? ''}</p>
            <div class="tfa-actions">
              <button type="submit" class="tfa-primary" ?disabled=${this._loading}>${msg('OK', { id: 'wizard.ok' })}</button>
            </div>
          </form>`
        : html`<p>${msg('You have added every app we offer.', { id: 'settings.addNoneLeft' })}</p>`}
      ${hasSms
        ? nothing
        : html`<p class="tfa-help">${msg('To get codes by text message (SMS), add your mobile number under Contact details.', { id: 'settings.addSmsHint' })}</p>`}
      ${this._loadError
        ? html`<p class="tfa-error" role="alert">${settingsErrorMessage(this._loadError.code)}</p>`
        : nothing}`;
  }

  override render() {
    return html`<div class="tfa tfa-add-method">
      ${this._open ? this.#renderWizard(this._open) : this.#renderChooser()}
    </div>`;
  }
}
