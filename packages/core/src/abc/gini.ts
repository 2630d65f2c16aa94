import { assertFinite } from './values.js';

/**
 * Gini coefficient of the values, clamped at 0 (a customer with negative value counts as 0), over all customers:
 *
 *     G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 N² x̄)
 *
 * the plain population definition, without the small-sample factor N/(N − 1): equal values give 0, and one
 * customer holding everything among N gives 1 − 1/N (e.g. [0, 0, 0, 1] → 0.75). It equals 1 − 2 × the area under
 * the Lorenz curve drawn with straight segments. Computed exactly from the ascending sort,
 * G = 2 Σₖ k·x₍ₖ₎ / (N Σ x) − (N + 1) / N (k = 1…N).
 *
 * @returns G in [0, 1 − 1/N]; NaN when no value is positive
 * @throws {RangeError} on non-finite values
 */
export function gini(values: ArrayLike<number>): number {
  assertFinite(values);
  const n = values.length;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = Math.max(values[i]!, 0);
  sorted.sort();
  let sum = 0;
  let weighted = 0;
  for (let k = 0; k < n; k++) {
    sum += sorted[k]!;
    weighted += (k + 1) * sorted[k]!;
  }
  if (!(sum > 0)) return Number.NaN;
  // Clamp the rounding error of an exact 0 (all equal) to 0.
  return Math.max(0, (2 * weighted) / (n * sum) - (n + 1) / n);
}
