/**
 * The whole widget: the sign-in (`<tfa-login>` and every step it shows) and the settings
 * (`<tfa-settings>`, whose enrollment wizards and `qrcode` stay lazily loaded chunks).
 *
 *   import 'tfa-login-widget';                 // registers every element
 *   import 'tfa-login-widget/login';           // only the sign-in (smaller)
 *
 * This is the package's entry module, not a barrel inside the library: the library's own
 * modules import each other directly.
 */
export * from './tfa-login.js';
export * from './tfa-settings.js';
export { TfaLoginFormElement } from './components/login-form/login-form.js';
export { TfaOtpEntryElement } from './components/otp-entry/otp-entry.js';
export { TfaSignedInElement } from './components/signed-in/signed-in.js';
export { TfaPushWait } from './components/push-wait/push-wait.js';
export { TfaDevicePicker } from './components/device-picker/device-picker.js';
export { TfaForgotDevice } from './components/forgot-device/forgot-device.js';
export type { Session, Method, MethodKind, MethodProduct, Transaction, ErrorCode, Problem } from './internal/contract.js';
