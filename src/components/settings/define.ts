import { define } from '../../internal/define.js';
import './lazy-parts.js';
import '../add-method/define.js';
import '../contact-details/define.js';
import '../method-list/define.js';
import { TfaSettings } from './settings.js';

define('tfa-settings', TfaSettings);

declare global {
  interface HTMLElementTagNameMap {
    'tfa-settings': TfaSettings;
  }
}
