/** Fired by `<tfa-login>` after "Log out": the session token is gone from memory. */
export class TfaLogoutEvent extends Event {
  static readonly eventName = 'tfa-logout';

  constructor() {
    super(TfaLogoutEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tfa-logout': TfaLogoutEvent;
  }
}
