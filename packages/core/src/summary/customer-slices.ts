/** The kept rows regrouped so that each customer's rows are contiguous (a counting sort by customer code). */
export interface CustomerSlices {
  /** Customer c's rows are positions `start[c]` … `start[c + 1] − 1`. */
  readonly start: Int32Array;
  /** Grouping key per position (UTC day, order code, or a unique number per row). */
  readonly key: Int32Array;
  readonly amount: Float64Array;
  readonly time: Float64Array;
}

/**
 * Copies the key, amount and time of the given rows into per-customer slices, keeping the row order inside each
 * customer. One counting pass and one scatter: the later per-customer scans then read memory sequentially,
 * which is what keeps the summary fast on a million rows in random customer order.
 *
 * @param rows indices of the rows to keep, ascending
 * @param customer customer code of every table row (0 … customers − 1 for kept rows)
 * @param key grouping key of every table row
 */
export function sliceByCustomer(
  rows: Int32Array,
  customer: Int32Array,
  customers: number,
  key: Int32Array,
  amount: Float64Array,
  time: Float64Array,
): CustomerSlices {
  const n = rows.length;
  const start = new Int32Array(customers + 1);
  for (let p = 0; p < n; p++) start[customer[rows[p]!]! + 1]!++;
  for (let c = 0; c < customers; c++) start[c + 1]! += start[c]!;
  const next = start.slice(0, customers);
  const outKey = new Int32Array(n);
  const outAmount = new Float64Array(n);
  const outTime = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const i = rows[p]!;
    const q = next[customer[i]!]!++;
    outKey[q] = key[i]!;
    outAmount[q] = amount[i]!;
    outTime[q] = time[i]!;
  }
  return { start, key: outKey, amount: outAmount, time: outTime };
}
