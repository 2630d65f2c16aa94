import { forChunks, runWork, type Work } from '../util/work.js';
import { gammaGammaNegLogLikObjectiveSteps } from './gamma-gamma-likelihood.js';
import { maximizeLikelihoodSteps, namedFit } from './maximize-likelihood.js';
import type { FitOptions, FitResult, GammaGammaParams } from './types.js';

/** Input of {@link fitGammaGamma}: repeat purchase counts and mean repeat spend per customer (optionally weighted). */
export interface SpendInput {
  readonly x: ArrayLike<number>;
  readonly zbar: ArrayLike<number>;
  readonly weight?: ArrayLike<number>;
}

/**
 * Maximum-likelihood fit of the Gamma-Gamma spend model over repeat buyers: rows with x > 0 and a finite z̄ > 0 are
 * used, the others (one-time buyers, NaN z̄) ignored — `n` reports how many were used. Analytic gradient, BFGS on
 * log-parameters.
 *
 * Default starts (deterministic), with m̄ = mean z̄: (p, q) ∈ {(1, 2), (4, 4), (10, 3)} and γ from the mean
 * identity E[z̄] = pγ/(q − 1), i.e. γ = m̄ (q − 1) / p.
 */
export function fitGammaGamma(
  data: SpendInput,
  options: FitOptions<GammaGammaParams> = {},
): FitResult<GammaGammaParams> {
  return runWork(fitGammaGammaSteps(data, options));
}

/** Nominal cost per row of picking the repeat buyers. */
const PICK_COST = 20;

/**
 * {@link fitGammaGamma} as cooperative work: yields the work done since its previous yield (nominal nanoseconds,
 * see `Work`) — every chunk of rows, also inside each likelihood evaluation — and returns the same fit.
 */
export function* fitGammaGammaSteps(
  data: SpendInput,
  options: FitOptions<GammaGammaParams> = {},
): Work<FitResult<GammaGammaParams>> {
  const n = data.x.length;
  if (data.zbar.length !== n || (data.weight && data.weight.length !== n)) {
    throw new RangeError('x, zbar (and weight) must have the same length');
  }
  const picked: Picked = {
    data,
    x: new Float64Array(n),
    zbar: new Float64Array(n),
    weight: new Float64Array(n),
    rows: 0,
    sum: 0,
    count: 0,
  };
  yield* forChunks(n, PICK_COST, pickRepeatBuyers, picked);
  const { rows, sum, count } = picked;
  const mean = count > 0 ? sum / count : 1;
  const objective = yield* gammaGammaNegLogLikObjectiveSteps(
    picked.x.slice(0, rows),
    picked.zbar.slice(0, rows),
    picked.weight.slice(0, rows),
  );
  const defaults: GammaGammaParams[] = [
    { p: 1, q: 2, gamma: mean },
    { p: 4, q: 4, gamma: (mean * 3) / 4 },
    { p: 10, q: 3, gamma: (mean * 2) / 10 },
  ];
  const starts = (options.starts ?? defaults).map((s) => [s.p, s.q, s.gamma]);
  const fit = yield* maximizeLikelihoodSteps(objective, count, starts, options);
  return namedFit(fit, ['p', 'q', 'gamma'] as const, count, rows);
}

/** The rows the fit uses, and the weighted sum and count of their z̄. */
interface Picked {
  readonly data: SpendInput;
  readonly x: Float64Array;
  readonly zbar: Float64Array;
  readonly weight: Float64Array;
  /** Rows picked so far. */
  rows: number;
  sum: number;
  count: number;
}

function pickRepeatBuyers(s: Picked, from: number, to: number): void {
  const { data, x, zbar, weight } = s;
  let { rows, sum, count } = s;
  for (let i = from; i < to; i++) {
    const xi = data.x[i] as number;
    const zi = data.zbar[i] as number;
    const wi = data.weight ? (data.weight[i] as number) : 1;
    if (!(xi > 0 && zi > 0 && Number.isFinite(zi) && wi > 0)) continue;
    x[rows] = xi;
    zbar[rows] = zi;
    weight[rows] = wi;
    rows++;
    sum += wi * zi;
    count += wi;
  }
  s.rows = rows;
  s.sum = sum;
  s.count = count;
}
