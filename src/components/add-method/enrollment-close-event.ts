/**
 * `tfa-enrollment-close`: an enrollment wizard (`<tfa-totp-wizard>`, `<tfa-app-enroll>`) is
 * finished: `done` after the method was added and the person pressed OK, `cancel` after the
 * pending enrollment was deleted.
 */
export class TfaEnrollmentCloseEvent extends Event {
  static readonly eventName = 'tfa-enrollment-close';
  readonly reason: 'done' | 'cancel';

  constructor(reason: 'done' | 'cancel') {
    super(TfaEnrollmentCloseEvent.eventName, { bubbles: true, composed: true });
    this.reason = reason;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tfa-enrollment-close': TfaEnrollmentCloseEvent;
  }
}
