import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cohortRetention,
  loyaltyIndicators,
  loyaltyIndicatorsSteps,
  purchaseOccasions,
  runWork,
  summarizeCustomers,
} from '../../src/index.js';
import { DAY, HAND, randomRows, T0, tableOf } from '../cohorts/fixtures.js';
import { loadCdnow, sharedData } from '../util/cdnow.js';
import { transactions, utc } from '../util/transactions.js';

const NaN_ = Number.NaN;

describe('loyaltyIndicators', () => {
  // HAND's purchase occasions (c's refunded Feb 1 is none; f has only a return):
  //   a: Jan 5, Jan 20, Feb 10, Apr 1    b: Jan 31, Mar 15    c: Mar 2    d: Feb 28    e: Mar 31
  it('computes the headline indicators (hand-computed)', () => {
    const k = loyaltyIndicators(HAND);
    expect(k.customers).toBe(5);
    expect(k.repeatCustomers).toBe(2); // a and b
    expect(k.repeatPurchaseRate).toBe(0.4);
    // a: Jan 5 → Apr 1 = 31 + 29 + 27 = 87 days over 3 intervals = 29; b: Jan 31 → Mar 15 = 29 + 15 = 44 days.
    expect(k.averageDaysBetweenOrders).toBe((29 + 44) / 2);
    expect(k.medianDaysBetweenOrders).toBe(36.5);
    expect(k.pooledDaysBetweenOrders).toBe((87 + 44) / 4);
    // Complete months after the first: Feb (1 of Jan's 2 back) and Mar (0 of Feb's 2); April is partial.
    expect(k.retentionRate).toBe(1 / 4);
    expect(k.partialLastPeriod).toBe(true);
    expect(k.lastDay).toBe(utc('2024-04-01'));
  });

  it('computes the monthly series (hand-computed)', () => {
    const s = loyaltyIndicators(HAND).series;
    expect(s.labels).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    expect([...s.start]).toEqual([
      utc('2024-01-01'),
      utc('2024-02-01'),
      utc('2024-03-01'),
      utc('2024-04-01'),
    ]);
    expect([...s.activeCustomers]).toEqual([2, 2, 3, 1]); // {a,b} {a,d} {b,c,e} {a}
    expect([...s.newCustomers]).toEqual([2, 1, 2, 0]);
    expect([...s.returningCustomers]).toEqual([0, 1, 1, 1]);
    expect([...s.retainedCustomers]).toEqual([0, 1, 0, 0]); // a in Jan and Feb
    expect([...s.retentionRate]).toEqual([NaN_, 0.5, 0, 0]);
    expect([...s.orders]).toEqual([3, 2, 3, 1]);
    // Gaps ending in each month: a Jan 5→20 (15); a Jan 20→Feb 10 (21); b Jan 31→Mar 15 (44); a Feb 10→Apr 1 (51).
    expect([...s.meanDaysBetweenOrders]).toEqual([15, 21, 44, 51]);
    // Repeat buyers so far over customers so far: a by Jan (1/2), 1/3 by Feb, a and b of 5 by Mar and Apr.
    expect([...s.repeatPurchaseRate]).toEqual([0.5, 1 / 3, 0.4, 0.4]);
  });

  it('stops at asOf, takes occasions, and runs as steps', () => {
    const k = loyaltyIndicators(HAND, { asOf: utc('2024-03-31') });
    expect(k.series.labels).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(k.repeatCustomers).toBe(2);
    // a is cut to Jan 5, Jan 20, Feb 10: 36 days over 2 intervals = 18.
    expect(k.averageDaysBetweenOrders).toBe((18 + 44) / 2);
    expect(k.partialLastPeriod).toBe(false);
    expect(k.retentionRate).toBe(1 / 4);
    expect(loyaltyIndicators(purchaseOccasions(HAND))).toEqual(loyaltyIndicators(HAND));
    expect(runWork(loyaltyIndicatorsSteps(HAND, { period: 'week' }))).toEqual(
      loyaltyIndicators(HAND, { period: 'week' }),
    );
  });

  it('gives quarterly figures and counts retention between consecutive periods only', () => {
    const k = loyaltyIndicators(
      transactions([
        ['x', '2024-01-10', 5],
        ['x', '2024-07-10', 5], // Q1 → Q3: a gap, not retained
        ['y', '2024-02-10', 5],
        ['y', '2024-04-10', 5], // Q1 → Q2: retained
        ['y', '2024-12-31', 5], // Q4
      ]),
      { period: 'quarter' },
    );
    expect(k.series.labels).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    expect([...k.series.activeCustomers]).toEqual([2, 1, 1, 1]);
    expect([...k.series.retainedCustomers]).toEqual([0, 1, 0, 0]);
    expect([...k.series.retentionRate]).toEqual([NaN_, 0.5, 0, 0]);
    expect(k.retentionRate).toBe(1 / 4);
    expect(k.partialLastPeriod).toBe(false);
  });

  it('is NaN without customers or repeat buyers', () => {
    const none = loyaltyIndicators(transactions([['a', '2024-01-01', -3]]));
    expect(none.customers).toBe(0);
    expect(none.repeatPurchaseRate).toBeNaN();
    expect(none.series.length).toBe(0);
    const once = loyaltyIndicators(transactions([['a', '2024-01-01', 3]]));
    expect(once.repeatPurchaseRate).toBe(0);
    expect(once.averageDaysBetweenOrders).toBeNaN();
    expect(once.medianDaysBetweenOrders).toBeNaN();
    expect(once.pooledDaysBetweenOrders).toBeNaN();
    expect(once.retentionRate).toBeNaN();
  });
});

describe('loyaltyIndicators properties', () => {
  it('agrees with the summary and the cohort matrix, and keeps rates in [0, 1]', () => {
    fc.assert(
      fc.property(
        randomRows,
        fc.constantFrom('month', 'quarter', 'week' as const),
        fc.option(fc.integer({ min: 0, max: 320 }), { nil: undefined }),
        (rows, period, asOfDays) => {
          const table = tableOf(rows);
          const asOf = asOfDays === undefined ? undefined : T0 + asOfDays * DAY;
          const k = loyaltyIndicators(table, { period, asOf });
          const s = k.series;
          const summary = summarizeCustomers(table, { asOf: asOf ?? T0 + 400 * DAY });
          let buyers = 0;
          let repeat = 0;
          let occasions = 0;
          for (let c = 0; c < summary.length; c++) {
            buyers += summary.hasPurchase[c]!;
            if (summary.frequency[c]! >= 2) repeat++;
            occasions += summary.frequency[c]!;
          }
          expect(k.customers).toBe(buyers);
          expect(k.repeatCustomers).toBe(repeat);
          expect(s.newCustomers.reduce((a, v) => a + v, 0)).toBe(buyers);
          expect(s.orders.reduce((a, v) => a + v, 0)).toBe(occasions);
          if (s.length > 0) expect(s.repeatPurchaseRate[s.length - 1]).toBe(k.repeatPurchaseRate);
          // Active customers per period = the cohort matrix's anti-diagonal sums.
          const cohorts = cohortRetention(table, { period, asOf });
          expect(cohorts.cohorts).toBe(s.length);
          for (let p = 0; p < s.length; p++) {
            let active = 0;
            for (let i = 0; i <= p; i++) active += cohorts.active[i * cohorts.periods + (p - i)]!;
            expect(s.activeCustomers[p]).toBe(active);
            expect(s.retainedCustomers[p]).toBeLessThanOrEqual(
              Math.min(s.activeCustomers[p]!, p > 0 ? s.activeCustomers[p - 1]! : 0),
            );
            const r = s.retentionRate[p]!;
            if (!Number.isNaN(r)) expect(r >= 0 && r <= 1).toBe(true);
          }
          // The per-period means of the repeat orders pool back to the pooled mean.
          let gaps = 0;
          let days = 0;
          for (let p = 0; p < s.length; p++) {
            const n = s.orders[p]! - s.newCustomers[p]!;
            if (n > 0) {
              gaps += n;
              days += s.meanDaysBetweenOrders[p]! * n;
            }
          }
          if (gaps > 0) expect(days / gaps).toBeCloseTo(k.pooledDaysBetweenOrders, 9);
          else expect(k.pooledDaysBetweenOrders).toBeNaN();
          if (repeat > 0) {
            expect(k.averageDaysBetweenOrders).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('loyaltyIndicators on CDNOW', () => {
  it('gives the repeat-purchase rate and days between orders of an independent count of the master file', () => {
    // Independent count: distinct purchase dates per customer, straight from the file (CDNOW has no returns).
    const dates = new Map<string, Set<string>>();
    for (const line of readFileSync(sharedData('cdnow/CDNOW_master.txt'), 'utf8').split(/\r?\n/)) {
      const [id, ymd, , dollars] = line.trim().split(/\s+/);
      if (!id || !/^\d+$/.test(id) || !ymd) continue;
      expect(Number(dollars)).toBeGreaterThanOrEqual(0);
      if (!dates.has(id)) dates.set(id, new Set());
      dates.get(id)!.add(ymd);
    }
    const toDay = (ymd: string) =>
      Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8))) / DAY;
    let repeat = 0;
    let meanSum = 0;
    for (const set of dates.values()) {
      if (set.size < 2) continue;
      repeat++;
      const days = [...set].map(toDay).sort((a, b) => a - b);
      meanSum += (days.at(-1)! - days[0]!) / (days.length - 1);
    }
    const k = loyaltyIndicators(loadCdnow('CDNOW_master.txt'));
    expect(k.customers).toBe(dates.size);
    expect(k.customers).toBe(23_570);
    expect(k.repeatCustomers).toBe(repeat);
    expect(k.repeatPurchaseRate).toBe(repeat / dates.size);
    expect(k.repeatPurchaseRate).toBeCloseTo(0.4886, 4); // 11,516 of 23,570
    expect(k.averageDaysBetweenOrders).toBeCloseTo(meanSum / repeat, 9);
    expect(k.series.labels).toHaveLength(18); // 1997-01 … 1998-06
  });
});
