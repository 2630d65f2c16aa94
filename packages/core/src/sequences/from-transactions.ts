import type { DictColumn } from '../schema/columns.js';
import type { TransactionTable } from '../schema/transactions.js';
import { DAY_MS } from '../summary/day.js';
import { Float64Builder, Int32Builder } from '../util/growable.js';
import { sortIndicesWork } from '../util/sort-work.js';
import { chunkRows, forChunks, runWork, type Work } from '../util/work.js';
import type { SequenceDatabase } from './types.js';

/** How a customer's rows become events: one event per order, or per UTC calendar day. */
export type SequenceEventBy = 'order' | 'day';

/** Options of {@link sequencesFromTransactions}. */
export interface SequencesFromTransactionsOptions {
  /**
   * `'order'`: each order (`orderId`) is an event, at the time of its earliest row; event times are the order's
   * rank in the customer's history (1, 2, 3, …), so `maxGap: 1` means "in the next order". `'day'`: each UTC
   * calendar day with purchases is an event; event times are day numbers (days since 1970-01-01), so `maxGap`
   * counts days.
   */
  readonly eventBy: SequenceEventBy;
  /** The dictionary column whose values are the items. Default `'product'`. */
  readonly itemField?: 'product' | 'category';
  /** Keep rows with a negative amount (returns) as purchases of their item. Default false: they are counted and skipped. */
  readonly includeReturns?: boolean;
  /** Item labels to leave out, e.g. Online Retail's `POST`, `DOT`, `M` (postage, fees). Unknown labels are ignored. */
  readonly excludeItems?: readonly string[];
}

/**
 * What happened to every row: `rows = rowsUsed + invalidRows + returnRows + rowsWithoutItem + excludedRows +
 * rowsWithoutOrder`.
 */
export interface TransactionSequencesReport {
  readonly rows: number;
  /** Rows that went into an event. */
  readonly rowsUsed: number;
  /** Rows with a customer code out of range or a non-finite date or amount. */
  readonly invalidRows: number;
  /** Rows with a negative amount, skipped (unless `includeReturns`). */
  readonly returnRows: number;
  /** Rows with no item (missing product or category). */
  readonly rowsWithoutItem: number;
  /** Rows of an item listed in `excludeItems`. */
  readonly excludedRows: number;
  /** Rows with no order id (only with `eventBy: 'order'`). */
  readonly rowsWithoutOrder: number;
  /** Used rows repeating an item already in their event (merged: an event is a set). */
  readonly duplicateItems: number;
  /** Customers of the dictionary with no row used: they have no sequence and are not in the support denominator. */
  readonly customersWithoutSequence: number;
}

export interface TransactionSequences {
  /** One sequence per customer with at least one used row, in customer-code order; items are the item column's codes. */
  readonly database: SequenceDatabase;
  /** The customer code of each sequence. */
  readonly customer: Int32Array;
  readonly eventBy: SequenceEventBy;
  readonly itemField: 'product' | 'category';
  readonly report: TransactionSequencesReport;
}

/**
 * Each customer's purchases as a sequence of events (orders, or days), each event the set of items bought in
 * it. Item codes are those of the table's item column (`table.product` by default), so patterns read with its
 * dictionary. Rows that cannot be placed are counted by reason in the report, never guessed.
 *
 * Columnar throughout: a counting sort by customer, then a numeric sort of each customer's (event, item) keys.
 *
 * @throws {RangeError} when the item column (or, for `eventBy: 'order'`, `orderId`) is missing, or a column does
 *   not have `table.length` rows.
 */
export function sequencesFromTransactions(
  table: TransactionTable,
  options: SequencesFromTransactionsOptions,
): TransactionSequences {
  return runWork(sequencesFromTransactionsSteps(table, options));
}

/** Nominal cost per row of the first pass (checks, order times). */
const CHECK_COST = 8;
/** Nominal cost per kept row of placing its key. */
const PLACE_COST = 8;
/** Nominal cost per kept row of sorting and grouping a customer's keys. */
const GROUP_COST = 40;

/** {@link sequencesFromTransactions} as cooperative work (see `Work`). Options are checked when it is first stepped. */
export function* sequencesFromTransactionsSteps(
  table: TransactionTable,
  options: SequencesFromTransactionsOptions,
): Work<TransactionSequences> {
  const { eventBy, itemField = 'product', includeReturns = false, excludeItems = [] } = options;
  if (eventBy !== 'order' && eventBy !== 'day') {
    throw new RangeError(`eventBy must be 'order' or 'day', got ${String(eventBy)}`);
  }
  if (itemField !== 'product' && itemField !== 'category') {
    throw new RangeError(`itemField must be 'product' or 'category', got ${String(itemField)}`);
  }
  const n = table.length;
  const itemColumn: DictColumn | undefined = itemField === 'category' ? table.category : table.product;
  if (itemColumn === undefined) throw new RangeError(`the table has no ${itemField} column`);
  if (eventBy === 'order' && table.orderId === undefined) {
    throw new RangeError("eventBy 'order' needs an orderId column");
  }
  if (
    table.customer.codes.length !== n ||
    table.date.length !== n ||
    table.amount.length !== n ||
    itemColumn.codes.length !== n ||
    (table.orderId !== undefined && table.orderId.codes.length !== n)
  ) {
    throw new RangeError('every column must have table.length rows');
  }
  const customers = table.customer.dictionary.length;
  const itemCount = itemColumn.dictionary.length;
  const excluded = new Uint8Array(itemCount);
  if (excludeItems.length > 0) {
    const leaveOut = new Set(excludeItems);
    itemColumn.dictionary.forEach((label, code) => {
      if (leaveOut.has(label)) excluded[code] = 1;
    });
  }
  const orderCount = table.orderId?.dictionary.length ?? 0;

  // Pass 1: which rows are used; rows per customer; each order's earliest time (or the earliest day).
  const check: CheckState = {
    customerCodes: table.customer.codes,
    date: table.date,
    amount: table.amount,
    itemCodes: itemColumn.codes,
    itemCount,
    excluded,
    orderCodes: eventBy === 'order' ? table.orderId!.codes : undefined,
    orderCount,
    customers,
    includeReturns,
    kept: new Int32Array(n),
    keptCount: 0,
    perCustomer: new Int32Array(customers + 1),
    orderTime: eventBy === 'order' ? new Float64Array(orderCount).fill(Number.POSITIVE_INFINITY) : undefined,
    minDay: Number.POSITIVE_INFINITY,
    maxDay: Number.NEGATIVE_INFINITY,
    invalidRows: 0,
    returnRows: 0,
    rowsWithoutItem: 0,
    excludedRows: 0,
    rowsWithoutOrder: 0,
  };
  yield* forChunks(n, CHECK_COST, checkRows, check);

  // Event keys: the day offset, or the order's rank by (earliest time, order code).
  let eventKeys: number;
  let orderRank: Int32Array | undefined;
  if (eventBy === 'order') {
    const orderTime = check.orderTime!;
    let used = 0;
    for (let o = 0; o < orderCount; o++) if (orderTime[o]! < Number.POSITIVE_INFINITY) used++;
    const orders = new Int32Array(used);
    for (let o = 0, k = 0; o < orderCount; o++) if (orderTime[o]! < Number.POSITIVE_INFINITY) orders[k++] = o;
    yield* sortIndicesWork(orders, (a, b) => orderTime[a]! - orderTime[b]! || a - b);
    orderRank = new Int32Array(orderCount);
    for (let k = 0; k < used; k++) orderRank[orders[k]!] = k;
    eventKeys = used;
  } else {
    eventKeys = check.keptCount === 0 ? 0 : check.maxDay - check.minDay + 1;
  }
  if (eventKeys * itemCount > Number.MAX_SAFE_INTEGER) {
    throw new RangeError('too many distinct events × items to key exactly');
  }

  // Pass 2: a counting sort of the used rows' (event, item) keys by customer.
  const perCustomer = check.perCustomer;
  for (let c = 0, sum = 0; c <= customers; c++) {
    const count = perCustomer[c]!;
    perCustomer[c] = sum;
    sum += count;
  }
  const place: PlaceState = {
    kept: check.kept,
    customerCodes: table.customer.codes,
    date: table.date,
    itemCodes: itemColumn.codes,
    itemCount,
    orderCodes: eventBy === 'order' ? table.orderId!.codes : undefined,
    orderRank,
    minDay: check.minDay,
    cursor: perCustomer.slice(0, customers),
    keys: new Float64Array(check.keptCount),
  };
  yield* forChunks(check.keptCount, PLACE_COST, placeKeys, place);

  // Pass 3: per customer, sort the keys and read off events and their item sets.
  const group: GroupState = {
    keys: place.keys,
    offsets: perCustomer,
    itemCount,
    byDay: eventBy === 'day',
    minDay: check.minDay,
    next: 0,
    customers,
    customer: new Int32Builder(),
    eventStart: new Int32Builder(),
    eventTime: new Float64Builder(),
    itemStart: new Int32Builder(),
    item: new Int32Builder(Math.max(16, check.keptCount)),
    duplicateItems: 0,
  };
  const budget = chunkRows(GROUP_COST);
  while (group.next < customers) {
    const rows = groupCustomers(group, budget);
    yield rows * GROUP_COST;
  }
  const sequenceCount = group.customer.length;
  group.eventStart.push(group.eventTime.length);
  group.itemStart.push(group.item.length);
  const customer = group.customer.finish();
  const dictionary = table.customer.dictionary;
  const ids = Array.from(customer, (c) => dictionary[c]!);
  const database: SequenceDatabase = {
    sequences: sequenceCount,
    ids,
    items: itemColumn.dictionary,
    eventStart: group.eventStart.finish(),
    eventTime: group.eventTime.finish(),
    itemStart: group.itemStart.finish(),
    item: group.item.finish(),
  };
  return {
    database,
    customer,
    eventBy,
    itemField,
    report: {
      rows: n,
      rowsUsed: check.keptCount,
      invalidRows: check.invalidRows,
      returnRows: check.returnRows,
      rowsWithoutItem: check.rowsWithoutItem,
      excludedRows: check.excludedRows,
      rowsWithoutOrder: check.rowsWithoutOrder,
      duplicateItems: group.duplicateItems,
      customersWithoutSequence: customers - sequenceCount,
    },
  };
}

interface CheckState {
  readonly customerCodes: Int32Array;
  readonly date: Float64Array;
  readonly amount: Float64Array;
  readonly itemCodes: Int32Array;
  readonly itemCount: number;
  readonly excluded: Uint8Array;
  readonly orderCodes: Int32Array | undefined;
  readonly orderCount: number;
  readonly customers: number;
  readonly includeReturns: boolean;
  readonly kept: Int32Array;
  keptCount: number;
  readonly perCustomer: Int32Array;
  readonly orderTime: Float64Array | undefined;
  minDay: number;
  maxDay: number;
  invalidRows: number;
  returnRows: number;
  rowsWithoutItem: number;
  excludedRows: number;
  rowsWithoutOrder: number;
}

/** Pass 1 over rows `from … to − 1`. */
function checkRows(s: CheckState, from: number, to: number): void {
  const {
    customerCodes,
    date,
    amount,
    itemCodes,
    itemCount,
    orderCodes,
    orderCount,
    customers,
    kept,
    perCustomer,
  } = s;
  const orderTime = s.orderTime;
  const dayMs = DAY_MS;
  let keptCount = s.keptCount;
  let minDay = s.minDay;
  let maxDay = s.maxDay;
  for (let i = from; i < to; i++) {
    const c = customerCodes[i]!;
    const t = date[i]!;
    const a = amount[i]!;
    if (!(c >= 0 && c < customers) || !Number.isFinite(t) || !Number.isFinite(a)) {
      s.invalidRows++;
      continue;
    }
    if (a < 0 && !s.includeReturns) {
      s.returnRows++;
      continue;
    }
    const item = itemCodes[i]!;
    if (!(item >= 0 && item < itemCount)) {
      s.rowsWithoutItem++;
      continue;
    }
    if (s.excluded[item] === 1) {
      s.excludedRows++;
      continue;
    }
    if (orderCodes !== undefined) {
      const o = orderCodes[i]!;
      if (!(o >= 0 && o < orderCount)) {
        s.rowsWithoutOrder++;
        continue;
      }
      if (t < orderTime![o]!) orderTime![o] = t;
    } else {
      const d = Math.floor(t / dayMs);
      if (d < minDay) minDay = d;
      if (d > maxDay) maxDay = d;
    }
    kept[keptCount++] = i;
    perCustomer[c]!++;
  }
  s.keptCount = keptCount;
  s.minDay = minDay;
  s.maxDay = maxDay;
}

interface PlaceState {
  readonly kept: Int32Array;
  readonly customerCodes: Int32Array;
  readonly date: Float64Array;
  readonly itemCodes: Int32Array;
  readonly itemCount: number;
  readonly orderCodes: Int32Array | undefined;
  readonly orderRank: Int32Array | undefined;
  readonly minDay: number;
  readonly cursor: Int32Array;
  readonly keys: Float64Array;
}

/** Pass 2 over kept rows `from … to − 1`: key = event × items + item, placed in its customer's range. */
function placeKeys(s: PlaceState, from: number, to: number): void {
  const { kept, customerCodes, date, itemCodes, itemCount, orderCodes, orderRank, minDay, cursor, keys } = s;
  const dayMs = DAY_MS;
  for (let k = from; k < to; k++) {
    const i = kept[k]!;
    const event =
      orderCodes !== undefined ? orderRank![orderCodes[i]!]! : Math.floor(date[i]! / dayMs) - minDay;
    keys[cursor[customerCodes[i]!]!++] = event * itemCount + itemCodes[i]!;
  }
}

interface GroupState {
  readonly keys: Float64Array;
  readonly offsets: Int32Array;
  readonly itemCount: number;
  readonly byDay: boolean;
  readonly minDay: number;
  next: number;
  readonly customers: number;
  readonly customer: Int32Builder;
  readonly eventStart: Int32Builder;
  readonly eventTime: Float64Builder;
  readonly itemStart: Int32Builder;
  readonly item: Int32Builder;
  duplicateItems: number;
}

/** Pass 3: sorts and groups whole customers until about `budget` rows are done; returns the rows done. */
function groupCustomers(s: GroupState, budget: number): number {
  const { keys, offsets, itemCount, byDay, minDay, customers } = s;
  let rows = 0;
  let c = s.next;
  for (; c < customers && rows < budget; c++) {
    const from = offsets[c]!;
    const to = offsets[c + 1]!;
    if (to === from) continue;
    rows += to - from;
    if (to - from <= 32) insertionSort(keys, from, to);
    else keys.subarray(from, to).sort();
    s.customer.push(c);
    s.eventStart.push(s.eventTime.length);
    let lastEvent = -1;
    let lastKey = -1;
    let rank = 0;
    for (let k = from; k < to; k++) {
      const key = keys[k]!;
      if (key === lastKey) {
        s.duplicateItems++; // the same item again in the same event
        continue;
      }
      lastKey = key;
      const event = Math.floor(key / itemCount);
      if (event !== lastEvent) {
        lastEvent = event;
        s.eventTime.push(byDay ? minDay + event : ++rank);
        s.itemStart.push(s.item.length);
      }
      s.item.push(key - event * itemCount);
    }
  }
  s.next = c;
  return rows;
}

/** Sorts `keys[from … to − 1]` ascending in place (short runs: no subarray allocation). */
function insertionSort(keys: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = keys[i]!;
    let j = i - 1;
    while (j >= from && keys[j]! > v) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = v;
  }
}
