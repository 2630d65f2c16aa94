import { runWork, type Work } from '../util/work.js';
import { naiveRate } from './bg-nbd-fit.js';
import { collapseRfmSteps } from './collapse.js';
import { maximizeLikelihoodSteps, namedFit } from './maximize-likelihood.js';
import { paretoNbdNegLogLikObjectiveSteps } from './pareto-nbd-likelihood.js';
import type { FitOptions, FitResult, ParetoNbdParams, RfmInput } from './types.js';

/**
 * Maximum-likelihood fit of the Pareto/NBD model (BFGS on log-parameters with a central-difference gradient of the
 * stable log-space likelihood; rows collapsed first).
 *
 * Default starts (deterministic), with λ̂ = Σx / ΣT: (r, α, s, β) = (0.5, 0.5/λ̂, 0.5, 0.5/λ̂), (1, 1/λ̂, 1, 1/λ̂) and
 * (0.25, 0.25/λ̂, 1, 2/λ̂) — i.e. the typical r, s with rates on the data's scale.
 */
export function fitParetoNbd(
  data: RfmInput,
  options: FitOptions<ParetoNbdParams> = {},
): FitResult<ParetoNbdParams> {
  return runWork(fitParetoNbdSteps(data, options));
}

/**
 * {@link fitParetoNbd} as cooperative work: yields the work done since its previous yield (nominal nanoseconds,
 * see `Work`) — every chunk of rows while collapsing and inside each likelihood evaluation — and returns the same
 * fit.
 */
export function* fitParetoNbdSteps(
  data: RfmInput,
  options: FitOptions<ParetoNbdParams> = {},
): Work<FitResult<ParetoNbdParams>> {
  const collapsed = yield* collapseRfmSteps(data);
  const objective = yield* paretoNbdNegLogLikObjectiveSteps(collapsed);
  const rate = naiveRate(collapsed);
  const defaults: ParetoNbdParams[] = [
    { r: 0.5, alpha: 0.5 / rate, s: 0.5, beta: 0.5 / rate },
    { r: 1, alpha: 1 / rate, s: 1, beta: 1 / rate },
    { r: 0.25, alpha: 0.25 / rate, s: 1, beta: 2 / rate },
  ];
  const starts = (options.starts ?? defaults).map((p) => [p.r, p.alpha, p.s, p.beta]);
  const fit = yield* maximizeLikelihoodSteps(objective, collapsed.customers, starts, options);
  return namedFit(fit, ['r', 'alpha', 's', 'beta'] as const, collapsed.customers, collapsed.length);
}
