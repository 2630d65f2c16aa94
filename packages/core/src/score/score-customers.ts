import { type AbcOptions, type AbcResult, abcClassifySteps } from '../abc/abc-classify.js';
import { type ChurnOptions, type ChurnRisk, churnRiskSteps } from '../churn/churn-risk.js';
import { fitBgNbdSteps } from '../clv/bg-nbd-fit.js';
import { customerLifetimeValueSteps } from '../clv/clv.js';
import { perCustomerSteps } from '../clv/customer-chunks.js';
import { fitGammaGammaSteps } from '../clv/gamma-gamma-fit.js';
import { gammaGammaConditionalExpectedSpend } from '../clv/gamma-gamma-predict.js';
import { type PurchaseModel, probabilityAliveSteps, probabilityNoPurchaseSteps } from '../clv/model.js';
import { type PurchaseOccasions, purchaseOccasionsSteps } from '../clv/occasions.js';
import { fitParetoNbdSteps } from '../clv/pareto-nbd-fit.js';
import { type CalibrationSummary, summarizeOccasionsSteps } from '../clv/summarize.js';
import { type Horizon, horizonToUnits, type TimeUnit } from '../clv/time-units.js';
import type { BgNbdParams, FitResult, GammaGammaParams, ParetoNbdParams } from '../clv/types.js';
import { assignSegmentsSteps, type SegmentAssignment } from '../rfm/assign-segments.js';
import { scoreRfmSteps } from '../rfm/score-rfm.js';
import type { SegmentMap } from '../rfm/segment-map.js';
import type { RfmScoreOptions, RfmScores } from '../rfm/types.js';
import type { InteractionTable } from '../schema/interactions.js';
import type { TransactionTable } from '../schema/transactions.js';
import { summarizeCustomersSteps } from '../summary/summarize-customers.js';
import type { CustomerSummary } from '../summary/types.js';
import { forChunks, SLICE_WORK, type Work } from '../util/work.js';
import { type CurrentValue, currentValueSteps } from '../value/current-value.js';
import { type ValuePyramid, type ValuePyramidOptions, valuePyramidSteps } from '../value/value-pyramid.js';

export interface ScoreOptions {
  /** Analysis date, epoch ms (default: the day of the last transaction). Calibration of the models ends on it. */
  readonly asOf?: number;
  /** Time unit of the purchase models (default 'week'). */
  readonly unit?: TimeUnit;
  /** CLV horizon in calendar terms (default 12 months). */
  readonly horizon?: Horizon;
  /** Annual discount rate for CLV (default 0.1). */
  readonly annualDiscountRate?: number;
  /** Purchase model (default BG/NBD). */
  readonly model?: 'bg-nbd' | 'pareto-nbd';
  /** Months of current value for the pyramid (default 12). */
  readonly currentMonths?: number;
  /** RFM scoring options (monetary total/mean, score rule). */
  readonly rfm?: RfmScoreOptions;
  /** Segment map (default: the rfm package's ten segments). */
  readonly segmentMap?: SegmentMap;
  readonly abc?: AbcOptions;
  readonly pyramid?: ValuePyramidOptions;
  readonly churn?: Omit<ChurnOptions, 'asOf'>;
  /** Service interactions in the same customer code space (complaints and satisfaction feed churn). */
  readonly interactions?: InteractionTable;
}

/** Everything known about each customer, columnar by customer code (ids = transactions' customer dictionary). */
export interface CustomerScores {
  readonly ids: readonly string[];
  readonly asOf: number;
  readonly unit: TimeUnit;
  readonly horizonUnits: number;
  /** 1 when the customer has a purchase on or before asOf (and so scores); 0 otherwise. */
  readonly scored: Uint8Array;
  readonly summary: CustomerSummary;
  readonly rfm: RfmScores;
  readonly segments: SegmentAssignment;
  /** ABC classes by net revenue up to asOf. */
  readonly abc: AbcResult;
  /** BTYD inputs per customer code (NaN for customers not in the calibration). */
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly pAlive: Float64Array;
  /** Expected purchases over the horizon. */
  readonly expectedPurchases: Float64Array;
  /** P(no purchase over the horizon). */
  readonly pNoPurchase: Float64Array;
  /** Expected spend per purchase (Gamma-Gamma). */
  readonly expectedSpend: Float64Array;
  /** Discounted CLV over the horizon. */
  readonly clv: Float64Array;
  readonly current: CurrentValue;
  readonly pyramid: ValuePyramid;
  readonly churn: ChurnRisk;
  readonly fits: {
    readonly purchase: FitResult<BgNbdParams> | FitResult<ParetoNbdParams>;
    readonly purchaseModel: PurchaseModel;
    readonly spend: FitResult<GammaGammaParams>;
  };
  readonly calibration: CalibrationSummary;
}

const DAY_MS = 86_400_000;
/** Nominal costs: per row of the scan for the last date, per value scattered to customer codes, per value of a
 * native fill or copy (a memset, not worth splitting). */
const SCAN_COST = 3;
const SCATTER_COST = 3;
const FILL_COST = 0.5;
/** Nominal cost per customer of the expected spend (one division). */
const SPEND_COST = 5;

function* lastDateSteps(table: TransactionTable): Work<number> {
  const latest = { date: table.date, max: Number.NEGATIVE_INFINITY };
  yield* forChunks(table.length, SCAN_COST, latestDate, latest);
  if (!Number.isFinite(latest.max)) throw new RangeError('there are no transactions to score');
  return Math.floor(latest.max / DAY_MS) * DAY_MS;
}

function latestDate(s: { readonly date: Float64Array; max: number }, from: number, to: number): void {
  const { date } = s;
  let max = s.max;
  for (let i = from; i < to; i++) if (date[i]! > max) max = date[i]!;
  s.max = max;
}

/** Scatter per-calibration-row values to per-customer-code arrays (NaN elsewhere). */
function* byCodeSteps(
  calibration: CalibrationSummary,
  values: ArrayLike<number>,
  n: number,
): Work<Float64Array> {
  const out = new Float64Array(n).fill(Number.NaN);
  yield n * FILL_COST;
  yield* forChunks(calibration.length, SCATTER_COST, scatter, {
    customer: calibration.customer,
    values,
    out,
  });
  return out;
}

function scatter(
  s: { readonly customer: Int32Array; readonly values: ArrayLike<number>; readonly out: Float64Array },
  from: number,
  to: number,
): void {
  const { customer, values, out } = s;
  for (let i = from; i < to; i++) out[customer[i]!] = values[i]!;
}

function countRepeatBuyers(s: { readonly x: Float64Array; count: number }, from: number, to: number): void {
  const { x } = s;
  let count = s.count;
  for (let i = from; i < to; i++) if (x[i]! > 0) count++;
  s.count = count;
}

/** The stages of {@link scoreCustomersSteps}, in order. */
export const SCORE_STAGES = [
  'summary',
  'rfm',
  'abc',
  'occasions',
  'purchase-model',
  'spend-model',
  'clv',
  'pyramid',
  'churn',
] as const;
export type ScoreStage = (typeof SCORE_STAGES)[number];

/**
 * The whole scoring pipeline at one analysis date: customer summary → RFM scores and segments → ABC → BG/NBD
 * (or Pareto/NBD) and Gamma-Gamma fitted on all history up to asOf → P(alive), expected purchases and spend,
 * discounted CLV → the value pyramid (trailing current value against CLV) → churn risk and value at risk.
 */
export function scoreCustomers(table: TransactionTable, options: ScoreOptions = {}): CustomerScores {
  const steps = scoreCustomersSteps(table, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * {@link scoreCustomers} in time slices: the generator yields a {@link ScoreStage} name at every checkpoint, so a
 * caller can report progress, measure stages, yield to the event loop or stop between any two checkpoints.
 *
 * Each stage yields its name once before it starts (stages come in {@link SCORE_STAGES} order, none skipped),
 * then again every {@link SLICE_WORK} units of work inside it (about 2 ms on a 2-core laptop; the kernels count
 * rows, not time, so where the checkpoints fall is deterministic). A long stage therefore yields its name many
 * times: every stretch between two yields belongs to the stage last named, and a stage's time is the sum of its
 * stretches. Stepping to completion gives exactly the result of {@link scoreCustomers}. (A garbage-collection pause
 * is not split: it lands in whichever stretch is running.)
 */
export function* scoreCustomersSteps(
  table: TransactionTable,
  options: ScoreOptions = {},
): Generator<ScoreStage, CustomerScores, void> {
  const steps = _scoreCustomersWork(table, options);
  let stage: ScoreStage | undefined;
  let done = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (typeof step.value === 'string') {
      stage = step.value;
      done = 0;
      yield stage;
      continue;
    }
    done += step.value;
    if (done >= SLICE_WORK && stage !== undefined) {
      done = 0;
      yield stage;
    }
  }
}

/**
 * The pipeline as fine-grained work: yields each stage's name as it starts, and in between the work (nominal
 * nanoseconds, see `Work`) each kernel reports after every chunk. {@link scoreCustomersSteps} turns the reports into
 * checkpoints; exported for tests, which check that no single report is large.
 */
export function* _scoreCustomersWork(
  table: TransactionTable,
  options: ScoreOptions = {},
): Generator<ScoreStage | number, CustomerScores, void> {
  const unit = options.unit ?? 'week';
  const horizon = options.horizon ?? { months: 12 };
  const n = table.customer.dictionary.length;

  yield 'summary';
  const asOf = options.asOf ?? (yield* lastDateSteps(table));
  const summary = yield* summarizeCustomersSteps(table, { asOf, recordOccasions: true });
  yield 'rfm';
  const rfmScores = yield* scoreRfmSteps(summary, options.rfm ?? {});
  const segments = yield* assignSegmentsSteps(
    rfmScores,
    options.segmentMap ? { map: options.segmentMap } : {},
  );
  yield 'abc';
  const abc = yield* abcClassifySteps(summary.netRevenue, { ...options.abc, ids: table.customer.dictionary });

  yield 'occasions';
  // The summary grouped the rows into day occasions already (rows after asOf left out, as every later step does).
  const occasions: PurchaseOccasions = summary.occasions ?? (yield* purchaseOccasionsSteps(table));
  const calibration = yield* summarizeOccasionsSteps(occasions, table.customer.dictionary, {
    unit,
    calibrationEnd: asOf,
  });
  const repeatBuyers = { x: calibration.x, count: 0 };
  yield* forChunks(calibration.length, SCAN_COST, countRepeatBuyers, repeatBuyers);
  if (repeatBuyers.count === 0) {
    throw new RangeError(
      `scoring fits purchase and spend models to customers with repeat purchases, and there are none up to ${new Date(asOf).toISOString().slice(0, 10)} (${calibration.length} customers, each with one purchase)`,
    );
  }
  yield 'purchase-model';
  const modelKind = options.model ?? 'bg-nbd';
  const purchase =
    modelKind === 'bg-nbd' ? yield* fitBgNbdSteps(calibration) : yield* fitParetoNbdSteps(calibration);
  const purchaseModel = { kind: modelKind, params: purchase.params } as PurchaseModel;
  yield 'spend-model';
  const spend = yield* fitGammaGammaSteps({ x: calibration.x, zbar: calibration.zbar });
  const horizonUnits = horizonToUnits(horizon, unit);

  yield 'clv';
  const spendPerPurchase = yield* perCustomerSteps(calibration.length, SPEND_COST, (from, to) =>
    gammaGammaConditionalExpectedSpend(
      spend.params,
      calibration.x.subarray(from, to),
      calibration.zbar.subarray(from, to),
    ),
  );
  const value = yield* customerLifetimeValueSteps(calibration, spendPerPurchase, {
    model: purchaseModel,
    unit,
    horizon,
    annualDiscountRate: options.annualDiscountRate ?? 0.1,
  });
  const pAlive = yield* byCodeSteps(calibration, yield* probabilityAliveSteps(purchaseModel, calibration), n);
  const clv = yield* byCodeSteps(calibration, value.clv, n);
  const pNoPurchase = yield* probabilityNoPurchaseSteps(purchaseModel, calibration, horizonUnits);

  yield 'pyramid';
  const current: CurrentValue = yield* currentValueSteps(table, {
    asOf,
    months: options.currentMonths ?? 12,
  });
  const scored = summary.hasPurchase.slice();
  yield n * FILL_COST;
  const pyramid = yield* valuePyramidSteps(
    { current: current.value, potential: clv, include: scored },
    options.pyramid,
  );
  yield 'churn';
  const churn = yield* churnRiskSteps(
    {
      occasions,
      pAlive,
      potentialValue: clv,
      ...(options.interactions ? { interactions: options.interactions } : {}),
    },
    { ...options.churn, asOf },
  );

  return {
    ids: table.customer.dictionary,
    asOf,
    unit,
    horizonUnits,
    scored,
    summary,
    rfm: rfmScores,
    segments,
    abc,
    x: yield* byCodeSteps(calibration, calibration.x, n),
    tx: yield* byCodeSteps(calibration, calibration.tx, n),
    T: yield* byCodeSteps(calibration, calibration.T, n),
    pAlive,
    expectedPurchases: yield* byCodeSteps(calibration, value.expectedPurchases, n),
    pNoPurchase: yield* byCodeSteps(calibration, pNoPurchase, n),
    expectedSpend: yield* byCodeSteps(calibration, spendPerPurchase, n),
    clv,
    current,
    pyramid,
    churn,
    fits: { purchase, purchaseModel, spend },
    calibration,
  };
}
