import { type PurchaseOccasions, purchaseOccasionsSteps } from '../clv/occasions.js';
import type { TransactionTable } from '../schema/transactions.js';
import { forChunks, type Work } from '../util/work.js';
import { type CalendarPeriod, checkPeriod, periodOfDay, periodStartDay } from './periods.js';

const DAY_MS = 86_400_000;

/**
 * What cohorts and loyalty indicators read: a transaction table (grouped into day purchase occasions with
 * `purchaseOccasions`), or purchase occasions already made (`purchaseOccasions(table)`, or a summary's recorded
 * `occasions`).
 */
export type OccasionInput = TransactionTable | PurchaseOccasions;

/** Options shared by {@link cohortRetention} and `loyaltyIndicators`. */
export interface PeriodOptions {
  /** Calendar period (UTC), default `'month'`. */
  readonly period?: CalendarPeriod;
  /**
   * Analysis date, epoch ms: occasions on later UTC days are ignored, and the last period is the one holding this
   * day. Default: the day of the latest occasion.
   */
  readonly asOf?: number;
}

/** Occasions and options after checking. */
export interface ResolvedOccasions {
  readonly occasions: PurchaseOccasions;
  /** Per customer, the end of its occasions on or before the last day: they are `offsets[c] … end[c] − 1`. */
  readonly end: Int32Array;
  readonly period: CalendarPeriod;
  /** Last UTC day counted. */
  readonly lastDay: number;
  /** Index of the first period holding an occasion, and of the last period (asOf's, or the latest occasion's). */
  readonly firstPeriod: number;
  readonly lastPeriod: number;
  /** Whether the last period runs past the last day counted (a period seen only in part). */
  readonly partialLastPeriod: boolean;
  /** Customers with at least one occasion on or before the last day. */
  readonly customers: number;
}

/** The most periods a series may span: the cohort matrix holds periods² cells. */
export const MAX_PERIODS = 2000;

/** Checks the input, groups a table into occasions, and finds the periods spanned. */
export function* resolveOccasionsSteps(
  input: OccasionInput,
  options: PeriodOptions,
): Work<ResolvedOccasions> {
  const period = checkPeriod(options.period ?? 'month');
  const { asOf } = options;
  if (asOf !== undefined && !Number.isFinite(asOf)) {
    throw new RangeError(`asOf must be a finite epoch-millisecond number, got ${String(asOf)}`);
  }
  const occasions = 'kind' in input ? yield* purchaseOccasionsSteps(input) : input;
  const { offsets, time, customerCount } = occasions;
  if (offsets.length !== customerCount + 1 || offsets[customerCount] !== time.length) {
    throw new RangeError('occasions: offsets must have customerCount + 1 entries and end at time.length');
  }
  const asOfDay = asOf === undefined ? Number.POSITIVE_INFINITY : Math.floor(asOf / DAY_MS);
  // Each customer's occasions are in time order: the first one and the last one on or before asOf's day.
  const span: Span = {
    offsets,
    time,
    asOfDay,
    end: new Int32Array(customerCount),
    firstDay: Number.POSITIVE_INFINITY,
    latestDay: Number.NEGATIVE_INFINITY,
    customers: 0,
  };
  yield* forChunks(customerCount, SPAN_COST, spanRange, span);
  const { end, firstDay, latestDay, customers } = span;
  const lastDay = asOf === undefined ? latestDay : asOfDay;
  if (customers === 0) {
    const p = Number.isFinite(lastDay) ? periodOfDay(lastDay, period) : 0;
    return {
      occasions,
      end,
      period,
      lastDay,
      firstPeriod: p,
      lastPeriod: p - 1,
      partialLastPeriod: false,
      customers,
    };
  }
  const firstPeriod = periodOfDay(firstDay, period);
  const lastPeriod = periodOfDay(lastDay, period);
  if (lastPeriod - firstPeriod + 1 > MAX_PERIODS) {
    throw new RangeError(
      `the occasions span ${lastPeriod - firstPeriod + 1} ${period}s, more than ${MAX_PERIODS}: check the dates`,
    );
  }
  const partialLastPeriod = periodStartDay(lastPeriod + 1, period) - 1 > lastDay;
  return { occasions, end, period, lastDay, firstPeriod, lastPeriod, partialLastPeriod, customers };
}

/** Nominal cost per customer of the span pass. */
const SPAN_COST = 6;

interface Span {
  readonly offsets: Int32Array;
  readonly time: Float64Array;
  readonly asOfDay: number;
  readonly end: Int32Array;
  firstDay: number;
  latestDay: number;
  customers: number;
}

function spanRange(s: Span, from: number, to: number): void {
  const { offsets, time, asOfDay, end } = s;
  const dayMs = DAY_MS;
  let { firstDay, latestDay, customers } = s;
  for (let c = from; c < to; c++) {
    const start = offsets[c]!;
    let stop = offsets[c + 1]!;
    while (stop > start && Math.floor(time[stop - 1]! / dayMs) > asOfDay) stop--;
    end[c] = stop;
    if (stop === start) continue;
    customers++;
    const first = Math.floor(time[start]! / dayMs);
    const last = Math.floor(time[stop - 1]! / dayMs);
    if (first < firstDay) firstDay = first;
    if (last > latestDay) latestDay = last;
  }
  s.firstDay = firstDay;
  s.latestDay = latestDay;
  s.customers = customers;
}
