import { define } from '../../internal/define.js';
import { TfaSignedInElement } from './signed-in.js';

define('tfa-signed-in', TfaSignedInElement);

declare global {
  interface HTMLElementTagNameMap {
    'tfa-signed-in': TfaSignedInElement;
  }
}
