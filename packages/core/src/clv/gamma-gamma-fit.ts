import { gammaGammaNegLogLikObjective } from './gamma-gamma-likelihood.js';
import { maximizeLikelihood } from './maximize-likelihood.js';
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
  const n = data.x.length;
  if (data.zbar.length !== n || (data.weight && data.weight.length !== n)) {
    throw new RangeError('x, zbar (and weight) must have the same length');
  }
  const x: number[] = [];
  const zbar: number[] = [];
  const weight: number[] = [];
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const xi = data.x[i] as number;
    const zi = data.zbar[i] as number;
    const wi = data.weight ? (data.weight[i] as number) : 1;
    if (!(xi > 0 && zi > 0 && Number.isFinite(zi) && wi > 0)) continue;
    x.push(xi);
    zbar.push(zi);
    weight.push(wi);
    sum += wi * zi;
    count += wi;
  }
  const mean = count > 0 ? sum / count : 1;
  const objective = gammaGammaNegLogLikObjective(
    Float64Array.from(x),
    Float64Array.from(zbar),
    Float64Array.from(weight),
  );
  const defaults: GammaGammaParams[] = [
    { p: 1, q: 2, gamma: mean },
    { p: 4, q: 4, gamma: (mean * 3) / 4 },
    { p: 10, q: 3, gamma: (mean * 2) / 10 },
  ];
  const starts = (options.starts ?? defaults).map((s) => [s.p, s.q, s.gamma]);
  const fit = maximizeLikelihood(objective, count, starts, options);
  const [p, q, gamma] = fit.params;
  const [sp, sq, sg] = fit.standardErrors;
  return {
    params: { p: p as number, q: q as number, gamma: gamma as number },
    standardErrors: { p: sp as number, q: sq as number, gamma: sg as number },
    logLik: fit.logLik,
    converged: fit.converged,
    iterations: fit.iterations,
    n: count,
    rows: x.length,
    gradientNorm: fit.gradientNorm,
    starts: fit.starts,
    message: fit.message,
  };
}
