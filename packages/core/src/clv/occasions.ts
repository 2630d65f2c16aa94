import type { TransactionTable } from '../schema/transactions.js';
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
  const mergeSameDay = options.mergeSameDay ?? true;
  const n = table.length;
  const codes = table.customer.codes;
  const customerCount = table.customer.dictionary.length;
  const date = table.date;
  const amount = table.amount;

  // 1. Valid rows and their time keys (day index or timestamp).
  const rows = new Int32Array(n);
  const key = new Float64Array(n);
  let valid = 0;
  let keyMin = Number.POSITIVE_INFINITY;
  let keyMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const c = codes[i] as number;
    const d = date[i] as number;
    const a = amount[i] as number;
    if (!(c >= 0 && c < customerCount) || !Number.isFinite(d) || !Number.isFinite(a)) continue;
    const k = mergeSameDay ? Math.floor(d / MS_PER_DAY) : d;
    rows[valid] = i;
    key[valid] = k;
    if (k < keyMin) keyMin = k;
    if (k > keyMax) keyMax = k;
    valid++;
  }

  // 2. Dense rank of each key. Day indices in a sane range rank directly; otherwise sort the distinct keys.
  const rank = new Int32Array(valid);
  let rankCount: number;
  let rankToKey: (r: number) => number;
  const span = keyMax - keyMin;
  if (
    valid > 0 &&
    Number.isInteger(keyMin) &&
    Number.isInteger(keyMax) &&
    span <= Math.max(1_000_000, 4 * valid)
  ) {
    for (let j = 0; j < valid; j++) rank[j] = (key[j] as number) - keyMin;
    rankCount = span + 1;
    rankToKey = (r) => keyMin + r;
  } else {
    const sorted = key.slice(0, valid).sort();
    let u = 0;
    for (let j = 0; j < valid; j++) {
      if (j === 0 || (sorted[j] as number) !== (sorted[u - 1] as number)) sorted[u++] = sorted[j] as number;
    }
    const distinct = sorted.subarray(0, u);
    for (let j = 0; j < valid; j++) rank[j] = lowerBound(distinct, key[j] as number);
    rankCount = u;
    rankToKey = (r) => distinct[r] as number;
  }

  // 3. Stable counting sort by rank, then by customer: rows end up grouped by customer, in time order.
  const byRank = countingSort(valid, rankCount, (j) => rank[j] as number, identityOrder(valid));
  const order = countingSort(valid, customerCount, (j) => codes[rows[j] as number] as number, byRank);

  // 4. Walk each customer's rows, netting amounts per key; drop groups dominated by returns.
  const offsets = new Int32Array(customerCount + 1);
  const time = new Float64Array(valid);
  const value = new Float64Array(valid);
  let out = 0;
  let droppedGroups = 0;
  let j = 0;
  for (let c = 0; c < customerCount; c++) {
    offsets[c] = out;
    while (j < valid && codes[rows[order[j] as number] as number] === c) {
      const r = rank[order[j] as number] as number;
      let net = 0;
      let gross = 0;
      let hasReturn = false;
      while (j < valid) {
        const idx = order[j] as number;
        if (codes[rows[idx] as number] !== c || rank[idx] !== r) break;
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
        const k = rankToKey(r);
        time[out] = mergeSameDay ? k * MS_PER_DAY : k;
        value[out] = net;
        out++;
      } else {
        droppedGroups++;
      }
    }
  }
  offsets[customerCount] = out;
  return {
    customerCount,
    offsets,
    time: time.slice(0, out),
    value: value.slice(0, out),
    mergeSameDay,
    invalidRows: n - valid,
    droppedGroups,
  };
}

function identityOrder(n: number): Int32Array {
  const o = new Int32Array(n);
  for (let i = 0; i < n; i++) o[i] = i;
  return o;
}

/** Stable counting sort of the indices in `input` by an integer key in [0, buckets). */
function countingSort(
  n: number,
  buckets: number,
  keyOf: (j: number) => number,
  input: Int32Array,
): Int32Array {
  const start = new Int32Array(buckets + 1);
  for (let j = 0; j < n; j++) {
    const b = keyOf(j) + 1;
    start[b] = (start[b] as number) + 1;
  }
  for (let b = 0; b < buckets; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = input[i] as number;
    const b = keyOf(j);
    out[start[b] as number] = j;
    start[b] = (start[b] as number) + 1;
  }
  return out;
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
