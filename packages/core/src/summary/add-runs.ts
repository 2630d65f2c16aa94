import type { Accumulator } from './accumulator.js';
import { sliceByCustomer } from './customer-slices.js';
import { isSortedRange, SortScratch, sortRangeByKey } from './sort-range.js';

// Two ways to feed occasion candidates to the accumulator. A candidate is a run of one customer's rows with
// equal key (a day or an order): its net, gross and returned amounts, its row count and its earliest time.

/** Every row is its own candidate (occasions are rows). */
export function addRows(
  rows: Int32Array,
  codes: Int32Array,
  amount: Float64Array,
  time: Float64Array,
  dayMs: number,
  acc: Accumulator,
): void {
  for (let p = 0; p < rows.length; p++) {
    const i = rows[p]!;
    const a = amount[i]!;
    const t = time[i]!;
    acc.add(codes[i]!, Math.floor(t / dayMs), t, 1, a, Math.max(a, 0), Math.max(-a, 0));
  }
}

/**
 * Each customer's rows are first made contiguous ({@link sliceByCustomer}), sorted by key only where a
 * customer's rows are out of order (rows sorted by date need no sort), then scanned run by run, so all work on
 * one customer touches neighbouring memory. (A streaming pass with per-customer open runs was tried and was
 * slower: its state is spread over many arrays indexed by customer, one cache miss each per row.)
 */
export function addRunsBySlices(
  rows: Int32Array,
  codes: Int32Array,
  key: Int32Array,
  amount: Float64Array,
  time: Float64Array,
  dayMs: number,
  acc: Accumulator,
): void {
  const customers = acc.frequency.length;
  const {
    start,
    key: sKey,
    amount: sAmount,
    time: sTime,
  } = sliceByCustomer(rows, codes, customers, key, amount, time);
  const scratch = new SortScratch();
  for (let c = 0; c < customers; c++) {
    const from = start[c]!;
    const to = start[c + 1]!;
    if (from === to) continue;
    if (!isSortedRange(sKey, from, to)) sortRangeByKey(sKey, sAmount, sTime, from, to, scratch);
    let p = from;
    while (p < to) {
      const k = sKey[p]!;
      let t = sTime[p]!;
      let net = 0;
      let gross = 0;
      let ret = 0;
      let q = p;
      do {
        const a = sAmount[q]!;
        net += a;
        if (a > 0) gross += a;
        else ret -= a;
        if (sTime[q]! < t) t = sTime[q]!;
        q++;
      } while (q < to && sKey[q] === k);
      acc.add(c, Math.floor(t / dayMs), t, q - p, net, gross, ret);
      p = q;
    }
  }
}
