import type { Method } from '../../internal/contract.js';

/** Why the list of methods changed. */
export type MethodsChangeReason = 'reorder' | 'remove' | 'add' | 'contact';

/**
 * `tfa-methods-change`: the signed-in user's list of methods changed (reordered, a method
 * removed or added). `methods` is the server's list after the change, primary first.
 */
export class TfaMethodsChangeEvent extends Event {
  static readonly eventName = 'tfa-methods-change';
  readonly methods: Method[];
  readonly reason: MethodsChangeReason;

  constructor(methods: Method[], reason: MethodsChangeReason) {
    super(TfaMethodsChangeEvent.eventName, { bubbles: true, composed: true });
    this.methods = methods;
    this.reason = reason;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tfa-methods-change': TfaMethodsChangeEvent;
  }
}
