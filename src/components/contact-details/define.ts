import { define } from '../../internal/define.js';
import '../settings/lazy-parts.js';
import { TfaContactDetails } from './contact-details.js';

define('tfa-contact-details', TfaContactDetails);

declare global {
  interface HTMLElementTagNameMap {
    'tfa-contact-details': TfaContactDetails;
  }
}
