import type { TransactionTable } from '../schema/transactions.js';
import { sortFloat64Work } from '../util/sort-work.js';
import { forChunks, REPORT_WORK, rampChunk, runWork, type Work } from '../util/work.js';
import { MS_PER_DAY } from './time-units.js';

/**
 * Purchase occasions per customer, in CSR layout: occasions of customer code c are
 * `offsets[c] … offsets[c + 1] − 1`, in increasing time.
 *
 * An occasion is one UTC calendar day of a customer (or, with `mergeSameDay: false`, one distinct timestamp — the
 * lines of one order share it). Returns and refunds (negative amounts) are netted within that day/timestamp only:
 * - net < 0 (a day with only returns), or net = 0 with at least one negative line (a purchase refunded the same
 *   day): NOT an occasion — counted in `droppedGroups`;
 * - net = 0 without negative lines (zero-value purchases, e.g. free items): an occasion worth 0 — the published
 *   CDNOW summary counts these (8 customers of the 1/10 sample bought one CD for $0.00);
 * - net > 0: an occasion worth the net amount.
 * A return booked on a later day does not reduce the earlier occasion's value.
 */
export interface PurchaseOccasions {
  /** Number of customers in the table's dictionary (length of `offsets` − 1). */
  readonly customerCount: number;
  readonly offsets: Int32Array;
  /** Occasion time, epoch ms: the UTC day start when merged by day, else the exact timestamp. */
  readonly time: Float64Array;
  /** Net amount of the occasion (≥ 0). */
  readonly value: Float64Array;
  readonly mergeSameDay: boolean;
  /** Rows skipped because the customer code, date or amount was missing / not finite. */
  readonly invalidRows: number;
  /** Customer-days (or timestamps) dropped as returns: net < 0, or net = 0 with a negative line. */
  readonly droppedGroups: number;
}

/**
 * Groups a transaction table into purchase occasions. O(n log n) at worst (a typed-array sort of the distinct
 * times when they span too wide a range for counting), otherwise O(n + customers + days) with two stable counting
 * sorts (by time, then by customer); only typed arrays, no per-row objects.
 */
export function purchaseOccasions(
  table: TransactionTable,
  options: { readonly mergeSameDay?: boolean } = {},
): PurchaseOccasions {
  return runWork(purchaseOccasionsSteps(table, options));
}

/**
 * Nominal costs per row of the passes. Scatters and the walk by customer touch memory at random when the rows are
 * not grouped by customer (e.g. sorted by date): the walk then costs ~6× what it does on grouped rows, and its
 * cost is that worst case.
 */
const VALID_COST = 8;
const RANK_COST = 3;
const SEARCH_COST = 60;
const COUNT_COST = 5;
const SCATTER_COST = 20;
const WALK_COST = 150;
const COPY_COST = 2;

/**
 * {@link purchaseOccasions} as cooperative work: yields the work done since its previous yield (nominal
 * nanoseconds, see `Work`) after every chunk of rows, and returns the same occasions.
 */
export function* purchaseOccasionsSteps(
  table: TransactionTable,
  options: { readonly mergeSameDay?: boolean } = {},
): Work<PurchaseOccasions> {
  const mergeSameDay = options.mergeSameDay ?? true;
  const n = table.length;
  const codes = table.customer.codes;
  const customerCount = table.customer.dictionary.length;

  // 1. Valid rows, their customers and their time keys (day index or timestamp).
  const valid: ValidRows = {
    codes,
    date: table.date,
    amount: table.amount,
    customerCount,
    mergeSameDay,
    rows: new Int32Array(n),
    customer: new Int32Array(n),
    key: new Float64Array(n),
    count: 0,
    keyMin: Number.POSITIVE_INFINITY,
    keyMax: Number.NEGATIVE_INFINITY,
  };
  yield* forChunks(n, VALID_COST, findValid, valid);
  const { rows, customer, key, count, keyMin, keyMax } = valid;

  // 2. Dense rank of each key. Day indices in a sane range rank directly; otherwise sort the distinct keys.
  const rank = new Int32Array(count);
  let rankCount: number;
  // Rank r stands for the key keyMin + r, or distinct[r] when the keys were sorted.
  let distinct: Float64Array | undefined;
  const span = keyMax - keyMin;
  if (
    count > 0 &&
    Number.isInteger(keyMin) &&
    Number.isInteger(keyMax) &&
    span <= Math.max(1_000_000, 4 * count)
  ) {
    yield* forChunks(count, RANK_COST, rankByOffset, { key, rank, keyMin });
    rankCount = span + 1;
  } else {
    const unique = { sorted: yield* sortFloat64Work(key.slice(0, count)), count: 0 };
    yield* forChunks(count, RANK_COST, dropRepeats, unique);
    distinct = unique.sorted.subarray(0, unique.count);
    yield* forChunks(count, SEARCH_COST, rankBySearch, { key, rank, distinct });
    rankCount = unique.count;
  }

  // 3. Stable counting sort by rank, then by customer: rows end up grouped by customer, in time order.
  const byRank = yield* countingSortSteps(rank, rankCount, undefined);
  const order = yield* countingSortSteps(customer.subarray(0, count), customerCount, byRank);

  // 4. Walk each customer's rows, netting amounts per key; drop groups dominated by returns.
  const walk: Walk = {
    offsets: new Int32Array(customerCount + 1),
    time: new Float64Array(count),
    value: new Float64Array(count),
    out: 0,
    droppedGroups: 0,
    j: 0,
  };
  const budget = Math.floor(REPORT_WORK / WALK_COST);
  for (let c = 0, k = 0; c < customerCount; k++) {
    const j = walk.j;
    const next = walkCustomers(
      walk,
      c,
      rampChunk(k, budget),
      order,
      rows,
      customer,
      rank,
      table.amount,
      keyMin,
      distinct,
      mergeSameDay,
    );
    yield (walk.j - j) * WALK_COST + (next - c) * RANK_COST;
    c = next;
  }
  walk.offsets[customerCount] = walk.out;
  return {
    customerCount,
    offsets: walk.offsets,
    time: yield* copySteps(walk.time, walk.out),
    value: yield* copySteps(walk.value, walk.out),
    mergeSameDay,
    invalidRows: n - count,
    droppedGroups: walk.droppedGroups,
  };
}

/** Inputs, outputs and running values of step 1, carried from chunk to chunk. */
interface ValidRows {
  readonly codes: Int32Array;
  readonly date: Float64Array;
  readonly amount: Float64Array;
  readonly customerCount: number;
  readonly mergeSameDay: boolean;
  readonly rows: Int32Array;
  /** Customer code of each valid row (read twice later: cheaper than `codes[rows[j]]`). */
  readonly customer: Int32Array;
  readonly key: Float64Array;
  count: number;
  keyMin: number;
  keyMax: number;
}

function findValid(s: ValidRows, from: number, to: number): void {
  const { codes, date, amount, customerCount, mergeSameDay, rows, customer, key } = s;
  const msPerDay = MS_PER_DAY; // a local: module bindings can be slow reads in loops
  let valid = s.count;
  let keyMin = s.keyMin;
  let keyMax = s.keyMax;
  for (let i = from; i < to; i++) {
    const c = codes[i] as number;
    const d = date[i] as number;
    const a = amount[i] as number;
    if (!(c >= 0 && c < customerCount) || !Number.isFinite(d) || !Number.isFinite(a)) continue;
    const k = mergeSameDay ? Math.floor(d / msPerDay) : d;
    rows[valid] = i;
    customer[valid] = c;
    key[valid] = k;
    if (k < keyMin) keyMin = k;
    if (k > keyMax) keyMax = k;
    valid++;
  }
  s.count = valid;
  s.keyMin = keyMin;
  s.keyMax = keyMax;
}

function rankByOffset(
  s: { readonly key: Float64Array; readonly rank: Int32Array; readonly keyMin: number },
  from: number,
  to: number,
): void {
  const { key, rank, keyMin } = s;
  for (let j = from; j < to; j++) rank[j] = (key[j] as number) - keyMin;
}

/** Compacts the distinct values of a sorted array to its front; `count` is how many so far. */
function dropRepeats(s: { readonly sorted: Float64Array; count: number }, from: number, to: number): void {
  const { sorted } = s;
  let u = s.count;
  for (let j = from; j < to; j++) {
    if (j === 0 || (sorted[j] as number) !== (sorted[u - 1] as number)) sorted[u++] = sorted[j] as number;
  }
  s.count = u;
}

function rankBySearch(
  s: { readonly key: Float64Array; readonly rank: Int32Array; readonly distinct: Float64Array },
  from: number,
  to: number,
): void {
  const { key, rank, distinct } = s;
  for (let j = from; j < to; j++) rank[j] = lowerBound(distinct, key[j] as number);
}

/** State of step 4, carried from chunk to chunk: `j` is the next position in `order`. */
interface Walk {
  readonly offsets: Int32Array;
  readonly time: Float64Array;
  readonly value: Float64Array;
  out: number;
  droppedGroups: number;
  j: number;
}

/** Walks customers from `first` on until about `budget` rows are done; returns the next customer. */
function walkCustomers(
  s: Walk,
  first: number,
  budget: number,
  order: Int32Array,
  rows: Int32Array,
  customer: Int32Array,
  rank: Int32Array,
  amount: Float64Array,
  keyMin: number,
  distinct: Float64Array | undefined,
  mergeSameDay: boolean,
): number {
  const { offsets, time, value } = s;
  const msPerDay = MS_PER_DAY;
  const valid = order.length;
  const customerCount = offsets.length - 1;
  let { out, droppedGroups, j } = s;
  const limit = j + budget;
  let c = first;
  for (; c < customerCount && j < limit; c++) {
    offsets[c] = out;
    while (j < valid && customer[order[j] as number] === c) {
      const r = rank[order[j] as number] as number;
      let net = 0;
      let gross = 0;
      let hasReturn = false;
      while (j < valid) {
        const idx = order[j] as number;
        if (customer[idx] !== c || rank[idx] !== r) break;
        const a = amount[rows[idx] as number] as number;
        net += a;
        if (a < 0) hasReturn = true;
        else gross += a;
        j++;
      }
      // A purchase refunded the same day nets to ~0 with rounding noise (0.1 + 0.2 − 0.3 = 5.6e-17): treat a net
      // within 1e-9 of the gross as zero, the same tolerance as the customer summary's.
      if (hasReturn && Math.abs(net) <= 1e-9 * gross) net = 0;
      if (net > 0 || (net === 0 && !hasReturn)) {
        const k = distinct === undefined ? keyMin + r : (distinct[r] as number);
        time[out] = mergeSameDay ? k * msPerDay : k;
        value[out] = net;
        out++;
      } else {
        droppedGroups++;
      }
    }
  }
  s.out = out;
  s.droppedGroups = droppedGroups;
  s.j = j;
  return c;
}

/**
 * Stable counting sort of the positions `input` (all of 0 … n − 1 in some order; identity when undefined) by
 * `keys[position]`, an integer in [0, buckets).
 */
function* countingSortSteps(
  keys: Int32Array,
  buckets: number,
  input: Int32Array | undefined,
): Work<Int32Array> {
  const n = keys.length;
  const start = new Int32Array(buckets + 1);
  const out = new Int32Array(n);
  yield* forChunks(n, COUNT_COST, countKeys, { keys, start });
  yield* forChunks(buckets, RANK_COST, bucketStarts, start);
  // Two kernels, so that each sees one shape of input (a kernel first run without `input` deoptimises with it).
  if (input === undefined) yield* forChunks(n, SCATTER_COST, placeInOrder, { keys, start, out });
  else yield* forChunks(n, SCATTER_COST, placeByKey, { keys, start, out, input });
  return out;
}

interface Placing {
  readonly keys: Int32Array;
  /** Bucket counts, then bucket starts, then the next free slot of each bucket. */
  readonly start: Int32Array;
  readonly out: Int32Array;
}

function countKeys(s: Pick<Placing, 'keys' | 'start'>, from: number, to: number): void {
  const { keys, start } = s;
  for (let j = from; j < to; j++) start[(keys[j] as number) + 1]!++;
}

function bucketStarts(start: Int32Array, from: number, to: number): void {
  for (let b = from; b < to; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
}

/** Places positions `from … to − 1` in their buckets. */
function placeInOrder(s: Placing, from: number, to: number): void {
  const { keys, start, out } = s;
  for (let j = from; j < to; j++) out[start[keys[j] as number]!++] = j;
}

/** Places the positions `input[from … to − 1]` in their buckets. */
function placeByKey(s: Placing & { readonly input: Int32Array }, from: number, to: number): void {
  const { keys, start, out, input } = s;
  for (let i = from; i < to; i++) {
    const j = input[i] as number;
    out[start[keys[j] as number]!++] = j;
  }
}

/** `values.slice(0, length)`, copied in chunks (8 MB at a million occasions). */
function* copySteps(values: Float64Array, length: number): Work<Float64Array> {
  const out = new Float64Array(length);
  yield* forChunks(length, COPY_COST, copyRange, { values, out });
  return out;
}

function copyRange(
  s: { readonly values: Float64Array; readonly out: Float64Array },
  from: number,
  to: number,
): void {
  s.out.set(s.values.subarray(from, to), from);
}

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
