import { describe, expect, it } from 'vitest';
import { customerItems } from '../../src/basket/customer-items.js';
import { basketsFromTransactions } from '../../src/basket/from-transactions.js';
import type { TransactionTable } from '../../src/schema/transactions.js';

/** Rows: [customer, order, product, amount]; a code −1 is missing. */
function table(rows: readonly (readonly [number, number, number, number])[]): TransactionTable {
  return {
    kind: 'transactions',
    length: rows.length,
    customer: { codes: Int32Array.from(rows, (r) => r[0]), dictionary: ['ann', 'bob', 'cy'] },
    date: new Float64Array(rows.length),
    amount: Float64Array.from(rows, (r) => r[3]),
    orderId: { codes: Int32Array.from(rows, (r) => r[1]), dictionary: ['o1', 'o2', 'o3', 'o4', 'C5'] },
    product: { codes: Int32Array.from(rows, (r) => r[2]), dictionary: ['tea', 'cake', 'jam', 'POST'] },
  };
}

const rows = [
  [0, 0, 1, 5], // ann o1 cake
  [0, 0, 0, 2], // ann o1 tea
  [0, 0, 1, 5], // ann o1 cake again: merged
  [1, 1, 2, 3], // bob o2 jam
  [1, 1, 3, 4], // bob o2 POST: excluded
  [0, 2, 2, 3], // ann o3 jam
  [2, 2, 0, 1], // cy in ann's o3: conflict, kept in ann's basket
  [1, 4, 2, -3], // bob C5 jam return: left out, order C5 left empty
  [1, -1, 0, 1], // no order
  [1, 3, -1, 1], // o4 no product: o4 left empty
] as const;

describe('basketsFromTransactions', () => {
  it('makes one basket per order with its distinct products and its customer; counts every row', () => {
    const { baskets, report } = basketsFromTransactions(table(rows), { excludeProducts: ['POST', 'nope'] });
    expect(baskets.length).toBe(3);
    expect(Array.from(baskets.offsets)).toEqual([0, 2, 3, 5]);
    expect(Array.from(baskets.items)).toEqual([0, 1, 2, 0, 2]);
    expect(baskets.dictionary).toEqual(['tea', 'cake', 'jam', 'POST']);
    expect(Array.from(baskets.order.codes)).toEqual([0, 1, 2]);
    expect(Array.from(baskets.customer.codes)).toEqual([0, 1, 0]);
    expect(baskets.customer.dictionary).toEqual(['ann', 'bob', 'cy']);
    expect(report).toEqual({
      rows: 10,
      rowsUsed: 6,
      rowsWithoutOrder: 1,
      rowsWithoutProduct: 1,
      returnRows: 1,
      excludedRows: 1,
      duplicateItems: 1,
      ordersWithoutItems: 2,
      customerConflicts: 1,
    });
    expect(
      report.rowsUsed +
        report.rowsWithoutOrder +
        report.rowsWithoutProduct +
        report.returnRows +
        report.excludedRows,
    ).toBe(report.rows);
  });

  it('keeps returns when asked', () => {
    const { baskets, report } = basketsFromTransactions(table(rows), { includeReturns: true });
    expect(baskets.length).toBe(4);
    expect(report.returnRows).toBe(0);
    expect(Array.from(baskets.order.codes)).toEqual([0, 1, 2, 4]);
  });

  it('needs order ids and products of the right length', () => {
    const t = table(rows);
    expect(() => basketsFromTransactions({ ...t, orderId: undefined })).toThrow(/orderId/);
    expect(() => basketsFromTransactions({ ...t, product: undefined })).toThrow(/product/);
    expect(() =>
      basketsFromTransactions({ ...t, product: { codes: new Int32Array(2), dictionary: ['x'] } }),
    ).toThrow(RangeError);
  });
});

describe('customerItems', () => {
  it('lists the distinct items each customer bought across baskets', () => {
    const { baskets } = basketsFromTransactions(table(rows), { excludeProducts: ['POST'] });
    const bought = customerItems(baskets);
    expect(Array.from(bought.offsets)).toEqual([0, 3, 4, 4]);
    expect(Array.from(bought.items)).toEqual([0, 1, 2, 2]);
  });

  it('needs customers', () => {
    expect(() =>
      customerItems({ length: 0, offsets: new Int32Array(1), items: new Int32Array(0), dictionary: [] }),
    ).toThrow(RangeError);
  });
});
