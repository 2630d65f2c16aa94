import { seededRandom } from '../util/random.js';
import { type ClvOptions, customerLifetimeValue } from './clv.js';
import { gammaGammaConditionalExpectedSpend } from './gamma-gamma-predict.js';
import type { PurchaseModel } from './model.js';
import type { BgNbdParams, FitResult, GammaGammaParams, ParetoNbdParams } from './types.js';

/** One customer's calibration statistics, in model time units (z̄ = mean repeat spend, NaN when x = 0). */
export interface ClvIntervalCustomer {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  readonly zbar: number;
}

/** The fits the point CLV came from (as scoring keeps them): purchase model, its kind, and Gamma-Gamma. */
export interface ClvIntervalFits {
  readonly purchase: FitResult<BgNbdParams> | FitResult<ParetoNbdParams>;
  readonly purchaseModel: PurchaseModel;
  readonly spend: FitResult<GammaGammaParams>;
}

export interface ClvIntervalOptions extends Omit<ClvOptions, 'model'> {
  /** Parameter sets drawn (default 500). */
  readonly draws?: number;
  /** Seed of the draws (default 1): same seed, same interval. */
  readonly seed?: number;
}

/** A 90 % interval of one customer's CLV under parameter uncertainty. */
export interface ClvInterval {
  /** 5th percentile of the drawn CLVs. */
  readonly low: number;
  /** 95th percentile of the drawn CLVs. */
  readonly high: number;
  readonly level: 0.9;
  /** Draws that gave a finite CLV (the percentiles are over these; 0 → low = high = NaN). */
  readonly draws: number;
}

const PURCHASE_NAMES = {
  'bg-nbd': ['r', 'alpha', 'a', 'b'],
  'pareto-nbd': ['r', 'alpha', 's', 'beta'],
} as const;
const SPEND_NAMES = ['p', 'q', 'gamma'] as const;

/**
 * A 90 % interval for one customer's CLV from PARAMETER uncertainty only: the fitted log-parameters of the purchase
 * model and of Gamma-Gamma are taken as asymptotically normal, mean ln(estimate) and covariance `fit.covariance`
 * (inverse Hessian of the negative log-likelihood; the two fits independent). `draws` parameter sets are drawn
 * (Cholesky factor × standard normals from Box–Muller over a seeded sfc32 stream), the customer's CLV computed for
 * each with {@link customerLifetimeValue} and Gamma-Gamma's conditional expected spend, and the 5th and 95th
 * percentiles (linear interpolation) returned. It does NOT include the customer's own Poisson / Gamma variability
 * (how many purchases they make, what each costs): it says how sure the models are of the expectation, not where
 * the customer's realised value will fall. NaN bounds (draws = 0) when a covariance is not defined.
 */
export function clvInterval(
  customer: ClvIntervalCustomer,
  fits: ClvIntervalFits,
  options: ClvIntervalOptions,
): ClvInterval {
  const count = options.draws ?? 500;
  if (!(Number.isInteger(count) && count > 0)) throw new RangeError('draws must be a positive whole number');
  const kind = fits.purchaseModel.kind;
  const purchaseNames = PURCHASE_NAMES[kind];
  const purchaseParams = fits.purchase.params as unknown as Readonly<Record<string, number>>;
  const spendParams = fits.spend.params as unknown as Readonly<Record<string, number>>;
  const purchaseMean = purchaseNames.map((name) => Math.log(purchaseParams[name] as number));
  const spendMean = SPEND_NAMES.map((name) => Math.log(spendParams[name] as number));
  const purchaseFactor = choleskyPsd(fits.purchase.covariance, purchaseNames.length);
  const spendFactor = choleskyPsd(fits.spend.covariance, SPEND_NAMES.length);
  if (
    purchaseFactor === undefined ||
    spendFactor === undefined ||
    ![...purchaseMean, ...spendMean].every(Number.isFinite)
  ) {
    return { low: Number.NaN, high: Number.NaN, level: 0.9, draws: 0 };
  }
  const normal = standardNormals(options.seed ?? 1);
  const { draws: _draws, seed: _seed, ...clvOptions } = options;
  const data = { x: [customer.x], tx: [customer.tx], T: [customer.T] };
  const values: number[] = [];
  for (let d = 0; d < count; d++) {
    const purchase = drawLogNormal(purchaseMean, purchaseFactor, normal);
    const spend = drawLogNormal(spendMean, spendFactor, normal);
    const params = Object.fromEntries(purchaseNames.map((name, i) => [name, purchase[i] as number]));
    const model = { kind, params } as unknown as PurchaseModel;
    const spendPerPurchase = gammaGammaConditionalExpectedSpend(
      { p: spend[0] as number, q: spend[1] as number, gamma: spend[2] as number },
      [customer.x],
      customer.zbar,
    );
    const clv = customerLifetimeValue(data, spendPerPurchase, { ...clvOptions, model }).clv[0] as number;
    if (Number.isFinite(clv)) values.push(clv);
  }
  if (values.length === 0) return { low: Number.NaN, high: Number.NaN, level: 0.9, draws: 0 };
  values.sort((a, b) => a - b);
  return { low: quantile(values, 0.05), high: quantile(values, 0.95), level: 0.9, draws: values.length };
}

/** exp(mean + L z), z standard normal. */
function drawLogNormal(mean: readonly number[], factor: Float64Array, normal: () => number): Float64Array {
  const k = mean.length;
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) z[i] = normal();
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = mean[i] as number;
    for (let j = 0; j <= i; j++) sum += (factor[i * k + j] as number) * (z[j] as number);
    out[i] = Math.exp(sum);
  }
  return out;
}

/**
 * Lower Cholesky factor of a symmetric positive SEMI-definite matrix (row-major k × k; a zero pivot gives a zero
 * column, so a zero covariance draws the estimate itself), or undefined when it has NaN or is clearly indefinite.
 */
function choleskyPsd(m: Float64Array, k: number): Float64Array | undefined {
  if (m.length !== k * k || !m.every(Number.isFinite)) return undefined;
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = m[i * k + j] as number;
      for (let c = 0; c < j; c++) sum -= (l[i * k + c] as number) * (l[j * k + c] as number);
      if (i === j) {
        if (sum < -1e-10 * Math.abs(m[i * k + i] as number)) return undefined;
        l[i * k + i] = sum > 0 ? Math.sqrt(sum) : 0;
      } else {
        const pivot = l[j * k + j] as number;
        l[i * k + j] = pivot > 0 ? sum / pivot : 0;
      }
    }
  }
  return l;
}

/** Standard normal deviates by Box–Muller (both of each pair used) over a seeded uniform stream. */
function standardNormals(seed: number): () => number {
  const random = seededRandom(seed);
  let spare = Number.NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const z = spare;
      spare = Number.NaN;
      return z;
    }
    const u = 1 - random.next(); // (0, 1]: the logarithm stays finite
    const v = random.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
}

/** Quantile of sorted values, linear interpolation between order statistics (R's type 7). */
function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}
