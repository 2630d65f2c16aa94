import { runWork, type Work } from '../util/work.js';
import { type ObjectiveWithGradient, type SteppedObjective, steppedObjective } from './objective.js';

/** Outcome of {@link lineSearchWolfe}; on success `x`, `f`, `gradient` hold the accepted point. */
export interface LineSearchResult {
  readonly ok: boolean;
  readonly step: number;
  readonly f: number;
  readonly evaluations: number;
}

const C1 = 1e-4; // sufficient decrease (Armijo)
const C2 = 0.9; // curvature; 0.9 is the usual choice for quasi-Newton directions
/**
 * Relative noise allowance on f for the approximate Wolfe conditions (Hager & Zhang 2005): a sum of 10⁵
 * log-likelihood terms carries rounding noise of ~1e-13 relative, so near the optimum, where the decrease along a
 * step is smaller than that, the Armijo test compares noise with noise and fails at random (a line search that
 * then spends 100+ evaluations before giving up). There the gradient is still informative: a step whose f is
 * within this allowance of f0 and whose slope satisfies the curvature conditions is accepted.
 */
const EPS_F = 1e-11;
const MAX_BRACKET = 40;
const MAX_ZOOM = 40;

/**
 * Strong-Wolfe line search along `direction` from `x0` (Nocedal & Wright, Algorithms 3.5–3.6) with safeguarded cubic
 * interpolation. BFGS needs the curvature condition sᵀy > 0 for its update to stay positive definite, which a plain
 * backtracking (Armijo-only) search does not guarantee.
 *
 * On success writes the accepted point into `xOut` / `gradientOut`. If the curvature condition cannot be met but a
 * point with sufficient decrease was found, that point is returned with ok = true (progress is progress).
 */
export function lineSearchWolfe(
  objective: ObjectiveWithGradient,
  x0: Float64Array,
  f0: number,
  gradient0: Float64Array,
  direction: Float64Array,
  initialStep: number,
  xOut: Float64Array,
  gradientOut: Float64Array,
): LineSearchResult {
  return runWork(
    lineSearchWolfeSteps(
      steppedObjective(objective),
      x0,
      f0,
      gradient0,
      direction,
      initialStep,
      xOut,
      gradientOut,
    ),
  );
}

/** {@link lineSearchWolfe} over a stepped objective: passes on the work its evaluations report. */
export function* lineSearchWolfeSteps(
  objective: SteppedObjective,
  x0: Float64Array,
  f0: number,
  gradient0: Float64Array,
  direction: Float64Array,
  initialStep: number,
  xOut: Float64Array,
  gradientOut: Float64Array,
): Work<LineSearchResult> {
  const n = x0.length;
  const dphi0 = dot(gradient0, direction);
  if (!(dphi0 < 0)) return { ok: false, step: 0, f: f0, evaluations: 0 };
  const xTrial = new Float64Array(n);
  const gTrial = new Float64Array(n);
  let evaluations = 0;

  const evaluate = function* (step: number): Work<{ f: number; dphi: number }> {
    for (let i = 0; i < n; i++) xTrial[i] = (x0[i] as number) + step * (direction[i] as number);
    evaluations++;
    const f = yield* objective(xTrial, gTrial);
    if (!Number.isFinite(f)) return { f: Number.POSITIVE_INFINITY, dphi: Number.NaN };
    return { f, dphi: dot(gTrial, direction) };
  };
  // Hager–Zhang's approximate Wolfe conditions: σ φ'(0) ≤ φ'(α) ≤ (2δ − 1) φ'(0) and φ(α) ≤ φ(0) + ε|φ(0)|.
  // They keep sᵀy > 0 for the BFGS update, and only matter where f has stopped resolving the decrease.
  // Used only where the decrease the step promises to first order, −α φ'(0), is itself below the noise allowance.
  const noise = EPS_F * Math.abs(f0);
  const approximateWolfe = (step: number, f: number, dphi: number): boolean =>
    -step * dphi0 <= noise && f <= f0 + noise && C2 * dphi0 <= dphi && dphi <= (2 * C1 - 1) * dphi0;
  const accept = (step: number, f: number): LineSearchResult => {
    xOut.set(xTrial);
    gradientOut.set(gTrial);
    return { ok: true, step, f, evaluations };
  };

  // Best point satisfying sufficient decrease seen so far (fallback when the curvature condition is elusive).
  let bestStep = 0;
  let bestF = f0;
  const bestX = new Float64Array(n);
  const bestG = new Float64Array(n);
  const remember = (step: number, f: number): void => {
    if (f < bestF && f <= f0 + C1 * step * dphi0) {
      bestStep = step;
      bestF = f;
      bestX.set(xTrial);
      bestG.set(gTrial);
    }
  };
  const fallback = (): LineSearchResult => {
    if (bestStep > 0) {
      xOut.set(bestX);
      gradientOut.set(bestG);
      return { ok: true, step: bestStep, f: bestF, evaluations };
    }
    return { ok: false, step: 0, f: f0, evaluations };
  };

  const zoom = function* (
    lo: number,
    fLo: number,
    dLo: number,
    hi: number,
    fHi: number,
    dHi: number,
  ): Work<LineSearchResult> {
    for (let k = 0; k < MAX_ZOOM; k++) {
      const width = hi - lo;
      if (Math.abs(width) <= 1e-16 * Math.max(1, Math.abs(lo))) break;
      let step = cubicMinimizer(lo, fLo, dLo, hi, fHi, dHi);
      const left = Math.min(lo, hi);
      const right = Math.max(lo, hi);
      const margin = 0.1 * (right - left);
      if (!Number.isFinite(step) || step < left + margin || step > right - margin) step = 0.5 * (lo + hi);
      const { f, dphi } = yield* evaluate(step);
      remember(step, f);
      if (approximateWolfe(step, f, dphi)) return accept(step, f);
      if (f > f0 + C1 * step * dphi0 || f >= fLo) {
        hi = step;
        fHi = f;
        dHi = dphi;
      } else {
        if (Math.abs(dphi) <= -C2 * dphi0) return accept(step, f);
        if (dphi * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
          dHi = dLo;
        }
        lo = step;
        fLo = f;
        dLo = dphi;
      }
    }
    return fallback();
  };

  let prevStep = 0;
  let prevF = f0;
  let prevD = dphi0;
  let step = initialStep;
  for (let i = 0; i < MAX_BRACKET; i++) {
    const { f, dphi } = yield* evaluate(step);
    remember(step, f);
    if (approximateWolfe(step, f, dphi)) return accept(step, f);
    if (f > f0 + C1 * step * dphi0 || (i > 0 && f >= prevF))
      return yield* zoom(prevStep, prevF, prevD, step, f, dphi);
    if (Math.abs(dphi) <= -C2 * dphi0) return accept(step, f);
    if (dphi >= 0) return yield* zoom(step, f, dphi, prevStep, prevF, prevD);
    prevStep = step;
    prevF = f;
    prevD = dphi;
    step *= 2;
  }
  return fallback();
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

/** Minimiser of the cubic matching f and f' at both ends (NaN when it does not exist or inputs are not finite). */
function cubicMinimizer(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  if (!Number.isFinite(fa) || !Number.isFinite(fb) || !Number.isFinite(da) || !Number.isFinite(db)) {
    return Number.NaN;
  }
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (disc < 0) return Number.NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
}
