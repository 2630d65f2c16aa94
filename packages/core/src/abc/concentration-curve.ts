import { assertFinite, positiveDescending } from './values.js';

/** One point of the concentration curve: the top `customerShare` of customers hold `valueShare` of the value. */
export interface ConcentrationPoint {
  /** Number of top customers, k. */
  readonly customers: number;
  /** k / N. */
  readonly customerShare: number;
  /** Positive value of the top k customers / total positive value. */
  readonly valueShare: number;
}

/** The concentration curve, ready for a chart. */
export interface ConcentrationCurve {
  /** All customers, N (those with value ≤ 0 included: they form the flat end of the curve). */
  readonly customers: number;
  /** Total positive value. */
  readonly totalValue: number;
  /** Points from (0, 0) to (1, 1), increasing in both coordinates; empty when there is no positive value. */
  readonly points: readonly ConcentrationPoint[];
}

/**
 * The concentration (Lorenz) curve in Pareto orientation: customers sorted by value, largest first, and the
 * cumulative share of positive value held by the top k of N customers, k = 0…N. (The classic Lorenz curve sorts
 * smallest first; it is this curve rotated by 180°, with the same Gini coefficient.)
 *
 * Above `maxPoints` the curve is sampled at evenly spaced k, always including the exact endpoints (0, 0) and
 * (1, 1); every returned point lies exactly on the curve.
 *
 * @throws {RangeError} on non-finite values or `maxPoints` < 2
 */
export function concentrationCurve(
  values: ArrayLike<number>,
  options: { readonly maxPoints?: number } = {},
): ConcentrationCurve {
  const maxPoints = options.maxPoints ?? 200;
  if (!Number.isInteger(maxPoints) || maxPoints < 2)
    throw new RangeError('maxPoints must be a whole number ≥ 2');
  assertFinite(values);
  const sorted = positiveDescending(values);
  const n = sorted.length;
  const cumulative = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) cumulative[k + 1] = cumulative[k]! + sorted[k]!;
  const total = cumulative[n]!;
  if (!(total > 0)) return { customers: n, totalValue: total, points: [] };

  const points: ConcentrationPoint[] = [];
  const push = (k: number): void => {
    // The last point is exactly (1, 1), whatever the rounding of the running sum.
    points.push({ customers: k, customerShare: k / n, valueShare: k === n ? 1 : cumulative[k]! / total });
  };
  if (n + 1 <= maxPoints) {
    for (let k = 0; k <= n; k++) push(k);
  } else {
    let previous = -1;
    for (let j = 0; j < maxPoints; j++) {
      const k = Math.round((j * n) / (maxPoints - 1));
      if (k !== previous) push(k);
      previous = k;
    }
  }
  return { customers: n, totalValue: total, points };
}
