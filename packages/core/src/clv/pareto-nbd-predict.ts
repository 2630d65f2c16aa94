import { at, checkLength } from './broadcast.js';
import { paretoNbdLogA0, paretoNbdLogBracket } from './pareto-nbd-likelihood.js';
import type { ParetoNbdParams, RfmArrays } from './types.js';

/**
 * P(alive at T | x, tx, T) under Pareto/NBD (note 009, eq. 37):
 *   1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀),
 * with A₀ from the same stable log-space ₂F₁ evaluation as the likelihood.
 */
export function paretoNbdProbabilityAlive(params: ParetoNbdParams, data: RfmArrays): Float64Array {
  const { r, alpha, s, beta } = params;
  const n = data.x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = data.x[i] as number;
    const T = data.T[i] as number;
    const logA0 = paretoNbdLogA0(r, alpha, s, beta, x, data.tx[i] as number, T);
    const logOdds =
      Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + logA0;
    out[i] = 1 / (1 + Math.exp(logOdds));
  }
  return out;
}

/**
 * E[X(T, T + t) | x, tx, T] under Pareto/NBD (note 009, eq. 41):
 *   P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)],
 * where the last factor is written −expm1((s−1) ln u)/(s−1) (u = (β+T)/(β+T+t)), accurate for s near 1 and equal
 * to its limit −ln u at s = 1. `t` may be per customer.
 */
export function paretoNbdConditionalExpectedPurchases(
  params: ParetoNbdParams,
  data: RfmArrays,
  t: number | ArrayLike<number>,
): Float64Array {
  const { r, alpha, s, beta } = params;
  const n = data.x.length;
  checkLength(t, n, 't');
  const alive = paretoNbdProbabilityAlive(params, data);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = data.x[i] as number;
    const T = data.T[i] as number;
    const ti = at(t, i);
    const logU = -Math.log1p(ti / (beta + T));
    out[i] = (((alive[i] as number) * (r + x) * (beta + T)) / (alpha + T)) * powerTerm(s, logU);
  }
  return out;
}

/**
 * E[X(T, T+t) | x, tx, T] divided by P(alive at T): (r+x)(β+T)/(α+T) · [1 − ((β+T)/(β+T+t))^(s−1)]/(s−1). It depends on
 * x and T only, so CLV evaluates it once per distinct (x, T).
 */
export function paretoNbdExpectationShape(params: ParetoNbdParams, t: number, x: number, T: number): number {
  const { r, alpha, s, beta } = params;
  return (((r + x) * (beta + T)) / (alpha + T)) * powerTerm(s, -Math.log1p(t / (beta + T)));
}

/** E[X(t)] for a customer just acquired (note 009, eq. 27): rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)]. */
export function paretoNbdExpectedPurchases(params: ParetoNbdParams, t: number): number {
  const { r, alpha, s, beta } = params;
  if (!(t >= 0)) return Number.NaN;
  return ((r * beta) / alpha) * powerTerm(s, -Math.log1p(t / beta));
}

/** [1 − u^(s−1)] / (s − 1) from ln u, stable at s → 1 (limit −ln u). */
function powerTerm(s: number, logU: number): number {
  const k = s - 1;
  return k === 0 ? -logU : -Math.expm1(k * logU) / k;
}

/**
 * P(no purchase in (T, T + t] | x, tx, T) under Pareto/NBD: as for BG/NBD, the event "history until T and no purchase
 * in (T, T+t]" has likelihood L(x, tx, T + t), so P = L(x, tx, T+t) / L(x, tx, T) (a ratio of the note-009
 * likelihood, so the same stable ₂F₁ evaluation). Unlike BG/NBD it does not tend to 1 − P(alive) as t → ∞: a customer
 * alive at T may still die before buying again (probability μ/(λ+μ)).
 */
export function paretoNbdProbabilityNoPurchase(
  params: ParetoNbdParams,
  data: RfmArrays,
  t: number | ArrayLike<number>,
): Float64Array {
  const { r, alpha, s, beta } = params;
  const n = data.x.length;
  checkLength(t, n, 't');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = data.x[i] as number;
    const tx = data.tx[i] as number;
    const T = data.T[i] as number;
    const later = paretoNbdLogBracket(r, alpha, s, beta, x, tx, T + at(t, i));
    const now = paretoNbdLogBracket(r, alpha, s, beta, x, tx, T);
    out[i] = Math.exp(later - now);
  }
  return out;
}
