// Relative import: the package index (wired by the maintainer) does not export the simulator yet.

import { describe, expect, it } from 'vitest';
import { simulateBtyd } from '../../../testing/src/simulate-btyd.js';
import { purchaseOccasions, summarizeCalibration } from '../../src/clv/index.js';
import type { TransactionTable } from '../../src/schema/transactions.js';

const DAY = 86_400_000;
const d = (y: number, m: number, day: number, hour = 0) => Date.UTC(y, m - 1, day, hour);

/** A small table from [customer, epoch ms, amount] rows, customers in order of first appearance. */
function table(
  rows: readonly (readonly [string, number, number])[],
  extraCustomers: string[] = [],
): TransactionTable {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(rows.length);
  rows.forEach(([id], i) => {
    let c = index.get(id);
    if (c === undefined) {
      c = dictionary.length;
      index.set(id, c);
      dictionary.push(id);
    }
    codes[i] = c;
  });
  dictionary.push(...extraCustomers);
  return {
    kind: 'transactions',
    length: rows.length,
    customer: { codes, dictionary },
    date: Float64Array.from(rows.map((r) => r[1])),
    amount: Float64Array.from(rows.map((r) => r[2])),
  };
}

describe('summarizeCalibration', () => {
  const calibrationEnd = d(2024, 3, 31);

  it('merges same-day purchases, ignores row order, and excludes the first purchase from zbar', () => {
    const t = table([
      ['a', d(2024, 1, 15, 18), 5], // same day as the first purchase: merged into it
      ['a', d(2024, 3, 1), 30],
      ['a', d(2024, 1, 15, 9), 10],
      ['a', d(2024, 2, 1), 20],
      ['a', d(2024, 2, 1, 23), 2], // merged into the 2024-02-01 occasion (22)
    ]);
    const s = summarizeCalibration(t, { unit: 'day', calibrationEnd });
    expect(s.length).toBe(1);
    expect(s.x[0]).toBe(2);
    expect(s.tx[0]).toBe(46); // 2024-01-15 → 2024-03-01
    expect(s.T[0]).toBe(76); // 2024-01-15 → 2024-03-31
    expect(s.zbar[0]).toBe(26); // (22 + 30) / 2
    expect(s.firstValue[0]).toBe(15);
    expect(s.firstPurchase[0]).toBe(d(2024, 1, 15));
  });

  it('without merging, distinct timestamps are occasions and lines of one order (same timestamp) are merged', () => {
    const t = table([
      ['a', d(2024, 1, 15, 9), 10],
      ['a', d(2024, 1, 15, 9), 1], // second line of the same order
      ['a', d(2024, 1, 15, 18), 5], // a second order that day
    ]);
    const s = summarizeCalibration(t, { unit: 'day', calibrationEnd, mergeSameDay: false });
    expect(s.x[0]).toBe(1);
    expect(s.tx[0]).toBeCloseTo(9 / 24, 12);
    expect(s.firstValue[0]).toBe(11);
    expect(s.T[0]).toBeCloseTo(d(2024, 3, 31) / DAY - d(2024, 1, 15, 9) / DAY, 9);
  });

  it('handles returns: refunded and return-only days are not occasions; zero-value purchases are', () => {
    const t = table([
      ['a', d(2024, 1, 1), 40],
      ['a', d(2024, 1, 10), 25],
      ['a', d(2024, 1, 10, 15), -25], // refunded the same day → no occasion
      ['a', d(2024, 1, 20), -40], // return of the first purchase on a later day → no occasion, first value kept
      ['a', d(2024, 2, 1), 0], // free item → an occasion worth 0
      ['a', d(2024, 2, 5), 30],
      ['a', d(2024, 2, 5, 12), -10], // partial return, net 20 > 0 → occasion worth 20
      ['b', d(2024, 1, 5), -15], // a customer with only a return
    ]);
    const s = summarizeCalibration(t, { unit: 'day', calibrationEnd });
    expect(s.length).toBe(1);
    expect(s.ids).toEqual(['a']);
    expect(s.x[0]).toBe(2);
    expect(s.tx[0]).toBe(35);
    expect(s.zbar[0]).toBe(10); // (0 + 20) / 2
    expect(s.firstValue[0]).toBe(40);
    expect(s.counts.droppedReturnGroups).toBe(3);
    expect(s.counts.noPurchaseOccasion).toBe(1);
  });

  it('treats the calibration end as an inclusive date and counts excluded customers', () => {
    const t = table(
      [
        ['early', d(2024, 1, 1), 10],
        ['early', d(2024, 3, 31, 23), 10], // on the end date, late in the day → calibration
        ['early', d(2024, 4, 1), 10], // the day after → holdout
        ['early', d(2024, 6, 30, 22), 10], // on the observation end date → holdout
        ['early', d(2024, 7, 1), 10], // after the observation end → ignored
        ['late', d(2024, 4, 2), 10], // first purchase after calibration → excluded
        ['bad', Number.NaN, 10],
      ],
      ['silent'],
    );
    const s = summarizeCalibration(t, {
      unit: 'week',
      calibrationEnd: d(2024, 3, 31, 12),
      observationEnd: d(2024, 6, 30),
    });
    expect(s.ids).toEqual(['early']);
    expect(s.calibrationEnd).toBe(d(2024, 3, 31));
    expect(s.x[0]).toBe(1);
    expect(s.tx[0]).toBeCloseTo(90 / 7, 12);
    expect(s.T[0]).toBeCloseTo(90 / 7, 12);
    expect(s.holdoutX?.[0]).toBe(2);
    expect(s.holdoutValue?.[0]).toBe(20);
    expect(s.holdoutLength).toBeCloseTo(91 / 7, 12);
    expect(s.counts).toEqual({
      customers: 4,
      included: 1,
      firstPurchaseAfterCalibration: 1,
      noPurchaseOccasion: 2, // 'bad' (its only row is invalid) and 'silent' (no rows)
      invalidRows: 1,
      droppedReturnGroups: 0,
    });
  });

  it('expresses times in days, weeks and 30.4375-day months', () => {
    const t = table([
      ['a', d(2024, 1, 1), 10],
      ['a', d(2024, 2, 1), 10],
    ]);
    for (const [unit, days] of [
      ['day', 1],
      ['week', 7],
      ['month', 30.4375],
    ] as const) {
      const s = summarizeCalibration(t, { unit, calibrationEnd });
      expect(s.tx[0]).toBeCloseTo(31 / days, 12);
      expect(s.T[0]).toBeCloseTo(90 / days, 12);
    }
  });

  it('reproduces the true summary of simulated customers (no day merging)', () => {
    const unitMs = 7 * DAY;
    const start = d(2020, 1, 1);
    const sim = simulateBtyd({
      seed: 11,
      customers: 3000,
      model: { kind: 'bg-nbd', params: { r: 0.6, alpha: 3, a: 0.8, b: 2.5 } },
      spend: { p: 6, q: 4, gamma: 15 },
      calibrationLength: 52,
      acquisitionPeriod: 12,
      holdoutLength: 26,
      transactions: { start, unitMs },
    });
    const tx = sim.transactions;
    if (tx === undefined) throw new Error('transactions requested');
    // Shuffle rows deterministically: the summary must not depend on row order.
    const n = tx.length;
    const perm = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [perm[i], perm[j]] = [perm[j] as number, perm[i] as number];
    }
    const shuffled: TransactionTable = {
      kind: 'transactions',
      length: n,
      customer: {
        codes: Int32Array.from(perm, (i) => tx.customer.codes[i] as number),
        dictionary: tx.customer.dictionary,
      },
      date: Float64Array.from(perm, (i) => tx.date[i] as number),
      amount: Float64Array.from(perm, (i) => tx.amount[i] as number),
    };
    const s = summarizeCalibration(shuffled, {
      unit: 'week',
      calibrationEnd: start + 52 * unitMs,
      observationEnd: start + 78 * unitMs,
      mergeSameDay: false,
    });
    expect(s.length).toBe(3000);
    for (let i = 0; i < 3000; i++) {
      expect(s.ids[i]).toBe(`c${i}`);
      expect(s.x[i]).toBe(sim.x[i]);
      expect(s.holdoutX?.[i]).toBe(sim.holdoutX[i]);
      expect(Math.abs((s.tx[i] as number) - (sim.tx[i] as number))).toBeLessThan(1e-9);
      expect(Math.abs((s.T[i] as number) - (sim.T[i] as number))).toBeLessThan(1e-9);
      if ((sim.x[i] as number) > 0) {
        expect(Math.abs((s.zbar[i] as number) - (sim.zbar[i] as number))).toBeLessThan(
          1e-9 * (sim.zbar[i] as number),
        );
      }
    }
  });

  it('groups a million rows (scale check, typed arrays only)', () => {
    const rows = 1_000_000;
    const customers = 200_000;
    const codes = new Int32Array(rows);
    const date = new Float64Array(rows);
    const amount = new Float64Array(rows);
    let state = 12345;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    for (let i = 0; i < rows; i++) {
      codes[i] = Math.floor(next() * customers);
      date[i] = d(2023, 1, 1) + Math.floor(next() * 730 * 24) * 3_600_000;
      amount[i] = next() < 0.05 ? -5 : 1 + 100 * next();
    }
    const dictionary = Array.from({ length: customers }, (_, i) => `k${i}`);
    const t: TransactionTable = {
      kind: 'transactions',
      length: rows,
      customer: { codes, dictionary },
      date,
      amount,
    };
    const occ = purchaseOccasions(t);
    // Every row lands in exactly one customer-day; occasions are sorted in time within each customer.
    for (let c = 0; c < customers; c += 997) {
      for (let k = (occ.offsets[c] as number) + 1; k < (occ.offsets[c + 1] as number); k++) {
        expect(occ.time[k]).toBeGreaterThan(occ.time[k - 1] as number);
      }
    }
    const s = summarizeCalibration(t, { unit: 'week', calibrationEnd: d(2024, 6, 30) });
    expect(s.counts.included + s.counts.firstPurchaseAfterCalibration + s.counts.noPurchaseOccasion).toBe(
      customers,
    );
    let x = 0;
    for (let i = 0; i < s.length; i++) x += s.x[i] as number;
    expect(x).toBeGreaterThan(0);
  });
});
