import type { TransactionTable } from '../schema/transactions.js';
import { expectedPurchases, type PurchaseModel } from './model.js';
import { purchaseOccasions } from './occasions.js';
import { MS_PER_DAY, msPerUnit, type TimeUnit } from './time-units.js';

export interface TrackingOptions {
  readonly unit: TimeUnit;
  /** Calibration end (inclusive day when merging, as in {@link summarizeCalibration}). */
  readonly calibrationEnd: number;
  /** End of the tracking window (inclusive day when merging). */
  readonly observationEnd: number;
  readonly mergeSameDay?: boolean;
  /** Tracking period length in model units (default 1, e.g. weekly for a weekly model). */
  readonly periodLength?: number;
}

export interface CumulativeTracking {
  /** Epoch ms of period 0 (the start of the day of the earliest first purchase). */
  readonly origin: number;
  /** End of each period, in units since `origin`. */
  readonly periodEnd: Float64Array;
  /** Actual cumulative repeat purchase occasions by the end of each period. */
  readonly actual: Float64Array;
  /** Model-expected cumulative repeat purchases by the end of each period. */
  readonly expected: Float64Array;
  /** Number of periods in the calibration period (the rest are holdout). */
  readonly calibrationPeriods: number;
  /** Customers tracked (first purchase on or before the calibration end). */
  readonly customers: number;
}

/**
 * Cumulative repeat-purchase tracking across calibration and holdout (Fader, Hardie & Lee 2005, fig. 3): for the
 * customers acquired by the calibration end, actual repeat occasions summed by period against
 * Σ_i E[X(t − birth_i)] from the model's unconditional expectation.
 *
 * Time is measured from `origin` = earliest first-purchase day. A day-stamped occasion on day d counts in the period
 * containing d's start (offset d − origin < period end), so with weekly periods week 1 holds days 0–6, as in the
 * BTYD walkthrough. With day merging, the window ends after the (inclusive) observation-end day. Expected values
 * are computed once per distinct birth day, so the cost is periods × distinct births.
 */
export function cumulativeTracking(
  table: TransactionTable,
  model: PurchaseModel,
  options: TrackingOptions,
): CumulativeTracking {
  const merge = options.mergeSameDay ?? true;
  const occ = purchaseOccasions(table, { mergeSameDay: merge });
  const unitMs = msPerUnit(options.unit);
  const periodMs = (options.periodLength ?? 1) * unitMs;
  if (!(periodMs > 0)) throw new RangeError('periodLength must be positive');
  const dayStart = (ms: number): number => Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
  const calEnd = merge ? dayStart(options.calibrationEnd) : options.calibrationEnd;
  const obsEnd = merge ? dayStart(options.observationEnd) : options.observationEnd;
  if (!(obsEnd >= calEnd)) throw new RangeError('observationEnd must be on or after calibrationEnd');
  // Exclusive window ends: the inclusive end day runs until the next day start.
  const calLimit = merge ? calEnd + MS_PER_DAY : calEnd;
  const obsLimit = merge ? obsEnd + MS_PER_DAY : obsEnd;

  let origin = Number.POSITIVE_INFINITY;
  let customers = 0;
  for (let c = 0; c < occ.customerCount; c++) {
    const s = occ.offsets[c] as number;
    if (s === occ.offsets[c + 1]) continue;
    const first = occ.time[s] as number;
    if (first > calEnd) continue;
    customers++;
    if (first < origin) origin = first;
  }
  if (customers === 0) {
    const empty = new Float64Array(0);
    return {
      origin: Number.NaN,
      periodEnd: empty,
      actual: empty,
      expected: empty,
      calibrationPeriods: 0,
      customers,
    };
  }
  const periods = Math.ceil((obsLimit - origin) / periodMs - 1e-9);
  const calibrationPeriods = Math.ceil((calLimit - origin) / periodMs - 1e-9);

  // Actual: repeat occasions of tracked customers, by period; births grouped for the expectation.
  const incremental = new Float64Array(periods);
  const births = new Map<number, number>();
  for (let c = 0; c < occ.customerCount; c++) {
    const s = occ.offsets[c] as number;
    const e = occ.offsets[c + 1] as number;
    if (s === e) continue;
    const first = occ.time[s] as number;
    if (first > calEnd) continue;
    births.set(first, (births.get(first) ?? 0) + 1);
    for (let k = s + 1; k < e; k++) {
      const t = occ.time[k] as number;
      if (merge ? t >= obsLimit : t > obsEnd) break;
      const p = Math.floor((t - origin) / periodMs);
      if (p >= 0 && p < periods) incremental[p] = (incremental[p] as number) + 1;
    }
  }
  const actual = new Float64Array(periods);
  const expected = new Float64Array(periods);
  const periodEnd = new Float64Array(periods);
  let running = 0;
  for (let p = 0; p < periods; p++) {
    running += incremental[p] as number;
    actual[p] = running;
    const endMs = origin + (p + 1) * periodMs;
    periodEnd[p] = (endMs - origin) / unitMs;
    let sum = 0;
    for (const [birth, count] of births) {
      if (endMs > birth) sum += count * expectedPurchases(model, (endMs - birth) / unitMs);
    }
    expected[p] = sum;
  }
  return { origin, periodEnd, actual, expected, calibrationPeriods, customers };
}
