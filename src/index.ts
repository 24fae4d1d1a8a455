/**
 * The whole widget: the sign-in (`<tfa-login>` and every step it shows) and the settings
 * (`<tfa-settings>` with its enrollment wizards), defined up front so a bundler makes one chunk of
 * it; only `qrcode` (when a person adds an authenticator app) and the Danish texts load lazily.
 *
 *   import 'tfa-login-widget';                 // registers every element
 *   import 'tfa-login-widget/login';           // only the sign-in (smaller)
 *   import 'tfa-login-widget/settings';        // the settings; wizards and sign-in on first use
 *
 * This is the package's entry module, not a barrel inside the library: the library's own
 * modules import each other directly. It does not import the settings' define modules: they
 * register lazy loaders (`import()`), and a bundler splits everything they share into chunks.
 */
import { TfaAddMethod } from './components/add-method/add-method.js';
import { TfaAppEnroll } from './components/app-enroll/app-enroll.js';
import { TfaContactDetails } from './components/contact-details/contact-details.js';
import { TfaMethodList } from './components/method-list/method-list.js';
import { TfaSettings } from './components/settings/settings.js';
import { TfaTotpWizard } from './components/totp-wizard/totp-wizard.js';
import { define } from './internal/define.js';

define('tfa-settings', TfaSettings);
define('tfa-method-list', TfaMethodList);
define('tfa-add-method', TfaAddMethod);
define('tfa-contact-details', TfaContactDetails);
define('tfa-totp-wizard', TfaTotpWizard);
define('tfa-app-enroll', TfaAppEnroll);

export * from './tfa-login.js';
export * from './components/settings/exports.js';
export { TfaTotpWizard, TfaAppEnroll };
export { TfaLoginFormElement } from './components/login-form/login-form.js';
export { TfaOtpEntryElement } from './components/otp-entry/otp-entry.js';
export { TfaSignedInElement } from './components/signed-in/signed-in.js';
export { TfaPushWait } from './components/push-wait/push-wait.js';
export { TfaDevicePicker } from './components/device-picker/device-picker.js';
export { TfaForgotDevice } from './components/forgot-device/forgot-device.js';
export type { Session, Method, MethodKind, MethodProduct, Transaction, ErrorCode, Problem } from './internal/contract.js';
// The `HTMLElementTagNameMap` entries of the settings elements live in their define modules.
export type * from './components/settings/define.js';
export type * from './components/method-list/define.js';
export type * from './components/add-method/define.js';
export type * from './components/contact-details/define.js';
export type * from './components/totp-wizard/define.js';
export type * from './components/app-enroll/define.js';
