import fc from 'fast-check';
import type { TransactionTable } from '../../src/schema/transactions.js';
import { transactions } from '../util/transactions.js';

export const DAY = 86_400_000;

/**
 * a: Jan 5, Jan 20, Feb 10, Apr 1            → cohort Jan, active Jan, Feb, Apr
 * b: Jan 31, Mar 15                          → cohort Jan, active Jan, Mar
 * c: Feb 1 bought and refunded the same day (not a purchase), Mar 2 → cohort Mar
 * d: Feb 28                                  → cohort Feb
 * e: Mar 31 23:30 UTC                        → cohort Mar
 * f: only a return; g: no rows               → no cohort
 */
export const HAND = transactions(
  [
    ['a', '2024-01-05', 10],
    ['b', '2024-01-31', 30],
    ['a', '2024-01-20', 5],
    ['c', '2024-02-01', 15],
    ['c', '2024-02-01', -15],
    ['f', '2024-02-02', -5],
    ['a', '2024-02-10', 20],
    ['d', '2024-02-28', 40],
    ['c', '2024-03-02', 12],
    ['b', '2024-03-15', 10],
    ['e', '2024-03-31T23:30', 9],
    ['a', '2024-04-01', 8],
  ],
  ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
);

export const T0 = Date.UTC(2023, 10, 1);

/** A table of random rows: customer code (−1 invalid), time, amount (returns and zero amounts included). */
export const randomRows = fc.array(
  fc.tuple(
    fc.integer({ min: -1, max: 9 }),
    fc.integer({ min: 0, max: 300 * 24 }).map((h) => T0 + h * 3_600_000),
    fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 400 }).map((c) => c / 4) },
      { weight: 2, arbitrary: fc.integer({ min: -400, max: -1 }).map((c) => c / 4) },
      { weight: 1, arbitrary: fc.constant(0) },
    ),
  ),
  { maxLength: 200 },
);

export function tableOf(rows: readonly (readonly [number, number, number])[]): TransactionTable {
  return {
    kind: 'transactions',
    length: rows.length,
    customer: {
      codes: Int32Array.from(rows, (r) => r[0]),
      dictionary: Array.from({ length: 10 }, (_, i) => `c${i}`),
    },
    date: Float64Array.from(rows, (r) => r[1]),
    amount: Float64Array.from(rows, (r) => r[2]),
  };
}
