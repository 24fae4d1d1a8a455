import { define } from '../../internal/define.js';
import { TfaSettings } from './settings.js';

define('tfa-settings', TfaSettings);

declare global {
  interface HTMLElementTagNameMap {
    'tfa-settings': TfaSettings;
  }
}
