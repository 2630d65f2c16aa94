import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHURN_BANDS,
  type DrillFilter,
  type DrillFilterValue,
  type DrillKey,
  type DrillResult,
  type DrillScores,
  drilldown,
  TIERS,
  type TransactionTable,
} from '../../src/index.js';

// The drill-down against a naive implementation: per-row label strings from `Date`, a Map of groups keyed by the
// joined labels, and Sets of customers and orders per group.

const DAY_MS = 86_400_000;
const NONE = '(none)';
/** 2009-12-20: the random dates span two year boundaries and the 53-week ISO year 2009. */
const FIRST_DAY = Date.UTC(2009, 11, 20) / DAY_MS;
const DAYS = 400;
const CUSTOMERS = 6;
const SEGMENTS = ['S0', 'S1', 'S2'];
const DIMENSION_VALUES = {
  region: ['United Kingdom', 'France', 'Germany', 'Spain'],
  category: ['toys', 'books', 'garden'],
  channel: ['web', 'shop'],
  product: ['p1', 'p2', 'p3', 'p4', 'p5'],
  currency: ['GBP', 'EUR'],
} as const;
type Dimension = keyof typeof DIMENSION_VALUES;
const DIMENSIONS = Object.keys(DIMENSION_VALUES) as Dimension[];
/** Unused dictionary entries that push product × category past the lookup table's 2²² keys (to the hash table). */
const PAD = 2100;

interface Row {
  readonly customer: number;
  readonly day: number;
  readonly ms: number;
  readonly amount: number;
  readonly order: number; // −1 = none
  readonly dims: Readonly<Record<Dimension, number>>; // −1 = none
}

const dimCode = (values: number) => fc.integer({ min: -1, max: values - 1 });
const rowArb: fc.Arbitrary<Row> = fc.record({
  customer: fc.integer({ min: 0, max: CUSTOMERS - 1 }),
  day: fc.integer({ min: 0, max: DAYS - 1 }),
  ms: fc.oneof(fc.constantFrom(0, DAY_MS - 1), fc.integer({ min: 0, max: DAY_MS - 1 })),
  amount: fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 100 }) },
    fc.integer({ min: -40, max: 0 }),
  ),
  order: fc.integer({ min: -1, max: 9 }),
  dims: fc.record({
    region: dimCode(4),
    category: dimCode(3),
    channel: dimCode(2),
    product: dimCode(5),
    currency: dimCode(2),
  }),
});

const finiteOrNaN = (min: number, max: number) =>
  fc.oneof({ weight: 4, arbitrary: fc.double({ min, max, noNaN: true }) }, fc.constant(Number.NaN));
const scoresArb: fc.Arbitrary<DrillScores> = fc
  .record({
    clv: fc.array(finiteOrNaN(0, 1000), { minLength: CUSTOMERS, maxLength: CUSTOMERS }),
    score: fc.array(finiteOrNaN(0, 1), { minLength: CUSTOMERS, maxLength: CUSTOMERS }),
    risk: fc.array(finiteOrNaN(0, 500), { minLength: CUSTOMERS, maxLength: CUSTOMERS }),
    band: fc.array(fc.constantFrom(0, 1, 2, 255), { minLength: CUSTOMERS, maxLength: CUSTOMERS }),
    tier: fc.array(fc.constantFrom(0, 1, 2, 3, 255), { minLength: CUSTOMERS, maxLength: CUSTOMERS }),
    segment: fc.array(fc.integer({ min: -1, max: SEGMENTS.length - 1 }), {
      minLength: CUSTOMERS,
      maxLength: CUSTOMERS,
    }),
  })
  .map((s) => ({
    ids: Array.from({ length: CUSTOMERS }, (_, c) => `c${c}`),
    clv: Float64Array.from(s.clv),
    churn: {
      score: Float64Array.from(s.score),
      band: Uint8Array.from(s.band),
      valueAtRisk: Float64Array.from(s.risk),
    },
    pyramid: { tier: Uint8Array.from(s.tier) },
    segments: { names: SEGMENTS, segment: Int32Array.from(s.segment) },
  }));

interface Case {
  readonly rows: readonly Row[];
  readonly withOrders: boolean;
  /** Dimensions the table has a column for. */
  readonly columns: readonly Dimension[];
  readonly pad: boolean;
  readonly scores: DrillScores | undefined;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  rows: fc.array(rowArb, { maxLength: 60 }),
  withOrders: fc.boolean(),
  columns: fc.subarray(DIMENSIONS),
  pad: fc.boolean(),
  scores: fc.option(scoresArb, { nil: undefined }),
});

const DICTIONARIES = [false, true].map((pad) =>
  Object.fromEntries(
    DIMENSIONS.map((dim) => {
      const values: string[] = [...DIMENSION_VALUES[dim]];
      if (pad && (dim === 'product' || dim === 'category')) {
        for (let k = 0; k < PAD; k++) values.push(`${dim}-unused-${k}`);
      }
      return [dim, values];
    }),
  ),
);

function dictionaryOf(dim: Dimension, pad: boolean): readonly string[] {
  return DICTIONARIES[pad ? 1 : 0]![dim]!;
}

function tableOf(c: Case): TransactionTable {
  const dims = Object.fromEntries(
    c.columns.map((d) => [
      d,
      { codes: Int32Array.from(c.rows, (r) => r.dims[d]), dictionary: dictionaryOf(d, c.pad) },
    ]),
  );
  return {
    kind: 'transactions',
    length: c.rows.length,
    customer: {
      codes: Int32Array.from(c.rows, (r) => r.customer),
      dictionary: Array.from({ length: CUSTOMERS }, (_, k) => `c${k}`),
    },
    date: Float64Array.from(c.rows, (r) => (FIRST_DAY + r.day) * DAY_MS + r.ms),
    amount: Float64Array.from(c.rows, (r) => r.amount),
    ...(c.withOrders
      ? {
          orderId: {
            codes: Int32Array.from(c.rows, (r) => r.order),
            dictionary: Array.from({ length: 10 }, (_, k) => `o${k}`),
          },
        }
      : {}),
    ...dims,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The naive implementation

/** ISO week of a date, the textbook way: the Thursday of its week decides the year. */
function isoWeekLabel(d: Date): string {
  const day = Math.floor(d.getTime() / DAY_MS);
  const weekday = (d.getUTCDay() + 6) % 7;
  const thursday = new Date((day - weekday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A row's label for a key, and the number the key sorts by (time: period start; others: code, none last). */
function labelOf(c: Case, row: Row, key: DrillKey): { label: string; rank: number } {
  const time = (FIRST_DAY + row.day) * DAY_MS + row.ms;
  const d = new Date(time);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (key) {
    case 'year':
      return { label: String(y), rank: Date.UTC(y, 0, 1) };
    case 'quarter':
      return { label: `${y}-Q${Math.floor(m / 3) + 1}`, rank: Date.UTC(y, m - (m % 3), 1) };
    case 'month':
      return { label: d.toISOString().slice(0, 7), rank: Date.UTC(y, m, 1) };
    case 'week':
      return { label: isoWeekLabel(d), rank: (FIRST_DAY + row.day - ((d.getUTCDay() + 6) % 7)) * DAY_MS };
    case 'day':
      return { label: d.toISOString().slice(0, 10), rank: (FIRST_DAY + row.day) * DAY_MS };
    case 'tier':
    case 'churnBand':
    case 'segment': {
      const scores = c.scores!;
      const [values, names] =
        key === 'tier'
          ? [scores.pyramid!.tier, TIERS as readonly string[]]
          : key === 'churnBand'
            ? [scores.churn!.band!, CHURN_BANDS as readonly string[]]
            : [scores.segments!.segment, SEGMENTS];
      const v = values[row.customer]!;
      return v >= 0 && v < names.length ? { label: names[v]!, rank: v } : { label: NONE, rank: Infinity };
    }
    default: {
      const code = c.columns.includes(key) ? row.dims[key] : -1;
      return code >= 0
        ? { label: dictionaryOf(key, c.pad)[code]!, rank: code }
        : { label: NONE, rank: Infinity };
    }
  }
}

interface NaiveGroup {
  labels: string[];
  ranks: number[];
  revenue: number;
  gross: number;
  returns: number;
  transactions: number;
  customers: Set<number>;
  orders: Set<string>;
}

function naive(
  c: Case,
  by: readonly DrillKey[],
  filter: Readonly<Record<string, readonly string[]>>,
  asOf?: number,
) {
  const groups = new Map<string, NaiveGroup>();
  const all: NaiveGroup = newGroup([], []);
  for (const row of c.rows) {
    if (asOf !== undefined && FIRST_DAY + row.day > Math.floor(asOf / DAY_MS)) continue;
    if (
      Object.entries(filter).some(
        ([key, allowed]) => !allowed.includes(labelOf(c, row, key as DrillKey).label),
      )
    ) {
      continue;
    }
    const keys = by.map((k) => labelOf(c, row, k));
    const id = JSON.stringify(keys.map((k) => k.label));
    let g = groups.get(id);
    if (!g) {
      g = newGroup(
        keys.map((k) => k.label),
        keys.map((k) => k.rank),
      );
      groups.set(id, g);
    }
    for (const target of [g, all]) {
      target.revenue += row.amount;
      if (row.amount > 0) target.gross += row.amount;
      if (row.amount < 0) target.returns -= row.amount;
      target.transactions++;
      target.customers.add(row.customer);
      target.orders.add(
        c.withOrders && row.order >= 0
          ? `order ${row.order}`
          : `customer ${row.customer} day ${FIRST_DAY + row.day}`,
      );
    }
  }
  // Drilling order: level by level, time by period start, dimensions by the enclosing group's revenue (descending)
  // then code, customer attributes by code; "(none)" ranks last.
  const prefixRevenue = new Map<string, number>();
  for (const g of groups.values()) {
    for (let k = 1; k <= by.length; k++) {
      const prefix = JSON.stringify(g.labels.slice(0, k));
      prefixRevenue.set(prefix, (prefixRevenue.get(prefix) ?? 0) + g.revenue);
    }
  }
  const ordered = [...groups.values()].sort((a, b) => {
    for (let k = 0; k < by.length; k++) {
      if (DIMENSIONS.includes(by[k] as Dimension)) {
        const ra = prefixRevenue.get(JSON.stringify(a.labels.slice(0, k + 1)))!;
        const rb = prefixRevenue.get(JSON.stringify(b.labels.slice(0, k + 1)))!;
        if (ra !== rb) return rb - ra;
      }
      if (a.ranks[k] !== b.ranks[k]) return a.ranks[k]! < b.ranks[k]! ? -1 : 1;
    }
    return 0;
  });
  return { ordered, all };
}

function newGroup(labels: string[], ranks: number[]): NaiveGroup {
  return {
    labels,
    ranks,
    revenue: 0,
    gross: 0,
    returns: 0,
    transactions: 0,
    customers: new Set(),
    orders: new Set(),
  };
}

/** Model outputs of a set of customers, as the drill-down defines them. */
function modelOutputs(scores: DrillScores, customers: ReadonlySet<number>) {
  let clv = 0;
  let risk = 0;
  let churn = 0;
  let scored = 0;
  const tierMix = [0, 0, 0, 0, 0];
  for (const c of customers) {
    const v = scores.clv![c]!;
    if (Number.isFinite(v)) clv += v;
    const r = scores.churn!.valueAtRisk![c]!;
    if (Number.isFinite(r)) risk += r;
    const s = scores.churn!.score![c]!;
    if (Number.isFinite(s)) {
      churn += s;
      scored++;
    }
    const t = scores.pyramid!.tier[c]!;
    tierMix[Math.min(t, 4)]!++;
  }
  return { clv, valueAtRisk: risk, meanChurnRisk: scored > 0 ? churn / scored : Number.NaN, tierMix };
}

// ---------------------------------------------------------------------------------------------------------------

const BY: readonly (readonly DrillKey[])[] = [
  [],
  ['year'],
  ['quarter', 'region'],
  ['region', 'month'],
  ['week'],
  ['day', 'category'],
  ['channel', 'region', 'year'],
  ['product', 'category'],
  ['day', 'product', 'category'],
  ['currency', 'week', 'channel'],
  ['region', 'category', 'channel', 'product'],
  ['tier'],
  ['segment', 'churnBand'],
  ['region', 'tier', 'quarter'],
];

/** A filter: for each chosen key, values as labels, codes or null, and the labels they select for the naive side. */
type FilterSpec = readonly (readonly [key: DrillKey, values: readonly DrillFilterValue[]])[];

const timeLabelArb = fc.constantFrom(
  ['year', ['2010']],
  ['year', ['2009', '2011']],
  ['quarter', ['2010-Q4', '2010-Q1']],
  ['month', ['2010-12', '2010-06', '2011-01']],
  ['week', ['2009-W53', '2010-W52', '2010-W01']],
  ['day', ['2010-01-01', '2010-12-31', '2011-01-02']],
) as fc.Arbitrary<readonly [DrillKey, readonly DrillFilterValue[]]>;
const dimensionFilterArb = fc
  .tuple(
    fc.constantFrom(...DIMENSIONS),
    fc.array(
      fc.oneof(
        fc.constant(null),
        fc.constant(NONE),
        fc.integer({ min: -1, max: 1 }),
        fc.constantFrom('France', 'web', 'p2', 'books', 'GBP', 'Atlantis'),
      ),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
  )
  .map(([key, values]) => [key, values] as const);
const attributeFilterArb = fc.constantFrom(
  ['tier', ['platinum', null]],
  ['tier', [1, 2]],
  ['churnBand', ['high', 'medium']],
  ['segment', ['S1', NONE, 'nobody']],
) as fc.Arbitrary<readonly [DrillKey, readonly DrillFilterValue[]]>;
const filterArb: fc.Arbitrary<FilterSpec> = fc.uniqueArray(
  fc.oneof(timeLabelArb, dimensionFilterArb, attributeFilterArb),
  { maxLength: 2, selector: ([key]) => key },
);

/** The labels a filter value selects (for the naive side). */
function selectedLabels(c: Case, key: DrillKey, values: readonly DrillFilterValue[]): string[] {
  return values.map((v) => {
    if (v === null || v === -1) return NONE;
    if (typeof v === 'string') return v;
    if (key === 'tier') return TIERS[v]!;
    return dictionaryOf(key as Dimension, c.pad)[v]!;
  });
}

function check(c: Case, by: readonly DrillKey[], spec: FilterSpec, asOf: number | undefined): void {
  const usesScores = [...by, ...spec.map(([k]) => k)].some((k) =>
    ['tier', 'segment', 'churnBand'].includes(k),
  );
  if (usesScores && !c.scores) return;
  const filter: DrillFilter = Object.fromEntries(spec.map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
  const options = {
    by,
    filter,
    ...(c.scores ? { scores: c.scores } : {}),
    ...(asOf !== undefined ? { asOf } : {}),
  };
  // A dictionary code filter on a column the table does not have is an error.
  const missingColumnCode = spec.some(
    ([k, v]) =>
      DIMENSIONS.includes(k as Dimension) &&
      !c.columns.includes(k as Dimension) &&
      v.some((x) => typeof x === 'number' && x >= 0),
  );
  if (missingColumnCode) {
    expect(() => drilldown(tableOf(c), options)).toThrow(/is not a code of/);
    return;
  }
  const got = drilldown(tableOf(c), options);
  const expected = naive(c, by, Object.fromEntries(spec.map(([k, v]) => [k, selectedLabels(c, k, v)])), asOf);
  expect(got.length).toBe(expected.ordered.length);
  expect(rowsOf(got)).toEqual(
    expected.ordered.map((g) => ({
      labels: g.labels,
      revenue: g.revenue,
      grossRevenue: g.gross,
      returns: g.returns,
      orders: g.orders.size,
      customers: g.customers.size,
      transactions: g.transactions,
    })),
  );
  const all = expected.all;
  expect(got.total).toMatchObject({
    revenue: all.revenue,
    grossRevenue: all.gross,
    returns: all.returns,
    orders: all.orders.size,
    customers: all.customers.size,
    transactions: all.transactions,
  });
  expect(got.rows.kept).toBe(all.transactions);
  expect(got.rows.total - got.rows.afterAsOf - got.rows.filteredOut).toBe(got.rows.kept);
  if (c.scores) {
    expected.ordered.forEach((g, i) => {
      const want = modelOutputs(c.scores!, g.customers);
      expect(got.clv![i]).toBeCloseTo(want.clv, 9);
      expect(got.valueAtRisk![i]).toBeCloseTo(want.valueAtRisk, 9);
      if (Number.isNaN(want.meanChurnRisk)) expect(got.meanChurnRisk![i]).toBeNaN();
      else expect(got.meanChurnRisk![i]).toBeCloseTo(want.meanChurnRisk, 12);
      expect([...got.tierMix!.subarray(i * 5, i * 5 + 5)]).toEqual(want.tierMix);
    });
    const want = modelOutputs(c.scores, all.customers);
    expect(got.total.clv).toBeCloseTo(want.clv, 9);
    expect([...got.total.tierMix!]).toEqual(want.tierMix);
  }
}

function rowsOf(r: DrillResult) {
  return Array.from({ length: r.length }, (_, g) => ({
    labels: r.keys.map((k) => k.labels[g]),
    revenue: r.revenue[g],
    grossRevenue: r.grossRevenue[g],
    returns: r.returns[g],
    orders: r.orders[g],
    customers: r.customers[g],
    transactions: r.transactions[g],
  }));
}

describe('drilldown = a naive Map-and-Set implementation on random tables', () => {
  it('for several keys, filters and analysis dates', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.constantFrom(...BY),
        filterArb,
        fc.option(fc.integer({ min: 0, max: DAYS }), { nil: undefined }),
        (c, by, spec, asOfDay) => {
          check(c, by, spec, asOfDay === undefined ? undefined : (FIRST_DAY + asOfDay) * DAY_MS + 43_200_000);
        },
      ),
      { numRuns: 400, seed: 20_111_209 },
    );
  });

  it('for every key combination on one larger table (lookup and hash tables alike)', () => {
    const big: Case = {
      rows: fc.sample(rowArb, { numRuns: 3000, seed: 43 }),
      columns: DIMENSIONS,
      pad: true,
      withOrders: true,
      scores: fc.sample(scoresArb, { numRuns: 1, seed: 44 })[0],
    };
    for (const by of BY) check(big, by, [], undefined);
    check(
      big,
      ['week', 'region'],
      [
        ['year', ['2010']],
        ['region', ['France', null]],
      ],
      undefined,
    );
    check({ ...big, withOrders: false }, ['product', 'category'], [], (FIRST_DAY + 200) * DAY_MS);
  });
});
