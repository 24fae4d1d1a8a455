/**
 * Internal: what a step element asks `<tfa-login>` to do. Step elements are presentational
 * (data in through properties, wishes out through this one event); `<tfa-login>` owns the
 * flow and the calls to the server. Not part of the public API.
 */
export type TfaAction =
  | { type: 'submit-credentials'; username: string; password?: string }
  | { type: 'submit-code'; code: string }
  | { type: 'resend' }
  | { type: 'change-device' }
  | { type: 'choose-method'; methodId: string }
  | { type: 'close-picker' }
  | { type: 'retry-push' }
  | { type: 'forgot-device' }
  | { type: 'send-recovery' }
  | { type: 'restart' }
  | { type: 'logout' };

export class TfaActionEvent extends Event {
  static readonly eventName = 'tfa-action';
  readonly action: TfaAction;

  constructor(action: TfaAction) {
    super(TfaActionEvent.eventName, { bubbles: true, composed: true });
    this.action = action;
  }
}

declare global {
  interface HTMLElementEventMap {
    'tfa-action': TfaActionEvent;
  }
}
