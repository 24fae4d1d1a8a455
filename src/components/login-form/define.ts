import { define } from '../../internal/define.js';
import { TfaLoginFormElement } from './login-form.js';

define('tfa-login-form', TfaLoginFormElement);

declare global {
  interface HTMLElementTagNameMap {
    'tfa-login-form': TfaLoginFormElement;
  }
}
