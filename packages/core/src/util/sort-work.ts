import { REPORT_WORK, rampChunk, type Work } from './work.js';

// Sorts that pause: runs short enough to sort natively between two reports, then merge passes that report
// every REPORT_WORK units. A sort of 100k numbers takes ~10 ms natively on a slow core: too long for one slice.

/** Nominal cost of one element per merge level (a typed-array sort compares ~log₂ n times per element). */
const FLOAT_COST = 6;
/** The same with a comparator call (property reads, sometimes a string comparison). */
const COMPARE_COST = 20;

/**
 * Sorts `values` in place in ascending numeric order, exactly as `values.sort()` does (−0 before +0, NaN last),
 * pausing between native sorts of short runs and during the merges.
 */
export function sortFloat64Work(values: Float64Array): Work<Float64Array> {
  return mergeSortWork(values, FLOAT_COST, (run) => run.sort(), mergeFloats);
}

/**
 * Sorts `order` in place by `compare`, with the same result as `order.sort(compare)` provided `compare` is a strict
 * total order (0 only for equal elements; ties broken, e.g. by index), so any correct sort agrees.
 */
export function sortIndicesWork(
  order: Int32Array,
  compare: (a: number, b: number) => number,
): Work<Int32Array> {
  return mergeSortWork(
    order,
    COMPARE_COST,
    (run) => run.sort(compare),
    (src, dst, m, stop) => mergeIndices(src, dst, m, stop, compare),
  );
}

/**
 * The shared driver: native sorts of runs short enough for one slice, then bottom-up merge passes that pause
 * every REPORT_WORK units. The element loops live in `merge` (called per chunk, not per element).
 */
function* mergeSortWork<A extends Float64Array | Int32Array>(
  values: A,
  cost: number,
  sortRun: (run: A) => void,
  merge: (src: A, dst: A, m: Merge, stop: number) => void,
): Work<A> {
  const n = values.length;
  const run = runLength(cost);
  for (let from = 0; from < n; from += run) {
    const to = Math.min(n, from + run);
    sortRun(values.subarray(from, to) as A);
    yield (to - from) * cost * Math.log2(to - from + 1);
  }
  if (n <= run) return values;
  let src = values;
  let dst = (values instanceof Float64Array ? new Float64Array(n) : new Int32Array(n)) as A;
  const step = Math.floor(REPORT_WORK / cost);
  let calls = 0;
  for (let width = run; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      const m: Merge = { i: lo, iEnd: mid, j: mid, jEnd: hi, k: lo };
      while (m.k < hi) {
        const k = m.k;
        merge(src, dst, m, Math.min(hi, k + rampChunk(calls++, step)));
        yield (m.k - k) * cost;
      }
    }
    [src, dst] = [dst, src];
  }
  if (src !== values) values.set(src);
  return values;
}

/** Longest run whose native sort fits two reports (a power of two: fewer merge passes, widths aligned). */
function runLength(cost: number): number {
  let run = 1024;
  while (2 * run * cost * Math.log2(2 * run) <= 2 * REPORT_WORK) run *= 2;
  return run;
}

/** A merge of `src[i … iEnd)` and `src[j … jEnd)` into `dst` from `k`, resumable. */
interface Merge {
  i: number;
  iEnd: number;
  j: number;
  jEnd: number;
  k: number;
}

/** Merges until `dst` is filled up to `stop`; the left run wins ties, as a stable sort would. */
function mergeFloats(src: Float64Array, dst: Float64Array, m: Merge, stop: number): void {
  let { i, j, k } = m;
  const { iEnd, jEnd } = m;
  while (k < stop && i < iEnd && j < jEnd) {
    const a = src[i]!;
    const b = src[j]!;
    if (b < a || (!(a < b) && floatBefore(b, a))) {
      dst[k++] = b;
      j++;
    } else {
      dst[k++] = a;
      i++;
    }
  }
  [i, j, k] = copyTails(src, dst, i, iEnd, j, jEnd, k, stop);
  m.i = i;
  m.j = j;
  m.k = k;
}

/** For numerically equal or unordered pairs: whether `b` sorts before `a` (−0 before +0, NaN after numbers). */
function floatBefore(b: number, a: number): boolean {
  if (a === b) return a === 0 && 1 / b < 1 / a;
  return Number.isNaN(a) && !Number.isNaN(b);
}

function mergeIndices(
  src: Int32Array,
  dst: Int32Array,
  m: Merge,
  stop: number,
  compare: (a: number, b: number) => number,
): void {
  let { i, j, k } = m;
  const { iEnd, jEnd } = m;
  while (k < stop && i < iEnd && j < jEnd) {
    const a = src[i]!;
    const b = src[j]!;
    if (compare(b, a) < 0) {
      dst[k++] = b;
      j++;
    } else {
      dst[k++] = a;
      i++;
    }
  }
  [i, j, k] = copyTails(src, dst, i, iEnd, j, jEnd, k, stop);
  m.i = i;
  m.j = j;
  m.k = k;
}

/** Once one run is used up, the rest of the other is copied as it is (up to `stop`). */
function copyTails<T extends Float64Array | Int32Array>(
  src: T,
  dst: T,
  i: number,
  iEnd: number,
  j: number,
  jEnd: number,
  k: number,
  stop: number,
): [number, number, number] {
  if (i === iEnd || j === jEnd) {
    const from = i === iEnd ? j : i;
    const end = i === iEnd ? jEnd : iEnd;
    const count = Math.min(end - from, stop - k);
    dst.set(src.subarray(from, from + count) as T, k);
    if (i === iEnd) j += count;
    else i += count;
    k += count;
  }
  return [i, j, k];
}
