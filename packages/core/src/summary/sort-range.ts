import { sortFloat64Work } from '../util/sort-work.js';
import type { Work } from '../util/work.js';

/** Reusable buffers for {@link sortRangeByKey}, grown on demand. */
export class SortScratch {
  order = new Float64Array(0);
  key = new Int32Array(0);
  amount = new Float64Array(0);
  time = new Float64Array(0);

  ensure(length: number): void {
    if (this.order.length >= length) return;
    const size = Math.max(length, this.order.length * 2);
    this.order = new Float64Array(size);
    this.key = new Int32Array(size);
    this.amount = new Float64Array(size);
    this.time = new Float64Array(size);
  }
}

/** Whether `key[from … to − 1]` is non-decreasing (then no sort is needed: the common case for dated input). */
export function isSortedRange(key: Int32Array, from: number, to: number): boolean {
  for (let p = from + 1; p < to; p++) if (key[p]! < key[p - 1]!) return false;
  return true;
}

/** Short ranges: insertion sort beats building keys. */
const INSERTION_MAX = 24;

/**
 * Sorts positions `from … to − 1` of the three parallel columns by key, in place. Equal keys may change order:
 * the summary only sums and takes minima within a key.
 *
 * Longer ranges sort one Float64Array of exact composite numbers `(key − min) · length + offset` with the native
 * numeric sort (no comparator calls), then permute the columns; a key range too wide for exact composites falls
 * back to a comparator sort.
 */
export function sortRangeByKey(
  key: Int32Array,
  amount: Float64Array,
  time: Float64Array,
  from: number,
  to: number,
  scratch: SortScratch,
): void {
  if (to - from <= INSERTION_MAX) {
    insertionSort(key, amount, time, from, to);
    return;
  }
  const order = sortOrder(key, from, to, scratch);
  if (order !== undefined) {
    order.sort();
    offsetsOf(order);
  }
  permute(key, amount, time, from, to, scratch);
}

/** Per-row cost of each pass over a long range (composites, offsets, permutation). */
const PASS_COST = 12;

/**
 * {@link sortRangeByKey} for one long range (a customer with very many rows out of order), reporting its work:
 * the composites are distinct, so the stepped sort orders them exactly as the native one does.
 */
export function* sortRangeByKeySteps(
  key: Int32Array,
  amount: Float64Array,
  time: Float64Array,
  from: number,
  to: number,
  scratch: SortScratch,
): Work<void> {
  if (to - from <= INSERTION_MAX) {
    insertionSort(key, amount, time, from, to);
    return;
  }
  const order = sortOrder(key, from, to, scratch);
  yield (to - from) * PASS_COST;
  if (order !== undefined) {
    yield* sortFloat64Work(order);
    offsetsOf(order);
    yield (to - from) * PASS_COST;
  }
  permute(key, amount, time, from, to, scratch);
  yield (to - from) * PASS_COST;
}

/**
 * Fills `scratch.order` with the composites to sort natively, or — when the key range is too wide for exact
 * composites — sorts the offsets with a comparator right away and returns `undefined`.
 */
function sortOrder(
  key: Int32Array,
  from: number,
  to: number,
  scratch: SortScratch,
): Float64Array | undefined {
  const length = to - from;
  let min = key[from]!;
  let max = min;
  for (let p = from + 1; p < to; p++) {
    const k = key[p]!;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  scratch.ensure(length);
  const order = scratch.order.subarray(0, length);
  if ((max - min + 1) * length <= Number.MAX_SAFE_INTEGER) {
    for (let j = 0; j < length; j++) order[j] = (key[from + j]! - min) * length + j;
    return order;
  }
  for (let j = 0; j < length; j++) order[j] = j;
  order.sort((a, b) => key[from + a]! - key[from + b]!);
  return undefined;
}

/** Sorted composites back to row offsets. */
function offsetsOf(order: Float64Array): void {
  const length = order.length;
  for (let j = 0; j < length; j++) order[j] = order[j]! % length;
}

/** Reorders the range by the offsets in `scratch.order`. */
function permute(
  key: Int32Array,
  amount: Float64Array,
  time: Float64Array,
  from: number,
  to: number,
  scratch: SortScratch,
): void {
  const length = to - from;
  const order = scratch.order;
  const k2 = scratch.key;
  const a2 = scratch.amount;
  const t2 = scratch.time;
  for (let j = 0; j < length; j++) {
    const src = from + order[j]!;
    k2[j] = key[src]!;
    a2[j] = amount[src]!;
    t2[j] = time[src]!;
  }
  key.set(k2.subarray(0, length), from);
  amount.set(a2.subarray(0, length), from);
  time.set(t2.subarray(0, length), from);
}

function insertionSort(
  key: Int32Array,
  amount: Float64Array,
  time: Float64Array,
  from: number,
  to: number,
): void {
  for (let p = from + 1; p < to; p++) {
    const k = key[p]!;
    const a = amount[p]!;
    const t = time[p]!;
    let q = p - 1;
    while (q >= from && key[q]! > k) {
      key[q + 1] = key[q]!;
      amount[q + 1] = amount[q]!;
      time[q + 1] = time[q]!;
      q--;
    }
    key[q + 1] = k;
    amount[q + 1] = a;
    time[q + 1] = t;
  }
}
