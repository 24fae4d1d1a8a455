import type { PropertyDeclarations } from 'lit';
import type { Session } from '../../internal/contract.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { TfaElement } from '../../internal/tfa-element.js';
import { enrollStyles } from '../totp-wizard/totp-wizard.styles.js';
import { stepUpStyles } from './ui.js';

/** What the enrollment elements (`<tfa-totp-wizard>`, `<tfa-app-enroll>`) share: their styles, the backend and the session. */
export class TfaEnrollElement extends TfaElement {
  static override lightStyles = [sharedStyles, stepUpStyles, enrollStyles];

  static override properties: PropertyDeclarations = {
    apiBase: { attribute: 'api-base' },
    fetchImpl: { attribute: false },
    session: { attribute: false },
  };

  /** Base URL of the backend. */
  apiBase = '/api';
  /** A `fetch` to use instead of the global one (stories, tests, an instrumented fetch). */
  fetchImpl?: typeof fetch;
  /** The signed-in session. */
  session?: Session;
}
