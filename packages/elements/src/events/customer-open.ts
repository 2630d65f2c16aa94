/** The customer a person chose to open. */
export interface LensCustomerOpenDetail {
  /** The customer's id, as in the data. */
  readonly customerId: string;
  /** Display name, when the data has one. */
  readonly name?: string;
  /** Position of the row in the widget's current (filtered, sorted) list, 0-based. */
  readonly index: number;
}

/** A customer was activated (click, Enter or Space): the host page opens its record. */
export class LensCustomerOpenEvent extends Event {
  static readonly eventName = 'lens-customer-open';
  constructor(readonly detail: LensCustomerOpenDetail) {
    super(LensCustomerOpenEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lens-customer-open': LensCustomerOpenEvent;
  }
}
