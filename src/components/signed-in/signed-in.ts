import { msg } from '@lit/localize';
import { html } from 'lit';
import { TfaActionEvent } from '../../events/action-event.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { heading } from '../../internal/heading.js';
import { TfaElement } from '../../internal/tfa-element.js';
import { signedInStyles } from './signed-in.styles.js';

let instances = 0;

/**
 * @summary The signed-in state of `<tfa-login>`: "You are signed in as …" and "Log out".
 *
 * @event tfa-action - Internal, for `<tfa-login>`: `logout`.
 *
 * @csspart signed-in - The section.
 * @csspart heading - The heading.
 * @csspart logout - The "Log out" button.
 */
export class TfaSignedInElement extends TfaElement {
  static override lightStyles = [sharedStyles, signedInStyles];

  static override properties = {
    displayName: { attribute: 'display-name' },
    busy: { type: Boolean, reflect: true },
  };

  /** The name shown ("You are signed in as Anna Andersen"). */
  displayName = '';

  /** True while signing out: further clicks are ignored. */
  busy = false;

  readonly #id = `tfa-signed-in-${++instances}`;

  /** Moves focus to the heading. */
  override focus(options?: FocusOptions): void {
    this.querySelector<HTMLElement>(`#${this.#id}-heading`)?.focus(options);
  }

  #onLogout(): void {
    if (this.busy) return;
    this.dispatchEvent(new TfaActionEvent({ type: 'logout' }));
  }

  override render() {
    const id = this.#id;
    const name = html`<span class="tfa-signed-in-name">${this.displayName}</span>`;
    return html`<section class="tfa tfa-signed-in" part="signed-in" aria-labelledby="${id}-heading">
      ${heading(this.headingLevel, `${id}-heading`, msg(html`You are signed in as ${name}`, { id: 'login.signed_in' }))}
      <div class="tfa-actions">
        <button type="button" class="tfa-primary" part="logout" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.#onLogout}>
          ${msg('Log out', { id: 'login.logout' })}
        </button>
      </div>
    </section>`;
  }
}
