import type { ContactDetails } from '../../internal/contract.js';

/** `tfa-contact-change`: the mobile number was changed (after the code sent to it was entered). */
export class TfaContactChangeEvent extends Event {
  static readonly eventName = 'tfa-contact-change';
  readonly contact: ContactDetails;

  constructor(contact: ContactDetails) {
    super(TfaContactChangeEvent.eventName, { bubbles: true, composed: true });
    this.contact = contact;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tfa-contact-change': TfaContactChangeEvent;
  }
}
