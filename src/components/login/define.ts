import { define } from '../../internal/define.js';
import '../login-form/define.js';
import '../otp-entry/define.js';
import '../signed-in/define.js';
import '../push-wait/define.js';
import '../device-picker/define.js';
import '../forgot-device/define.js';
import { TfaLoginElement } from './login.js';

define('tfa-login', TfaLoginElement);

declare global {
  interface HTMLElementTagNameMap {
    'tfa-login': TfaLoginElement;
  }
}
