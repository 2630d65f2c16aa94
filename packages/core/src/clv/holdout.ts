import { conditionalExpectedPurchases, type PurchaseModel } from './model.js';
import type { RfmArrays } from './types.js';

export interface HoldoutInput extends RfmArrays {
  /** Actual purchase occasions in the holdout period. */
  readonly holdoutX: ArrayLike<number>;
}

export interface HoldoutBucket {
  /** Calibration frequency x of the bucket; the last bucket holds x ≥ this value ("7+"). */
  readonly frequency: number;
  readonly openEnded: boolean;
  readonly customers: number;
  /** Mean actual holdout purchases in the bucket. */
  readonly actual: number;
  /** Mean model-expected holdout purchases in the bucket. */
  readonly expected: number;
}

export interface HoldoutEvaluation {
  /** Buckets by calibration frequency 0, 1, …, maxFrequency − 1, and maxFrequency+ (default 0 … 7+). */
  readonly buckets: readonly HoldoutBucket[];
  /** Expected holdout purchases per customer. */
  readonly expected: Float64Array;
  /** Mean |expected − actual| per customer. */
  readonly mae: number;
  /** Root mean squared error per customer. */
  readonly rmse: number;
  readonly totalActual: number;
  readonly totalExpected: number;
}

/**
 * Holdout validation of a purchase model (the "conditional expectations" check of Fader, Hardie & Lee 2005, fig. 4):
 * expected purchases in a holdout of `holdoutLength` units after each customer's calibration end, against the actual
 * counts, averaged per calibration-frequency bucket, plus per-customer MAE / RMSE. `holdoutLength` may be per
 * customer.
 */
export function evaluateHoldout(
  model: PurchaseModel,
  data: HoldoutInput,
  holdoutLength: number | ArrayLike<number>,
  options: { readonly maxFrequency?: number } = {},
): HoldoutEvaluation {
  const n = data.x.length;
  if (data.holdoutX.length !== n) throw new RangeError('holdoutX must have one value per customer');
  const maxFrequency = options.maxFrequency ?? 7;
  const expected = conditionalExpectedPurchases(model, data, holdoutLength);
  const count = new Float64Array(maxFrequency + 1);
  const sumActual = new Float64Array(maxFrequency + 1);
  const sumExpected = new Float64Array(maxFrequency + 1);
  let absErr = 0;
  let sqErr = 0;
  let totalActual = 0;
  let totalExpected = 0;
  for (let i = 0; i < n; i++) {
    const actual = data.holdoutX[i] as number;
    const exp = expected[i] as number;
    const bucket = Math.min(Math.floor(data.x[i] as number), maxFrequency);
    count[bucket] = (count[bucket] as number) + 1;
    sumActual[bucket] = (sumActual[bucket] as number) + actual;
    sumExpected[bucket] = (sumExpected[bucket] as number) + exp;
    absErr += Math.abs(exp - actual);
    sqErr += (exp - actual) ** 2;
    totalActual += actual;
    totalExpected += exp;
  }
  const buckets: HoldoutBucket[] = [];
  for (let k = 0; k <= maxFrequency; k++) {
    const c = count[k] as number;
    buckets.push({
      frequency: k,
      openEnded: k === maxFrequency,
      customers: c,
      actual: c > 0 ? (sumActual[k] as number) / c : Number.NaN,
      expected: c > 0 ? (sumExpected[k] as number) / c : Number.NaN,
    });
  }
  return {
    buckets,
    expected,
    mae: n > 0 ? absErr / n : Number.NaN,
    rmse: n > 0 ? Math.sqrt(sqErr / n) : Number.NaN,
    totalActual,
    totalExpected,
  };
}
