/** A value-pyramid tier. */
export type LensTier = 'platinum' | 'gold' | 'iron' | 'lead';

/** The tier a person chose. */
export interface LensTierSelectDetail {
  /** The tier, or null when the selection was cleared. */
  readonly tier: LensTier | null;
  /** Customers in the tier (from the scoring summary). */
  readonly customers: number;
}

/** A value-pyramid tier was selected (or the selection cleared). */
export class LensTierSelectEvent extends Event {
  static readonly eventName = 'lens-tier-select';
  constructor(readonly detail: LensTierSelectDetail) {
    super(LensTierSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lens-tier-select': LensTierSelectEvent;
  }
}
