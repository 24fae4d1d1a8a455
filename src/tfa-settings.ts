/**
 * The settings entry: registers `<tfa-settings>` ("Personal settings") and the elements it
 * renders. The enrollment wizards (and `qrcode`) are loaded only when a person adds a method;
 * `<tfa-login>` only when a change needs "Confirm it's you" and the page has not loaded it.
 *
 *   <script type="module" src=".../tfa-settings.js"></script>
 *   <tfa-settings api-base="/api"></tfa-settings>   (then set `.session` from `tfa-login-success`)
 */
import './components/settings/define.js';
import './components/method-list/define.js';
import './components/add-method/define.js';
import './components/contact-details/define.js';

export { TfaSettings } from './components/settings/settings.js';
export { TfaMethodList } from './components/method-list/method-list.js';
export { TfaAddMethod } from './components/add-method/add-method.js';
export { TfaContactDetails } from './components/contact-details/contact-details.js';
export { TfaMethodsChangeEvent } from './components/settings/methods-change-event.js';
export { TfaSessionChangeEvent } from './components/settings/session-change-event.js';
export { TfaContactChangeEvent } from './components/contact-details/contact-change-event.js';
export { TfaEnrollmentCloseEvent } from './components/add-method/enrollment-close-event.js';
export type { TfaTotpWizard } from './components/totp-wizard/totp-wizard.js';
export type { TfaAppEnroll } from './components/app-enroll/app-enroll.js';
