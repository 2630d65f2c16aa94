/**
 * ln(e^a − e^b) for a ≥ b (NaN when b > a, −Infinity when a = b). The Pareto/NBD A₀ term is such a difference;
 * log1p(−e^(b−a)) keeps the relative accuracy that a plain subtraction of exponentials would lose.
 */
export function logSubExp(a: number, b: number): number {
  if (b === Number.NEGATIVE_INFINITY) return a;
  if (b > a) return Number.NaN;
  if (a === b) return Number.NEGATIVE_INFINITY;
  return a + Math.log1p(-Math.exp(b - a));
}
