import { define } from '../../internal/define.js';
import { TfaDevicePicker } from './device-picker.js';

define('tfa-device-picker', TfaDevicePicker);

declare global {
  interface HTMLElementTagNameMap {
    'tfa-device-picker': TfaDevicePicker;
  }
}
