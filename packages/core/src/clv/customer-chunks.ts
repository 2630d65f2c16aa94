import { chunkRows, rampChunk, type Work } from '../util/work.js';
import type { RfmArrays } from './types.js';

// Per-customer predictions are independent across customers, so computing them on consecutive ranges of
// customers gives exactly the values of one call over all of them, with a pause possible between ranges.

/** Elements `from … to − 1` of a per-customer array: a view of a typed array, a copy of anything else. */
export function range(values: ArrayLike<number>, from: number, to: number): ArrayLike<number> {
  if (ArrayBuffer.isView(values)) {
    return (values as unknown as { subarray(from: number, to: number): ArrayLike<number> }).subarray(
      from,
      to,
    );
  }
  return Array.prototype.slice.call(values, from, to) as number[];
}

/** Customers `from … to − 1` of RFM arrays. */
export function rfmRange(data: RfmArrays, from: number, to: number): RfmArrays {
  return { x: range(data.x, from, to), tx: range(data.tx, from, to), T: range(data.T, from, to) };
}

/** A per-customer argument (one number for all, or one per customer) for customers `from … to − 1`. */
export function argRange(
  value: number | ArrayLike<number>,
  from: number,
  to: number,
): number | ArrayLike<number> {
  return typeof value === 'number' ? value : range(value, from, to);
}

/**
 * Values for `n` customers computed range by range (`compute(from, to)` returns the range's values), reporting
 * `cost` units per customer after every range (see `Work`).
 */
export function* perCustomerSteps(
  n: number,
  cost: number,
  compute: (from: number, to: number) => ArrayLike<number>,
): Work<Float64Array> {
  const out = new Float64Array(n);
  const full = chunkRows(cost);
  for (let from = 0, k = 0; from < n; k++) {
    const to = Math.min(n, from + rampChunk(k, full));
    out.set(compute(from, to), from);
    yield (to - from) * cost;
    from = to;
  }
  return out;
}
