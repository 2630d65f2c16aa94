import type { CustomerColumns } from '@crm-lens/engine';

/** The R × F cell a person chose, and every customer in it. */
export interface LensCellSelectDetail {
  /** Recency score (1…n), or null when the selection was cleared. */
  readonly r: number | null;
  /** Frequency score (1…n), or null when the selection was cleared. */
  readonly f: number | null;
  /**
   * The RFM segments whose R and F ranges cover the cell (core's names, in segment-map order), or the fallback
   * `['Others']` when none does; empty when the selection was cleared. Each customer's own segment (which
   * also depends on M) is in `customers.columns.segment`.
   */
  readonly segmentNames: readonly string[];
  /**
   * Every customer in the cell, fetched from the engine (the engine's `CustomerColumns`, in customer-code
   * order): `ids`, the customer codes `index`, `names` when the data has them, and the columns `r`, `f`, `m`,
   * `segment` (codes into `labels.segment`), `recencyDays`, `frequency`, `monetary`. Empty when cleared.
   */
  readonly customers: CustomerColumns;
}

/** An RFM heatmap cell was selected (or the selection cleared). */
export class LensCellSelectEvent extends Event {
  static readonly eventName = 'lens-cell-select';
  constructor(readonly detail: LensCellSelectDetail) {
    super(LensCellSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lens-cell-select': LensCellSelectEvent;
  }
}
