import type { TransactionTable } from '../schema/transactions.js';
import { forChunks, runWork, type Work } from '../util/work.js';
import { Accumulator } from './accumulator.js';
import { addRunsBySlicesSteps } from './add-runs.js';
import { DAY_MS } from './day.js';
import type { CustomerSummary, PurchaseOccasion, SummarizeCustomersOptions } from './types.js';

/** {@link SummarizeCustomersOptions} after checking, with defaults applied. */
export interface ResolvedSummarizeCustomersOptions {
  readonly asOf: number;
  readonly windowDays: number | undefined;
  readonly occasion: PurchaseOccasion;
  readonly recordOccasions: boolean;
}

/**
 * Summarises every customer's purchases at an analysis date: first and last purchase, recency in whole UTC days,
 * purchase occasions, rows, net and gross revenue and returns, optionally within a trailing window.
 * See {@link CustomerSummary} for the exact definitions and {@link SummarizeCustomersOptions} for the date rules.
 *
 * Runs over typed arrays with no per-row objects: a counting sort by customer, small per-customer sorts only
 * where a customer's rows are out of date (or order), and one sequential scan; see `add-runs.ts`.
 *
 * @throws {RangeError} when `asOf` is not a finite number, `windowDays` not a positive integer, or the table's
 *   columns do not have `table.length` rows.
 */
export function summarizeCustomers(
  table: TransactionTable,
  options: SummarizeCustomersOptions,
): CustomerSummary {
  return _summarizeCustomers(table, resolveSummarizeCustomersOptions(table, options));
}

/**
 * {@link summarizeCustomers} as cooperative work: a generator that yields, every chunk of rows or customers, the
 * work done since its previous yield (nominal nanoseconds, see `Work`) and returns the same summary. Options are
 * checked when it is first stepped.
 */
export function* summarizeCustomersSteps(
  table: TransactionTable,
  options: SummarizeCustomersOptions,
): Work<CustomerSummary> {
  return yield* _summarizeCustomersSteps(table, resolveSummarizeCustomersOptions(table, options));
}

/** Checks options against the table and applies defaults. */
export function resolveSummarizeCustomersOptions(
  table: TransactionTable,
  options: SummarizeCustomersOptions,
): ResolvedSummarizeCustomersOptions {
  const { asOf, windowDays, mergeSameDay = true, recordOccasions = false } = options;
  if (typeof asOf !== 'number' || !Number.isFinite(asOf)) {
    throw new RangeError(`asOf must be a finite epoch-millisecond number, got ${String(asOf)}`);
  }
  if (windowDays !== undefined && !(Number.isInteger(windowDays) && windowDays > 0)) {
    throw new RangeError(`windowDays must be a positive whole number of days, got ${String(windowDays)}`);
  }
  const n = table.length;
  if (table.customer.codes.length !== n || table.date.length !== n || table.amount.length !== n) {
    throw new RangeError('customer, date and amount must each have table.length rows');
  }
  if (table.orderId !== undefined && table.orderId.codes.length !== n) {
    throw new RangeError('orderId must have table.length rows');
  }
  const occasion: PurchaseOccasion = mergeSameDay ? 'day' : table.orderId ? 'order' : 'row';
  return { asOf, windowDays, occasion, recordOccasions };
}

/** The unchecked kernel of {@link summarizeCustomers}. */
export function _summarizeCustomers(
  table: TransactionTable,
  options: ResolvedSummarizeCustomersOptions,
): CustomerSummary {
  return runWork(_summarizeCustomersSteps(table, options));
}

/** Nominal cost of pass 1 per row. */
const KEY_COST = 6;

/** The unchecked kernel of {@link summarizeCustomersSteps}. */
export function* _summarizeCustomersSteps(
  table: TransactionTable,
  options: ResolvedSummarizeCustomersOptions,
): Work<CustomerSummary> {
  const { asOf, windowDays, occasion } = options;
  const ids = table.customer.dictionary;
  const customers = ids.length;
  const codes = table.customer.codes;
  const date = table.date;
  const amount = table.amount;
  const n = table.length;
  const dayMs = DAY_MS; // a local: module bindings can be slow property reads under test transforms
  const asOfDay = Math.floor(asOf / dayMs);
  const windowStartDay = windowDays === undefined ? Number.NEGATIVE_INFINITY : asOfDay - windowDays + 1;

  if (occasion === 'row') {
    // Every row is its own occasion: one pass, straight into the per-customer totals (no keys, no grouping).
    const acc = new Accumulator(customers, windowStartDay);
    const direct: DirectRows = {
      codes,
      date,
      amount,
      customers,
      asOfDay,
      acc,
      rowsInvalid: 0,
      rowsAfterAsOf: 0,
    };
    yield* forChunks(n, DIRECT_COST, addRowsDirect, direct);
    return yield* acc.finishSteps(
      ids,
      asOf,
      asOfDay,
      windowDays,
      occasion,
      n,
      direct.rowsInvalid,
      direct.rowsAfterAsOf,
    );
  }

  // Pass 1: drop invalid rows and rows after the analysis day; give each kept row its grouping key.
  const keyed: KeyedRows = {
    codes,
    date,
    amount,
    orders: occasion === 'order' ? table.orderId!.codes : undefined,
    customers,
    asOfDay,
    byDay: occasion === 'day',
    key: new Int32Array(n),
    kept: new Int32Array(n),
    keptCount: 0,
    rowsInvalid: 0,
    rowsAfterAsOf: 0,
  };
  yield* forChunks(n, KEY_COST, keyRows, keyed);

  // Pass 2: group each customer's rows into runs of equal key (occasion candidates) and total them.
  const rows = keyed.kept.subarray(0, keyed.keptCount);
  const acc = new Accumulator(customers, windowStartDay);
  if (options.recordOccasions && occasion === 'day' && windowDays === undefined) acc.recordOccasions(dayMs);
  yield* addRunsBySlicesSteps(rows, codes, keyed.key, amount, date, dayMs, acc);
  const summary = yield* acc.finishSteps(
    ids,
    asOf,
    asOfDay,
    windowDays,
    occasion,
    n,
    keyed.rowsInvalid,
    keyed.rowsAfterAsOf,
  );
  const occasions = acc.occasions(keyed.rowsInvalid);
  return occasions ? { ...summary, occasions } : summary;
}

/** Nominal cost per row of the one-pass row-occasion summary (random access by customer). */
const DIRECT_COST = 24;

/** Inputs and counts of {@link addRowsDirect}, carried from chunk to chunk. */
interface DirectRows {
  readonly codes: Int32Array;
  readonly date: Float64Array;
  readonly amount: Float64Array;
  readonly customers: number;
  readonly asOfDay: number;
  readonly acc: Accumulator;
  rowsInvalid: number;
  rowsAfterAsOf: number;
}

/** Rows `from … to − 1` as occasions of their own: checked as in pass 1, then added to the totals. */
function addRowsDirect(s: DirectRows, from: number, to: number): void {
  const { codes, date, amount, customers, asOfDay, acc } = s;
  const dayMs = DAY_MS;
  let rowsInvalid = s.rowsInvalid;
  let rowsAfterAsOf = s.rowsAfterAsOf;
  for (let i = from; i < to; i++) {
    const c = codes[i]!;
    const t = date[i]!;
    const a = amount[i]!;
    if (!(c >= 0 && c < customers) || !Number.isFinite(t) || !Number.isFinite(a)) {
      rowsInvalid++;
      continue;
    }
    const d = Math.floor(t / dayMs);
    if (d > asOfDay) {
      rowsAfterAsOf++;
      continue;
    }
    acc.add(c, d, t, 1, a, Math.max(a, 0), Math.max(-a, 0));
  }
  s.rowsInvalid = rowsInvalid;
  s.rowsAfterAsOf = rowsAfterAsOf;
}

/** Inputs, outputs and counts of pass 1, carried from chunk to chunk. */
interface KeyedRows {
  readonly codes: Int32Array;
  readonly date: Float64Array;
  readonly amount: Float64Array;
  readonly orders: Int32Array | undefined;
  readonly customers: number;
  readonly asOfDay: number;
  readonly byDay: boolean;
  readonly key: Int32Array;
  readonly kept: Int32Array;
  keptCount: number;
  rowsInvalid: number;
  rowsAfterAsOf: number;
}

/**
 * Pass 1 over rows `from … to − 1`: each kept row's grouping key is its UTC day, its order code, or −1 − row index
 * for a row without an order id (an order of its own).
 */
function keyRows(s: KeyedRows, from: number, to: number): void {
  const { codes, date, amount, orders, customers, asOfDay, byDay, key, kept } = s;
  const dayMs = DAY_MS;
  let keptCount = s.keptCount;
  let rowsInvalid = s.rowsInvalid;
  let rowsAfterAsOf = s.rowsAfterAsOf;
  for (let i = from; i < to; i++) {
    const c = codes[i]!;
    const t = date[i]!;
    if (!(c >= 0 && c < customers) || !Number.isFinite(t) || !Number.isFinite(amount[i]!)) {
      rowsInvalid++;
      continue;
    }
    const d = Math.floor(t / dayMs);
    if (d > asOfDay) {
      rowsAfterAsOf++;
      continue;
    }
    key[i] = byDay ? d : orders !== undefined && orders[i]! >= 0 ? orders[i]! : -1 - i;
    kept[keptCount++] = i;
  }
  s.keptCount = keptCount;
  s.rowsInvalid = rowsInvalid;
  s.rowsAfterAsOf = rowsAfterAsOf;
}
