import { describe, expect, it } from 'vitest';
import {
  type DrillResult,
  type DrillScores,
  drilldown,
  drilldownSteps,
  isoWeek,
  NONE_LABEL,
  parseTimeLabel,
  runWork,
  SLICE_WORK,
  TIME_LEVELS,
  type TransactionTable,
  timeCode,
  timeLabel,
  timeStartDay,
} from '../../src/index.js';
import { dictColumn, utc } from '../util/transactions.js';

const DAY_MS = 86_400_000;

type HandRow = readonly [customer: string, time: string, amount: number, order?: string, region?: string];

// 2010-12-27 is a Monday: its ISO week, 2010-W52, runs to Sunday 2011-01-02, across the year boundary.
const ROWS: readonly HandRow[] = [
  ['A', '2010-12-27T10:00', 100, 'o1', 'United Kingdom'],
  ['A', '2010-12-27T10:00', -20, 'o1', 'United Kingdom'], // a return within the order
  ['B', '2011-01-01T09:00', 50, 'o2', undefined], // no region
  ['A', '2011-01-02T12:00', 30, 'o3', 'France'],
  ['C', '2011-01-03T00:00', 70, 'o4', 'United Kingdom'], // Monday of 2011-W01
  ['C', '2011-03-31T23:59', 40, 'o5', 'France'], // last minute of Q1
  ['B', '2011-04-01T00:00', 25, 'o6', 'United Kingdom'], // first minute of Q2, same ISO week (2011-W13)
  ['C', '2011-04-01T08:00', -10, 'o7', 'United Kingdom'], // a return order
  ['A', '2011-12-31T18:00', 60, 'o8', undefined], // Saturday of 2011-W52
];

function handTable(rows: readonly HandRow[] = ROWS, withOrders = true): TransactionTable {
  return {
    kind: 'transactions',
    length: rows.length,
    customer: dictColumn(
      rows.map((r) => r[0]),
      ['A', 'B', 'C'],
    ),
    date: Float64Array.from(rows, (r) => utc(r[1])),
    amount: Float64Array.from(rows, (r) => r[2]),
    ...(withOrders ? { orderId: dictColumn(rows.map((r) => r[3])) } : {}),
    region: dictColumn(rows.map((r) => r[4])),
  };
}

/** The groups as plain objects, for readable expectations. */
function groups(result: DrillResult, fields: readonly (keyof DrillResult)[] = []): Record<string, unknown>[] {
  return Array.from({ length: result.length }, (_, g) => ({
    key: result.keys.map((k) => k.labels[g]).join(' / '),
    revenue: result.revenue[g],
    grossRevenue: result.grossRevenue[g],
    returns: result.returns[g],
    orders: result.orders[g],
    customers: result.customers[g],
    transactions: result.transactions[g],
    ...(Object.fromEntries(
      fields.map((f) => {
        const column = result[f] as Float64Array | Int32Array;
        return [f, f === 'tierMix' ? [...column.subarray(g * 5, g * 5 + 5)] : column[g]];
      }),
    ) as Record<string, number | number[] | undefined>),
  }));
}

const slim = (result: DrillResult) =>
  groups(result).map((g) => [g.key, g.revenue, g.orders, g.customers, g.transactions]);

describe('drilldown: a hand-made table', () => {
  const table = handTable();

  it('sums by year, with gross revenue, returns, distinct orders and customers', () => {
    const r = drilldown(table, { by: ['year'] });
    expect(groups(r)).toEqual([
      { key: '2010', revenue: 80, grossRevenue: 100, returns: 20, orders: 1, customers: 1, transactions: 2 },
      { key: '2011', revenue: 265, grossRevenue: 275, returns: 10, orders: 7, customers: 3, transactions: 7 },
    ]);
    expect(r.keys[0]).toMatchObject({ key: 'year', kind: 'time', codes: Int32Array.from([2010, 2011]) });
    expect([...r.keys[0]!.start!]).toEqual([utc('2010-01-01'), utc('2011-01-01')]);
    expect(r.total).toEqual({
      revenue: 345,
      grossRevenue: 375,
      returns: 30,
      orders: 8,
      customers: 3,
      transactions: 9,
    });
    expect(r.rows).toEqual({ total: 9, afterAsOf: 0, filteredOut: 0, kept: 9 });
    expect(r.ordersCountedBy).toBe('orderId');
  });

  it('by quarter and month: 23:59 on 31 March is Q1, 00:00 on 1 April is Q2 (UTC)', () => {
    expect(slim(drilldown(table, { by: ['quarter'] }))).toEqual([
      ['2010-Q4', 80, 1, 1, 2],
      ['2011-Q1', 190, 4, 3, 4],
      ['2011-Q2', 15, 2, 2, 2],
      ['2011-Q4', 60, 1, 1, 1],
    ]);
    const months = drilldown(table, { by: ['month'] });
    expect(slim(months)).toEqual([
      ['2010-12', 80, 1, 1, 2],
      ['2011-01', 150, 3, 3, 3],
      ['2011-03', 40, 1, 1, 1],
      ['2011-04', 15, 2, 2, 2],
      ['2011-12', 60, 1, 1, 1],
    ]);
    expect([...months.keys[0]!.codes]).toEqual([
      2010 * 12 + 11,
      2011 * 12,
      2011 * 12 + 2,
      2011 * 12 + 3,
      2011 * 12 + 11,
    ]);
  });

  it('by ISO week: 2010-W52 runs from Monday 27 December to Sunday 2 January', () => {
    const weeks = drilldown(table, { by: ['week'] });
    expect(groups(weeks)).toEqual([
      {
        key: '2010-W52',
        revenue: 160,
        grossRevenue: 180,
        returns: 20,
        orders: 3,
        customers: 2,
        transactions: 4,
      },
      {
        key: '2011-W01',
        revenue: 70,
        grossRevenue: 70,
        returns: 0,
        orders: 1,
        customers: 1,
        transactions: 1,
      },
      {
        key: '2011-W13',
        revenue: 55,
        grossRevenue: 65,
        returns: 10,
        orders: 3,
        customers: 2,
        transactions: 3,
      },
      {
        key: '2011-W52',
        revenue: 60,
        grossRevenue: 60,
        returns: 0,
        orders: 1,
        customers: 1,
        transactions: 1,
      },
    ]);
    expect([...weeks.keys[0]!.start!].map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2010-12-27',
      '2011-01-03',
      '2011-03-28',
      '2011-12-26',
    ]);
  });

  it('by day', () => {
    expect(slim(drilldown(table, { by: ['day'] }))).toEqual([
      ['2010-12-27', 80, 1, 1, 2],
      ['2011-01-01', 50, 1, 1, 1],
      ['2011-01-02', 30, 1, 1, 1],
      ['2011-01-03', 70, 1, 1, 1],
      ['2011-03-31', 40, 1, 1, 1],
      ['2011-04-01', 15, 2, 2, 2],
      ['2011-12-31', 60, 1, 1, 1],
    ]);
  });

  it('by region: a missing region is the "(none)" group, ordered by revenue like the others', () => {
    const r = drilldown(table, { by: ['region'] });
    expect(slim(r)).toEqual([
      ['United Kingdom', 165, 4, 3, 5],
      [NONE_LABEL, 110, 2, 2, 2],
      ['France', 70, 2, 2, 2],
    ]);
    expect([...r.keys[0]!.codes]).toEqual([0, -1, 1]);
    expect(r.keys[0]!.start).toBeUndefined();
  });

  it('nests: dimensions by revenue within their enclosing group, time ascending', () => {
    expect(slim(drilldown(table, { by: ['year', 'region'] }))).toEqual([
      ['2010 / United Kingdom', 80, 1, 1, 2],
      ['2011 / (none)', 110, 2, 2, 2],
      ['2011 / United Kingdom', 85, 3, 2, 3],
      ['2011 / France', 70, 2, 2, 2],
    ]);
    expect(slim(drilldown(table, { by: ['region', 'quarter'] }))).toEqual([
      ['United Kingdom / 2010-Q4', 80, 1, 1, 2],
      ['United Kingdom / 2011-Q1', 70, 1, 1, 1],
      ['United Kingdom / 2011-Q2', 15, 2, 2, 2],
      ['(none) / 2011-Q1', 50, 1, 1, 1],
      ['(none) / 2011-Q4', 60, 1, 1, 1],
      ['France / 2011-Q1', 70, 2, 2, 2],
    ]);
  });

  it('drills: filter { year: 2011, region: "United Kingdom" } by month', () => {
    const r = drilldown(table, { by: ['month'], filter: { year: 2011, region: 'United Kingdom' } });
    expect(slim(r)).toEqual([
      ['2011-01', 70, 1, 1, 1],
      ['2011-04', 15, 2, 2, 2],
    ]);
    expect(r.rows).toEqual({ total: 9, afterAsOf: 0, filteredOut: 6, kept: 3 });
    expect(r.total).toMatchObject({ revenue: 85, orders: 3, customers: 2, transactions: 3 });
  });

  it('filters by codes, labels, lists and null alike', () => {
    const expected = slim(drilldown(table, { by: ['region'], filter: { quarter: '2011-Q1' } }));
    // A tie in revenue goes by dictionary code: United Kingdom (0) before France (1).
    expect(expected).toEqual([
      ['United Kingdom', 70, 1, 1, 1],
      ['France', 70, 2, 2, 2],
      [NONE_LABEL, 50, 1, 1, 1],
    ]);
    expect(slim(drilldown(table, { by: ['region'], filter: { quarter: 2011 * 4 } }))).toEqual(expected);
    expect(slim(drilldown(table, { by: ['week'], filter: { region: [null, 'France'] } }))).toEqual(
      slim(drilldown(table, { by: ['week'], filter: { region: ['(none)', 1] } })),
    );
    expect(slim(drilldown(table, { by: ['region'], filter: { region: -1 } }))).toEqual([
      [NONE_LABEL, 110, 2, 2, 2],
    ]);
    expect(slim(drilldown(table, { by: ['year'], filter: { week: '2010-W52' } }))).toEqual([
      ['2010', 80, 1, 1, 2],
      ['2011', 80, 2, 2, 2],
    ]);
    expect(slim(drilldown(table, { by: ['year'], filter: { day: ['2011-04-01', '2011-12-31'] } }))).toEqual([
      ['2011', 75, 3, 3, 3],
    ]);
    // A value that does not occur selects nothing.
    const none = drilldown(table, { by: ['year'], filter: { region: 'Germany' } });
    expect(none.length).toBe(0);
    expect(none.total).toMatchObject({ revenue: 0, orders: 0, customers: 0, transactions: 0 });
    expect(drilldown(table, { by: ['month'], filter: { year: 1999 } }).length).toBe(0);
  });

  it('by [] is one group of everything kept', () => {
    const r = drilldown(table, { by: [] });
    expect(r.length).toBe(1);
    expect(r.keys).toEqual([]);
    expect(groups(r)[0]).toMatchObject({ revenue: 345, orders: 8, customers: 3, transactions: 9 });
  });

  it('asOf leaves out rows on later UTC days and counts them', () => {
    const r = drilldown(table, { by: ['quarter'], asOf: utc('2011-03-31T12:00') });
    expect(slim(r)).toEqual([
      ['2010-Q4', 80, 1, 1, 2],
      ['2011-Q1', 190, 4, 3, 4],
    ]);
    expect(r.rows).toEqual({ total: 9, afterAsOf: 3, filteredOut: 0, kept: 6 });
    expect(r.asOf).toBe(utc('2011-03-31T12:00'));
  });

  it('without order ids, orders are distinct customer-days', () => {
    const r = drilldown(handTable(ROWS, false), { by: ['week'] });
    expect(r.ordersCountedBy).toBe('customer-day');
    expect([...r.orders]).toEqual([3, 1, 3, 1]);
    // A's two rows of 2010-12-27 are one order; B's and C's rows of 2011-04-01 are two.
    expect(r.total.orders).toBe(8);
  });

  it('rows without an order id count by customer-day beside the order ids', () => {
    const rows = ROWS.map(
      (r, i): HandRow => (i === 4 || i === 6 || i === 7 ? [r[0], r[1], r[2], undefined, r[4]] : r),
    );
    const r = drilldown(handTable(rows), { by: ['week'] });
    expect(r.ordersCountedBy).toBe('mixed');
    // 2011-W13: o5 (C, 31 March), then B's and C's rows of 1 April without an id: two customer-days.
    expect([...r.orders]).toEqual([3, 1, 3, 1]);
  });

  it('adds model outputs per group over its distinct customers', () => {
    const scores: DrillScores = {
      clv: Float64Array.from([100, Number.NaN, 50]),
      churn: {
        score: Float64Array.from([0.2, Number.NaN, 0.8]),
        band: Uint8Array.from([0, 255, 2]),
        valueAtRisk: Float64Array.from([20, Number.NaN, 40]),
      },
      pyramid: { tier: Uint8Array.from([0, 255, 3]) },
      segments: { names: ['Champions', 'Lost'], segment: Int32Array.from([0, -1, 1]) },
    };
    const fields = ['clv', 'meanChurnRisk', 'valueAtRisk', 'tierMix'] as const;
    const weeks = drilldown(table, { by: ['week'], scores });
    expect(
      groups(weeks, fields).map((g) => [g.key, g.clv, g.meanChurnRisk, g.valueAtRisk, g.tierMix]),
    ).toEqual([
      ['2010-W52', 100, 0.2, 20, [1, 0, 0, 0, 1]],
      ['2011-W01', 50, 0.8, 40, [0, 0, 0, 1, 0]],
      ['2011-W13', 50, 0.8, 40, [0, 0, 0, 1, 1]],
      ['2011-W52', 100, 0.2, 20, [1, 0, 0, 0, 0]],
    ]);
    expect(weeks.total).toMatchObject({ clv: 150, meanChurnRisk: 0.5, valueAtRisk: 60 });
    expect([...weeks.total.tierMix!]).toEqual([1, 0, 0, 1, 1]);
    // B alone: no finite churn score.
    const b = drilldown(table, { by: ['day'], filter: { day: '2011-01-01' }, scores });
    expect(b.meanChurnRisk![0]).toBeNaN();
    expect(b.clv![0]).toBe(0);

    // Customer attributes: in their own order, "(none)" last.
    expect(slim(drilldown(table, { by: ['tier'], scores }))).toEqual([
      ['platinum', 170, 3, 1, 4],
      ['lead', 100, 3, 1, 3],
      [NONE_LABEL, 75, 2, 1, 2],
    ]);
    expect(slim(drilldown(table, { by: ['churnBand', 'segment'], scores }))).toEqual([
      ['low / Champions', 170, 3, 1, 4],
      ['high / Lost', 100, 3, 1, 3],
      ['(none) / (none)', 75, 2, 1, 2],
    ]);
    expect(slim(drilldown(table, { by: ['year'], filter: { tier: ['lead', null] }, scores }))).toEqual([
      ['2011', 175, 5, 2, 5],
    ]);
    // Without scores, no model columns.
    expect(drilldown(table, { by: ['week'] }).clv).toBeUndefined();
  });

  it('rejects what it cannot read', () => {
    expect(() => drilldown(table, { by: ['country' as 'region'] })).toThrow(
      /unknown drill-down key "country"/,
    );
    expect(() => drilldown(table, { by: ['year', 'year'] })).toThrow(/twice/);
    expect(() => drilldown(table, { by: ['tier'] })).toThrow(/needs scores\.pyramid\.tier/);
    expect(() => drilldown(table, { by: ['year'], filter: { quarter: 2 } })).toThrow(/0000-Q3.*2011-Q2/);
    expect(() => drilldown(table, { by: ['year'], filter: { month: '2011-13' } })).toThrow(
      /not a month label/,
    );
    expect(() => drilldown(table, { by: ['year'], filter: { region: 7 } })).toThrow(/not a code of region/);
    expect(() =>
      drilldown(table, {
        by: ['year'],
        filter: { tier: 'bronze' },
        scores: { pyramid: { tier: new Uint8Array(3) } },
      }),
    ).toThrow(/not one of platinum, gold, iron, lead/);
    expect(() => drilldown(table, { by: ['year'], scores: { clv: new Float64Array(2) } })).toThrow(
      /2 entries for 3/,
    );
    expect(() => drilldown(table, { by: ['year'], asOf: Number.NaN })).toThrow(/asOf/);
    const bad = { ...table, date: table.date.slice() };
    bad.date[3] = Number.NaN;
    expect(() => drilldown(bad, { by: ['month'] })).toThrow(/row 3 has none/);
    // Grouping by region does not read dates.
    expect(drilldown(bad, { by: ['region'] }).total.revenue).toBe(345);
  });

  it('drilldownSteps yields work and returns what drilldown returns', () => {
    const steps = drilldownSteps(table, { by: ['region', 'week'] });
    let reports = 0;
    let step = steps.next();
    while (!step.done) {
      expect(typeof step.value).toBe('number');
      reports++;
      step = steps.next();
    }
    expect(reports).toBeGreaterThan(5);
    expect(step.value).toEqual(drilldown(table, { by: ['region', 'week'] }));
    expect(runWork(drilldownSteps(table, { by: ['month'] }))).toEqual(drilldown(table, { by: ['month'] }));
  });
});

describe('drilldownSteps on a larger table', () => {
  it('reports its work in small pieces, also with many groups and a hashed key space', () => {
    const n = 200_000;
    let seed = 7;
    const next = (k: number) => {
      seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
      return Math.floor((seed / 2 ** 32) * k);
    };
    const dictionary = (k: number, p: string) => Array.from({ length: k }, (_, i) => `${p}${i}`);
    const table: TransactionTable = {
      kind: 'transactions',
      length: n,
      customer: {
        codes: Int32Array.from({ length: n }, () => next(20_000)),
        dictionary: dictionary(20_000, 'c'),
      },
      date: Float64Array.from({ length: n }, () => utc('2010-01-01') + next(730) * DAY_MS + next(DAY_MS)),
      amount: Float64Array.from({ length: n }, () => next(200) - 20),
      product: {
        codes: Int32Array.from({ length: n }, () => next(3000) - 1),
        dictionary: dictionary(3000, 'p'),
      },
      region: { codes: Int32Array.from({ length: n }, () => next(40) - 1), dictionary: dictionary(40, 'r') },
    };
    for (const by of [
      ['day', 'product'],
      ['product', 'region', 'month'],
      ['week', 'region'],
    ] as const) {
      const steps = drilldownSteps(table, { by });
      let largest = 0;
      let step = steps.next();
      while (!step.done) {
        largest = Math.max(largest, step.value);
        step = steps.next();
      }
      expect(largest).toBeLessThanOrEqual(SLICE_WORK);
      expect(step.value.total.transactions).toBe(n);
      expect(step.value.ordersCountedBy).toBe('customer-day');
    }
  });
});

describe('drilldown: time codes and labels', () => {
  /** ISO week of a UTC day, the textbook way: the Thursday of its week decides the year. */
  function referenceIsoWeek(day: number): string {
    const d = new Date(day * DAY_MS);
    const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
    const thursday = new Date((day - weekday + 3) * DAY_MS);
    const year = thursday.getUTCFullYear();
    const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
    return `${year}-W${String(week).padStart(2, '0')}`;
  }

  it('match Date-based UTC calendars from 1960 to 2040', () => {
    const got: string[] = [];
    const want: string[] = [];
    for (let day = utc('1960-01-01') / DAY_MS; day <= utc('2040-12-31') / DAY_MS; day++) {
      const d = new Date(day * DAY_MS);
      const y = d.getUTCFullYear();
      const m = d.getUTCMonth();
      const week = timeCode(day, 'week');
      got.push(
        [
          timeLabel(timeCode(day, 'year'), 'year'),
          timeCode(day, 'quarter'),
          timeLabel(timeCode(day, 'quarter'), 'quarter'),
          timeCode(day, 'month'),
          timeLabel(timeCode(day, 'month'), 'month'),
          timeLabel(timeCode(day, 'day'), 'day'),
          timeLabel(week, 'week'),
          timeStartDay(week, 'week'),
          timeStartDay(timeCode(day, 'month'), 'month'),
        ].join(' '),
      );
      want.push(
        [
          y,
          y * 4 + Math.floor(m / 3),
          `${y}-Q${Math.floor(m / 3) + 1}`,
          y * 12 + m,
          d.toISOString().slice(0, 7),
          d.toISOString().slice(0, 10),
          referenceIsoWeek(day),
          day - ((d.getUTCDay() + 6) % 7),
          Date.UTC(y, m, 1) / DAY_MS,
        ].join(' '),
      );
    }
    expect(got.length).toBe(29_586);
    expect(got).toEqual(want);
  });

  it('have 53-week years and parse back', () => {
    expect(timeLabel(timeCode(utc('2009-12-31') / DAY_MS, 'week'), 'week')).toBe('2009-W53');
    expect(timeLabel(timeCode(utc('2010-01-03') / DAY_MS, 'week'), 'week')).toBe('2009-W53');
    expect(timeLabel(timeCode(utc('2014-12-29') / DAY_MS, 'week'), 'week')).toBe('2015-W01');
    expect(isoWeek(timeCode(utc('2021-01-01') / DAY_MS, 'week'))).toEqual({ year: 2020, week: 53 });
    for (const level of TIME_LEVELS) {
      for (const day of [-400, -1, 0, 14_974, 15_339, 18_628, 20_000]) {
        const code = timeCode(day, level);
        expect(parseTimeLabel(timeLabel(code, level), level)).toBe(code);
      }
    }
    expect(() => parseTimeLabel('2010-W53', 'week')).toThrow(/not a week label/);
    expect(() => parseTimeLabel('2011-02-29', 'day')).toThrow(/not a day label/);
    expect(() => parseTimeLabel('2011-Q5', 'quarter')).toThrow(/e\.g\. 2011-Q2/);
  });
});
