/**
 * What `<tfa-login>` shows: the credentials form, one of the server's steps, the device picker,
 * the "start again" panel after the transaction closed, or the signed-in state.
 */
export type TfaLoginStep =
  | 'credentials'
  | 'verify-code'
  | 'verify-totp'
  | 'push'
  | 'recovery-confirm'
  | 'device-picker'
  | 'ended'
  | 'signed-in';

/** Fired by `<tfa-login>` whenever what it shows changes to another step. */
export class TfaStepChangeEvent extends Event {
  static readonly eventName = 'tfa-step-change';
  readonly step: TfaLoginStep;

  constructor(step: TfaLoginStep) {
    super(TfaStepChangeEvent.eventName, { bubbles: true, composed: true });
    this.step = step;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tfa-step-change': TfaStepChangeEvent;
  }
}
