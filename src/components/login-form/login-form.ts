import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { TfaActionEvent } from '../../events/action-event.js';
import type { LoginFlow } from '../../internal/flow-controller.js';
import { errorMessage } from '../../internal/messages.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import type { StepError } from '../../internal/step-error.js';
import { heading } from '../../internal/heading.js';
import { TfaElement } from '../../internal/tfa-element.js';
import { loginFormStyles } from './login-form.styles.js';
import { checkingText, logInText, nextText } from '../../internal/texts.js';

let instances = 0;

/**
 * @summary The first factor: Username and Password ("Log in"), or Username only ("Next") for an
 * identifier-first portal. A real `<form>` in the light DOM so password managers fill it.
 *
 * Checks that the fields are filled before asking; server errors (`invalid_credentials`,
 * `locked_out`, network) are shown under the fields, linked with `aria-describedby` and
 * announced. What the person typed stays after an error.
 *
 * @event tfa-action - Internal: `{ type: 'submit-credentials', username, password? }` for `<tfa-login>`.
 *
 * @csspart login-form - The section around the form.
 * @csspart heading - The heading.
 * @csspart submit - The "Log in" / "Next" button.
 * @csspart error - The server error message.
 */
export class TfaLoginFormElement extends TfaElement {
  static override lightStyles = [sharedStyles, loginFormStyles];

  static override properties = {
    flow: {},
    username: {},
    busy: { type: Boolean, reflect: true },
    error: { attribute: false },
    _username: { state: true },
    _password: { state: true },
    _missing: { state: true },
  };

  /** `password`: Username + Password, "Log in". `identifier-first`: Username, "Next". */
  flow: LoginFlow = 'password';

  /** Initial username (kept by `<tfa-login>` when the person starts again). */
  username = '';

  /** True while the credentials are being checked: further submits are ignored. */
  busy = false;

  /** The server's answer to the last attempt, or null. */
  error: StepError | null = null;

  private _username = '';
  private _password = '';
  private _missing: { username?: boolean; password?: boolean } = {};

  readonly #id = `tfa-login-form-${++instances}`;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('username')) this._username = this.username;
    if (changed.has('flow') && this.flow !== 'identifier-first' && this.flow !== 'password') this.flow = 'password';
  }

  /** Moves focus to the first field (or the first empty one). */
  override focus(options?: FocusOptions): void {
    const target =
      (!this._username ? this.#input('username') : this.flow === 'password' ? this.#input('password') : undefined) ??
      this.#input('username');
    target?.focus(options);
  }

  #input(name: 'username' | 'password'): HTMLInputElement | null {
    return this.querySelector<HTMLInputElement>(`#${this.#id}-${name}`);
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy) return;
    const username = this._username.trim();
    const needsPassword = this.flow === 'password';
    const missing = { username: !username, password: needsPassword && !this._password };
    this._missing = missing;
    if (missing.username || missing.password) {
      void this.updateComplete.then(() => this.#input(missing.username ? 'username' : 'password')?.focus());
      return;
    }
    this.dispatchEvent(
      new TfaActionEvent(
        needsPassword ? { type: 'submit-credentials', username, password: this._password } : { type: 'submit-credentials', username },
      ),
    );
  }

  #onInput(name: 'username' | 'password', event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if (name === 'username') this._username = value;
    else this._password = value;
    if (this._missing[name] && value) this._missing = { ...this._missing, [name]: false };
  }

  /**
   * The Username or Password field: `autocomplete` `username` / `current-password` for password
   * managers; invalid while empty after a submit or after `invalid_credentials`, described by its
   * own error and the form's.
   */
  #field(name: 'username' | 'password', label: string, requiredText: string, badCredentials: boolean, formError: boolean) {
    const id = `${this.#id}-${name}`;
    const missing = this._missing[name];
    const describedBy = [missing ? `${id}-error` : '', formError ? `${this.#id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="tfa-field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        name=${name}
        type=${name === 'password' ? 'password' : 'text'}
        autocomplete=${name === 'password' ? 'current-password' : 'username'}
        autocapitalize="none"
        spellcheck="false"
        required
        aria-invalid=${missing || badCredentials ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        .value=${name === 'password' ? this._password : this._username}
        @input=${(e: Event) => this.#onInput(name, e)}
      />
      <p id="${id}-error" class="tfa-error">${missing ? requiredText : ''}</p>
    </div>`;
  }

  override render() {
    const id = this.#id;
    const isPassword = this.flow === 'password';
    const serverError = this.error ? errorMessage(this.error.code, this.error) : '';
    const badCredentials = this.error?.code === 'invalid_credentials';

    return html`
      <section class="tfa tfa-login-form" part="login-form" aria-labelledby="${id}-heading">
        ${heading(this.headingLevel, `${id}-heading`, logInText())}
        <form novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#onSubmit}>
          ${this.#field('username', msg('Username', { id: 'form.username' }), msg('Enter your username.', { id: 'form.username_required' }), badCredentials, !!serverError)}
          ${isPassword
            ? this.#field('password', msg('Password', { id: 'form.password' }), msg('Enter your password.', { id: 'form.password_required' }), badCredentials, !!serverError)
            : nothing}
          <div id="${id}-error" class="tfa-error" part="error" role="alert">${serverError}</div>
          <div class="tfa-actions">
            <button type="submit" class="tfa-primary" part="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
              ${isPassword ? logInText() : nextText()}
            </button>
            <span class="tfa-muted tfa-busy" role="status">${this.busy ? checkingText() : ''}</span>
          </div>
        </form>
      </section>
    `;
  }
}
