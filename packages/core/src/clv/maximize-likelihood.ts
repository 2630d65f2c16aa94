import { invertPositiveDefinite } from '../math/invert-positive-definite.js';
import { type MinimizeResult, minimizeBfgsSteps } from '../math/minimize-bfgs.js';
import { numericHessianSteps } from '../math/numeric-hessian.js';
import { type ObjectiveWithGradient, type SteppedObjective, steppedObjective } from '../math/objective.js';
import { runWork, type Work } from '../util/work.js';
import type { FitResult } from './types.js';

/** Outcome of {@link maximizeLikelihood}, on the natural parameter scale. */
export interface MleOutcome {
  readonly params: Float64Array;
  readonly standardErrors: Float64Array;
  /**
   * Covariance of the log-parameters θ = ln(params), row-major k × k: the inverse of the numerical Hessian of the
   * total negative log-likelihood in θ at the optimum. NaN-filled when that Hessian is not positive definite or
   * standard errors were not asked for.
   */
  readonly covariance: Float64Array;
  readonly logLik: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly gradientNorm: number;
  readonly starts: number;
  readonly message: string;
}

export interface MleSettings {
  readonly gradientTolerance?: number;
  readonly maxIterations?: number;
  readonly standardErrors?: boolean;
}

/**
 * Multi-start maximum likelihood over log-parameters.
 *
 * `negLogLik` is the total negative log-likelihood (and gradient) in θ = ln(params). The optimiser works on the
 * mean per customer (divided by n) so one gradient tolerance means the same for 2 000 or 2 000 000 customers.
 * Starts are run in order until two of them converge to the same optimum (mean log-likelihood within 1e-10 and
 * log-parameters within 1e-4); the best converged run wins (a non-converged run is returned only if none converged,
 * with converged = false). Standard errors: numerical Hessian of the total negative log-likelihood in θ at the optimum,
 * inverted, then the delta method SE(p) = p · SE(ln p) — exact to first order at a maximum, where the gradient term
 * vanishes.
 */
export function maximizeLikelihood(
  negLogLik: ObjectiveWithGradient,
  n: number,
  starts: readonly (readonly number[])[],
  settings: MleSettings = {},
): MleOutcome {
  return runWork(maximizeLikelihoodSteps(steppedObjective(negLogLik), n, starts, settings));
}

/**
 * {@link maximizeLikelihood} over a stepped objective, as cooperative work: passes on the work its evaluations
 * report (see `Work`) and returns the same outcome.
 */
export function* maximizeLikelihoodSteps(
  negLogLik: SteppedObjective,
  n: number,
  starts: readonly (readonly number[])[],
  settings: MleSettings = {},
): Work<MleOutcome> {
  if (!(n > 0)) throw new RangeError('cannot fit a model to zero customers');
  const scaled: SteppedObjective = function* (theta, gradient) {
    const f = yield* negLogLik(theta, gradient);
    for (let i = 0; i < gradient.length; i++) gradient[i] = (gradient[i] as number) / n;
    return f / n;
  };
  let best: MinimizeResult | undefined;
  let iterations = 0;
  let run = 0;
  for (const start of starts) {
    run++;
    const theta0 = start.map((v) => Math.log(v));
    const result = yield* minimizeBfgsSteps(scaled, theta0, {
      gradientTolerance: settings.gradientTolerance ?? 1e-7,
      maxIterations: settings.maxIterations ?? 500,
    });
    iterations += result.iterations;
    if (!Number.isFinite(result.f)) continue;
    // Two converged starts at the same optimum settle it; further starts would only cost time.
    const confirms = best?.converged === true && result.converged && sameOptimum(best, result);
    if (
      best === undefined ||
      (result.converged && !best.converged) ||
      (result.converged === best.converged && result.f < best.f)
    ) {
      best = result;
    }
    if (confirms) break;
  }
  if (best === undefined) {
    const k = starts[0]?.length ?? 0;
    const nan = new Float64Array(k).fill(Number.NaN);
    return {
      params: nan,
      standardErrors: nan.slice(),
      covariance: new Float64Array(k * k).fill(Number.NaN),
      logLik: Number.NaN,
      converged: false,
      iterations,
      gradientNorm: Number.NaN,
      starts: run,
      message: 'the likelihood was not finite at any start',
    };
  }
  const k = best.x.length;
  const params = best.x.map((v) => Math.exp(v));
  const standardErrors = new Float64Array(k).fill(Number.NaN);
  const covariance = new Float64Array(k * k).fill(Number.NaN);
  if (settings.standardErrors ?? true) {
    const hess = yield* numericHessianSteps(function* (theta, g) {
      yield* negLogLik(theta, g);
    }, best.x);
    const cov = invertPositiveDefinite(hess, k);
    if (cov !== undefined) {
      covariance.set(cov);
      for (let i = 0; i < k; i++)
        standardErrors[i] = (params[i] as number) * Math.sqrt(cov[i * k + i] as number);
    }
  }
  return {
    params,
    standardErrors,
    covariance,
    logLik: -best.f * n,
    converged: best.converged,
    iterations,
    gradientNorm: best.gradientNorm,
    starts: run,
    message: best.message,
  };
}

function sameOptimum(a: { f: number; x: Float64Array }, b: { f: number; x: Float64Array }): boolean {
  if (Math.abs(a.f - b.f) > 1e-10 * Math.max(1, Math.abs(a.f))) return false;
  for (let i = 0; i < a.x.length; i++) {
    if (Math.abs((a.x[i] as number) - (b.x[i] as number)) > 1e-4) return false;
  }
  return true;
}

/**
 * The fit as the fitters report it: parameters and standard errors named (in the order the likelihood takes
 * them), with the counts of customers and distinct rows used.
 */
export function namedFit<K extends string>(
  fit: MleOutcome,
  names: readonly K[],
  n: number,
  rows: number,
): FitResult<Record<K, number>> {
  const named = (values: Float64Array) =>
    Object.fromEntries(names.map((name, i) => [name, values[i] as number])) as Record<K, number>;
  return {
    params: named(fit.params),
    standardErrors: named(fit.standardErrors),
    covariance: fit.covariance,
    logLik: fit.logLik,
    converged: fit.converged,
    iterations: fit.iterations,
    n,
    rows,
    gradientNorm: fit.gradientNorm,
    starts: fit.starts,
    message: fit.message,
  };
}
