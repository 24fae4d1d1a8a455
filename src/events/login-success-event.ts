import type { Session } from '../internal/contract.js';

/**
 * Fired by `<tfa-login>` when the second factor has passed (or a step-up has finished).
 * `session` carries the new session token: keep it in memory, never in web storage.
 */
export class TfaLoginSuccessEvent extends Event {
  static readonly eventName = 'tfa-login-success';
  readonly session: Session;

  constructor(session: Session) {
    super(TfaLoginSuccessEvent.eventName, { bubbles: true, composed: true });
    this.session = session;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tfa-login-success': TfaLoginSuccessEvent;
  }
}
