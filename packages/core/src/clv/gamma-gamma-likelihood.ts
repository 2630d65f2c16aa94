import { digamma } from '../math/digamma.js';
import { logGamma } from '../math/log-gamma.js';
import type { ObjectiveWithGradient, SteppedObjective } from '../math/objective.js';
import { forChunks, runWork, type Work } from '../util/work.js';
import type { GammaGammaParams } from './types.js';
import { groupByXSteps } from './x-groups.js';

/**
 * Gamma-Gamma log-likelihood of each repeat buyer's mean repeat spend z̄ over x purchases (Fader & Hardie 2013,
 * note 025): z̄ | ν ~ Gamma(p x, ν x), ν ~ Gamma(q, γ), so
 *
 *   ln f(z̄) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px − 1) ln z̄ + px ln x − (px+q) ln(γ + x z̄).
 *
 * Rows with x = 0 or a non-positive z̄ have no spend information: NaN.
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  x: ArrayLike<number>,
  zbar: ArrayLike<number>,
): Float64Array {
  const { p, q, gamma } = params;
  const n = x.length;
  const out = new Float64Array(n);
  const base = q * Math.log(gamma) - logGamma(q);
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const zi = zbar[i] as number;
    if (!(xi > 0 && zi > 0)) {
      out[i] = Number.NaN;
      continue;
    }
    const px = p * xi;
    out[i] =
      base +
      logGamma(px + q) -
      logGamma(px) +
      (px - 1) * Math.log(zi) +
      px * Math.log(xi) -
      (px + q) * Math.log(gamma + xi * zi);
  }
  return out;
}

/**
 * Negative Gamma-Gamma log-likelihood over repeat buyers in θ = (ln p, ln q, ln γ) with its analytic gradient:
 *   ∂/∂p = x [ψ(px+q) − ψ(px) + ln(x z̄) − ln(γ + x z̄)]
 *   ∂/∂q = ψ(px+q) − ψ(q) + ln γ − ln(γ + x z̄)
 *   ∂/∂γ = q/γ − (px+q)/(γ + x z̄)
 * Gamma and digamma terms are evaluated once per distinct x. Inputs must already be filtered to x > 0, z̄ > 0.
 */
export function gammaGammaNegLogLikObjective(
  x: Float64Array,
  zbar: Float64Array,
  weight: Float64Array,
): ObjectiveWithGradient {
  const objective = runWork(gammaGammaNegLogLikObjectiveSteps(x, zbar, weight));
  return (theta, gradient) => runWork(objective(theta, gradient));
}

/** Nominal cost per row of the set-up, and per row of an evaluation. */
const SETUP_COST = 60;
const ROW_COST = 15;

/**
 * {@link gammaGammaNegLogLikObjective} as cooperative work: the set-up reports its work (see `Work`) and returns
 * the objective as a {@link SteppedObjective}, whose evaluations report theirs every chunk of rows. Values and
 * gradients are identical: the row sums run in the same order, chunk after chunk.
 */
export function* gammaGammaNegLogLikObjectiveSteps(
  x: Float64Array,
  zbar: Float64Array,
  weight: Float64Array,
): Work<SteppedObjective> {
  const n = x.length;
  const groups = yield* groupByXSteps(x, weight);
  const k = groups.values.length;
  // Σ w, Σ w x ln(x z̄) and Σ w ln z̄: constant in the parameters.
  const constants: Constants = {
    x,
    zbar,
    weight,
    xz: new Float64Array(n),
    total: 0,
    sumWXLogXZ: 0,
    sumWLogZ: 0,
  };
  yield* forChunks(n, SETUP_COST, addConstants, constants);
  const { total, sumWXLogXZ, sumWLogZ } = constants;
  // NaN, not 0: the fields hold doubles from the start, so the object's map never changes under the kernel.
  const nan = Number.NaN;
  const rows: RowSums = {
    x,
    weight,
    xz: constants.xz,
    p: nan,
    q: nan,
    gamma: nan,
    ll: nan,
    dP: nan,
    dQ: nan,
    dGamma: nan,
  };

  return function* (theta, gradient) {
    const p = Math.exp(theta[0] as number);
    const q = Math.exp(theta[1] as number);
    const gamma = Math.exp(theta[2] as number);
    if (!Number.isFinite(p + q + gamma) || p === 0 || q === 0 || gamma === 0) return Number.NaN;
    const lnGamma = Math.log(gamma);
    // (px − 1) ln z̄ + px ln x = p x ln(x z̄) − ln z̄
    let ll = total * (q * lnGamma - logGamma(q)) + p * sumWXLogXZ - sumWLogZ;
    let dP = sumWXLogXZ;
    let dQ = total * (lnGamma - digamma(q));
    const dGamma = (total * q) / gamma;
    for (let g = 0; g < k; g++) {
      const xg = groups.values[g] as number;
      const w = groups.weight[g] as number;
      const px = p * xg;
      ll += w * (logGamma(px + q) - logGamma(px));
      const psiPXQ = digamma(px + q);
      dP += w * xg * (psiPXQ - digamma(px));
      dQ += w * psiPXQ;
    }
    rows.p = p;
    rows.q = q;
    rows.gamma = gamma;
    rows.ll = ll;
    rows.dP = dP;
    rows.dQ = dQ;
    rows.dGamma = dGamma;
    yield* forChunks(n, ROW_COST, addRows, rows);
    gradient[0] = -rows.dP * p;
    gradient[1] = -rows.dQ * q;
    gradient[2] = -rows.dGamma * gamma;
    return -rows.ll;
  };
}

interface Constants {
  readonly x: Float64Array;
  readonly zbar: Float64Array;
  readonly weight: Float64Array;
  /** x z̄ per row. */
  readonly xz: Float64Array;
  total: number;
  sumWXLogXZ: number;
  sumWLogZ: number;
}

function addConstants(s: Constants, from: number, to: number): void {
  const { x, zbar, weight, xz } = s;
  let { total, sumWXLogXZ, sumWLogZ } = s;
  for (let i = from; i < to; i++) {
    const xi = x[i] as number;
    const w = weight[i] as number;
    const logXZ = Math.log(xi * (zbar[i] as number));
    total += w;
    sumWXLogXZ += w * xi * logXZ;
    sumWLogZ += w * Math.log(zbar[i] as number);
    xz[i] = xi * (zbar[i] as number);
  }
  s.total = total;
  s.sumWXLogXZ = sumWXLogXZ;
  s.sumWLogZ = sumWLogZ;
}

/** Rows and parameters of an evaluation, with the sums so far: ll, ∂/∂p, ∂/∂q, ∂/∂γ. */
interface RowSums {
  readonly x: Float64Array;
  readonly weight: Float64Array;
  readonly xz: Float64Array;
  p: number;
  q: number;
  gamma: number;
  ll: number;
  dP: number;
  dQ: number;
  dGamma: number;
}

function addRows(s: RowSums, from: number, to: number): void {
  const { x, weight, xz, p, q, gamma } = s;
  let { ll, dP, dQ, dGamma } = s;
  for (let i = from; i < to; i++) {
    const w = weight[i] as number;
    const xi = x[i] as number;
    const denom = gamma + (xz[i] as number);
    const lnDenom = Math.log(denom);
    const pxq = p * xi + q;
    ll -= w * pxq * lnDenom;
    dP -= w * xi * lnDenom;
    dQ -= w * lnDenom;
    dGamma -= (w * pxq) / denom;
  }
  s.ll = ll;
  s.dP = dP;
  s.dQ = dQ;
  s.dGamma = dGamma;
}
