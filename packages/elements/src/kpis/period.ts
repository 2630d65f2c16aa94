import type { PeriodWire } from '@crm-lens/engine';

/** A calendar period (UTC) of the loyalty indicators and the cohort matrix, as written in `period`. */
export type LensPeriod = PeriodWire;

/** Every period, in the order the period select lists them. */
export const PERIODS: readonly LensPeriod[] = ['week', 'month', 'quarter', 'year'];

/** The period in use: `value` when it is one, else `month`. */
export function periodOf(value: unknown): LensPeriod {
  return PERIODS.includes(value as LensPeriod) ? (value as LensPeriod) : 'month';
}

/** An `as-of` attribute (`1998-06-30`, or any date `Date.parse` reads) as epoch ms, or undefined. */
export function parseAsOf(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

export interface LensPeriodChangeDetail {
  /** The period now shown. */
  readonly period: LensPeriod;
  /** The period shown before. */
  readonly previous: LensPeriod;
}

/** A person chose another calendar period in a widget's period select (`<lens-kpis>`, `<lens-cohort-retention>`). */
export class LensPeriodChangeEvent extends Event {
  static readonly eventName = 'lens-period-change';
  constructor(readonly detail: LensPeriodChangeDetail) {
    super(LensPeriodChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lens-period-change': LensPeriodChangeEvent;
  }
}
