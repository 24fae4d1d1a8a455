import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import type { Method } from '../../internal/contract.js';
import { settingsErrorMessage } from './messages.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import type { StepError } from '../../internal/step-error.js';
import { TfaSettingsElement } from './settings-element.js';
import { TfaMethodsChangeEvent } from './methods-change-event.js';
import type { TfaSessionChangeEvent } from './session-change-event.js';
import { settingsStyles } from './settings.styles.js';
import { heading, uid } from '../../internal/heading.js';
import { LoadController } from './load-controller.js';

/**
 * "Personal settings" after sign-in: the "Two-factor login" box with "My authentication
 * methods" and an "Edit" button that reveals moving, removing and "Add new authentication
 * method"; then "Contact details" (email, mobile number). Give it the session from
 * `<tfa-login>`'s `tfa-login-success`:
 *
 *   <tfa-settings api-base="/api" .session=${event.session}></tfa-settings>
 *
 * When a change needs a recent second factor, "Confirm it's you" (`<tfa-login>` in step-up mode)
 * appears where the change was made; the renewed session is announced with `tfa-session-change`.
 *
 * @summary The signed-in person's two-factor methods and contact details.
 * @attr {string} api-base - Base URL of the backend. Default `/api`.
 * @attr {string} lang - `da` or `en`; falls back to the nearest ancestor's `lang`.
 * @prop {Session} session - The signed-in session. Kept in memory only.
 * @prop {typeof fetch | undefined} fetchImpl - A `fetch` to use instead of the global one.
 * @event tfa-methods-change - After any change to the list of methods (reorder, removal, addition); `event.methods`.
 * @event tfa-contact-change - After the mobile number was changed.
 * @event tfa-session-change - After a step-up renewed the session; keep `event.session`.
 * @event tfa-enrollment-close - A wizard for adding a method closed.
 * @csspart list - The list of methods.
 * @csspart method - Each method in the list.
 * @csspart primary-badge - The "Primary method" label.
 * @csspart qr - The QR code in the enrollment wizards.
 * @csspart activation-password - Entrust's activation password.
 * @cssproperty [--tfa-color-accent=#0b5cad] - Buttons, links, focus ring (and the other `--tfa-*` tokens).
 */
export class TfaSettings extends TfaSettingsElement {
  static override lightStyles = [sharedStyles, settingsStyles];

  static override properties = {
    editing: { type: Boolean, reflect: true },
    _methods: { state: true },
    _loadError: { state: true },
  };

  /** Level of the "Personal settings" heading (2-3); sections are one level below. */
  override headingLevel = 2;
  /** Shows the controls to reorder, remove and add methods (the "Edit" button toggles it). */
  editing = false;

  private _methods?: Method[];
  private _loadError?: StepError;

  readonly #ids = uid('tfa-settings');
  readonly #loading = new LoadController(this);
  #loadedFor?: string;

  constructor() {
    super();
    this.addEventListener('tfa-session-change', (e: TfaSessionChangeEvent) => {
      this.session = e.session;
    });
    this.addEventListener('tfa-methods-change', (e: TfaMethodsChangeEvent) => {
      this._methods = e.methods;
    });
  }

  /** The methods as last read from the server. */
  get methods(): Method[] | undefined {
    return this._methods;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // A step-up renews the session of the same person: only a different user means a reload.
    const user = this.session?.user.username;
    if (changed.has('session') && this.session && user !== this.#loadedFor) {
      this.#loadedFor = user;
      this._methods = undefined;
      void this.reload();
    }
  }

  /** Reads the methods from the server again. */
  async reload(): Promise<void> {
    if (!this.session) return;
    this._loadError = undefined;
    await this.#loading.listMethods(this, this.session.token, (methods) => (this._methods = methods), (error) => (this._loadError = error));
  }

  async #onContactChange(): Promise<void> {
    // A new mobile number may add or change the SMS method: show the server's list.
    const before = JSON.stringify(this._methods?.map((m) => [m.id, m.maskedTarget]));
    await this.reload();
    if (this._methods && JSON.stringify(this._methods.map((m) => [m.id, m.maskedTarget])) !== before) {
      this.dispatchEvent(new TfaMethodsChangeEvent(this._methods, 'contact'));
    }
  }

  /** "Try again" after a failed load: the methods, and the contact details if they failed too. */
  #retry(): void {
    void this.reload();
    const contact = this.querySelector('tfa-contact-details');
    if (contact && !contact.contact) void contact.reload();
  }

  #toggleEditing(): void {
    this.editing = !this.editing;
  }

  #renderTwoFactor(level: number) {
    const methods = this._methods;
    return html`<section class="tfa-settings-section" aria-labelledby="${this.#ids}-tfa">
      <div class="tfa-settings-section-head">
        ${heading(level, `${this.#ids}-tfa`, msg('Two-factor login', { id: 'settings.twoFactorHeading' }))}
        <button
          type="button"
          data-edit
          aria-expanded=${this.editing ? 'true' : 'false'}
          aria-controls="${this.#ids}-tfa-body"
          @click=${this.#toggleEditing}
        >${this.editing ? msg('Done', { id: 'settings.doneEditing' }) : msg('Edit', { id: 'settings.edit' })}</button>
      </div>
      <p class="tfa-recommend">
        ${methods && methods.length < 2
          ? msg('You have only one authentication method. We recommend that you always have more than one, so you can still log in if you lose your phone.', { id: 'settings.recommendOnlyOne' })
          : msg('We recommend that you always have more than one authentication method.', { id: 'settings.recommend' })}
      </p>
      <div id="${this.#ids}-tfa-body" class="tfa">
        ${methods
          ? html`<tfa-method-list
              api-base=${this.apiBase}
              .fetchImpl=${this.fetchImpl}
              .session=${this.session}
              .methods=${methods}
              ?editing=${this.editing}
              heading-level=${level + 1}
            ></tfa-method-list>`
          : this._loadError
            ? html`<p class="tfa-error" role="alert">${settingsErrorMessage(this._loadError.code, { retryAfter: this._loadError.retryAfter })}</p>
                <div class="tfa-actions"><button type="button" @click=${this.#retry}>${msg('Try again', { id: 'methods.retryLoad' })}</button></div>`
            : html`<p class="tfa-muted">${msg('Loading your methods…', { id: 'methods.loading' })}</p>`}
        ${this.editing && methods
          ? html`<tfa-add-method
              api-base=${this.apiBase}
              .fetchImpl=${this.fetchImpl}
              .session=${this.session}
              .methods=${methods}
              heading-level=${level + 1}
            ></tfa-add-method>`
          : nothing}
      </div>
    </section>`;
  }

  override render() {
    const level = this.headingLevel;
    return html`<div class="tfa tfa-settings">
      ${heading(level, `${this.#ids}-heading`, msg('Personal settings', { id: 'settings.heading' }))}
      ${this.session
        ? html`${this.#renderTwoFactor(level + 1)}
            <div class="tfa-settings-section">
              <tfa-contact-details
                api-base=${this.apiBase}
                .fetchImpl=${this.fetchImpl}
                .session=${this.session}
                heading-level=${level + 1}
                ?quiet-offline=${this._loadError?.code === 'network_error'}
                @tfa-contact-change=${this.#onContactChange}
              ></tfa-contact-details>
            </div>`
        : html`<p>${msg('Log in to see your personal settings.', { id: 'settings.signedOut' })}</p>`}
    </div>`;
  }
}
