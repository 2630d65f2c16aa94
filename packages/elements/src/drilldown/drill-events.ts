import type { DrillDimension, DrillFilter, DrillLevel } from './drilldown-model.js';

/** The period a drill went into (or back up to). */
export interface LensDrillPeriod {
  /** Its time level. */
  readonly level: DrillLevel;
  /** The engine's label of it: `2011`, `2011-Q2`, `2011-03`, `2011-W09`, `2011-03-04` (usable in a filter). */
  readonly label: string;
  /** Its start, epoch ms (UTC midnight; ISO weeks start on Monday). */
  readonly start: number;
}

/** Where the drill-down is after a drill into a period or a step back up. */
export interface LensDrillDetail {
  /** The time level the bars now show. */
  readonly level: DrillLevel;
  /** The filter now applied (the `filter` property): the drill path's time keys, plus any others the page set. */
  readonly filter: DrillFilter;
  /** The innermost period of the path (the one whose sub-periods the bars show); null back at the top. */
  readonly period: LensDrillPeriod | null;
}

/** A person drilled into a period of `<lens-drilldown>` (click, Enter, Space) or went back up (breadcrumbs, Backspace). */
export class LensDrillEvent extends Event {
  static readonly eventName = 'lens-drill';
  constructor(readonly detail: LensDrillDetail) {
    super(LensDrillEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The breakdown row a person activated. */
export interface LensDimensionSelectDetail {
  /** The breakdown key: `region`, `category`, `channel`, `product`, `tier`, `segment` or `churnBand`. */
  readonly dimension: DrillDimension;
  /**
   * The engine's label of the value (`United Kingdom`, `platinum`, `At Risk`, `high`, `(none)`): usable as a
   * filter value, `{ [dimension]: value }`.
   */
  readonly value: string;
  /** The value as shown (tier, band and segment names translated). */
  readonly label: string;
}

/** A breakdown row of `<lens-drilldown>` was activated (click, Enter, Space). */
export class LensDimensionSelectEvent extends Event {
  static readonly eventName = 'lens-dimension-select';
  constructor(readonly detail: LensDimensionSelectDetail) {
    super(LensDimensionSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lens-drill': LensDrillEvent;
    'lens-dimension-select': LensDimensionSelectEvent;
  }
}
