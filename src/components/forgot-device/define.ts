import { define } from '../../internal/define.js';
import { TfaForgotDevice } from './forgot-device.js';

define('tfa-forgot-device', TfaForgotDevice);

declare global {
  interface HTMLElementTagNameMap {
    'tfa-forgot-device': TfaForgotDevice;
  }
}
