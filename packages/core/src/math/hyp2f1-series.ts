import type { SignedLog } from './signed-log.js';

const MAX_TERMS = 2_000_000;
const RESCALE = 1e250;
const LOG_RESCALE = Math.log(RESCALE);

/**
 * The Gauss series Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ summed term by term, for |z| < 1, as a {@link SignedLog}.
 *
 * Used directly only where it converges well; {@link hyp2f1LogAbs} picks the transformation. Terms are built by
 * their ratio (no factorials), the partial sum is rescaled before it can overflow (large a, b with z near 1 give
 * values beyond 1e308 whose logarithm is still wanted), and the sum stops only once the remaining tail, bounded
 * geometrically, is below one ulp of the sum and every Pochhammer factor has passed its sign change.
 */
export function hyp2f1Series(a: number, b: number, c: number, z: number): SignedLog {
  let sum = 1;
  let term = 1;
  let logScale = 0;
  // Before n passes −a, −b and −c a factor can be near zero, making one term tiny although later ones are not.
  const minTerms = Math.max(0, Math.ceil(-a), Math.ceil(-b), Math.ceil(-c));
  const absZ = Math.abs(z);
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    if (term === 0) break; // a or b is a non-positive integer: the series is a polynomial and has ended
    sum += term;
    if (!Number.isFinite(sum)) return { logAbs: Number.NaN, sign: Number.NaN };
    if (n >= minTerms) {
      const next = Math.abs((((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2))) * z);
      const rho = Math.max(next, absZ);
      if (rho < 1 && Math.abs(term) * rho <= 1e-17 * (1 - rho) * Math.abs(sum)) break;
    }
    if (Math.abs(sum) > RESCALE) {
      sum /= RESCALE;
      term /= RESCALE;
      logScale += LOG_RESCALE;
    }
  }
  if (sum === 0) return { logAbs: Number.NEGATIVE_INFINITY, sign: 0 };
  return { logAbs: Math.log(Math.abs(sum)) + logScale, sign: Math.sign(sum) };
}
