import { gammaSign } from './gamma-sign.js';
import { hyp2f1Series } from './hyp2f1-series.js';
import { logGamma } from './log-gamma.js';
import type { SignedLog } from './signed-log.js';

const NAN: SignedLog = { logAbs: Number.NaN, sign: Number.NaN };
const ONE: SignedLog = { logAbs: 0, sign: 1 };

/**
 * Gauss hypergeometric ₂F₁(a, b; c; z) for real parameters and real z < 1 (and z = 1 when c − a − b > 0), as
 * sign · e^logAbs.
 *
 * Why the branches: the plain series converges like zⁿ·n^(a+b−c−1), so it is slow or huge near z = 1 and
 * alternating (cancelling) for z < 0. So:
 * - z < 0: Pfaff, ₂F₁(a,b;c;z) = (1−z)^(−a) ₂F₁(a, c−b; c; z/(z−1)), mapping to (0, 1) with no alternation;
 * - 0 < z < 1 and c − a − b < 0: Euler, ₂F₁ = (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z), whose series stays bounded at
 *   z → 1 (this is the case of the BG/NBD conditional expectation with many purchases);
 * - z > 0.9 with moderate parameters and c − a − b not near an integer: the 1 − z connection formula
 *   (Abramowitz & Stegun 15.3.6), two fast series in 1 − z; otherwise the (slower) series above, which is exact
 *   but needs ~40/(1 − z) terms.
 */
export function hyp2f1LogAbs(a: number, b: number, c: number, z: number): SignedLog {
  if (Number.isNaN(a) || Number.isNaN(b) || Number.isNaN(c) || Number.isNaN(z)) return NAN;
  if (z === 0 || a === 0 || b === 0) return ONE;
  if (c <= 0 && Number.isInteger(c)) return NAN; // pole of the series
  if (z > 1) return NAN; // branch cut: not needed by the models
  if (z === 1) return gaussAtOne(a, b, c);
  if (z < 0) {
    const w = z / (z - 1);
    const inner = hyp2f1LogAbs(a, c - b, c, w);
    return { logAbs: inner.logAbs - a * Math.log1p(-z), sign: inner.sign };
  }
  const d = c - a - b;
  if (z > 0.9 && oneMinusZApplies(a, b, c, d)) {
    const viaConnection = oneMinusZ(a, b, c, d, z);
    if (viaConnection !== undefined) return viaConnection;
  }
  if (d < 0) {
    const inner = hyp2f1Series(c - a, c - b, c, z);
    return { logAbs: inner.logAbs + d * Math.log1p(-z), sign: inner.sign };
  }
  return hyp2f1Series(a, b, c, z);
}

/** Gauss's theorem: ₂F₁(a,b;c;1) = Γ(c)Γ(c−a−b) / (Γ(c−a)Γ(c−b)) for c − a − b > 0. */
function gaussAtOne(a: number, b: number, c: number): SignedLog {
  const d = c - a - b;
  if (!(d > 0)) return NAN;
  if (isPole(c - a) || isPole(c - b)) return { logAbs: Number.NEGATIVE_INFINITY, sign: 0 };
  return {
    logAbs: logGamma(c) + logGamma(d) - logGamma(c - a) - logGamma(c - b),
    sign: gammaSign(c) * gammaSign(d) * gammaSign(c - a) * gammaSign(c - b),
  };
}

function isPole(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

function oneMinusZApplies(a: number, b: number, c: number, d: number): boolean {
  // Near-integer c − a − b makes both Γ(±d) blow up with opposite signs (cancellation); large parameters make the
  // two series in 1 − z grow before they converge and cancel each other. Those cases take the direct series.
  const distance = Math.abs(d - Math.round(d));
  return distance > 0.05 && Math.max(Math.abs(a), Math.abs(b), Math.abs(c)) <= 40;
}

function oneMinusZ(a: number, b: number, c: number, d: number, z: number): SignedLog | undefined {
  const y = 1 - z;
  let first: SignedLog = { logAbs: Number.NEGATIVE_INFINITY, sign: 0 };
  if (!isPole(c - a) && !isPole(c - b)) {
    const s = hyp2f1Series(a, b, 1 - d, y);
    first = {
      logAbs: logGamma(c) + logGamma(d) - logGamma(c - a) - logGamma(c - b) + s.logAbs,
      sign: gammaSign(c) * gammaSign(d) * gammaSign(c - a) * gammaSign(c - b) * s.sign,
    };
  }
  let second: SignedLog = { logAbs: Number.NEGATIVE_INFINITY, sign: 0 };
  if (!isPole(a) && !isPole(b)) {
    const s = hyp2f1Series(c - a, c - b, 1 + d, y);
    second = {
      logAbs: logGamma(c) + logGamma(-d) - logGamma(a) - logGamma(b) + d * Math.log(y) + s.logAbs,
      sign: gammaSign(c) * gammaSign(-d) * gammaSign(a) * gammaSign(b) * s.sign,
    };
  }
  const big = Math.max(first.logAbs, second.logAbs);
  if (!Number.isFinite(big)) return undefined;
  const total = first.sign * Math.exp(first.logAbs - big) + second.sign * Math.exp(second.logAbs - big);
  // Heavy cancellation between the two terms: the result has lost too many digits; let the caller use the series.
  if (!(Math.abs(total) > 1e-6)) return undefined;
  return { logAbs: big + Math.log(Math.abs(total)), sign: Math.sign(total) };
}
