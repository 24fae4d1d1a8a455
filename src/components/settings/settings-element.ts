import type { PropertyDeclarations } from 'lit';
import type { Session } from '../../internal/contract.js';
import { TfaElement } from '../../internal/tfa-element.js';
import { settingsLang } from './texts.js';

/**
 * What every settings element shares: the backend it talks to, the signed-in session, and the
 * settings' own texts (registered with {@link settingsLang}, so a page with only the sign-in
 * never downloads them).
 */
export class TfaSettingsElement extends TfaElement {
  static override properties: PropertyDeclarations = {
    apiBase: { attribute: 'api-base' },
    fetchImpl: { attribute: false },
    session: { attribute: false },
  };

  /** Base URL of the backend. */
  apiBase = '/api';
  /** A `fetch` to use instead of the global one (stories, tests, an instrumented fetch). */
  fetchImpl?: typeof fetch;
  /** The signed-in session (`tfa-login-success`'s `event.session`). */
  session?: Session;

  constructor() {
    super();
    settingsLang(this);
  }
}
