import { type DictColumn, MISSING_CODE } from '../schema/columns.js';
import type { TransactionTable } from '../schema/transactions.js';
import { forChunks, runWork, type Work } from '../util/work.js';
import { type CompactState, sortCompactRange } from './sort-lists.js';
import type { Baskets } from './types.js';

export interface BasketsFromTransactionsOptions {
  /** Keep rows with a negative amount (returns, refunds, cancellations) as purchases; default `false`. */
  readonly includeReturns?: boolean;
  /**
   * Product ids to leave out of every basket, e.g. Online Retail's non-products `POST`, `DOT`, `M`, `D`,
   * `BANK CHARGES`, `AMAZONFEE`. Ids not in the table are ignored.
   */
  readonly excludeProducts?: readonly string[];
}

/** Where every row went. Invariant: `rows = rowsUsed + rowsWithoutOrder + rowsWithoutProduct + returnRows + excludedRows`. */
export interface BasketBuildReport {
  readonly rows: number;
  /** Rows that put their product into their order's basket. */
  readonly rowsUsed: number;
  readonly rowsWithoutOrder: number;
  readonly rowsWithoutProduct: number;
  /** Rows with a negative amount, left out (unless `includeReturns`). */
  readonly returnRows: number;
  /** Rows of an `excludeProducts` product. */
  readonly excludedRows: number;
  /** Used rows repeating a product already in their order (a basket holds each product once). */
  readonly duplicateItems: number;
  /** Orders all of whose rows were left out: no basket (e.g. Online Retail's cancellations). */
  readonly ordersWithoutItems: number;
  /** Used rows whose customer differs from that of their order's first used row (the basket keeps the first). */
  readonly customerConflicts: number;
}

/** Baskets of a transaction table, with their customer and order id. */
export interface TransactionBaskets extends Baskets {
  readonly customer: DictColumn;
  readonly order: DictColumn;
}

export interface BasketsFromTransactionsResult {
  readonly baskets: TransactionBaskets;
  readonly report: BasketBuildReport;
}

/** Nominal costs per row of the counting and filling passes, and per item of the sort. */
const ROW_COST = 6;
const ITEM_COST = 12;
const NO_CUSTOMER = -2;

/**
 * The order baskets of a transaction table: one basket per order id (`orderId`), holding the distinct products
 * (`product`) of the order's rows, in order of the order ids' first appearance (the dictionary's order). Item
 * codes are the table's product codes and the dictionary is the product dictionary, so codes match the table's.
 * Each basket keeps its order's customer (of its first used row). Rows without an order id or product, returns
 * (negative amounts, unless `includeReturns`) and excluded products are left out and counted; orders left with
 * no item get no basket. Throws a `RangeError` when the table has no `orderId` or `product` column, or a column
 * does not have `table.length` rows.
 */
export function basketsFromTransactions(
  table: TransactionTable,
  options: BasketsFromTransactionsOptions = {},
): BasketsFromTransactionsResult {
  return runWork(basketsFromTransactionsSteps(table, options));
}

interface CountState {
  readonly order: Int32Array;
  readonly product: Int32Array;
  readonly customer: Int32Array;
  readonly amount: Float64Array;
  readonly includeReturns: boolean;
  readonly excluded: Uint8Array;
  readonly productCount: number;
  /** Per row: 1 when used. */
  readonly used: Uint8Array;
  /** Per order: used rows. */
  readonly rowsPerOrder: Int32Array;
  /** Per order: 1 when some row names it. */
  readonly seen: Uint8Array;
  /** Per order: the customer of its first used row, or NO_CUSTOMER. */
  readonly orderCustomer: Int32Array;
  rowsUsed: number;
  rowsWithoutOrder: number;
  rowsWithoutProduct: number;
  returnRows: number;
  excludedRows: number;
  customerConflicts: number;
}

function countRange(s: CountState, from: number, to: number): void {
  const { order, product, customer, amount, excluded, used, rowsPerOrder, seen, orderCustomer } = s;
  for (let i = from; i < to; i++) {
    const o = order[i]!;
    const p = product[i]!;
    if (o < 0 || o >= rowsPerOrder.length) {
      s.rowsWithoutOrder++;
      continue;
    }
    seen[o] = 1;
    if (p < 0 || p >= s.productCount) {
      s.rowsWithoutProduct++;
      continue;
    }
    if (excluded[p] === 1) {
      s.excludedRows++;
      continue;
    }
    if (!s.includeReturns && amount[i]! < 0) {
      s.returnRows++;
      continue;
    }
    used[i] = 1;
    s.rowsUsed++;
    rowsPerOrder[o]!++;
    const c = customer[i]!;
    if (orderCustomer[o] === NO_CUSTOMER) orderCustomer[o] = c;
    else if (orderCustomer[o] !== c) s.customerConflicts++;
  }
}

interface FillState {
  readonly order: Int32Array;
  readonly product: Int32Array;
  readonly used: Uint8Array;
  /** Per order: its basket, or −1. */
  readonly basketOf: Int32Array;
  /** Per basket: the next free slot. */
  readonly cursor: Int32Array;
  readonly items: Int32Array;
}

function fillRange(s: FillState, from: number, to: number): void {
  const { order, product, used, basketOf, cursor, items } = s;
  for (let i = from; i < to; i++) {
    if (used[i] !== 1) continue;
    const b = basketOf[order[i]!]!;
    items[cursor[b]!++] = product[i]!;
  }
}

/** {@link basketsFromTransactions} as cooperative work: yields after every chunk of rows or baskets. */
export function* basketsFromTransactionsSteps(
  table: TransactionTable,
  options: BasketsFromTransactionsOptions = {},
): Work<BasketsFromTransactionsResult> {
  const { orderId, product } = table;
  if (!orderId) throw new RangeError('basketsFromTransactions: the table has no orderId column');
  if (!product) throw new RangeError('basketsFromTransactions: the table has no product column');
  const n = table.length;
  for (const [name, length] of [
    ['orderId', orderId.codes.length],
    ['product', product.codes.length],
    ['customer', table.customer.codes.length],
    ['amount', table.amount.length],
  ] as const) {
    if (length !== n) throw new RangeError(`basketsFromTransactions: ${name} has ${length} rows, not ${n}`);
  }
  const orders = orderId.dictionary.length;
  const excluded = new Uint8Array(product.dictionary.length);
  if (options.excludeProducts?.length) {
    const drop = new Set(options.excludeProducts);
    product.dictionary.forEach((id, code) => {
      if (drop.has(id)) excluded[code] = 1;
    });
  }
  const count: CountState = {
    order: orderId.codes,
    product: product.codes,
    customer: table.customer.codes,
    amount: table.amount,
    includeReturns: options.includeReturns ?? false,
    excluded,
    productCount: product.dictionary.length,
    used: new Uint8Array(n),
    rowsPerOrder: new Int32Array(orders),
    seen: new Uint8Array(orders),
    orderCustomer: new Int32Array(orders).fill(NO_CUSTOMER),
    rowsUsed: 0,
    rowsWithoutOrder: 0,
    rowsWithoutProduct: 0,
    returnRows: 0,
    excludedRows: 0,
    customerConflicts: 0,
  };
  yield* forChunks(n, ROW_COST, countRange, count);

  // Baskets: the orders with a used row, in order-code order.
  const basketOf = new Int32Array(orders).fill(-1);
  let basketCount = 0;
  for (let o = 0; o < orders; o++) if (count.rowsPerOrder[o]! > 0) basketOf[o] = basketCount++;
  const rawOffsets = new Int32Array(basketCount + 1);
  const basketOrder = new Int32Array(basketCount);
  const basketCustomer = new Int32Array(basketCount);
  for (let o = 0; o < orders; o++) {
    const b = basketOf[o]!;
    if (b < 0) continue;
    rawOffsets[b + 1] = rawOffsets[b]! + count.rowsPerOrder[o]!;
    basketOrder[b] = o;
    const c = count.orderCustomer[o]!;
    basketCustomer[b] = c < 0 ? MISSING_CODE : c;
  }
  const fill: FillState = {
    order: orderId.codes,
    product: product.codes,
    used: count.used,
    basketOf,
    cursor: rawOffsets.slice(0, basketCount),
    items: new Int32Array(count.rowsUsed),
  };
  yield* forChunks(n, ROW_COST, fillRange, fill);

  const compact: CompactState = {
    offsets: rawOffsets,
    items: fill.items,
    outOffsets: new Int32Array(basketCount + 1),
    out: new Int32Array(count.rowsUsed),
    written: 0,
    repeats: 0,
  };
  const averageItems = basketCount > 0 ? count.rowsUsed / basketCount : 0;
  yield* forChunks(basketCount, ITEM_COST * (1 + averageItems), sortCompactRange, compact);

  const baskets: TransactionBaskets = {
    length: basketCount,
    offsets: compact.outOffsets,
    items: compact.written === compact.out.length ? compact.out : compact.out.slice(0, compact.written),
    dictionary: product.dictionary,
    customer: { codes: basketCustomer, dictionary: table.customer.dictionary },
    order: { codes: basketOrder, dictionary: orderId.dictionary },
  };
  let ordersWithoutItems = 0;
  for (let o = 0; o < orders; o++)
    if (count.seen[o] === 1 && count.rowsPerOrder[o] === 0) ordersWithoutItems++;
  const report: BasketBuildReport = {
    rows: n,
    rowsUsed: count.rowsUsed,
    rowsWithoutOrder: count.rowsWithoutOrder,
    rowsWithoutProduct: count.rowsWithoutProduct,
    returnRows: count.returnRows,
    excludedRows: count.excludedRows,
    duplicateItems: compact.repeats,
    ordersWithoutItems,
    customerConflicts: count.customerConflicts,
  };
  return { baskets, report };
}
