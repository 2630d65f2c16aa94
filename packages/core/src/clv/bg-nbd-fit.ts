import { runWork, type Work } from '../util/work.js';
import { bgNbdNegLogLikObjectiveSteps } from './bg-nbd-likelihood.js';
import { collapseRfmSteps } from './collapse.js';
import { maximizeLikelihoodSteps, namedFit } from './maximize-likelihood.js';
import type { BgNbdParams, FitOptions, FitResult, RfmInput } from './types.js';

/**
 * Maximum-likelihood fit of the BG/NBD model (analytic gradient, BFGS on log-parameters, rows collapsed first).
 *
 * Default starts (deterministic): the literature's typical shape values with α scaled to the data, α = r / λ̂ where
 * λ̂ = Σx / ΣT is the naive repeat rate — (0.25, 0.8, 2.5), (1, 1, 1) and (0.5, 0.5, 5) for (r, a, b).
 */
export function fitBgNbd(data: RfmInput, options: FitOptions<BgNbdParams> = {}): FitResult<BgNbdParams> {
  return runWork(fitBgNbdSteps(data, options));
}

/**
 * {@link fitBgNbd} as cooperative work: yields the work done since its previous yield (nominal nanoseconds, see
 * `Work`) — every chunk of rows while collapsing, every chunk of repeat buyers inside each likelihood evaluation —
 * and returns the same fit.
 */
export function* fitBgNbdSteps(
  data: RfmInput,
  options: FitOptions<BgNbdParams> = {},
): Work<FitResult<BgNbdParams>> {
  const collapsed = yield* collapseRfmSteps(data);
  const objective = yield* bgNbdNegLogLikObjectiveSteps(collapsed);
  const starts = (options.starts ?? defaultStarts(collapsed)).map((p) => [p.r, p.alpha, p.a, p.b]);
  const fit = yield* maximizeLikelihoodSteps(objective, collapsed.customers, starts, options);
  return namedFit(fit, ['r', 'alpha', 'a', 'b'] as const, collapsed.customers, collapsed.length);
}

function defaultStarts(data: { x: Float64Array; T: Float64Array; weight: Float64Array }): BgNbdParams[] {
  const rate = naiveRate(data);
  return [
    { r: 0.25, alpha: 0.25 / rate, a: 0.8, b: 2.5 },
    { r: 1, alpha: 1 / rate, a: 1, b: 1 },
    { r: 0.5, alpha: 0.5 / rate, a: 0.5, b: 5 },
  ];
}

/** Σ w x / Σ w T, floored so an all-zero data set still gives finite starts. */
export function naiveRate(data: { x: Float64Array; T: Float64Array; weight: Float64Array }): number {
  let sx = 0;
  let sT = 0;
  for (let i = 0; i < data.x.length; i++) {
    sx += (data.weight[i] as number) * (data.x[i] as number);
    sT += (data.weight[i] as number) * (data.T[i] as number);
  }
  const rate = sx / sT;
  return rate > 0 && Number.isFinite(rate) ? rate : 1e-3;
}
