import { define } from '../../internal/define.js';
import { TfaOtpEntryElement } from './otp-entry.js';

define('tfa-otp-entry', TfaOtpEntryElement);

declare global {
  interface HTMLElementTagNameMap {
    'tfa-otp-entry': TfaOtpEntryElement;
  }
}
