import { describe, expect, it } from 'vitest';
import { summarizeCustomers } from '../../src/summary/index.js';
import { transactions, utc } from '../util/transactions.js';

// Rows deliberately out of date order. Hand-computed expectations in the comments.
const rows = [
  ['alice', '2024-01-10', 20, 'o3'],
  ['dave', '2024-01-09', 10, 'o4'],
  ['alice', '2024-01-01T15:00', 50, 'o2'],
  ['bob', '2024-01-03', -10, 'o5'],
  ['alice', '2024-02-01', 999, 'o6'], // after asOf: ignored, counted
  ['alice', '2024-01-05', -30, 'o1'], // return against o1, on another day
  ['dave', '2024-01-09T12:00', -10, 'o4'],
  ['alice', '2024-01-01', 100, 'o1'],
] as const;
const table = transactions(rows, ['alice', 'bob', 'carol', 'dave']); // carol has no rows at all
const asOf = utc('2024-01-10');
const [ALICE, BOB, CAROL, DAVE] = [0, 1, 2, 3];

describe('summarizeCustomers, same-day merge (default)', () => {
  const s = summarizeCustomers(table, { asOf });

  it('counts purchase days with positive net amount', () => {
    // alice: Jan 1 (100 + 50) and Jan 10 (20) are purchases; Jan 5 (−30) is not. dave: Jan 9 nets 0.
    expect(s.occasion).toBe('day');
    expect(Array.from(s.frequency)).toEqual([2, 0, 0, 0]);
    expect(Array.from(s.rows)).toEqual([4, 1, 0, 2]);
  });

  it('sums net, gross and returns', () => {
    expect(Array.from(s.netRevenue)).toEqual([140, -10, 0, 0]);
    expect(Array.from(s.grossRevenue)).toEqual([170, 0, 0, 10]);
    expect(Array.from(s.returns)).toEqual([30, 10, 0, 10]);
  });

  it('dates purchases and measures recency in whole UTC days', () => {
    expect(s.firstPurchase[ALICE]).toBe(utc('2024-01-01'));
    expect(s.lastPurchase[ALICE]).toBe(utc('2024-01-10'));
    expect(s.recencyDays[ALICE]).toBe(0);
  });

  it('flags customers without a purchase instead of dropping them', () => {
    expect(s.length).toBe(4);
    expect(Array.from(s.hasPurchase)).toEqual([1, 0, 0, 0]);
    for (const c of [BOB, CAROL, DAVE]) {
      expect(s.recencyDays[c]).toBeNaN();
      expect(s.firstPurchase[c]).toBeNaN();
      expect(s.lastPurchase[c]).toBeNaN();
    }
  });

  it('reports what it used and what it left out', () => {
    expect(s.stats).toEqual({
      rows: 8,
      rowsUsed: 7,
      rowsAfterAsOf: 1,
      rowsBeforeWindow: 0,
      rowsInvalid: 0,
      customersWithoutPurchase: 3,
      customersWithoutPurchaseInWindow: 0,
    });
  });
});

describe('summarizeCustomers, mergeSameDay: false', () => {
  it('counts orders with positive net amount when the table has order ids', () => {
    // alice: o1 = 100 − 30 = 70 (dated Jan 1, its earliest row), o2 = 50, o3 = 20 → 3; dave: o4 nets 0.
    const s = summarizeCustomers(table, { asOf, mergeSameDay: false });
    expect(s.occasion).toBe('order');
    expect(Array.from(s.frequency)).toEqual([3, 0, 0, 0]);
    expect(Array.from(s.netRevenue)).toEqual([140, -10, 0, 0]);
    expect(s.firstPurchase[ALICE]).toBe(utc('2024-01-01'));
  });

  it('counts positive rows without order ids', () => {
    const noOrders = transactions(
      rows.map(([c, d, a]) => [c, d, a] as const),
      ['alice', 'bob', 'dave'],
    );
    const s = summarizeCustomers(noOrders, { asOf, mergeSameDay: false });
    expect(s.occasion).toBe('row');
    // alice: 20, 50, 100 → 3; dave: the 10 row is a purchase → 1, recency Jan 10 − Jan 9 = 1.
    expect(Array.from(s.frequency)).toEqual([3, 0, 1]);
    expect(s.recencyDays[2]).toBe(1);
    expect(s.lastPurchase[2]).toBe(utc('2024-01-09'));
  });

  it('counts a free purchase (amount exactly 0) but not a cancelled one', () => {
    const t = transactions([
      ['free', '2024-01-02', 0],
      ['cancelled', '2024-01-02', 25],
      ['cancelled', '2024-01-02', -25],
      ['crumb', '2024-01-02', 0.1], // 0.1 + 0.2 − 0.3 = 5.6e-17 in floating point: still a cancellation
      ['crumb', '2024-01-02', 0.2],
      ['crumb', '2024-01-02', -0.3],
    ]);
    for (const mergeSameDay of [true, false]) {
      const s = summarizeCustomers(t, { asOf, mergeSameDay });
      expect(Array.from(s.hasPurchase)).toEqual(mergeSameDay ? [1, 0, 0] : [1, 1, 1]);
      expect(s.recencyDays[0]).toBe(8);
    }
  });

  it('treats rows without an order id as orders of their own', () => {
    const t = transactions([
      ['x', '2024-01-01', 5, 'a'],
      ['x', '2024-01-01', 5],
      ['x', '2024-01-01', 5],
      ['x', '2024-01-02', 5, 'a'],
    ]);
    const s = summarizeCustomers(t, { asOf, mergeSameDay: false });
    expect(s.frequency[0]).toBe(3); // order a, and two lone rows
    expect(s.rows[0]).toBe(4);
  });
});

describe('summarizeCustomers, analysis date and window', () => {
  it('uses the whole analysis day and counts recency between UTC days', () => {
    const t = transactions([
      ['late', '2024-01-10T23:30', 10], // after the asOf instant but on its day: used
      ['eve', '2024-01-09T23:59', 10],
      ['next', '2024-01-11T00:00', 10], // the next day: ignored
    ]);
    const s = summarizeCustomers(t, { asOf: utc('2024-01-10T12:00') });
    expect(Array.from(s.recencyDays)).toEqual([0, 1, Number.NaN]);
    expect(s.stats.rowsAfterAsOf).toBe(1);
    expect(s.stats.customersWithoutPurchase).toBe(1);
  });

  it('restricts frequency and money to the trailing window but keeps recency on all history', () => {
    // windowDays 5 at Jan 10 covers Jan 6 … Jan 10.
    const s = summarizeCustomers(table, { asOf, windowDays: 5 });
    expect(s.windowStartDay).toBe(s.asOfDay - 4);
    expect(Array.from(s.frequency)).toEqual([1, 0, 0, 0]);
    expect(Array.from(s.netRevenue)).toEqual([20, 0, 0, 0]);
    expect(Array.from(s.rows)).toEqual([1, 0, 0, 2]);
    expect(s.firstPurchase[ALICE]).toBe(utc('2024-01-01'));
    expect(s.stats.rowsBeforeWindow).toBe(4); // alice Jan 1 ×2, Jan 5; bob Jan 3
    expect(s.stats.rowsUsed).toBe(3);
  });

  it('flags buyers with no purchase inside the window', () => {
    // At Jan 9 with a 3-day window (Jan 7 … 9) alice's purchases (Jan 1) are all before the window.
    const s = summarizeCustomers(table, { asOf: utc('2024-01-09'), windowDays: 3 });
    expect(s.frequency[ALICE]).toBe(0);
    expect(s.hasPurchase[ALICE]).toBe(1);
    expect(s.recencyDays[ALICE]).toBe(8);
    expect(s.stats.customersWithoutPurchaseInWindow).toBe(1);
  });

  it('rejects a bad analysis date or window', () => {
    expect(() => summarizeCustomers(table, { asOf: Number.NaN })).toThrow(RangeError);
    expect(() => summarizeCustomers(table, { asOf, windowDays: 0 })).toThrow(RangeError);
    expect(() => summarizeCustomers(table, { asOf, windowDays: 1.5 })).toThrow(RangeError);
  });
});

describe('summarizeCustomers, robustness', () => {
  it('skips and counts invalid rows', () => {
    const t = transactions([
      ['a', '2024-01-01', 10],
      ['a', '2024-01-02', Number.NaN],
    ]);
    const bad = { ...t, date: Float64Array.of(utc('2024-01-01'), utc('2024-01-02')) };
    bad.date[0] = Number.NaN;
    const s = summarizeCustomers(bad, { asOf });
    expect(s.stats.rowsInvalid).toBe(2);
    expect(s.hasPurchase[0]).toBe(0);
  });

  it('handles dates centuries apart and before 1970 (comparison-sort path)', () => {
    const t = transactions([
      ['a', '2024-01-01', 10],
      ['a', '1800-06-01', 10],
      ['a', '1800-06-01T09:00', 10],
      ['a', '1969-12-31T23:00', 10],
    ]);
    const s = summarizeCustomers(t, { asOf });
    expect(s.frequency[0]).toBe(3);
    expect(s.firstPurchase[0]).toBe(utc('1800-06-01'));
    // 1800-06-01 … 2024-01-10: the recency below is of the last purchase, Jan 1 → 9 days.
    expect(s.recencyDays[0]).toBe(9);
  });
});
