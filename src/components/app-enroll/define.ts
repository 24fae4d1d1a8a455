import { define } from '../../internal/define.js';
import '../settings/lazy-parts.js';
import { TfaAppEnroll } from './app-enroll.js';

define('tfa-app-enroll', TfaAppEnroll);

declare global {
  interface HTMLElementTagNameMap {
    'tfa-app-enroll': TfaAppEnroll;
  }
}
