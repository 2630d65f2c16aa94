import { centralDifferenceGradientSteps } from '../math/central-difference-gradient.js';
import { logGamma } from '../math/log-gamma.js';
import { logHyp2f1 } from '../math/log-hyp2f1.js';
import type { ObjectiveWithGradient, SteppedObjective } from '../math/objective.js';
import { forChunks, runWork, type Work } from '../util/work.js';
import type { CollapsedRfm } from './collapse.js';
import type { ParetoNbdParams, RfmArrays } from './types.js';
import { groupByXSteps } from './x-groups.js';

/**
 * ln A₀ of the Pareto/NBD likelihood (Fader & Hardie 2005, note 009, eqs. 19–20):
 *
 *   α ≥ β: A₀ = ₂F₁(r+s+x, s+1; r+s+x+1; (α−β)/(α+tx)) / (α+tx)^(r+s+x) − [same with T]
 *   α < β: A₀ = ₂F₁(r+s+x, r+x; r+s+x+1; (β−α)/(β+tx)) / (β+tx)^(r+s+x) − [same with T]
 *
 * Each term is formed in logs (no overflow of the powers) and the difference with log-sub-exp, the formulation of
 * the lifetimes package. A₀ is (r+s+x) ∫ from tx to T of (α+τ)^−(r+x) (β+τ)^−(s+1) dτ, so it is 0 when tx = T
 * (returns −Infinity).
 */
export function paretoNbdLogA0(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
) {
  const rsx = r + s + x;
  let max: number;
  let diff: number;
  let second: number;
  if (alpha >= beta) {
    max = alpha;
    diff = alpha - beta;
    second = s + 1;
  } else {
    max = beta;
    diff = beta - alpha;
    second = r + x;
  }
  const atTx = logHyp2f1(rsx, second, rsx + 1, diff / (max + tx)) - rsx * Math.log(max + tx);
  if (T === tx) return Number.NEGATIVE_INFINITY;
  const atT = logHyp2f1(rsx, second, rsx + 1, diff / (max + T)) - rsx * Math.log(max + T);
  if (!(atT < atTx)) return Number.NEGATIVE_INFINITY; // rounding when tx ≈ T: the integral is ≈ 0
  return atTx + Math.log1p(-Math.exp(atT - atTx));
}

/**
 * Pareto/NBD log-likelihood of each customer (note 009, eq. 18):
 *
 *   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln[ 1/((α+T)^(r+x) (β+T)^s) + s/(r+s+x) · A₀ ]
 */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, data: RfmArrays): Float64Array {
  const { r, alpha, s, beta } = params;
  const n = data.x.length;
  const out = new Float64Array(n);
  const base = r * Math.log(alpha) + s * Math.log(beta) - logGamma(r);
  for (let i = 0; i < n; i++) {
    const x = data.x[i] as number;
    out[i] =
      base +
      logGamma(r + x) +
      paretoNbdLogBracket(r, alpha, s, beta, x, data.tx[i] as number, data.T[i] as number);
  }
  return out;
}

/** ln of the bracket of {@link paretoNbdLogLikelihood} (the part depending on tx and T). */
export function paretoNbdLogBracket(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
): number {
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const logA0 = paretoNbdLogA0(r, alpha, s, beta, x, tx, T);
  const dead = Math.log(s) - Math.log(r + s + x) + logA0;
  if (dead === Number.NEGATIVE_INFINITY) return alive;
  return alive > dead
    ? alive + Math.log1p(Math.exp(dead - alive))
    : dead + Math.log1p(Math.exp(alive - dead));
}

/**
 * Negative Pareto/NBD log-likelihood summed over weighted rows, in θ = (ln r, ln α, ln s, ln β), with a
 * central-difference gradient (the ₂F₁ terms make the analytic gradient unwieldy; 9 likelihood evaluations per
 * gradient on collapsed rows are affordable). Gamma terms are evaluated per distinct x.
 */
export function paretoNbdNegLogLikObjective(data: CollapsedRfm): ObjectiveWithGradient {
  const objective = runWork(paretoNbdNegLogLikObjectiveSteps(data));
  return (theta, gradient) => runWork(objective(theta, gradient));
}

/** Nominal cost per row of one likelihood evaluation (two ₂F₁ series). */
const ROW_COST = 300;

/**
 * {@link paretoNbdNegLogLikObjective} as cooperative work: the set-up reports its work (see `Work`) and returns
 * the objective as a {@link SteppedObjective}, whose 9 likelihood evaluations per gradient report theirs every
 * chunk of rows. Values are identical: the row sum runs in the same order, chunk after chunk.
 */
export function* paretoNbdNegLogLikObjectiveSteps(data: CollapsedRfm): Work<SteppedObjective> {
  const { x, tx, T, weight, length } = data;
  const groups = yield* groupByXSteps(x, weight);
  const total = data.customers;
  // NaN, not 0: the fields hold doubles from the start, so the object's map never changes under the kernel.
  const nan = Number.NaN;
  const rows: BracketSum = { x, tx, T, weight, r: nan, alpha: nan, s: nan, beta: nan, ll: nan };
  const negLogLik = function* (theta: Float64Array): Work<number> {
    const r = Math.exp(theta[0] as number);
    const alpha = Math.exp(theta[1] as number);
    const s = Math.exp(theta[2] as number);
    const beta = Math.exp(theta[3] as number);
    if (!Number.isFinite(r + alpha + s + beta) || r === 0 || alpha === 0 || s === 0 || beta === 0)
      return Number.NaN;
    let ll = total * (r * Math.log(alpha) + s * Math.log(beta) - logGamma(r));
    for (let g = 0; g < groups.values.length; g++) {
      ll += (groups.weight[g] as number) * logGamma(r + (groups.values[g] as number));
    }
    rows.r = r;
    rows.alpha = alpha;
    rows.s = s;
    rows.beta = beta;
    rows.ll = ll;
    yield* forChunks(length, ROW_COST, addBrackets, rows);
    return -rows.ll;
  };
  return (theta, gradient) => centralDifferenceGradientSteps(negLogLik, theta, gradient);
}

/** Rows and parameters of an evaluation, with the log-likelihood summed so far. */
interface BracketSum {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  r: number;
  alpha: number;
  s: number;
  beta: number;
  ll: number;
}

function addBrackets(state: BracketSum, from: number, to: number): void {
  const { x, tx, T, weight, r, alpha, s, beta } = state;
  let ll = state.ll;
  for (let i = from; i < to; i++) {
    ll +=
      (weight[i] as number) *
      paretoNbdLogBracket(r, alpha, s, beta, x[i] as number, tx[i] as number, T[i] as number);
  }
  state.ll = ll;
}
