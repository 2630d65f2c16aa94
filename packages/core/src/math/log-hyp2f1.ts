import { hyp2f1LogAbs } from './hyp2f1-log-abs.js';

/**
 * ln ₂F₁(a, b; c; z) where the function is positive (all uses in the BTYD models); NaN if it is negative. Working in
 * logs lets likelihood terms like ₂F₁(·)/(α + t)^(r+s+x) be formed without overflow.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  const r = hyp2f1LogAbs(a, b, c, z);
  if (r.sign < 0) return Number.NaN;
  return r.logAbs;
}
