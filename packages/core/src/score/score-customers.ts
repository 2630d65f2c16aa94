import { type AbcOptions, type AbcResult, abcClassify } from '../abc/abc-classify.js';
import { type ChurnOptions, type ChurnRisk, churnRisk } from '../churn/churn-risk.js';
import { fitBgNbd } from '../clv/bg-nbd-fit.js';
import { customerLifetimeValue } from '../clv/clv.js';
import { fitGammaGamma } from '../clv/gamma-gamma-fit.js';
import { gammaGammaConditionalExpectedSpend } from '../clv/gamma-gamma-predict.js';
import { type PurchaseModel, probabilityAlive, probabilityNoPurchase } from '../clv/model.js';
import { type PurchaseOccasions, purchaseOccasions } from '../clv/occasions.js';
import { fitParetoNbd } from '../clv/pareto-nbd-fit.js';
import { type CalibrationSummary, summarizeOccasions } from '../clv/summarize.js';
import { type Horizon, horizonToUnits, type TimeUnit } from '../clv/time-units.js';
import type { BgNbdParams, FitResult, GammaGammaParams, ParetoNbdParams } from '../clv/types.js';
import { assignSegments, type SegmentAssignment } from '../rfm/assign-segments.js';
import { scoreRfm } from '../rfm/score-rfm.js';
import type { SegmentMap } from '../rfm/segment-map.js';
import type { RfmScoreOptions, RfmScores } from '../rfm/types.js';
import type { InteractionTable } from '../schema/interactions.js';
import type { TransactionTable } from '../schema/transactions.js';
import { summarizeCustomers } from '../summary/summarize-customers.js';
import type { CustomerSummary } from '../summary/types.js';
import { type CurrentValue, currentValue } from '../value/current-value.js';
import { type ValuePyramid, type ValuePyramidOptions, valuePyramid } from '../value/value-pyramid.js';

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

function lastDate(table: TransactionTable): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < table.length; i++) if (table.date[i]! > max) max = table.date[i]!;
  if (!Number.isFinite(max)) throw new RangeError('there are no transactions to score');
  return Math.floor(max / DAY_MS) * DAY_MS;
}

/** Scatter per-calibration-row values to per-customer-code arrays (NaN elsewhere). */
function byCode(calibration: CalibrationSummary, values: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < calibration.length; i++) out[calibration.customer[i]!] = values[i]!;
  return out;
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
 * {@link scoreCustomers} one stage at a time: the generator yields the name of the stage it is about to run, so a
 * caller can report progress, measure each stage, yield to the event loop or stop between stages.
 */
export function* scoreCustomersSteps(
  table: TransactionTable,
  options: ScoreOptions = {},
): Generator<ScoreStage, CustomerScores, void> {
  const asOf = options.asOf ?? lastDate(table);
  const unit = options.unit ?? 'week';
  const horizon = options.horizon ?? { months: 12 };
  const n = table.customer.dictionary.length;

  yield 'summary';
  const summary = summarizeCustomers(table, { asOf });
  yield 'rfm';
  const rfmScores = scoreRfm(summary, options.rfm ?? {});
  const segments = assignSegments(rfmScores, options.segmentMap ? { map: options.segmentMap } : {});
  yield 'abc';
  const abc = abcClassify(summary.netRevenue, { ...options.abc, ids: table.customer.dictionary });

  yield 'occasions';
  const occasions: PurchaseOccasions = purchaseOccasions(table);
  const calibration = summarizeOccasions(occasions, table.customer.dictionary, {
    unit,
    calibrationEnd: asOf,
  });
  let repeatBuyers = 0;
  for (let i = 0; i < calibration.length; i++) if (calibration.x[i]! > 0) repeatBuyers++;
  if (repeatBuyers === 0) {
    throw new RangeError(
      `scoring fits purchase and spend models to customers with repeat purchases, and there are none up to ${new Date(asOf).toISOString().slice(0, 10)} (${calibration.length} customers, each with one purchase)`,
    );
  }
  yield 'purchase-model';
  const modelKind = options.model ?? 'bg-nbd';
  const purchase = modelKind === 'bg-nbd' ? fitBgNbd(calibration) : fitParetoNbd(calibration);
  const purchaseModel = { kind: modelKind, params: purchase.params } as PurchaseModel;
  yield 'spend-model';
  const spend = fitGammaGamma({ x: calibration.x, zbar: calibration.zbar });
  const horizonUnits = horizonToUnits(horizon, unit);

  yield 'clv';
  const spendPerPurchase = gammaGammaConditionalExpectedSpend(spend.params, calibration.x, calibration.zbar);
  const value = customerLifetimeValue(calibration, spendPerPurchase, {
    model: purchaseModel,
    unit,
    horizon,
    annualDiscountRate: options.annualDiscountRate ?? 0.1,
  });
  const pAlive = byCode(calibration, probabilityAlive(purchaseModel, calibration), n);
  const clv = byCode(calibration, value.clv, n);

  yield 'pyramid';
  const current = currentValue(table, { asOf, months: options.currentMonths ?? 12 });
  const scored = new Uint8Array(n);
  for (let c = 0; c < n; c++) scored[c] = summary.hasPurchase[c]!;
  const pyramid = valuePyramid({ current: current.value, potential: clv, include: scored }, options.pyramid);
  yield 'churn';
  const churn = churnRisk(
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
    x: byCode(calibration, calibration.x, n),
    tx: byCode(calibration, calibration.tx, n),
    T: byCode(calibration, calibration.T, n),
    pAlive,
    expectedPurchases: byCode(calibration, value.expectedPurchases, n),
    pNoPurchase: byCode(calibration, probabilityNoPurchase(purchaseModel, calibration, horizonUnits), n),
    expectedSpend: byCode(calibration, spendPerPurchase, n),
    clv,
    current,
    pyramid,
    churn,
    fits: { purchase, purchaseModel, spend },
    calibration,
  };
}
