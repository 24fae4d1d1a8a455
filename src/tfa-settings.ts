/**
 * The settings entry: registers `<tfa-settings>` ("Personal settings") and the elements it
 * renders. The enrollment wizards (and `qrcode`) are loaded only when a person adds a method;
 * `<tfa-login>` only when a change needs "Confirm it's you" and the page has not loaded it.
 *
 *   <script type="module" src=".../tfa-settings.js"></script>
 *   <tfa-settings api-base="/api"></tfa-settings>   (then set `.session` from `tfa-login-success`)
 */
import './components/settings/lazy-parts.js';
import './components/settings/define.js';
import './components/method-list/define.js';
import './components/add-method/define.js';
import './components/contact-details/define.js';

export * from './components/settings/exports.js';
