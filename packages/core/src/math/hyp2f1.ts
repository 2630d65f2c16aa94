import { hyp2f1LogAbs } from './hyp2f1-log-abs.js';

/** Gauss hypergeometric ₂F₁(a, b; c; z) for real z < 1 (see {@link hyp2f1LogAbs} for the method). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const r = hyp2f1LogAbs(a, b, c, z);
  if (r.sign === 0) return 0;
  return r.sign * Math.exp(r.logAbs);
}
