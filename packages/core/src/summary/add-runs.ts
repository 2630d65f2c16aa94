import { REPORT_WORK, rampChunk, type Work } from '../util/work.js';
import type { Accumulator } from './accumulator.js';
import { sliceByCustomerSteps } from './customer-slices.js';
import { isSortedRange, SortScratch, sortRangeByKey, sortRangeByKeySteps } from './sort-range.js';

// Feeds occasion candidates to the accumulator. A candidate is a run of one customer's rows with equal key (a day
// or an order): its net, gross and returned amounts, its row count and its earliest time. Reports its work (see
// `Work`) every chunk of customers. (Row occasions need no grouping: summarize-customers adds them directly.)

/** Nominal cost per row of the per-customer scan, and per customer. */
const SCAN_COST = 8;
const CUSTOMER_COST = 20;
/** Customers with more rows than this are sorted in steps (a native sort of them could take a whole slice). */
const LONG_RANGE = 16_384;

/**
 * Each customer's rows are first made contiguous (`sliceByCustomer`), sorted by key only where a
 * customer's rows are out of order (rows sorted by date need no sort), then scanned run by run, so all work on
 * one customer touches neighbouring memory. (A streaming pass with per-customer open runs was tried and was
 * slower: its state is spread over many arrays indexed by customer, one cache miss each per row.)
 */
export function* addRunsBySlicesSteps(
  rows: Int32Array,
  codes: Int32Array,
  key: Int32Array,
  amount: Float64Array,
  time: Float64Array,
  dayMs: number,
  acc: Accumulator,
): Work<void> {
  const customers = acc.frequency.length;
  const {
    start,
    key: sKey,
    amount: sAmount,
    time: sTime,
  } = yield* sliceByCustomerSteps(rows, codes, customers, key, amount, time);
  const scratch = new SortScratch();
  const budget = Math.floor(REPORT_WORK / SCAN_COST);
  for (let c = 0, k = 0; c < customers; k++) {
    const from = start[c]!;
    const to = start[c + 1]!;
    if (to - from > LONG_RANGE) {
      if (!isSortedRange(sKey, from, to)) yield* sortRangeByKeySteps(sKey, sAmount, sTime, from, to, scratch);
      addCustomerRuns(c, from, to, sKey, sAmount, sTime, dayMs, acc);
      yield (to - from) * SCAN_COST;
      c++;
      continue;
    }
    const next = addCustomers(c, rampChunk(k, budget), start, sKey, sAmount, sTime, dayMs, acc, scratch);
    yield (start[next]! - from) * SCAN_COST + (next - c) * CUSTOMER_COST;
    c = next;
  }
}

/**
 * Adds the runs of customers from `first` (not a long one) on until about `budget` rows are done, stopping
 * before a customer with more than LONG_RANGE rows; returns the next customer.
 */
function addCustomers(
  first: number,
  budget: number,
  start: Int32Array,
  key: Int32Array,
  amount: Float64Array,
  time: Float64Array,
  dayMs: number,
  acc: Accumulator,
  scratch: SortScratch,
): number {
  const customers = start.length - 1;
  const limit = start[first]! + budget;
  let c = first;
  while (c < customers && start[c]! < limit && start[c + 1]! - start[c]! <= LONG_RANGE) {
    const from = start[c]!;
    const to = start[c + 1]!;
    if (from !== to) {
      if (!isSortedRange(key, from, to)) sortRangeByKey(key, amount, time, from, to, scratch);
      addCustomerRuns(c, from, to, key, amount, time, dayMs, acc);
    }
    c++;
  }
  return c;
}

/** Feeds one customer's runs of equal key, rows `from … to − 1` sorted by key, to the accumulator. */
function addCustomerRuns(
  c: number,
  from: number,
  to: number,
  key: Int32Array,
  amount: Float64Array,
  time: Float64Array,
  dayMs: number,
  acc: Accumulator,
): void {
  let p = from;
  while (p < to) {
    const k = key[p]!;
    let t = time[p]!;
    let net = 0;
    let gross = 0;
    let ret = 0;
    let q = p;
    do {
      const a = amount[q]!;
      net += a;
      if (a > 0) gross += a;
      else ret -= a;
      if (time[q]! < t) t = time[q]!;
      q++;
    } while (q < to && key[q] === k);
    acc.add(c, Math.floor(t / dayMs), t, q - p, net, gross, ret);
    p = q;
  }
}
