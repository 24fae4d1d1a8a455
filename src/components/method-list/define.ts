import { define } from '../../internal/define.js';
import '../settings/lazy-parts.js';
import { TfaMethodList } from './method-list.js';

define('tfa-method-list', TfaMethodList);

declare global {
  interface HTMLElementTagNameMap {
    'tfa-method-list': TfaMethodList;
  }
}
