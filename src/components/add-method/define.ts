import { define } from '../../internal/define.js';
import '../settings/lazy-parts.js';
import { TfaAddMethod } from './add-method.js';

define('tfa-add-method', TfaAddMethod);

declare global {
  interface HTMLElementTagNameMap {
    'tfa-add-method': TfaAddMethod;
  }
}
