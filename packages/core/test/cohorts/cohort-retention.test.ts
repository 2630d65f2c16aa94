import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cohortRetention,
  cohortRetentionSteps,
  periodLabel,
  periodOfDay,
  periodStartDay,
  purchaseOccasions,
  runWork,
  summarizeCustomers,
} from '../../src/index.js';
import { loadCdnow, sharedData } from '../util/cdnow.js';
import { transactions, utc } from '../util/transactions.js';
import { DAY, HAND, randomRows, T0, tableOf } from './fixtures.js';

const NaN_ = Number.NaN;

describe('cohortRetention', () => {
  it('counts each cohort’s active customers by months since the first purchase (hand-computed)', () => {
    const r = cohortRetention(HAND);
    expect(r.period).toBe('month');
    expect(r.labels).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    expect([...r.cohortStart]).toEqual([
      utc('2024-01-01'),
      utc('2024-02-01'),
      utc('2024-03-01'),
      utc('2024-04-01'),
    ]);
    expect([...r.size]).toEqual([2, 1, 2, 0]);
    expect(r.customers).toBe(5);
    // Rows: cohorts Jan … Apr; columns: 0 … 3 months since.
    // prettier-ignore
    expect([...r.active]).toEqual([
      2,
      1,
      1,
      1, // Jan: a b | a (Feb) | b (Mar) | a (Apr)
      1,
      0,
      0,
      0, // Feb: d
      2,
      0,
      0,
      0, // Mar: c e
      0,
      0,
      0,
      0, // Apr: empty
    ]);
    // prettier-ignore
    expect([...r.retention]).toEqual([
      1,
      0.5,
      0.5,
      0.5,
      1,
      0,
      0,
      NaN_,
      1,
      0,
      NaN_,
      NaN_,
      NaN_,
      NaN_,
      NaN_,
      NaN_,
    ]);
    // Column averages over the observed, non-empty cohorts: (2+1+2)/5, (1+0+0)/5, (1+0)/3, 1/2.
    expect([...r.overall]).toEqual([1, 0.2, 1 / 3, 0.5]);
    expect(r.lastDay).toBe(utc('2024-04-01'));
    expect(r.partialLastPeriod).toBe(true);
  });

  it('stops at asOf’s day', () => {
    const r = cohortRetention(HAND, { asOf: utc('2024-03-31T12:00') });
    expect(r.labels).toEqual(['2024-01', '2024-02', '2024-03']);
    expect([...r.active]).toEqual([2, 1, 1, 1, 0, 0, 2, 0, 0]);
    expect(r.partialLastPeriod).toBe(false);
    const early = cohortRetention(HAND, { asOf: utc('2024-03-30') });
    // e (Mar 31) is not yet a customer; March is seen only in part.
    expect([...early.size]).toEqual([2, 1, 1]);
    expect(early.partialLastPeriod).toBe(true);
    // An asOf past the data extends the calendar with unobserved columns.
    const late = cohortRetention(HAND, { asOf: utc('2024-05-15') });
    expect(late.cohorts).toBe(5);
    expect(late.retention[4]).toBe(0); // Jan cohort, 4 months later (May): nobody
  });

  it('takes purchase occasions as well as a table', () => {
    expect(cohortRetention(purchaseOccasions(HAND))).toEqual(cohortRetention(HAND));
    const summary = summarizeCustomers(HAND, { asOf: utc('2024-04-30'), recordOccasions: true });
    expect(cohortRetention(summary.occasions!)).toEqual(cohortRetention(HAND));
    expect(runWork(cohortRetentionSteps(HAND, { period: 'quarter' }))).toEqual(
      cohortRetention(HAND, { period: 'quarter' }),
    );
  });

  it('groups by quarter, year and week', () => {
    const q = cohortRetention(HAND, { period: 'quarter' });
    expect(q.labels).toEqual(['2024-Q1', '2024-Q2']);
    expect([...q.size]).toEqual([5, 0]);
    expect([...q.active]).toEqual([5, 1, 0, 0]); // a is back in Q2
    expect([...q.retention]).toEqual([1, 0.2, NaN_, NaN_]);
    const y = cohortRetention(HAND, { period: 'year' });
    expect(y.labels).toEqual(['2024']);
    expect([...y.active]).toEqual([5]);
    // Weeks run Monday to Sunday: 2024-01-01 is a Monday.
    const w = cohortRetention(
      transactions([
        ['x', '2024-01-01', 1],
        ['x', '2024-01-07', 1],
        ['x', '2024-01-08', 1],
        ['y', '2024-01-09', 1],
      ]),
      { period: 'week' },
    );
    expect(w.labels).toEqual(['2024-01-01', '2024-01-08']);
    expect([...w.active]).toEqual([1, 1, 1, 0]);
    expect([...w.retention]).toEqual([1, 1, 1, NaN_]);
    expect(w.partialLastPeriod).toBe(true);
  });

  it('handles no purchases, and refuses bad options', () => {
    const none = cohortRetention(transactions([['a', '2024-01-01', -3]]));
    expect(none).toMatchObject({ cohorts: 0, periods: 0, customers: 0 });
    expect(none.size).toHaveLength(0);
    expect(() => cohortRetention(HAND, { period: 'day' as 'week' })).toThrow(/period must be/);
    expect(() => cohortRetention(HAND, { asOf: Number.NaN })).toThrow(/asOf/);
    const far = transactions([
      ['a', '1800-01-01', 1],
      ['a', '2024-01-01', 1],
    ]);
    expect(() => cohortRetention(far, { period: 'week' })).toThrow(/more than 2000/);
    expect(cohortRetention(far, { period: 'year' }).cohorts).toBe(225);
  });

  it('has a UTC period calendar that round-trips', () => {
    const day = Math.floor(utc('1997-03-31') / DAY);
    expect(periodLabel(periodOfDay(day, 'month'), 'month')).toBe('1997-03');
    expect(periodStartDay(periodOfDay(day, 'quarter'), 'quarter') * DAY).toBe(utc('1997-01-01'));
    expect(periodStartDay(periodOfDay(day, 'week'), 'week') * DAY).toBe(utc('1997-03-31')); // a Monday
    expect(periodStartDay(periodOfDay(day, 'year'), 'year') * DAY).toBe(utc('1997-01-01'));
  });
});

describe('cohortRetention properties', () => {
  it('shares lie in [0, 1], sizes sum to the customers with a purchase, and no cell exceeds its cohort', () => {
    fc.assert(
      fc.property(
        randomRows,
        fc.constantFrom('month', 'quarter', 'week', 'year' as const),
        fc.option(fc.integer({ min: 0, max: 320 }), { nil: undefined }),
        (rows, period, asOfDays) => {
          const table = tableOf(rows);
          const asOf = asOfDays === undefined ? undefined : T0 + asOfDays * DAY;
          const r = cohortRetention(table, { period, asOf });
          const summary = summarizeCustomers(table, { asOf: asOf ?? T0 + 400 * DAY });
          const buyers = summary.hasPurchase.reduce((s, h) => s + h, 0);
          expect(r.customers).toBe(buyers);
          expect(r.size.reduce((s, v) => s + v, 0)).toBe(buyers);
          const n = r.periods;
          for (let i = 0; i < r.cohorts; i++) {
            for (let j = 0; j < n; j++) {
              const cell = i * n + j;
              expect(r.active[cell]).toBeLessThanOrEqual(r.size[i]!);
              const v = r.retention[cell]!;
              if (j < n - i && r.size[i]! > 0) {
                expect(v).toBeGreaterThanOrEqual(0);
                expect(v).toBeLessThanOrEqual(1);
                if (j === 0) expect(v).toBe(1);
              } else {
                expect(v).toBeNaN();
                if (j >= n - i) expect(r.active[cell]).toBe(0);
              }
            }
          }
          for (const v of r.overall) if (!Number.isNaN(v)) expect(v >= 0 && v <= 1).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('cohortRetention on CDNOW', () => {
  it('puts the 23,570 CDNOW master customers in the three first-purchase months of 1997', () => {
    const r = cohortRetention(loadCdnow('CDNOW_master.txt'));
    // Independent count: each customer's earliest date, straight from the file.
    const first = new Map<string, string>();
    for (const line of readFileSync(sharedData('cdnow/CDNOW_master.txt'), 'utf8').split(/\r?\n/)) {
      const [id, ymd] = line.trim().split(/\s+/);
      if (!id || !/^\d+$/.test(id) || !ymd) continue;
      if (!first.has(id) || ymd < first.get(id)!) first.set(id, ymd);
    }
    const byMonth = new Map<string, number>();
    for (const ymd of first.values()) {
      const m = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}`;
      byMonth.set(m, (byMonth.get(m) ?? 0) + 1);
    }
    expect(r.customers).toBe(23_570);
    expect(r.labels[0]).toBe('1997-01');
    expect(r.labels.at(-1)).toBe('1998-06');
    expect(r.labels.map((l, i): [string, number] => [l, r.size[i]!]).filter(([, s]) => s > 0)).toEqual(
      [...byMonth.entries()].sort(),
    );
    expect(r.partialLastPeriod).toBe(false); // the data end on 1998-06-30
  });
});
