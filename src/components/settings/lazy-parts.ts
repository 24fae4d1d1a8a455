/**
 * Side effect: the settings fetch `<tfa-login>` and the enrollment wizards on first use (see
 * `parts.ts`). Imported by the settings entry and the define modules of the settings elements;
 * the whole-widget entry does not import it (it defines everything up front).
 */
import { registerPartLoader } from './parts.js';

registerPartLoader('tfa-login', () => import('../../tfa-login.js'));
registerPartLoader('tfa-totp-wizard', () => import('../totp-wizard/define.js'));
registerPartLoader('tfa-app-enroll', () => import('../app-enroll/define.js'));
