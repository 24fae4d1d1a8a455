import { sharedStyles } from '../../internal/shared.styles.js';
import { enrollStyles } from '../totp-wizard/totp-wizard.styles.js';
import { TfaSettingsElement } from './settings-element.js';
import { stepUpStyles } from './ui.js';

/** What the enrollment elements (`<tfa-totp-wizard>`, `<tfa-app-enroll>`) share besides the settings': their styles. */
export class TfaEnrollElement extends TfaSettingsElement {
  static override lightStyles = [sharedStyles, stepUpStyles, enrollStyles];
}
