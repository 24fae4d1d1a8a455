import { msg } from '@lit/localize';
import { errorMessage } from '../../internal/messages.js';

/**
 * {@link errorMessage} plus the codes only the settings' calls answer (step-up, removing methods,
 * enrollments, the mobile number): the sign-in never receives them, so neither its code nor its
 * Danish texts carry these messages.
 */
export function settingsErrorMessage(code: string, opts: { retryAfter?: number; attemptsLeft?: number } = {}): string {
  switch (code) {
    case 'step_up_required':
      return msg('Confirm it is you before making this change.', { id: 'errors.step_up_required' });
    case 'email_not_removable':
      return msg('Email cannot be removed. Ask your administrator to change your email address.', { id: 'errors.email_not_removable' });
    case 'last_method':
      return msg('Your last method cannot be removed. Add another method first.', { id: 'errors.last_method' });
    case 'method_not_removable':
      return msg('This method cannot be removed.', { id: 'errors.method_not_removable' });
    case 'method_exists':
      return msg('You already have this method.', { id: 'errors.method_exists' });
    case 'enrollment_not_found':
      return msg('This setup is no longer active. Start again.', { id: 'errors.enrollment_not_found' });
    case 'enrollment_pending':
      return msg('The app has not finished setting up yet.', { id: 'errors.enrollment_pending' });
    case 'invalid_phone':
      return msg('Enter a valid mobile number, for example +45 20 12 34 56.', { id: 'errors.invalid_phone' });
    default:
      return errorMessage(code, opts);
  }
}
