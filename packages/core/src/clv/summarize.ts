import type { TransactionTable } from '../schema/transactions.js';
import { forChunks, runWork, type Work } from '../util/work.js';
import { type PurchaseOccasions, purchaseOccasions } from './occasions.js';
import { MS_PER_DAY, msPerUnit, type TimeUnit } from './time-units.js';

export interface SummarizeOptions {
  /** Time unit of x / tx / T (and so of the fitted rate parameters). */
  readonly unit: TimeUnit;
  /**
   * End of the calibration period, epoch ms. With `mergeSameDay` (default) it is a calendar date and is INCLUSIVE:
   * purchases on that UTC day belong to the calibration period, and times are whole days between day starts, so
   * T = (calibration-end day − first-purchase day). Example (CDNOW): first purchase 1997-01-01, calibration end
   * 1997-09-30 → T = 272 days = 38.857 weeks, and a purchase on 1997-09-30 has tx = T (as in BTYD and the published
   * summary). Without merging, it is an instant: rows at or before it are in calibration.
   */
  readonly calibrationEnd: number;
  /** End of the holdout (observation) period, epoch ms, same inclusive rule; enables holdoutX / holdoutLength. */
  readonly observationEnd?: number;
  /** Merge purchases on the same UTC calendar day into one occasion (default true). */
  readonly mergeSameDay?: boolean;
}

/** Counts explaining which customers the summary covers. */
export interface SummaryCounts {
  /** Customers in the table's dictionary. */
  readonly customers: number;
  /** Customers in the summary (first purchase on or before the calibration end). */
  readonly included: number;
  /** Customers excluded because their first purchase occasion is after the calibration end. */
  readonly firstPurchaseAfterCalibration: number;
  /** Customers excluded because they have no purchase occasion at all (no rows, or only days dropped as returns). */
  readonly noPurchaseOccasion: number;
  /** Rows skipped for a missing customer, date or amount. */
  readonly invalidRows: number;
  /**
   * Customer-days (timestamps without day merging) dropped as returns — net < 0, or net = 0 because of a negative
   * line — and so not counted as purchase occasions (see {@link purchaseOccasions}).
   */
  readonly droppedReturnGroups: number;
}

/**
 * Calibration (and optional holdout) summary per customer, columnar. Row i describes customer
 * `ids[i]` (dictionary code `customer[i]`).
 */
export interface CalibrationSummary {
  readonly length: number;
  readonly unit: TimeUnit;
  /** Effective calibration end (epoch ms; the day start when merging by day). */
  readonly calibrationEnd: number;
  readonly observationEnd: number | undefined;
  readonly mergeSameDay: boolean;
  readonly customer: Int32Array;
  readonly ids: readonly string[];
  /** Repeat purchase occasions in calibration (occasions − 1). */
  readonly x: Float64Array;
  /** Time of the last calibration occasion since the first (0 when x = 0). */
  readonly tx: Float64Array;
  /** Time from the first occasion to the calibration end. */
  readonly T: Float64Array;
  /**
   * Mean value of the x repeat occasions (the first purchase excluded, as in the Gamma-Gamma model); NaN when x = 0.
   */
  readonly zbar: Float64Array;
  /** Value of the first purchase occasion. */
  readonly firstValue: Float64Array;
  /** First purchase occasion, epoch ms (day start when merging by day). */
  readonly firstPurchase: Float64Array;
  /** Purchase occasions in the holdout period (after calibration end, up to observation end), when requested. */
  readonly holdoutX: Float64Array | undefined;
  /** Summed value of the holdout occasions, when requested. */
  readonly holdoutValue: Float64Array | undefined;
  /** Holdout length in units (observation end − calibration end), when requested. */
  readonly holdoutLength: number | undefined;
  readonly counts: SummaryCounts;
}

/**
 * Summarises a transaction table into the BTYD sufficient statistics (x, tx, T), the mean repeat spend (zbar) and,
 * optionally, holdout purchase counts. See {@link purchaseOccasions} for how same-day lines and returns are handled.
 * Linear after the occasion grouping, typed arrays only.
 */
export function summarizeCalibration(table: TransactionTable, options: SummarizeOptions): CalibrationSummary {
  const occasions = purchaseOccasions(table, { mergeSameDay: options.mergeSameDay ?? true });
  return summarizeOccasions(occasions, table.customer.dictionary, options);
}

/** As {@link summarizeCalibration}, from already-grouped occasions (avoids regrouping when several summaries are needed). */
export function summarizeOccasions(
  occasions: PurchaseOccasions,
  dictionary: readonly string[],
  options: SummarizeOptions,
): CalibrationSummary {
  return runWork(summarizeOccasionsSteps(occasions, dictionary, options));
}

/** Nominal cost per customer of the counting pass and of the summary pass. */
const COUNT_COST = 3;
const ROW_COST = 60;

/**
 * {@link summarizeOccasions} as cooperative work: yields the work done since its previous yield (nominal
 * nanoseconds, see `Work`) after every chunk of customers, and returns the same summary.
 */
export function* summarizeOccasionsSteps(
  occasions: PurchaseOccasions,
  dictionary: readonly string[],
  options: SummarizeOptions,
): Work<CalibrationSummary> {
  const unitMs = msPerUnit(options.unit);
  const merge = occasions.mergeSameDay;
  const calEnd = merge ? dayStart(options.calibrationEnd) : options.calibrationEnd;
  const obsEnd =
    options.observationEnd === undefined
      ? undefined
      : merge
        ? dayStart(options.observationEnd)
        : options.observationEnd;
  if (!Number.isFinite(calEnd)) throw new RangeError('calibrationEnd must be a finite epoch-ms value');
  if (obsEnd !== undefined && !(obsEnd >= calEnd)) {
    throw new RangeError('observationEnd must be on or after calibrationEnd');
  }
  const { offsets, time } = occasions;
  const customerCount = occasions.customerCount;

  const counts = { offsets, time, calEnd, included: 0, late: 0, none: 0 };
  yield* forChunks(customerCount, COUNT_COST, countCustomers, counts);
  const { included, late, none } = counts;

  const customer = new Int32Array(included);
  const ids: string[] = new Array<string>(included);
  const x = new Float64Array(included);
  const tx = new Float64Array(included);
  const T = new Float64Array(included);
  const zbar = new Float64Array(included);
  const firstValue = new Float64Array(included);
  const firstPurchase = new Float64Array(included);
  const holdoutX = obsEnd === undefined ? undefined : new Float64Array(included);
  const holdoutValue = obsEnd === undefined ? undefined : new Float64Array(included);

  const summary: Summary = {
    occasions,
    dictionary,
    calEnd,
    obsEnd,
    unitMs,
    customer,
    ids,
    x,
    tx,
    T,
    zbar,
    firstValue,
    firstPurchase,
    holdoutX,
    holdoutValue,
    row: 0,
  };
  yield* forChunks(customerCount, ROW_COST, summarizeCustomers, summary);

  return {
    length: included,
    unit: options.unit,
    calibrationEnd: calEnd,
    observationEnd: obsEnd,
    mergeSameDay: merge,
    customer,
    ids,
    x,
    tx,
    T,
    zbar,
    firstValue,
    firstPurchase,
    holdoutX,
    holdoutValue,
    holdoutLength: obsEnd === undefined ? undefined : (obsEnd - calEnd) / unitMs,
    counts: {
      customers: customerCount,
      included,
      firstPurchaseAfterCalibration: late,
      noPurchaseOccasion: none,
      invalidRows: occasions.invalidRows,
      droppedReturnGroups: occasions.droppedGroups,
    },
  };
}

function countCustomers(
  s: {
    readonly offsets: Int32Array;
    readonly time: Float64Array;
    readonly calEnd: number;
    included: number;
    late: number;
    none: number;
  },
  from: number,
  to: number,
): void {
  const { offsets, time, calEnd } = s;
  let { included, late, none } = s;
  for (let c = from; c < to; c++) {
    const start = offsets[c] as number;
    if (start === offsets[c + 1]) none++;
    else if ((time[start] as number) > calEnd) late++;
    else included++;
  }
  s.included = included;
  s.late = late;
  s.none = none;
}

/** Inputs and outputs of {@link summarizeCustomers}; `row` is the next output row. */
interface Summary {
  readonly occasions: PurchaseOccasions;
  readonly dictionary: readonly string[];
  readonly calEnd: number;
  readonly obsEnd: number | undefined;
  readonly unitMs: number;
  readonly customer: Int32Array;
  readonly ids: string[];
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly zbar: Float64Array;
  readonly firstValue: Float64Array;
  readonly firstPurchase: Float64Array;
  readonly holdoutX: Float64Array | undefined;
  readonly holdoutValue: Float64Array | undefined;
  row: number;
}

/** Summary rows of customers `from … to − 1` (those with a first purchase by the calibration end). */
function summarizeCustomers(s: Summary, from: number, to: number): void {
  const { dictionary, calEnd, obsEnd, unitMs, customer, ids, x, tx, T, zbar, firstValue, firstPurchase } = s;
  const { holdoutX, holdoutValue } = s;
  const { offsets, time, value } = s.occasions;
  let row = s.row;
  for (let c = from; c < to; c++) {
    const start = offsets[c] as number;
    const end = offsets[c + 1] as number;
    if (start === end) continue;
    const first = time[start] as number;
    if (first > calEnd) continue;
    let k = start + 1;
    let repeatSum = 0;
    let last = first;
    while (k < end && (time[k] as number) <= calEnd) {
      repeatSum += value[k] as number;
      last = time[k] as number;
      k++;
    }
    const repeats = k - start - 1;
    customer[row] = c;
    ids[row] = dictionary[c] as string;
    x[row] = repeats;
    tx[row] = (last - first) / unitMs;
    T[row] = (calEnd - first) / unitMs;
    zbar[row] = repeats > 0 ? repeatSum / repeats : Number.NaN;
    firstValue[row] = value[start] as number;
    firstPurchase[row] = first;
    if (holdoutX !== undefined && holdoutValue !== undefined && obsEnd !== undefined) {
      let count = 0;
      let sum = 0;
      while (k < end && (time[k] as number) <= obsEnd) {
        count++;
        sum += value[k] as number;
        k++;
      }
      holdoutX[row] = count;
      holdoutValue[row] = sum;
    }
    row++;
  }
  s.row = row;
}

function dayStart(ms: number): number {
  return Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
}
