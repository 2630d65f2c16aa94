import { quantileType7 } from './quantile.js';

/**
 * Score breaks of the R package rfm (rsquaredacademy/rfm 0.3.0, `bins()` in R/utils.R, used by
 * `rfm_prep_bins()` in R/rfm-table-transaction.R):
 *
 *     quantile(x, probs = seq(0, 1, length.out = n + 1))[-c(1, n + 1)] + 1
 *
 * i.e. the interior type-7 quantiles plus one. `rfm_prep_bins()` then gives a value x the level i whose
 * interval `[lower_i, upper_i)` holds it, with `lower = c(min(x), breaks)` and `upper = c(breaks, max(x) + 1)`;
 * for values of the data that is "1 + number of breaks ≤ x" (see {@link levelOf}).
 *
 * The "+ 1" is the package's: for whole numbers (days, counts) it turns "x < q + 1" into "x ≤ q", for amounts it
 * moves the cut one currency unit up. Kept as is, so scores match the package's published output.
 * `seq(0, 1, length.out = n + 1)` is `k * (1 / n)` in R (base/R/seq.R), not `k / n`; the two differ in the
 * last bit (3 × 0.2 ≠ 0.6), which can move a whole-number value across a break, so it is copied too.
 *
 * @param sorted the scored customers' values, ascending
 * @param n number of score levels
 * @returns n − 1 non-decreasing breaks (equal breaks leave a level empty)
 */
export function rfmPackageBreaks(sorted: ArrayLike<number>, n: number): number[] {
  const by = 1 / n;
  const breaks: number[] = [];
  for (let k = 1; k < n; k++) breaks.push(quantileType7(sorted, k * by) + 1);
  return breaks;
}

/** 0-based level of x among sorted breaks: the number of breaks ≤ x (intervals closed on the left). */
export function levelOf(x: number, breaks: readonly number[]): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (breaks[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
