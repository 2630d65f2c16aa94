import { digamma } from '../math/digamma.js';
import { logGamma } from '../math/log-gamma.js';
import type { ObjectiveWithGradient } from '../math/objective.js';
import type { GammaGammaParams } from './types.js';
import { groupByX } from './x-groups.js';

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
  const n = x.length;
  const groups = groupByX(x, weight);
  const k = groups.values.length;
  const logXZ = new Float64Array(n);
  let total = 0;
  let sumWXLogXZ = 0; // Σ w x ln(x z̄), constant in the parameters
  let sumWLogZ = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const w = weight[i] as number;
    logXZ[i] = Math.log(xi * (zbar[i] as number));
    total += w;
    sumWXLogXZ += w * xi * (logXZ[i] as number);
    sumWLogZ += w * Math.log(zbar[i] as number);
  }
  const xz = new Float64Array(n);
  for (let i = 0; i < n; i++) xz[i] = (x[i] as number) * (zbar[i] as number);

  return (theta, gradient) => {
    const p = Math.exp(theta[0] as number);
    const q = Math.exp(theta[1] as number);
    const gamma = Math.exp(theta[2] as number);
    if (!Number.isFinite(p + q + gamma) || p === 0 || q === 0 || gamma === 0) return Number.NaN;
    const lnGamma = Math.log(gamma);
    // (px − 1) ln z̄ + px ln x = p x ln(x z̄) − ln z̄
    let ll = total * (q * lnGamma - logGamma(q)) + p * sumWXLogXZ - sumWLogZ;
    let dP = sumWXLogXZ;
    let dQ = total * (lnGamma - digamma(q));
    let dGamma = (total * q) / gamma;
    for (let g = 0; g < k; g++) {
      const xg = groups.values[g] as number;
      const w = groups.weight[g] as number;
      const px = p * xg;
      ll += w * (logGamma(px + q) - logGamma(px));
      const psiPXQ = digamma(px + q);
      dP += w * xg * (psiPXQ - digamma(px));
      dQ += w * psiPXQ;
    }
    for (let i = 0; i < n; i++) {
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
    gradient[0] = -dP * p;
    gradient[1] = -dQ * q;
    gradient[2] = -dGamma * gamma;
    return -ll;
  };
}
