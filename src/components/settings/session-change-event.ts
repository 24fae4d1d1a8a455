import type { Session } from '../../internal/contract.js';

/**
 * `tfa-session-change`: the person confirmed it is them again (step-up), so the session was
 * renewed (fresh `authenticatedAt`, possibly a new token). Hosts that keep the session (the
 * portal, `<tfa-settings>`) should take `session` from here.
 */
export class TfaSessionChangeEvent extends Event {
  static readonly eventName = 'tfa-session-change';
  readonly session: Session;

  constructor(session: Session) {
    super(TfaSessionChangeEvent.eventName, { bubbles: true, composed: true });
    this.session = session;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tfa-session-change': TfaSessionChangeEvent;
  }
}
