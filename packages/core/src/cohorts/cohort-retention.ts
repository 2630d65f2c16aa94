import { forChunks, runWork, type Work } from '../util/work.js';
import { type OccasionInput, type PeriodOptions, resolveOccasionsSteps } from './occasion-input.js';
import { type CalendarPeriod, periodLabel, periodOfDay, periodStartDay } from './periods.js';

const DAY_MS = 86_400_000;

/**
 * Cohort retention: customers grouped by the period of their first purchase occasion (the cohort), and for each
 * cohort and each number of periods since, how many of its customers made a purchase in that period.
 *
 * Matrices are row-major `cohorts × periods`: cohort `i`, `j` periods after its first, is cell `i * periods + j`.
 */
export interface CohortRetention {
  readonly period: CalendarPeriod;
  /** Number of cohorts: every period from the first purchase's to the last period, empty ones included. */
  readonly cohorts: number;
  /** Number of columns: periods since the cohort's own, 0 … periods − 1 (equal to `cohorts`). */
  readonly periods: number;
  /** Start of each cohort's period, epoch ms (UTC midnight). */
  readonly cohortStart: Float64Array;
  /** Label of each cohort's period (`1997-01`, `1997-Q1`, `1997`, or a week's Monday `1997-01-06`). */
  readonly labels: readonly string[];
  /** Customers per cohort (those whose first purchase occasion falls in the cohort's period). */
  readonly size: Int32Array;
  /** Customers of the cohort with at least one purchase occasion in the period `j` periods after the cohort's. */
  readonly active: Int32Array;
  /**
   * `active / size`, in [0, 1]; NaN for cells not yet observed (the period lies after the last period) and for
   * empty cohorts. Column 0 is 1 for every non-empty cohort.
   */
  readonly retention: Float64Array;
  /**
   * Per column j: Σ active / Σ size over the non-empty cohorts observed j periods after their start (the
   * customer-weighted average retention curve); NaN when there is none.
   */
  readonly overall: Float64Array;
  /** Customers with a purchase occasion on or before the last day (the sum of `size`). */
  readonly customers: number;
  /** The last UTC day counted, epoch ms (asOf's day, or the latest occasion's). */
  readonly lastDay: number;
  /** Whether the last period runs past the last day: its cells count only part of that period. */
  readonly partialLastPeriod: boolean;
}

/**
 * Cohort retention by calendar period (UTC months by default): each customer's cohort is the period of their first
 * purchase occasion; cell (cohort, j) counts the customers of that cohort with a purchase occasion in the period j
 * periods later. Occasions are day occasions as `purchaseOccasions` makes them (returns netted within the day;
 * days with only returns are not purchases).
 *
 * @param input a transaction table, or purchase occasions already grouped
 * @throws {RangeError} on an unknown period, a non-finite `asOf`, malformed occasions, or more than
 *   `MAX_PERIODS` periods between the first purchase and the last period
 */
export function cohortRetention(input: OccasionInput, options: PeriodOptions = {}): CohortRetention {
  return runWork(cohortRetentionSteps(input, options));
}

/** Nominal cost per occasion of the cohort pass, and per cell of the shares. */
const OCCASION_COST = 12;
const CELL_COST = 3;

/** {@link cohortRetention} as cooperative work (see `Work`). Inputs are checked when it is first stepped. */
export function* cohortRetentionSteps(
  input: OccasionInput,
  options: PeriodOptions = {},
): Work<CohortRetention> {
  const r = yield* resolveOccasionsSteps(input, options);
  const { occasions, end, period, firstPeriod, lastPeriod } = r;
  const n = Math.max(0, lastPeriod - firstPeriod + 1);
  const fill: Fill = {
    offsets: occasions.offsets,
    end,
    time: occasions.time,
    period,
    firstPeriod,
    n,
    size: new Int32Array(n),
    active: new Int32Array(n * n),
  };
  const perCustomer = occasions.customerCount > 0 ? occasions.time.length / occasions.customerCount : 0;
  yield* forChunks(occasions.customerCount, 4 + OCCASION_COST * perCustomer, fillRange, fill);
  const { size, active } = fill;

  const shares = {
    n,
    size,
    active,
    retention: new Float64Array(n * n),
    activeSum: new Float64Array(n),
    sizeSum: new Float64Array(n),
  };
  yield* forChunks(n, CELL_COST * n, shareRows, shares);
  const overall = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    overall[j] = shares.sizeSum[j]! > 0 ? shares.activeSum[j]! / shares.sizeSum[j]! : Number.NaN;
  }
  const cohortStart = new Float64Array(n);
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    cohortStart[i] = periodStartDay(firstPeriod + i, period) * DAY_MS;
    labels.push(periodLabel(firstPeriod + i, period));
  }
  return {
    period,
    cohorts: n,
    periods: n,
    cohortStart,
    labels,
    size,
    active,
    retention: shares.retention,
    overall,
    customers: r.customers,
    lastDay: Number.isFinite(r.lastDay) ? r.lastDay * DAY_MS : Number.NaN,
    partialLastPeriod: r.partialLastPeriod,
  };
}

interface Fill {
  readonly offsets: Int32Array;
  readonly end: Int32Array;
  readonly time: Float64Array;
  readonly period: CalendarPeriod;
  readonly firstPeriod: number;
  readonly n: number;
  readonly size: Int32Array;
  readonly active: Int32Array;
}

/** Customers `from … to − 1`: their cohort, and each distinct period of their occasions. */
function fillRange(s: Fill, from: number, to: number): void {
  const { offsets, end, time, period, firstPeriod, n, size, active } = s;
  const dayMs = DAY_MS;
  for (let c = from; c < to; c++) {
    const start = offsets[c]!;
    const stop = end[c]!;
    if (stop === start) continue;
    const p0 = periodOfDay(Math.floor(time[start]! / dayMs), period);
    const row = (p0 - firstPeriod) * n - p0;
    size[p0 - firstPeriod]!++;
    let previous = Number.NaN;
    for (let o = start; o < stop; o++) {
      const p = periodOfDay(Math.floor(time[o]! / dayMs), period);
      if (p !== previous) {
        active[row + p]!++;
        previous = p;
      }
    }
  }
}

/** Cohorts `from … to − 1`: retention shares, and the column sums of the observed cells. */
function shareRows(
  s: {
    readonly n: number;
    readonly size: Int32Array;
    readonly active: Int32Array;
    readonly retention: Float64Array;
    readonly activeSum: Float64Array;
    readonly sizeSum: Float64Array;
  },
  from: number,
  to: number,
): void {
  const { n, size, active, retention, activeSum, sizeSum } = s;
  for (let i = from; i < to; i++) {
    const m = size[i]!;
    const observed = n - i; // columns 0 … n − 1 − i lie on or before the last period
    for (let j = 0; j < n; j++) {
      const cell = i * n + j;
      if (j >= observed || m === 0) {
        retention[cell] = Number.NaN;
        continue;
      }
      retention[cell] = active[cell]! / m;
      activeSum[j] = activeSum[j]! + active[cell]!;
      sizeSum[j] = sizeSum[j]! + m;
    }
  }
}
