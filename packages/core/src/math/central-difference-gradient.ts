import { runWork, type Work } from '../util/work.js';

/**
 * ∇f by central differences, h_i = step · max(1, |x_i|). Used where an analytic gradient is impractical (the
 * Pareto/NBD likelihood, whose ₂F₁ terms depend on every parameter). With step ≈ 1e-5 (≈ ε^(1/3)) truncation and
 * rounding errors balance at ~1e-10 relative, ample for BFGS and for convergence tests at 1e-7.
 * Writes into `gradient` and returns f(x).
 */
export function centralDifferenceGradient(
  f: (x: Float64Array) => number,
  x: Float64Array,
  gradient: Float64Array,
  step = 1e-5,
): number {
  return runWork(centralDifferenceGradientSteps((probe) => atOnce(f, probe), x, gradient, step));
}

// biome-ignore lint/correctness/useYield: a plain function, evaluated without pauses
function* atOnce(f: (x: Float64Array) => number, x: Float64Array): Work<number> {
  return f(x);
}

/** {@link centralDifferenceGradient} of a function that reports its work (see `Work`), passing the reports on. */
export function* centralDifferenceGradientSteps(
  f: (x: Float64Array) => Work<number>,
  x: Float64Array,
  gradient: Float64Array,
  step = 1e-5,
): Work<number> {
  const fx = yield* f(x);
  const probe = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const h = step * Math.max(1, Math.abs(xi));
    probe[i] = xi + h;
    const up = yield* f(probe);
    probe[i] = xi - h;
    const down = yield* f(probe);
    probe[i] = xi;
    gradient[i] = (up - down) / (2 * h);
  }
  return fx;
}
