import { describe, expect, it } from 'vitest';
import {
  purchaseOccasions,
  scoreCustomers,
  summarizeCustomers,
  type TransactionTable,
} from '../../src/index.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

function table(rows: [string, string, number][]): TransactionTable {
  const ids = [...new Set(rows.map((r) => r[0]))];
  return {
    kind: 'transactions',
    length: rows.length,
    customer: { codes: Int32Array.from(rows.map((r) => ids.indexOf(r[0]))), dictionary: ids },
    date: Float64Array.from(rows.map((r) => day(r[1]))),
    amount: Float64Array.from(rows.map((r) => r[2])),
  };
}

describe('one definition of a purchase across the summary and the models', () => {
  it('does not count a day refunded to zero (with rounding noise) as a purchase in either', () => {
    // 0.1 + 0.2 − 0.3 = 5.55e-17 in floating point.
    const t = table([
      ['a', '2024-01-01', 0.1],
      ['a', '2024-01-01', 0.2],
      ['a', '2024-01-01', -0.3],
      ['a', '2024-02-01', 5],
      ['b', '2024-01-05', 0],
    ]);
    const summary = summarizeCustomers(t, { asOf: day('2024-03-01') });
    const occasions = purchaseOccasions(t);
    expect([...summary.frequency]).toEqual([1, 1]);
    expect(occasions.offsets[1]! - occasions.offsets[0]!).toBe(1);
    expect(occasions.time[0]).toBe(day('2024-02-01'));
    // A zero-value purchase without a return (free items, as in CDNOW) counts in both.
    expect(occasions.offsets[2]! - occasions.offsets[1]!).toBe(1);
  });

  it('refuses to score data without repeat buyers, saying why', () => {
    const t = table([
      ['a', '2024-01-01', 10],
      ['b', '2024-01-02', 20],
    ]);
    expect(() => scoreCustomers(t, { asOf: day('2024-03-01') })).toThrow(
      /customers with repeat purchases, and there are none up to 2024-03-01 \(2 customers, each with one purchase\)/,
    );
  });
});
