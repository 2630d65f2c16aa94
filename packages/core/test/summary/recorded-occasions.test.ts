import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { purchaseOccasions } from '../../src/clv/occasions.js';
import type { TransactionTable } from '../../src/schema/transactions.js';
import { summarizeCustomers } from '../../src/summary/index.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

/** A table of the given rows (customer code, time, amount); codes may be −1 (invalid) as ingestion never makes. */
function tableOf(rows: readonly (readonly [number, number, number])[], customers: number): TransactionTable {
  return {
    kind: 'transactions',
    length: rows.length,
    customer: {
      codes: Int32Array.from(rows, (r) => r[0]),
      dictionary: Array.from({ length: customers }, (_, i) => `c${i}`),
    },
    date: Float64Array.from(rows, (r) => r[1]),
    amount: Float64Array.from(rows, (r) => r[2]),
  };
}

const row = fc.tuple(
  fc.integer({ min: -1, max: 11 }),
  fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: 0, max: 60 * 24 }).map((h) => T0 + h * 3_600_000) },
    { weight: 1, arbitrary: fc.constant(Number.NaN) },
  ),
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 400 }).map((c) => c / 4) },
    { weight: 2, arbitrary: fc.integer({ min: -400, max: -1 }).map((c) => c / 4) },
    { weight: 1, arbitrary: fc.constantFrom(0, 0.1, 0.2, -0.3, Number.NaN) },
  ),
);

describe('summary: recorded purchase occasions', () => {
  it('equal purchaseOccasions of the rows up to asOf (days, returns, refunds, zero-value days, invalid rows)', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 400 }), fc.integer({ min: 0, max: 70 }), (rows, asOfDays) => {
        const asOf = T0 + asOfDays * DAY + 5 * 3_600_000;
        const table = tableOf(rows, 12);
        const summary = summarizeCustomers(table, { asOf, recordOccasions: true });
        // purchaseOccasions looks at every row: give it the rows the summary looks at — invalid rows (counted as
        // such wherever they are) and valid rows up to asOf's day.
        const asOfDay = Math.floor(asOf / DAY);
        const valid = (r: readonly [number, number, number]) =>
          r[0] >= 0 && Number.isFinite(r[1]) && Number.isFinite(r[2]);
        const upToAsOf = tableOf(
          rows.filter((r) => !valid(r) || Math.floor(r[1] / DAY) <= asOfDay),
          12,
        );
        const expected = purchaseOccasions(upToAsOf);
        const got = summary.occasions!;
        expect(got).toBeDefined();
        expect(Array.from(got.offsets)).toEqual(Array.from(expected.offsets));
        expect(Array.from(got.time)).toEqual(Array.from(expected.time));
        expect(got.value.length).toBe(expected.value.length);
        for (let i = 0; i < got.value.length; i++) expect(got.value[i]).toBeCloseTo(expected.value[i]!, 9);
        expect(got.droppedGroups).toBe(expected.droppedGroups);
        expect(got.invalidRows).toBe(expected.invalidRows);
        expect(got.mergeSameDay).toBe(true);
        // Frequency is the number of recorded occasions.
        for (let c = 0; c < 12; c++) expect(got.offsets[c + 1]! - got.offsets[c]!).toBe(summary.frequency[c]);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('are only recorded for day occasions over all history', () => {
    const table = tableOf(
      [
        [0, T0, 5],
        [0, T0 + 3 * DAY, 7],
      ],
      1,
    );
    expect(summarizeCustomers(table, { asOf: T0 + 9 * DAY }).occasions).toBeUndefined();
    expect(
      summarizeCustomers(table, { asOf: T0 + 9 * DAY, recordOccasions: true, windowDays: 5 }).occasions,
    ).toBeUndefined();
    expect(
      summarizeCustomers(table, { asOf: T0 + 9 * DAY, recordOccasions: true, mergeSameDay: false }).occasions,
    ).toBeUndefined();
  });
});
