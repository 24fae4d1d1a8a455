/**
 * Fired by `<tfa-login>` on every failed attempt: wrong credentials, a wrong or expired code,
 * a denied push, a lockout, a closed transaction, a network failure. `code` is the contract's
 * error code (or the client's `network_error` / `timeout` / `bad_response`).
 */
export class TfaLoginFailureEvent extends Event {
  static readonly eventName = 'tfa-login-failure';
  readonly code: string;

  constructor(code: string) {
    super(TfaLoginFailureEvent.eventName, { bubbles: true, composed: true });
    this.code = code;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tfa-login-failure': TfaLoginFailureEvent;
  }
}
