import { sortIndicesWork } from '../util/sort-work.js';
import { forChunks, runWork, type Work } from '../util/work.js';

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
  return runWork(rankDescendingSteps(values, ids));
}

/**
 * {@link rankDescending} as cooperative work (see `Work`): the sort pauses between runs and merges. For finite
 * values the order is total (ties end at the index), so every correct sort gives the same ranking.
 */
export function* rankDescendingSteps(values: ArrayLike<number>, ids?: readonly string[]): Work<Int32Array> {
  const order = new Int32Array(values.length);
  yield* forChunks(order.length, FILL_COST, identity, order);
  if (ids) {
    return yield* sortIndicesWork(
      order,
      (a, b) => values[b]! - values[a]! || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b),
    );
  }
  return yield* sortIndicesWork(order, (a, b) => values[b]! - values[a]! || a - b);
}

/** Nominal cost per value of filling the index order, and of checking a value. */
const FILL_COST = 2;
const CHECK_COST = 3;

/** {@link assertFinite} in chunks, reporting its work (see `Work`). */
export function* assertFiniteSteps(values: ArrayLike<number>, what = 'values'): Work<void> {
  yield* forChunks(values.length, CHECK_COST, checkFinite, { values, what });
}

function checkFinite(
  s: { readonly values: ArrayLike<number>; readonly what: string },
  from: number,
  to: number,
): void {
  const { values, what } = s;
  for (let i = from; i < to; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`${what}[${i}] is not a finite number`);
  }
}

function identity(order: Int32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) order[i] = i;
}
