import { runWork, type Work } from '../util/work.js';

/**
 * Hessian by central differences of a gradient, symmetrised: H_ij = ½ (∂g_i/∂x_j + ∂g_j/∂x_i), with
 * h_j = step · max(1, |x_j|). Returned row-major (n × n). Used only for standard errors at the optimum, where one
 * extra 2n gradient evaluations is cheap next to the fit.
 */
export function numericHessian(
  gradient: (x: Float64Array, out: Float64Array) => void,
  x: ArrayLike<number>,
  step = 1e-4,
): Float64Array {
  return runWork(numericHessianSteps((probe, out) => atOnce(gradient, probe, out), x, step));
}

// biome-ignore lint/correctness/useYield: a plain gradient, evaluated without pauses
function* atOnce(gradient: (x: Float64Array, out: Float64Array) => void, x: Float64Array, out: Float64Array) {
  gradient(x, out);
}

/** {@link numericHessian} of a gradient that reports its work (see `Work`), passing the reports on. */
export function* numericHessianSteps(
  gradient: (x: Float64Array, out: Float64Array) => Work<void>,
  x: ArrayLike<number>,
  step = 1e-4,
): Work<Float64Array> {
  const n = x.length;
  const hess = new Float64Array(n * n);
  const probe = Float64Array.from(x);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const xj = x[j] as number;
    const h = step * Math.max(1, Math.abs(xj));
    probe[j] = xj + h;
    yield* gradient(probe, up);
    probe[j] = xj - h;
    yield* gradient(probe, down);
    probe[j] = xj;
    for (let i = 0; i < n; i++) hess[i * n + j] = ((up[i] as number) - (down[i] as number)) / (2 * h);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const avg = 0.5 * ((hess[i * n + j] as number) + (hess[j * n + i] as number));
      hess[i * n + j] = avg;
      hess[j * n + i] = avg;
    }
  }
  return hess;
}
