import { define } from '../../internal/define.js';
import { TfaPushWait } from './push-wait.js';

define('tfa-push-wait', TfaPushWait);

declare global {
  interface HTMLElementTagNameMap {
    'tfa-push-wait': TfaPushWait;
  }
}
