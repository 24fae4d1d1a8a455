import { msg } from '@lit/localize';

/**
 * Words several elements show alike ("Cancel", "Change Device", ...): one message each, so the
 * English and the Danish text ship once and cannot drift apart between the steps.
 */
export const cancelText = () => msg('Cancel', { id: 'common.cancel' });
export const nextText = () => msg('Next', { id: 'common.next' });
export const logInText = () => msg('Log in', { id: 'common.log_in' });
export const checkingText = () => msg('Checking…', { id: 'common.checking' });
export const startAgainText = () => msg('Start again', { id: 'common.start_again' });
export const changeDeviceText = () => msg('Change Device', { id: 'common.change_device' });
export const forgotDeviceText = () => msg('Forgot your device?', { id: 'common.forgot_device' });
export const codeSentText = () => msg('A new code has been sent.', { id: 'common.code_sent' });
