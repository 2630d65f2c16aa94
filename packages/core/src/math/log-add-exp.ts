/**
 * ln(e^a + e^b) without overflow or underflow: the likelihood terms are products of powers that leave the double
 * range long before their ratio does. −Infinity acts as ln 0.
 */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
