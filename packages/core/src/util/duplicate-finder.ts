import { Float64Builder, Int32Builder } from './growable.js';
import { HashSet53 } from './hash-set.js';
import { forChunks, runWork, type Work } from './work.js';

/** Below this many rows one hash set is already cache-resident enough. */
const PARTITION_FROM = 1 << 17;
/** Rows per partition to aim for: a partition's hash set then stays in the CPU cache. */
const ROWS_PER_PARTITION = 4096;
/** Work units (nominal ns) per row: an insert into one large set (a cache miss), into a cached one, a pass. */
const INSERT_COST = 30;
const CACHED_INSERT_COST = 15;
const PASS_COST = 3;

/**
 * Finds repeated rows by their 53-bit hashes, after all rows are in: `add(hash, row)` per row in order, then
 * `finish()` gives the rows whose hash equals an earlier row's, in order — the same answer as checking each row
 * against a set of the earlier ones, but cheaper at scale. One hash set over a million rows is 32 MB of random
 * access (a cache miss per row, most of a million-row ingestion's time); here the rows are first split by the top
 * bits of their hash into partitions that each fit in the cache (a stable scatter, sequential writes), and each
 * partition is checked with a small set.
 */
export class DuplicateFinder {
  private readonly hashes: Float64Builder;
  private readonly rows: Int32Builder;

  /** @param expected - how many rows will be added, when known (sizes the buffers once). */
  constructor(expected = 1 << 16) {
    this.hashes = new Float64Builder(expected);
    this.rows = new Int32Builder(expected);
  }

  add(hash: number, row: number): void {
    this.hashes.push(hash);
    this.rows.push(row);
  }

  /** The rows (as given to `add`) that repeat an earlier row, in the order they were added. */
  finish(): Int32Array {
    return runWork(this.finishSteps());
  }

  /** {@link finish} as work that reports as it goes, so a caller can pause between chunks (same result). */
  *finishSteps(): Work<Int32Array> {
    const hashes = this.hashes.finish();
    const rows = this.rows.finish();
    const n = hashes.length;
    const repeated = new Uint8Array(n);
    if (n < PARTITION_FROM) {
      yield* forChunks(n, INSERT_COST, markRepeats, { seen: new HashSet53(n), hashes, repeated });
    } else {
      yield* markRepeatsPartitioned(hashes, repeated);
    }
    const counted = { repeated, count: 0 };
    yield* forChunks(n, PASS_COST, countRepeats, counted);
    const collected = { repeated, rows, out: new Int32Array(counted.count), j: 0 };
    yield* forChunks(n, PASS_COST, collectRepeats, collected);
    return collected.out;
  }
}

// The loops, as module-level kernels over a range of rows (see forChunks).

function markRepeats(
  s: { seen: HashSet53; hashes: Float64Array; repeated: Uint8Array },
  from: number,
  to: number,
): void {
  for (let k = from; k < to; k++) if (!s.seen.add(s.hashes[k]!)) s.repeated[k] = 1;
}

function countRepeats(s: { repeated: Uint8Array; count: number }, from: number, to: number): void {
  let count = 0;
  for (let k = from; k < to; k++) count += s.repeated[k]!;
  s.count += count;
}

function collectRepeats(
  s: { repeated: Uint8Array; rows: Int32Array; out: Int32Array; j: number },
  from: number,
  to: number,
): void {
  const { repeated, rows, out } = s;
  let j = s.j;
  for (let k = from; k < to; k++) if (repeated[k]) out[j++] = rows[k]!;
  s.j = j;
}

interface Partitioning {
  readonly hashes: Float64Array;
  readonly shift: number;
  /** Each row's partition, computed once. */
  readonly top: Int32Array;
  /** Partition p's rows are at start[p] … start[p + 1] − 1 of `order` / `sorted`. */
  readonly start: Int32Array;
  /** Where the scatter puts partition p's next row. */
  next: Int32Array;
  readonly order: Int32Array;
  readonly sorted: Float64Array;
  readonly repeated: Uint8Array;
  table: Float64Array;
}

function* markRepeatsPartitioned(hashes: Float64Array, repeated: Uint8Array): Work<void> {
  const n = hashes.length;
  let bits = 1;
  while (bits < 16 && n >> bits > ROWS_PER_PARTITION) bits++;
  const partitions = 1 << bits;
  // A row's partition is the top `bits` of its hash's top 32 of 53 bits; the sets below index by the low bits, so
  // the two never use the same bits.
  const s: Partitioning = {
    hashes,
    shift: 32 - bits,
    top: new Int32Array(n),
    start: new Int32Array(partitions + 1),
    next: new Int32Array(0),
    order: new Int32Array(n),
    sorted: new Float64Array(n),
    repeated,
    table: new Float64Array(0),
  };
  yield* forChunks(n, PASS_COST, countPartitions, s);
  const { start } = s;
  for (let p = 0; p < partitions; p++) start[p + 1]! += start[p]!;
  // Rows and their hashes in partition order (stable: row order within a partition), so that each partition is
  // then read sequentially.
  s.next = start.slice(0, partitions);
  yield* forChunks(n, PASS_COST, scatter, s);
  let largest = 0;
  for (let p = 0; p < partitions; p++) largest = Math.max(largest, start[p + 1]! - start[p]!);
  let size = 16;
  while (size < 2 * largest) size *= 2;
  s.table = new Float64Array(size);
  // Partitions are checked a few at a time: each holds about n / partitions rows.
  yield* forChunks(partitions, Math.ceil(n / partitions) * CACHED_INSERT_COST, markPartitions, s);
}

function countPartitions(s: Partitioning, from: number, to: number): void {
  const { hashes, shift, top, start } = s;
  for (let k = from; k < to; k++) {
    const p = ((hashes[k]! / 2097152) >>> 0) >>> shift;
    top[k] = p;
    start[p + 1]!++;
  }
}

function scatter(s: Partitioning, from: number, to: number): void {
  const { hashes, top, next, order, sorted } = s;
  for (let k = from; k < to; k++) {
    const j = next[top[k]!]!++;
    order[j] = k;
    sorted[j] = hashes[k]!;
  }
}

function markPartitions(s: Partitioning, pFrom: number, pTo: number): void {
  const { start, sorted, order, repeated, table } = s;
  for (let p = pFrom; p < pTo; p++) {
    const from = start[p]!;
    const to = start[p + 1]!;
    let slots = 16;
    while (slots < 2 * (to - from)) slots *= 2;
    const mask = slots - 1;
    table.fill(0, 0, slots);
    for (let j = from; j < to; j++) {
      const stored = sorted[j]! + 1; // 0 marks an empty slot
      let i = (stored | 0) & mask;
      for (;;) {
        const current = table[i]!;
        if (current === 0) {
          table[i] = stored;
          break;
        }
        if (current === stored) {
          repeated[order[j]!] = 1;
          break;
        }
        i = (i + 1) & mask;
      }
    }
  }
}
