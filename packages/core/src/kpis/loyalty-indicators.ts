import { type OccasionInput, type PeriodOptions, resolveOccasionsSteps } from '../cohorts/occasion-input.js';
import { type CalendarPeriod, periodLabel, periodOfDay, periodStartDay } from '../cohorts/periods.js';
import { quantileType7 } from '../rfm/quantile.js';
import { sortFloat64Work } from '../util/sort-work.js';
import { forChunks, runWork, type Work } from '../util/work.js';

const DAY_MS = 86_400_000;

/**
 * Loyalty indicators per calendar period, index `p` = the p-th period from the first purchase's (all arrays have
 * `length` entries). An "order" is a purchase occasion (by default one customer-day).
 */
export interface LoyaltySeries {
  readonly period: CalendarPeriod;
  readonly length: number;
  /** Start of each period, epoch ms (UTC midnight). */
  readonly start: Float64Array;
  /** Label of each period (`1997-01`, `1997-Q1`, `1997`, or a week's Monday). */
  readonly labels: readonly string[];
  /** Customers with at least one order in the period. */
  readonly activeCustomers: Int32Array;
  /** Customers whose first order is in the period. */
  readonly newCustomers: Int32Array;
  /** Active customers whose first order came earlier: `activeCustomers − newCustomers`. */
  readonly returningCustomers: Int32Array;
  /** Customers active both in the period and in the one before. */
  readonly retainedCustomers: Int32Array;
  /**
   * `retainedCustomers[p] / activeCustomers[p − 1]`: the share of the previous period's active customers who are
   * active again; NaN for the first period and after a period with no active customer.
   */
  readonly retentionRate: Float64Array;
  /** Orders in the period. */
  readonly orders: Int32Array;
  /**
   * Mean days between orders, over the repeat orders placed in the period: each order after a customer's first
   * contributes the days since that customer's previous order. NaN when the period has no repeat order.
   */
  readonly meanDaysBetweenOrders: Float64Array;
  /**
   * Repeat-purchase rate so far: of the customers with a first order on or before the period's end, the share with
   * at least two orders by then. Its last value is the overall {@link LoyaltyIndicators.repeatPurchaseRate}.
   */
  readonly repeatPurchaseRate: Float64Array;
}

/** Loyalty indicators of a customer base. */
export interface LoyaltyIndicators {
  /** Customers with at least one order on or before the last day. */
  readonly customers: number;
  /** Customers with at least two orders (repeat buyers). */
  readonly repeatCustomers: number;
  /** `repeatCustomers / customers` (NaN without customers). */
  readonly repeatPurchaseRate: number;
  /**
   * Average days between orders — the figure to show: the mean over repeat buyers of each one's mean interval
   * ((last order − first order) / (orders − 1), in days), so every repeat buyer counts once. NaN without repeat
   * buyers.
   */
  readonly averageDaysBetweenOrders: number;
  /** Median over repeat buyers of each one's mean interval, in days. */
  readonly medianDaysBetweenOrders: number;
  /**
   * Pooled mean interval: all intervals between consecutive orders of a customer, averaged together
   * (Σ (last − first) / Σ (orders − 1)); frequent buyers weigh more, so it is shorter than the average.
   */
  readonly pooledDaysBetweenOrders: number;
  /**
   * Retention over the whole span: Σ retained / Σ active in the period before, over all complete periods after the
   * first (a partial last period is left out: it would understate retention).
   */
  readonly retentionRate: number;
  readonly series: LoyaltySeries;
  /** The last UTC day counted, epoch ms (asOf's day, or the latest order's). */
  readonly lastDay: number;
  /** Whether the last period runs past the last day (its figures cover only part of it). */
  readonly partialLastPeriod: boolean;
}

/**
 * Loyalty indicators: repeat-purchase rate, retention rate per period, average days between orders, and their
 * series per calendar period (UTC months by default). Orders are purchase occasions as `purchaseOccasions` makes them
 * from a table (one per customer and UTC day, returns netted within the day), or as given.
 *
 * @param input a transaction table, or purchase occasions already grouped
 * @throws {RangeError} on an unknown period, a non-finite `asOf`, malformed occasions, or more than `MAX_PERIODS`
 *   periods between the first order and the last period
 */
export function loyaltyIndicators(input: OccasionInput, options: PeriodOptions = {}): LoyaltyIndicators {
  return runWork(loyaltyIndicatorsSteps(input, options));
}

/** Nominal cost per order of the pass. */
const ORDER_COST = 14;

/** {@link loyaltyIndicators} as cooperative work (see `Work`). Inputs are checked when it is first stepped. */
export function* loyaltyIndicatorsSteps(
  input: OccasionInput,
  options: PeriodOptions = {},
): Work<LoyaltyIndicators> {
  const r = yield* resolveOccasionsSteps(input, options);
  const { occasions, end, period, firstPeriod, lastPeriod, customers } = r;
  const n = Math.max(0, lastPeriod - firstPeriod + 1);
  const count: Count = {
    offsets: occasions.offsets,
    end,
    time: occasions.time,
    period,
    firstPeriod,
    active: new Int32Array(n),
    fresh: new Int32Array(n),
    retained: new Int32Array(n),
    orders: new Int32Array(n),
    gapSum: new Float64Array(n),
    gapCount: new Int32Array(n),
    becameRepeat: new Int32Array(n),
    intervals: new Float64Array(customers),
    repeat: 0,
    intervalSum: 0,
    spanSum: 0,
    gapTotal: 0,
  };
  const perCustomer = occasions.customerCount > 0 ? occasions.time.length / occasions.customerCount : 0;
  yield* forChunks(occasions.customerCount, 4 + ORDER_COST * perCustomer, countRange, count);
  const { active, fresh, retained, orders, gapSum, gapCount, becameRepeat, repeat } = count;

  const start = new Float64Array(n);
  const labels: string[] = [];
  const returning = new Int32Array(n);
  const retentionRate = new Float64Array(n);
  const meanDays = new Float64Array(n);
  const repeatRate = new Float64Array(n);
  let seen = 0;
  let repeatSeen = 0;
  let retainedSum = 0;
  let before = 0;
  const complete = r.partialLastPeriod ? n - 1 : n;
  for (let p = 0; p < n; p++) {
    start[p] = periodStartDay(firstPeriod + p, period) * DAY_MS;
    labels.push(periodLabel(firstPeriod + p, period));
    returning[p] = active[p]! - fresh[p]!;
    const previous = p > 0 ? active[p - 1]! : 0;
    retentionRate[p] = previous > 0 ? retained[p]! / previous : Number.NaN;
    if (p > 0 && p < complete) {
      retainedSum += retained[p]!;
      before += previous;
    }
    meanDays[p] = gapCount[p]! > 0 ? gapSum[p]! / gapCount[p]! : Number.NaN;
    seen += fresh[p]!;
    repeatSeen += becameRepeat[p]!;
    repeatRate[p] = seen > 0 ? repeatSeen / seen : Number.NaN;
  }
  const intervals = yield* sortFloat64Work(count.intervals.subarray(0, repeat));
  return {
    customers,
    repeatCustomers: repeat,
    repeatPurchaseRate: customers > 0 ? repeat / customers : Number.NaN,
    averageDaysBetweenOrders: repeat > 0 ? count.intervalSum / repeat : Number.NaN,
    medianDaysBetweenOrders: quantileType7(intervals, 0.5),
    pooledDaysBetweenOrders: count.gapTotal > 0 ? count.spanSum / count.gapTotal : Number.NaN,
    retentionRate: before > 0 ? retainedSum / before : Number.NaN,
    series: {
      period,
      length: n,
      start,
      labels,
      activeCustomers: active,
      newCustomers: fresh,
      returningCustomers: returning,
      retainedCustomers: retained,
      retentionRate,
      orders,
      meanDaysBetweenOrders: meanDays,
      repeatPurchaseRate: repeatRate,
    },
    lastDay: Number.isFinite(r.lastDay) ? r.lastDay * DAY_MS : Number.NaN,
    partialLastPeriod: r.partialLastPeriod,
  };
}

interface Count {
  readonly offsets: Int32Array;
  readonly end: Int32Array;
  readonly time: Float64Array;
  readonly period: CalendarPeriod;
  readonly firstPeriod: number;
  readonly active: Int32Array;
  /** New customers per period. */
  readonly fresh: Int32Array;
  readonly retained: Int32Array;
  readonly orders: Int32Array;
  readonly gapSum: Float64Array;
  readonly gapCount: Int32Array;
  /** Customers whose second order falls in the period. */
  readonly becameRepeat: Int32Array;
  /** Mean interval of each repeat buyer, in days (the first `repeat` entries). */
  readonly intervals: Float64Array;
  repeat: number;
  intervalSum: number;
  spanSum: number;
  gapTotal: number;
}

/** Customers `from … to − 1`: their orders by period, the periods they are active in, and their intervals. */
function countRange(s: Count, from: number, to: number): void {
  const { offsets, end, time, period, firstPeriod, active, fresh, retained, orders } = s;
  const { gapSum, gapCount, becameRepeat, intervals } = s;
  const dayMs = DAY_MS;
  let { repeat, intervalSum, spanSum, gapTotal } = s;
  for (let c = from; c < to; c++) {
    const first = offsets[c]!;
    const stop = end[c]!;
    const k = stop - first;
    if (k === 0) continue;
    let previous = Number.NaN;
    for (let o = first; o < stop; o++) {
      const p = periodOfDay(Math.floor(time[o]! / dayMs), period) - firstPeriod;
      orders[p]!++;
      if (o === first) fresh[p]!++;
      else {
        gapSum[p] = gapSum[p]! + (time[o]! - time[o - 1]!) / dayMs;
        gapCount[p]!++;
        if (o === first + 1) becameRepeat[p]!++;
      }
      if (p !== previous) {
        active[p]!++;
        if (p === previous + 1) retained[p]!++;
        previous = p;
      }
    }
    if (k >= 2) {
      const span = (time[stop - 1]! - time[first]!) / dayMs;
      const mean = span / (k - 1);
      intervals[repeat++] = mean;
      intervalSum += mean;
      spanSum += span;
      gapTotal += k - 1;
    }
  }
  s.repeat = repeat;
  s.intervalSum = intervalSum;
  s.spanSum = spanSum;
  s.gapTotal = gapTotal;
}
