/** Throws unless every value is finite: a NaN here means an upstream bug, not a customer without value. */
export function assertFinite(values: ArrayLike<number>, what = 'values'): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`${what}[${i}] is not a finite number`);
  }
}

/**
 * Values clamped at 0 (value shares count positive value only) and sorted in descending order.
 * A plain typed-array sort (no comparator) is the fastest sort available here.
 */
export function positiveDescending(values: ArrayLike<number>): Float64Array {
  const sorted = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) sorted[i] = Math.max(values[i]!, 0);
  return sorted.sort().reverse();
}

/**
 * Customer indices by value, largest first; equal values in ascending id order (code-unit order), or ascending
 * index without ids, so the ranking never depends on the input order of equal values.
 */
export function rankDescending(values: ArrayLike<number>, ids?: readonly string[]): Int32Array {
  const order = new Int32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  if (ids) {
    return order.sort(
      (a, b) => values[b]! - values[a]! || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b),
    );
  }
  return order.sort((a, b) => values[b]! - values[a]! || a - b);
}
