/**
 * What the settings entries export (classes, events, types). Free of side effects: the entries
 * decide how the elements are defined (`src/tfa-settings.ts` with lazily loaded parts,
 * `src/index.ts` all up front).
 */
export { TfaSettings } from './settings.js';
export { TfaMethodList } from '../method-list/method-list.js';
export { TfaAddMethod } from '../add-method/add-method.js';
export { TfaContactDetails } from '../contact-details/contact-details.js';
export { TfaMethodsChangeEvent } from './methods-change-event.js';
export { TfaSessionChangeEvent } from './session-change-event.js';
export { TfaContactChangeEvent } from '../contact-details/contact-change-event.js';
export { TfaEnrollmentCloseEvent } from '../add-method/enrollment-close-event.js';
// Types only: the settings entry loads the wizards on first use (the whole widget exports them).
export type { TfaTotpWizard } from '../totp-wizard/totp-wizard.js';
export type { TfaAppEnroll } from '../app-enroll/app-enroll.js';
