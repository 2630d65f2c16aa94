import type { TransactionTable } from '../schema/transactions.js';
import { Accumulator } from './accumulator.js';
import { addRows, addRunsBySlices } from './add-runs.js';
import { DAY_MS } from './day.js';
import type { CustomerSummary, PurchaseOccasion, SummarizeCustomersOptions } from './types.js';

/** {@link SummarizeCustomersOptions} after checking, with defaults applied. */
export interface ResolvedSummarizeCustomersOptions {
  readonly asOf: number;
  readonly windowDays: number | undefined;
  readonly occasion: PurchaseOccasion;
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

/** Checks options against the table and applies defaults. */
export function resolveSummarizeCustomersOptions(
  table: TransactionTable,
  options: SummarizeCustomersOptions,
): ResolvedSummarizeCustomersOptions {
  const { asOf, windowDays, mergeSameDay = true } = options;
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
  return { asOf, windowDays, occasion };
}

/** The unchecked kernel of {@link summarizeCustomers}. */
export function _summarizeCustomers(
  table: TransactionTable,
  options: ResolvedSummarizeCustomersOptions,
): CustomerSummary {
  const { asOf, windowDays, occasion } = options;
  const ids = table.customer.dictionary;
  const customers = ids.length;
  const codes = table.customer.codes;
  const date = table.date;
  const amount = table.amount;
  const orders = occasion === 'order' ? table.orderId!.codes : undefined;
  const n = table.length;
  const dayMs = DAY_MS; // a local: module bindings can be slow property reads under test transforms
  const asOfDay = Math.floor(asOf / dayMs);
  const windowStartDay = windowDays === undefined ? Number.NEGATIVE_INFINITY : asOfDay - windowDays + 1;

  // Pass 1: drop invalid rows and rows after the analysis day; give each kept row its grouping key: its UTC day,
  // its order code, or −1 − row index for a row without an order id (an order of its own).
  const key = new Int32Array(n);
  const kept = new Int32Array(n);
  let keptCount = 0;
  let rowsInvalid = 0;
  let rowsAfterAsOf = 0;
  for (let i = 0; i < n; i++) {
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
    key[i] = occasion === 'day' ? d : orders !== undefined && orders[i]! >= 0 ? orders[i]! : -1 - i;
    kept[keptCount++] = i;
  }

  // Pass 2: group each customer's rows into runs of equal key (occasion candidates) and total them.
  const rows = kept.subarray(0, keptCount);
  const acc = new Accumulator(customers, windowStartDay);
  if (occasion === 'row') addRows(rows, codes, amount, date, dayMs, acc);
  else addRunsBySlices(rows, codes, key, amount, date, dayMs, acc);
  return acc.finish(ids, asOf, asOfDay, windowDays, occasion, n, rowsInvalid, rowsAfterAsOf);
}
