import { define } from '../../internal/define.js';
import '../settings/lazy-parts.js';
import { TfaTotpWizard } from './totp-wizard.js';

define('tfa-totp-wizard', TfaTotpWizard);

declare global {
  interface HTMLElementTagNameMap {
    'tfa-totp-wizard': TfaTotpWizard;
  }
}
