/**
 * The sign-in entry: registers `<tfa-login>` and every element it renders.
 *
 *   <script type="module" src=".../tfa-login.js"></script>
 *   <tfa-login api-base="/api" lang="da"></tfa-login>
 */
import './components/login/define.js';
import './components/login-form/define.js';
import './components/otp-entry/define.js';
import './components/signed-in/define.js';
import './components/push-wait/define.js';
import './components/device-picker/define.js';
import './components/forgot-device/define.js';

export { TfaLoginElement } from './components/login/login.js';
export { TfaLoginSuccessEvent } from './events/login-success-event.js';
export { TfaLoginFailureEvent } from './events/login-failure-event.js';
export { TfaStepChangeEvent, type TfaLoginStep } from './events/step-change-event.js';
export { TfaLogoutEvent } from './events/logout-event.js';
