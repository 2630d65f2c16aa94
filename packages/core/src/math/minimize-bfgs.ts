import { runWork, type Work } from '../util/work.js';
import { lineSearchWolfeSteps } from './line-search-wolfe.js';
import { type ObjectiveWithGradient, type SteppedObjective, steppedObjective } from './objective.js';

export interface MinimizeOptions {
  /** Stop (converged) when max |∂f/∂xᵢ| ≤ this. Default 1e-7. */
  readonly gradientTolerance?: number;
  /** Default 500. */
  readonly maxIterations?: number;
}

export interface MinimizeResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly gradient: Float64Array;
  /** True only when the gradient criterion was met — never because the optimiser merely stopped moving. */
  readonly converged: boolean;
  readonly gradientNorm: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly message: string;
}

/**
 * Unconstrained BFGS (dense inverse-Hessian update) with a strong-Wolfe line search. The models have 3–4
 * parameters, so the dense n×n update is cheaper than L-BFGS bookkeeping; each iteration costs one or two
 * objective + gradient evaluations, which is what matters for 100k customers.
 *
 * The first step is scaled to length ≤ 1 and the initial inverse Hessian is rescaled by sᵀy / yᵀy after the first
 * step (Nocedal & Wright eq. 6.20), so badly scaled problems do not waste iterations. A failed line search resets
 * the inverse Hessian to the identity once before giving up.
 */
export function minimizeBfgs(
  objective: ObjectiveWithGradient,
  start: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  return runWork(minimizeBfgsSteps(steppedObjective(objective), start, options));
}

/**
 * {@link minimizeBfgs} over a stepped objective, as cooperative work: it passes on the work the evaluations
 * report (see `Work`), so it can pause inside any evaluation, and returns the same result.
 */
export function* minimizeBfgsSteps(
  objective: SteppedObjective,
  start: ArrayLike<number>,
  options: MinimizeOptions = {},
): Work<MinimizeResult> {
  const gtol = options.gradientTolerance ?? 1e-7;
  const maxIterations = options.maxIterations ?? 500;
  const n = start.length;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let f = yield* objective(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) {
    return result(x, f, g, false, Number.NaN, 0, evaluations, 'objective not finite at the start');
  }
  const h = identity(n);
  let freshH = true;
  let xNext = new Float64Array(n);
  let gNext = new Float64Array(n);
  const d = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const hy = new Float64Array(n);
  let stalls = 0;

  for (let iter = 0; iter < maxIterations; iter++) {
    const gnorm = maxAbs(g);
    if (gnorm <= gtol) return result(x, f, g, true, gnorm, iter, evaluations, 'gradient tolerance reached');

    // d = −H g; fall back to steepest descent when H has lost positive definiteness numerically.
    matVec(h, g, d, n);
    for (let i = 0; i < n; i++) d[i] = -(d[i] as number);
    if (!(dot(d, g) < 0)) {
      setIdentity(h, n);
      freshH = true;
      for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
    }
    const initialStep = freshH ? Math.min(1, 1 / Math.max(norm2(d), 1e-300)) : 1;
    const ls = yield* lineSearchWolfeSteps(objective, x, f, g, d, initialStep, xNext, gNext);
    evaluations += ls.evaluations;
    if (!ls.ok) {
      if (freshH) return result(x, f, g, false, gnorm, iter, evaluations, 'line search failed');
      setIdentity(h, n);
      freshH = true;
      continue;
    }
    for (let i = 0; i < n; i++) {
      s[i] = (xNext[i] as number) - (x[i] as number);
      y[i] = (gNext[i] as number) - (g[i] as number);
    }
    const sy = dot(s, y);
    if (sy > 1e-14 * norm2(s) * norm2(y)) {
      if (freshH) {
        const scale = sy / dot(y, y);
        for (let i = 0; i < n * n; i++) h[i] = (h[i] as number) * scale;
        freshH = false;
      }
      bfgsUpdate(h, s, y, sy, hy, n);
    }
    const fPrev = f;
    [x, xNext] = [xNext, x];
    [g, gNext] = [gNext, g];
    f = ls.f;
    // Stop (not converged) when f no longer moves at all: further iterations only chase rounding noise.
    if (Math.abs(fPrev - f) <= 1e-15 * Math.max(1, Math.abs(f))) {
      stalls++;
      if (stalls >= 5) {
        const gn = maxAbs(g);
        const ok = gn <= gtol;
        return result(
          x,
          f,
          g,
          ok,
          gn,
          iter + 1,
          evaluations,
          ok ? 'gradient tolerance reached' : 'no progress',
        );
      }
    } else {
      stalls = 0;
    }
  }
  const gn = maxAbs(g);
  const ok = gn <= gtol;
  return result(
    x,
    f,
    g,
    ok,
    gn,
    maxIterations,
    evaluations,
    ok ? 'gradient tolerance reached' : 'iteration limit',
  );
}

function result(
  x: Float64Array,
  f: number,
  gradient: Float64Array,
  converged: boolean,
  gradientNorm: number,
  iterations: number,
  evaluations: number,
  message: string,
): MinimizeResult {
  return { x, f, gradient, converged, gradientNorm, iterations, evaluations, message };
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded so it needs only H y (H is symmetric). */
function bfgsUpdate(
  h: Float64Array,
  s: Float64Array,
  y: Float64Array,
  sy: number,
  hy: Float64Array,
  n: number,
) {
  const rho = 1 / sy;
  matVec(h, y, hy, n);
  const yhy = dot(y, hy);
  const k = rho * rho * yhy + rho;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const si = s[i] as number;
      const sj = s[j] as number;
      h[i * n + j] =
        (h[i * n + j] as number) - rho * ((hy[i] as number) * sj + si * (hy[j] as number)) + k * si * sj;
    }
  }
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  setIdentity(m, n);
  return m;
}

function setIdentity(m: Float64Array, n: number): void {
  m.fill(0);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
}

function matVec(m: Float64Array, v: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let j = 0; j < n; j++) acc += (m[i * n + j] as number) * (v[j] as number);
    out[i] = acc;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc += (a[i] as number) * (b[i] as number);
  return acc;
}

function norm2(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i] as number);
    if (!(v <= m)) m = v; // NaN propagates as "not converged"
  }
  return m;
}
