import { hyp2f1LogAbs } from '../math/hyp2f1-log-abs.js';
import { at, checkLength } from './broadcast.js';
import type { BgNbdParams, RfmArrays } from './types.js';

/**
 * P(alive at T | x, tx, T) under BG/NBD (Fader, Hardie & Lee 2005, eq. 11; note 021):
 *   1 / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+tx))^(r+x)).
 * Exactly 1 for x = 0: in BG/NBD a customer can only drop out right after a repeat purchase.
 */
export function bgNbdProbabilityAlive(params: BgNbdParams, data: RfmArrays): Float64Array {
  const { r, alpha, a, b } = params;
  const n = data.x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = data.x[i] as number;
    if (x === 0) {
      out[i] = 1;
      continue;
    }
    const logOdds =
      Math.log(a) -
      Math.log(b + x - 1) +
      (r + x) * (Math.log(alpha + (data.T[i] as number)) - Math.log(alpha + (data.tx[i] as number)));
    out[i] = 1 / (1 + Math.exp(logOdds));
  }
  return out;
}

/**
 * E[X(T, T + t) | x, tx, T]: expected repeat purchases in the next t units (FHL 2005, eq. 10):
 *
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *     / (1 + 1{x>0} a/(b+x−1) ((α+T)/(α+tx))^(r+x)).
 *
 * Computed through Euler's transformation, ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; c; z) = (1−z)^(a−1) ₂F₁(a+b−r−1, a−1;
 * c; z) with z = t/(α+T+t): the large power and the large ₂F₁ of heavy buyers cancel analytically instead of
 * overflowing (the issue of Fader & Hardie's note 027 on the #NUM! error). `t` may be per customer.
 */
export function bgNbdConditionalExpectedPurchases(
  params: BgNbdParams,
  data: RfmArrays,
  t: number | ArrayLike<number>,
): Float64Array {
  const n = data.x.length;
  checkLength(t, n, 't');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = conditionalExpected(
      params,
      at(t, i),
      data.x[i] as number,
      data.tx[i] as number,
      data.T[i] as number,
    );
  }
  return out;
}

/** E[X(t)] for a customer just acquired (FHL 2005, eq. 9): the conditional expectation at x = tx = T = 0. */
export function bgNbdExpectedPurchases(params: BgNbdParams, t: number): number {
  return conditionalExpected(params, t, 0, 0, 0);
}

function conditionalExpected(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const numerator = bgNbdExpectationShape(params, t, x, T);
  if (x === 0 || !(t > 0)) return numerator;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return numerator / (1 + Math.exp(logOdds));
}

/**
 * The numerator of FHL 2005 eq. 10, (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(…)]: E[X(T, T+t) | x, tx, T]
 * divided by P(alive at T). It depends on x and T only, not on tx, so CLV evaluates it once per distinct (x, T).
 */
export function bgNbdExpectationShape(params: BgNbdParams, t: number, x: number, T: number): number {
  if (!(t > 0)) return t === 0 ? 0 : Number.NaN;
  const { a } = params;
  // The (a − 1) in the denominator cancels a factor of 1 − G that vanishes at a = 1; within 1e-7 of that removable
  // singularity use the average of both sides (error O(1e-14)).
  if (Math.abs(a - 1) < 1e-7) {
    const lo = { ...params, a: 1 - 1e-6 };
    const hi = { ...params, a: 1 + 1e-6 };
    return 0.5 * (bgNbdExpectationShape(lo, t, x, T) + bgNbdExpectationShape(hi, t, x, T));
  }
  const { r, alpha, b } = params;
  const logOneMinusZ = -Math.log1p(t / (alpha + T)); // ln((α+T)/(α+T+t))
  const z = t / (alpha + T + t);
  const c = a + b + x - 1;
  const f = hyp2f1LogAbs(a + b - r - 1, a - 1, c, z);
  const logG = (a - 1) * logOneMinusZ + f.logAbs;
  // 1 − G with G = e^logG; −expm1 keeps precision when G is close to 1 (short horizons).
  const oneMinusG = f.sign > 0 ? -Math.expm1(logG) : 1 + Math.exp(logG);
  return (c / (a - 1)) * oneMinusG;
}

/**
 * P(no purchase in (T, T + t] | x, tx, T) under BG/NBD, closed form derived here (not in FHL 2005):
 * "data and no purchase in (T, T+t]" is exactly the event whose likelihood is L(x, tx, T + t) — the customer's
 * history observed until T + t — so P = L(x, tx, T+t) / L(x, tx, T):
 *
 *   [(α+T+t)^−(r+x) + 1{x>0} a/(b+x−1) (α+tx)^−(r+x)] / [(α+T)^−(r+x) + 1{x>0} a/(b+x−1) (α+tx)^−(r+x)]
 *
 * For x = 0 this is ((α+T)/(α+T+t))^r. As t → ∞ it tends to 1 − P(alive) (only the dead never buy again).
 */
export function bgNbdProbabilityNoPurchase(
  params: BgNbdParams,
  data: RfmArrays,
  t: number | ArrayLike<number>,
): Float64Array {
  const { r, alpha, a, b } = params;
  const n = data.x.length;
  checkLength(t, n, 't');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = data.x[i] as number;
    const T = data.T[i] as number;
    const ti = at(t, i);
    const later = -(r + x) * Math.log(alpha + T + ti);
    const now = -(r + x) * Math.log(alpha + T);
    if (x === 0) {
      out[i] = Math.exp(later - now);
      continue;
    }
    const dead = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + (data.tx[i] as number));
    out[i] = Math.exp(logAdd(later, dead) - logAdd(now, dead));
  }
  return out;
}

function logAdd(u: number, v: number): number {
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}
