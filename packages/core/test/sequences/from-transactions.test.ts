import { createRandom } from '@crm-lens/testing';
import { describe, expect, it } from 'vitest';
import type { TransactionTable } from '../../src/schema/transactions.js';
import {
  mineSequences,
  mineSequencesSteps,
  sequenceLabel,
  sequenceRules,
  sequencesFromTransactions,
  sequencesFromTransactionsSteps,
} from '../../src/sequences/index.js';
import type { SequenceDatabase } from '../../src/sequences/types.js';
import { runWork } from '../../src/util/work.js';
import { dictColumn, utc } from '../util/transactions.js';

/** Rows: customer, ISO date-time (UTC), amount, order, product (undefined = missing). */
type Line = readonly [string, string, number, string | undefined, string | undefined];

function table(lines: readonly Line[], extra: Partial<TransactionTable> = {}): TransactionTable {
  return {
    kind: 'transactions',
    length: lines.length,
    customer: dictColumn(lines.map((l) => l[0])),
    date: Float64Array.from(lines, (l) => utc(l[1])),
    amount: Float64Array.from(lines, (l) => l[2]),
    orderId: dictColumn(lines.map((l) => l[3])),
    product: dictColumn(lines.map((l) => l[4])),
    ...extra,
  };
}

/** Each sequence as labels, e.g. ['AB', 'C'] per event (labels sorted). */
function readable(db: SequenceDatabase): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let s = 0; s < db.sequences; s++) {
    const events: string[] = [];
    for (let e = db.eventStart[s]!; e < db.eventStart[s + 1]!; e++) {
      events.push(
        Array.from(db.item.subarray(db.itemStart[e]!, db.itemStart[e + 1]!), (c) => db.items[c])
          .sort()
          .join(''),
      );
    }
    out[db.ids[s]!] = events;
  }
  return out;
}

const LINES: Line[] = [
  ['ann', '2024-01-05T10:00', 10, 'o2', 'B'],
  ['ann', '2024-01-05T09:00', 10, 'o1', 'A'],
  ['ann', '2024-01-05T09:00', 10, 'o1', 'C'],
  ['ann', '2024-01-05T09:00', 5, 'o1', 'A'], // the same item twice in an order: one item of the event
  ['ann', '2024-01-09T12:00', 10, 'o3', 'A'],
  ['bob', '2024-01-07T08:00', 10, 'o4', 'A'],
  ['bob', '2024-01-08T08:00', -10, 'o5', 'A'], // a return
  ['bob', '2024-01-08T08:00', 10, 'o5', undefined], // no product
  ['bob', '2024-01-08T09:00', 10, undefined, 'B'], // no order
  ['bob', '2024-01-10T08:00', 10, 'o6', 'B'],
  ['cat', '2024-01-10T08:00', -3, 'o7', 'C'], // only a return: no sequence
];

describe('sequences: sequencesFromTransactions', () => {
  it('by order: one event per order in time order, items deduplicated, rows that cannot be placed counted', () => {
    const t = table(LINES);
    const { database, customer, report } = sequencesFromTransactions(t, { eventBy: 'order' });
    expect(readable(database)).toEqual({ ann: ['AC', 'B', 'A'], bob: ['A', 'B'] });
    expect(Array.from(database.eventTime)).toEqual([1, 2, 3, 1, 2]); // ranks
    expect(Array.from(customer)).toEqual([0, 1]);
    expect(database.items).toBe(t.product!.dictionary);
    expect(report).toEqual({
      rows: 11,
      rowsUsed: 7,
      invalidRows: 0,
      returnRows: 2,
      rowsWithoutItem: 1,
      excludedRows: 0,
      rowsWithoutOrder: 1,
      duplicateItems: 1,
      customersWithoutSequence: 1,
    });
    const { rows, rowsUsed, invalidRows, returnRows, rowsWithoutItem, excludedRows, rowsWithoutOrder } =
      report;
    expect(rowsUsed + invalidRows + returnRows + rowsWithoutItem + excludedRows + rowsWithoutOrder).toBe(
      rows,
    );
    // Leaving an item out: its rows are counted, and an event of only that item disappears.
    const withoutB = sequencesFromTransactions(t, { eventBy: 'order', excludeItems: ['B', 'not an item'] });
    expect(readable(withoutB.database)).toEqual({ ann: ['AC', 'A'], bob: ['A'] });
    expect(withoutB.report).toMatchObject({ rowsUsed: 5, excludedRows: 3, rowsWithoutOrder: 0 });
  });

  it('by day: one event per UTC day, times in day numbers; returns kept on request', () => {
    const t = table(LINES);
    const { database, report } = sequencesFromTransactions(t, { eventBy: 'day', includeReturns: true });
    expect(readable(database)).toEqual({ ann: ['ABC', 'A'], bob: ['A', 'AB', 'B'], cat: ['C'] });
    const day = (iso: string) => utc(iso) / 86_400_000;
    expect(Array.from(database.eventTime)).toEqual([
      day('2024-01-05'),
      day('2024-01-09'),
      day('2024-01-07'),
      day('2024-01-08'),
      day('2024-01-10'),
      day('2024-01-10'),
    ]);
    expect(report).toMatchObject({ rowsUsed: 10, returnRows: 0, rowsWithoutItem: 1, rowsWithoutOrder: 0 });
    // maxGap counts days: A then A again is bob's (7th → 8th) within 1 day, and also ann's (5th → 9th) within 4.
    const countOf = (maxGap: number) => {
      const mined = mineSequences(database, { minSupport: 0.3, maxGap });
      return mined.patterns.find((p) => sequenceLabel(p.elements, mined.items) === '<{A},{A}>')?.count;
    };
    expect(countOf(1)).toBe(1);
    expect(countOf(3)).toBe(1);
    expect(countOf(4)).toBe(2);
  });

  it('reads categories as items, and counts invalid rows', () => {
    const t = table(
      [
        ['ann', '2024-01-05', 10, 'o1', 'A'],
        ['ann', '2024-01-06', 10, 'o2', 'B'],
        ['bob', '2024-01-06', 10, 'o3', 'B'],
      ],
      { category: dictColumn(['toys', 'books', 'books']) },
    );
    const withNaN = { ...t, date: Float64Array.from([t.date[0]!, Number.NaN, t.date[2]!]) };
    const { database, report } = sequencesFromTransactions(withNaN, {
      eventBy: 'order',
      itemField: 'category',
    });
    expect(readable(database)).toEqual({ ann: ['toys'], bob: ['books'] });
    expect(report.invalidRows).toBe(1);
  });

  it('throws without the columns it needs', () => {
    const t = table(LINES);
    const { orderId: _, ...noOrders } = t;
    expect(() => sequencesFromTransactions(noOrders, { eventBy: 'order' })).toThrow(/orderId/);
    expect(() => sequencesFromTransactions(t, { eventBy: 'order', itemField: 'category' })).toThrow(
      /category/,
    );
    expect(() => sequencesFromTransactions(t, { eventBy: 'week' as 'day' })).toThrow(RangeError);
  });
});

describe('sequences: Online-Retail-like scale', () => {
  // 10,000 customers, 3,000 products with skewed popularity, 1–15 orders each of 1–25 lines, a few returns.
  // No timing assertions (timings belong in the benchmarks): it completes and its answers hold up.
  const random = createRandom(20111209);
  const customers = 10_000;
  const products = 3_000;
  const rows = {
    customer: [] as number[],
    date: [] as number[],
    amount: [] as number[],
    order: [] as number[],
    product: [] as number[],
  };
  let orders = 0;
  for (let c = 0; c < customers; c++) {
    const count = 1 + Math.min(14, Math.floor(random.exponential(1 / 3)));
    let t = Date.UTC(2010, 11, 1) + random.int(120) * 86_400_000;
    for (let o = 0; o < count; o++) {
      t += (1 + random.int(40)) * 86_400_000 + random.int(86_400_000);
      const lines = 1 + Math.min(24, Math.floor(random.exponential(1 / 6)));
      for (let l = 0; l < lines; l++) {
        rows.customer.push(c);
        rows.date.push(t);
        rows.amount.push(random.next() < 0.02 ? -4.95 : 4.95);
        rows.order.push(orders);
        rows.product.push(Math.floor(products * random.next() ** 3));
      }
      orders++;
    }
  }
  const retail: TransactionTable = {
    kind: 'transactions',
    length: rows.customer.length,
    customer: {
      codes: Int32Array.from(rows.customer),
      dictionary: Array.from({ length: customers }, (_, i) => `${12000 + i}`),
    },
    date: Float64Array.from(rows.date),
    amount: Float64Array.from(rows.amount),
    orderId: {
      codes: Int32Array.from(rows.order),
      dictionary: Array.from({ length: orders }, (_, i) => `${536365 + i}`),
    },
    product: {
      codes: Int32Array.from(rows.product),
      dictionary: Array.from({ length: products }, (_, i) => `P${i}`),
    },
  };

  it('turns the orders into 10k sequences and mines them, with and without maxGap', () => {
    const converted = runWork(sequencesFromTransactionsSteps(retail, { eventBy: 'order' }));
    const { database, report } = converted;
    // Customers whose only purchase was returned have no sequence.
    expect(report.customersWithoutSequence).toBeLessThan(50);
    expect(database.sequences).toBe(customers - report.customersWithoutSequence);
    expect(report.rowsUsed + report.returnRows).toBe(retail.length);
    expect(converted).toEqual(sequencesFromTransactions(retail, { eventBy: 'order' }));

    const mined = runWork(mineSequencesSteps(database, { minSupport: 0.02 }));
    expect(mined.patterns.length).toBeGreaterThan(100);
    expect(mined.patterns.some((p) => p.elements.length >= 2)).toBe(true);
    for (const p of mined.patterns) expect(p.count).toBeGreaterThanOrEqual(mined.minCount);

    // Single items: their counts are the number of customers who bought them (returns aside).
    const buyers = new Map<number, Set<number>>();
    for (let i = 0; i < retail.length; i++) {
      if (retail.amount[i]! < 0) continue;
      const product = retail.product!.codes[i]!;
      const set = buyers.get(product) ?? new Set<number>();
      buyers.set(product, set);
      set.add(retail.customer.codes[i]!);
    }
    for (const p of mined.patterns.filter((q) => q.elements.length === 1 && q.elements[0]!.length === 1)) {
      expect(p.count).toBe(buyers.get(p.elements[0]![0]!)!.size);
    }
    const frequentItems = [...buyers.values()].filter((set) => set.size >= mined.minCount).length;
    expect(mined.patterns.filter((q) => q.elements.length === 1 && q.elements[0]!.length === 1)).toHaveLength(
      frequentItems,
    );

    // The next order only: a subset of the patterns, each at most as frequent.
    const next = mineSequences(database, { minSupport: 0.02, maxGap: 1 });
    const counts = new Map(mined.patterns.map((p) => [JSON.stringify(p.elements), p.count]));
    expect(next.patterns.length).toBeLessThanOrEqual(mined.patterns.length);
    for (const p of next.patterns)
      expect(p.count).toBeLessThanOrEqual(counts.get(JSON.stringify(p.elements))!);

    const rules = sequenceRules(mined.patterns, { minConfidence: 0.1 });
    for (const r of rules) expect(r.confidence).toBeGreaterThanOrEqual(0.1);
  });
});
