import type { LensPeriod } from '../kpis/period.js';

/** The cohort × periods-since cell a person chose (all null but `period` when the selection was cleared). */
export interface LensCohortSelectDetail {
  /** The calendar period of the matrix: `month`, `quarter`, `year` or `week`. */
  readonly period: LensPeriod;
  /** The cohort's label (the period of its customers' first purchase: `1997-01`, `1997-Q1`, `1997`, `1997-01-06`). */
  readonly cohort: string | null;
  /** Start of the cohort's period, epoch ms (UTC midnight). */
  readonly cohortStart: number | null;
  /** Periods since the first purchase (the column: 0 = the cohort's own period). */
  readonly periodsSince: number | null;
  /** The calendar period of the cell (cohort + periods since), as a label like `cohort`. */
  readonly periodLabel: string | null;
  /** Start of the cell's calendar period, epoch ms (UTC midnight). */
  readonly periodStart: number | null;
  /** Customers in the cohort. */
  readonly customers: number | null;
  /** Of them, customers with an order in the cell's period. */
  readonly active: number | null;
  /** `active / customers` (the engine's `retention`). */
  readonly retention: number | null;
}

/** A cohort-retention cell was selected (or the selection cleared). */
export class LensCohortSelectEvent extends Event {
  static readonly eventName = 'lens-cohort-select';
  constructor(readonly detail: LensCohortSelectDetail) {
    super(LensCohortSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lens-cohort-select': LensCohortSelectEvent;
  }
}
