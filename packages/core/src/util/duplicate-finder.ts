import { Float64Builder, Int32Builder } from './growable.js';
import { HashSet53 } from './hash-set.js';

/** Below this many rows one hash set is already cache-resident enough. */
const PARTITION_FROM = 1 << 17;
/** Rows per partition to aim for: a partition's hash set then stays in the CPU cache. */
const ROWS_PER_PARTITION = 4096;

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
    const hashes = this.hashes.finish();
    const rows = this.rows.finish();
    const n = hashes.length;
    const repeated = new Uint8Array(n);
    if (n < PARTITION_FROM) {
      const seen = new HashSet53(n);
      for (let k = 0; k < n; k++) if (!seen.add(hashes[k]!)) repeated[k] = 1;
    } else {
      markRepeatsPartitioned(hashes, repeated);
    }
    let count = 0;
    for (let k = 0; k < n; k++) count += repeated[k]!;
    const out = new Int32Array(count);
    for (let k = 0, j = 0; k < n; k++) if (repeated[k]) out[j++] = rows[k]!;
    return out;
  }
}

function markRepeatsPartitioned(hashes: Float64Array, repeated: Uint8Array): void {
  const n = hashes.length;
  let bits = 1;
  while (bits < 16 && n >> bits > ROWS_PER_PARTITION) bits++;
  const partitions = 1 << bits;
  // A row's partition is the top `bits` of its hash's top 32 of 53 bits; the sets below index by the low bits, so
  // the two never use the same bits.
  const shift = 32 - bits;
  const top = new Int32Array(n); // each row's partition, computed once
  const start = new Int32Array(partitions + 1);
  for (let k = 0; k < n; k++) {
    const p = ((hashes[k]! / 2097152) >>> 0) >>> shift;
    top[k] = p;
    start[p + 1]!++;
  }
  for (let p = 0; p < partitions; p++) start[p + 1]! += start[p]!;
  const next = start.slice(0, partitions);
  // Rows and their hashes in partition order (stable: row order within a partition), so that each partition is
  // then read sequentially.
  const order = new Int32Array(n);
  const sorted = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const j = next[top[k]!]!++;
    order[j] = k;
    sorted[j] = hashes[k]!;
  }
  let largest = 0;
  for (let p = 0; p < partitions; p++) largest = Math.max(largest, start[p + 1]! - start[p]!);
  let size = 16;
  while (size < 2 * largest) size *= 2;
  const table = new Float64Array(size);
  for (let p = 0; p < partitions; p++) {
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
