/**
 * R's default sample quantile (`quantile(x, p, type = 7)`) of values already sorted ascending.
 *
 * Transcribes `stats:::quantile.default` for type 7 (wch/r-source: src/library/stats/R/quantile.R):
 * `index <- 1 + (n - 1) * p; lo <- floor(index); hi <- ceiling(index); qs <- x[lo]`, and only when
 * `index > lo && x[hi] != qs` is `qs <- (1 - h) * qs + h * x[hi]` with `h = index - lo`. The same operations
 * in the same order give the same doubles as R, which matters because the rfm package's breaks are compared
 * with `<` against whole-number values.
 *
 * @param sorted values in ascending order, no NaN
 * @param p probability in [0, 1]
 * @returns the quantile, NaN for an empty input
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const prob = Math.max(0, Math.min(1, p));
  const index = 1 + Math.max(n - 1, 0) * prob;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qs = sorted[lo - 1]!;
  const xHi = sorted[hi - 1]!;
  if (index > lo && xHi !== qs) {
    const h = index - lo;
    return (1 - h) * qs + h * xHi;
  }
  return qs;
}
