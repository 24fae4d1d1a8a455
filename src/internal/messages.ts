import { msg, str } from '@lit/localize';
import type { ClientErrorCode } from './api-client.js';
import type { ErrorCode, MethodProduct } from './contract.js';

/**
 * One message per server error code (and per client-side failure), so every problem the
 * contract defines reads the same wherever it appears. `retryAfter` (seconds) fills "wait N
 * seconds", `attemptsLeft` the attempts left after a wrong code: a `StepError` can be passed as is.
 * The codes only settings calls answer (method changes, enrollments, the mobile number) have their
 * messages in the settings (`settingsErrorMessage`), so the sign-in does not carry them.
 */
export function errorMessage(code: ErrorCode | ClientErrorCode | string, opts: { retryAfter?: number; attemptsLeft?: number } = {}): string {
  const seconds = opts.retryAfter ?? 0;
  switch (code) {
    case 'invalid_credentials':
      return msg('The username or password is not correct.', { id: 'errors.invalid_credentials' });
    case 'locked_out':
      return msg(str`Too many failed sign-ins. Try again in ${formatWait(seconds)}.`, { id: 'errors.locked_out' });
    case 'invalid_code':
      return opts.attemptsLeft !== undefined
        ? msg(str`That code is not correct. ${opts.attemptsLeft} attempts left.`, { id: 'errors.invalid_code_attempts' })
        : msg('That code is not correct.', { id: 'errors.invalid_code' });
    case 'code_expired':
      return msg('The code has expired. Send a new code.', { id: 'errors.code_expired' });
    case 'code_already_used':
      return msg('That code has already been used. Wait for the next code in your app.', { id: 'errors.code_already_used' });
    case 'too_many_attempts':
      return msg('Too many wrong codes. Start again to sign in.', { id: 'errors.too_many_attempts' });
    case 'resend_too_soon':
      return msg(str`You can send a new code in ${seconds} seconds.`, { id: 'errors.resend_too_soon' });
    case 'too_many_pushes':
      return msg('Too many requests to your phone. Choose another method or start again.', { id: 'errors.too_many_pushes' });
    case 'push_denied':
      return msg('The request was denied on your phone.', { id: 'errors.push_denied' });
    case 'push_expired':
      return msg('The request to your phone has expired.', { id: 'errors.push_expired' });
    case 'transaction_not_found':
    case 'transaction_expired':
      return msg('Your sign-in has timed out. Start again.', { id: 'errors.transaction_expired' });
    case 'wrong_step':
      return msg('This step is no longer active. Start again.', { id: 'errors.wrong_step' });
    case 'unauthenticated':
      return msg('Your session has ended. Sign in again.', { id: 'errors.unauthenticated' });
    case 'invalid_request':
      return msg('Check what you entered and try again.', { id: 'errors.invalid_request' });
    case 'network_error':
      return msg('No connection. Check your network and try again.', { id: 'errors.network_error' });
    case 'timeout':
      return msg('The server took too long to answer. Try again.', { id: 'errors.timeout' });
    case 'rate_limited':
      return msg(str`Too many requests. Try again in ${formatWait(seconds)}.`, { id: 'errors.rate_limited' });
    case 'bad_response':
      return msg('The server sent an answer we could not read. Try again.', { id: 'errors.bad_response' });
    case 'server_error':
      return msg('Something went wrong on our side. Try again in a moment.', { id: 'errors.server_error' });
    default:
      return msg('Something went wrong. Try again.', { id: 'errors.unknown' });
  }
}

/** "45 seconds" / "2 minutes", for waits. */
export function formatWait(seconds: number): string {
  if (seconds >= 90) {
    const minutes = Math.ceil(seconds / 60);
    return msg(str`${minutes} minutes`, { id: 'time.minutes' });
  }
  return msg(str`${seconds} seconds`, { id: 'time.seconds' });
}

/** The name people know a method by (glossary). */
export function productName(product: MethodProduct): string {
  switch (product) {
    case 'email':
      return msg('Email', { id: 'methods.email' });
    case 'sms':
      return msg('Text message (SMS)', { id: 'methods.sms' });
    case 'google-authenticator':
      return 'Google Authenticator';
    case 'microsoft-authenticator':
      return 'Microsoft Authenticator';
    case 'pingid':
      return 'PingID';
    case 'entrust-soft-token':
      return 'Entrust Soft Token';
  }
}
