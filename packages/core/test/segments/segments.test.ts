import { createRandom } from '@crm-lens/testing';
import { describe, expect, it } from 'vitest';
import {
  type CustomerSegments,
  NO_SEGMENT,
  NO_TIER,
  profileSegments,
  runWork,
  type SegmentMedians,
  type SegmentTraits,
  segmentCustomers,
  segmentCustomersSteps,
  segmentFeatures,
  segmentName,
  segmentTraits,
  summarizeCustomers,
  TIERS,
} from '../../src/index.js';
import type { TransactionTable } from '../../src/schema/transactions.js';
import { loadCdnow } from '../util/cdnow.js';
import { transactions, utc } from '../util/transactions.js';
import { adjustedRandIndex } from './helpers.js';

const DAY = 86_400_000;
const AS_OF = Date.UTC(2024, 11, 31);

/**
 * Four behavioural groups of customers (plus two who never bought), each with its own purchase pattern:
 * A recent frequent high spenders, B lapsed one-time low spenders, C recent one-time low spenders,
 * D lapsed frequent high spenders.
 */
function groups(seed: number): { table: TransactionTable; group: Map<string, string> } {
  const random = createRandom(seed);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * random.next();
  const customer: string[] = [];
  const date: number[] = [];
  const amount: number[] = [];
  const group = new Map<string, string>();
  const buy = (id: string, daysAgo: number, value: number) => {
    customer.push(id);
    date.push(AS_OF - Math.round(daysAgo) * DAY);
    amount.push(Math.round(value * 100) / 100);
  };
  const make = (
    name: string,
    count: number,
    orders: [number, number],
    last: [number, number],
    value: [number, number],
    gap: number,
  ) => {
    for (let i = 0; i < count; i++) {
      const id = `${name}${i}`;
      group.set(id, name);
      const n = orders[0] + random.int(orders[1] - orders[0] + 1);
      let daysAgo = uniform(...last);
      for (let o = 0; o < n; o++) {
        buy(id, daysAgo, uniform(...value));
        daysAgo += 5 + random.int(gap);
      }
    }
  };
  make('A', 40, [8, 12], [0, 10], [150, 250], 10);
  make('B', 60, [1, 1], [400, 700], [10, 20], 1);
  make('C', 50, [1, 1], [10, 60], [20, 30], 1);
  make('D', 30, [6, 9], [500, 700], [150, 250], 10);
  // A customer whose only day is a return (not a purchase), and one without rows.
  customer.push('R');
  date.push(AS_OF - 3 * DAY);
  amount.push(-20);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(customer, (id) => {
    if (!index.has(id)) {
      index.set(id, dictionary.length);
      dictionary.push(id);
    }
    return index.get(id)!;
  });
  dictionary.push('N');
  return {
    table: {
      kind: 'transactions',
      length: codes.length,
      customer: { codes, dictionary },
      date: Float64Array.from(date),
      amount: Float64Array.from(amount),
    },
    group,
  };
}

/** The naming rules of docs/methods/segments.md, restated. */
function expectedName(p: SegmentMedians, population: SegmentMedians): string {
  const recent = p.medianRecencyDays <= population.medianRecencyDays;
  const f = p.medianFrequency;
  const word = recent ? 'Recent' : 'Lapsed';
  if (f < 1) return `${word} customers without purchases in the window`;
  const freq = f < 2 ? 'one-time' : f > population.medianFrequency ? 'frequent' : 'occasional';
  return `${word} ${freq} ${p.medianMonetary > population.medianMonetary ? 'high spenders' : 'buyers'}`;
}

/** Profiles add up to the population. */
function expectProfilesSumUp(s: CustomerSegments, value: ArrayLike<number>): void {
  const sizes = s.profiles.map((p) => p.customers);
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(s.clustered);
  expect(s.population.customers).toBe(s.clustered);
  expect(s.profiles.reduce((a, p) => a + p.customerShare, 0)).toBeCloseTo(1, 12);
  expect(s.profiles.reduce((a, p) => a + p.valueShare, 0)).toBeCloseTo(1, 12);
  // Per-customer labels agree with the profile sizes; values sum per segment.
  const counted = new Array(s.k).fill(0);
  const sums = new Array(s.k).fill(0);
  let clustered = 0;
  s.segment.forEach((g, c) => {
    if (g === NO_SEGMENT) return;
    clustered++;
    counted[g]++;
    sums[g] += value[c]!;
  });
  expect(clustered).toBe(s.clustered);
  expect(counted).toEqual(sizes);
  s.profiles.forEach((p, g) => {
    expect(p.value).toBeCloseTo(sums[g], 6);
  });
  expect(s.population.value).toBeCloseTo(
    sums.reduce((a, b) => a + b, 0),
    6,
  );
  // Largest first.
  for (let g = 1; g < s.k; g++) expect(sizes[g]!).toBeLessThanOrEqual(sizes[g - 1]!);
}

describe('segmentFeatures', () => {
  const table = transactions(
    [
      ['a', '2024-01-01', 10],
      ['a', '2024-03-01', 30],
      ['b', '2024-02-01', 100],
      ['c', '2024-03-10', 5],
      ['d', '2024-03-11', -5], // only a return: no purchase
    ],
    ['a', 'b', 'c', 'd', 'e'],
  );
  const summary = summarizeCustomers(table, { asOf: utc('2024-03-31') });

  it('takes recency, frequency and monetary value, log1p, then z-scores over the customers with a purchase', () => {
    const f = segmentFeatures(summary);
    expect(f.names).toEqual(['recencyDays', 'frequency', 'monetary']);
    expect([...f.customers]).toEqual([0, 1, 2]);
    expect(f.excluded).toEqual({ notIncluded: 0, noPurchase: 2, nonFinite: 0 });
    // a: recency 30, 2 occasions, 40; b: 59, 1, 100; c: 21, 1, 5.
    expect([...f.raw]).toEqual([30, 2, 40, 59, 1, 100, 21, 1, 5]);
    for (let j = 0; j < 3; j++) {
      const t = [0, 1, 2].map((i) => Math.log1p(f.raw[i * 3 + j]!));
      const mean = (t[0]! + t[1]! + t[2]!) / 3;
      const sd = Math.sqrt(t.reduce((s, v) => s + (v - mean) ** 2, 0) / 3);
      expect(f.center[j]).toBeCloseTo(mean, 12);
      expect(f.scale[j]).toBeCloseTo(sd, 12);
      t.forEach((v, i) => {
        expect(f.data[i * 3 + j]).toBeCloseTo((v - mean) / sd, 12);
      });
    }
  });

  it('adds attributes, uses mean spend on request, honours include, and leaves out non-finite values', () => {
    const f = segmentFeatures(summary, {
      monetary: 'mean',
      log: false,
      attributes: [{ name: 'age', values: [30, Number.NaN, 50, 60, 70], log: true }],
      include: [1, 1, 1, 1, 0],
    });
    expect(f.names).toEqual(['recencyDays', 'frequency', 'monetary', 'age']);
    expect(f.logged).toEqual([false, false, false, true]);
    expect([...f.customers]).toEqual([0, 2]);
    expect(f.excluded).toEqual({ notIncluded: 1, noPurchase: 1, nonFinite: 1 });
    expect([...f.raw]).toEqual([30, 2, 20, 30, 21, 1, 5, 50]);
    // Two rows: every feature standardises to ∓1.
    expect([...f.data].map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, 1, 1, -1, -1, -1, -1, 1]);
  });

  it('gives a constant feature scale 1 (all zeros), and refuses bad columns', () => {
    const f = segmentFeatures(summary, { attributes: [{ name: 'flag', values: [1, 1, 1, 1, 1] }] });
    expect(f.scale[3]).toBe(1);
    expect([0, 1, 2].map((i) => f.data[i * 4 + 3])).toEqual([0, 0, 0]);
    expect(() => segmentFeatures(summary, { attributes: [{ name: 'x', values: [1] }] })).toThrow(/one value/);
    expect(() =>
      segmentFeatures(summary, { attributes: [{ name: 'frequency', values: [1, 1, 1, 1, 1] }] }),
    ).toThrow(/distinct/);
    expect(() => segmentFeatures(summary, { monetary: 'max' as 'mean' })).toThrow(/monetary/);
  });
});

describe('segmentName and segmentTraits', () => {
  const population: SegmentMedians = { medianRecencyDays: 100, medianFrequency: 2, medianMonetary: 50 };
  const traitsOf = (r: number, f: number, m: number) =>
    segmentTraits({ medianRecencyDays: r, medianFrequency: f, medianMonetary: m }, population);

  it('names segments by their medians against the population medians', () => {
    expect(segmentName(traitsOf(10, 8, 500))).toBe('Recent frequent high spenders');
    expect(segmentName(traitsOf(400, 1, 20))).toBe('Lapsed one-time buyers');
    expect(segmentName(traitsOf(100, 2, 50))).toBe('Recent occasional buyers'); // ties: recent, not frequent, low
    expect(segmentName(traitsOf(101, 3, 50.01))).toBe('Lapsed frequent high spenders');
    expect(segmentName(traitsOf(30, 1.5, 80))).toBe('Recent one-time high spenders');
    expect(segmentName(traitsOf(300, 0, 0))).toBe('Lapsed customers without purchases in the window');
    expect(traitsOf(10, 8, 500)).toEqual<SegmentTraits>({
      recency: 'recent',
      frequency: 'frequent',
      spend: 'high',
    });
  });
});

describe('segmentCustomers', () => {
  const { table, group } = groups(17);
  const summary = summarizeCustomers(table, { asOf: AS_OF });
  const truth = summary.ids.map((id) => group.get(id) ?? '-');

  it('finds the four behavioural groups, chooses k = 4 by silhouette, and names them by the rules', () => {
    const s = segmentCustomers(summary);
    expect(s.k).toBe(4);
    expect(s.clustered).toBe(180);
    expect(s.excluded).toEqual({ notIncluded: 0, noPurchase: 2, nonFinite: 0 });
    expect(s.segment[summary.ids.indexOf('R')]).toBe(NO_SEGMENT);
    expect(s.segment[summary.ids.indexOf('N')]).toBe(NO_SEGMENT);
    const clustered = [...s.segment.keys()].filter((c) => s.segment[c] !== NO_SEGMENT);
    expect(
      adjustedRandIndex(
        clustered.map((c) => s.segment[c]!),
        clustered.map((c) => truth[c]!.charCodeAt(0)),
      ),
    ).toBe(1);
    expect(s.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s.silhouette).toBe(Math.max(...s.candidates.map((c) => c.silhouette)));
    expect(s.silhouetteSampled).toBe(false);
    // Largest first: B (60), C (50), A (40), D (30).
    expect(s.profiles.map((p) => p.name)).toEqual([
      'Lapsed one-time buyers',
      'Recent one-time buyers',
      'Recent frequent high spenders',
      'Lapsed frequent high spenders',
    ]);
    for (const p of s.profiles) expect(p.name).toBe(expectedName(p, s.population));
    expectProfilesSumUp(s, summary.netRevenue);
  });

  it('computes medians in the data’s own units, value shares from a value column, and the tier mix', () => {
    const random = createRandom(3);
    const tier = Uint8Array.from(summary.ids, () => (random.next() < 0.1 ? NO_TIER : random.int(4)));
    const value = Float64Array.from(summary.netRevenue, (v) => 2 * v);
    const s = segmentCustomers(summary, { k: 4, value, tiers: { codes: tier, names: TIERS } });
    expect(s.candidates).toEqual([]);
    expectProfilesSumUp(s, value);
    const totals = [0, 0, 0, 0];
    let untiered = 0;
    for (const p of s.profiles) {
      expect(p.tierMix.map((t) => t.tier)).toEqual([...TIERS]);
      expect(p.tierMix.reduce((a, t) => a + t.customers, 0) + p.untiered).toBe(p.customers);
      p.tierMix.forEach((t, i) => {
        totals[i]! += t.customers;
        expect(t.share).toBeCloseTo(t.customers / p.customers, 12);
      });
      untiered += p.untiered;
      // Median recency, frequency and spend of the members, straight from the summary.
      const members = [...s.segment.keys()].filter((c) => s.segment[c] === p.segment);
      const median = (xs: number[]) => {
        const v = [...xs].sort((a, b) => a - b);
        const h = (v.length - 1) / 2;
        return (v[Math.floor(h)]! + v[Math.ceil(h)]!) / 2;
      };
      expect(p.medianRecencyDays).toBeCloseTo(median(members.map((c) => summary.recencyDays[c]!)), 9);
      expect(p.medianFrequency).toBeCloseTo(median(members.map((c) => summary.frequency[c]!)), 9);
      expect(p.medianMonetary).toBeCloseTo(median(members.map((c) => summary.netRevenue[c]!)), 9);
      expect(p.valueShare).toBeCloseTo(p.value / s.population.value, 12);
    }
    const clustered = [...s.segment.keys()].filter((c) => s.segment[c] !== NO_SEGMENT);
    expect(untiered).toBe(clustered.filter((c) => tier[c] === NO_TIER).length);
    expect(totals).toEqual([0, 1, 2, 3].map((t) => clustered.filter((c) => tier[c] === t).length));
  });

  it('is reproducible under a seed, and its steps give the same result', () => {
    const a = segmentCustomers(summary, { seed: 5 });
    const b = segmentCustomers(summary, { seed: 5 });
    expect(b).toEqual(a);
    expect(runWork(segmentCustomersSteps(summary, { seed: 5 }))).toEqual(a);
    const c = segmentCustomers(summary, { seed: 6 });
    expect(Math.abs(c.inertia - a.inertia) / a.inertia).toBeLessThan(1e-6);
  });

  it('numbers segments that share a name', () => {
    const f = segmentFeatures(summary);
    // Two segments of group A customers split in halves, the rest in a third.
    const labels = Int32Array.from(f.customers, (c, i) => (truth[c] === 'A' ? i % 2 : 2));
    const { profiles, population } = profileSegments({
      features: f,
      labels,
      k: 3,
      value: summary.netRevenue,
    });
    expect(profiles.map((p) => p.name)).toEqual([
      'Recent frequent high spenders (1)',
      'Recent frequent high spenders (2)',
      expectedName(profiles[2]!, population),
    ]);
    expect(profiles[2]!.name).not.toMatch(/\(/);
  });

  it('refuses too few customers and bad options', () => {
    const tiny = summarizeCustomers(
      transactions([
        ['a', '2024-01-01', 10],
        ['b', '2024-01-02', 20],
      ]),
      { asOf: utc('2024-02-01') },
    );
    expect(() => segmentCustomers(tiny)).toThrow(/at least 3 customers/);
    expect(() => segmentCustomers(tiny, { k: 3 })).toThrow(/at least 3 customers/);
    expect(segmentCustomers(tiny, { k: 2 }).k).toBe(2);
    expect(() => segmentCustomers(summary, { k: 0 })).toThrow(/k must be/);
    expect(() => segmentCustomers(summary, { value: [1] })).toThrow(/value/);
  });
});

describe('segmentCustomers on CDNOW', () => {
  it('segments the 23,570 CDNOW customers with a sampled silhouette, and the profiles add up', () => {
    const table = loadCdnow('CDNOW_master.txt');
    const summary = summarizeCustomers(table, { asOf: Date.UTC(1998, 5, 30) });
    const s = segmentCustomers(summary);
    expect(s.clustered).toBe(23_570);
    expect(s.silhouetteSampled).toBe(true);
    // Figures quoted in docs/methods/segments.md.
    expect(s.k).toBe(2);
    expect(s.silhouette).toBeCloseTo(0.575, 3);
    expect(s.population).toMatchObject({ medianRecencyDays: 471, medianFrequency: 1 });
    expect(s.profiles.map((p) => [p.name, p.customers])).toEqual([
      ['Lapsed one-time buyers', 17_068],
      ['Recent frequent high spenders', 6_502],
    ]);
    expect(s.profiles[1]!.valueShare).toBeCloseTo(0.723, 3);
    expectProfilesSumUp(s, summary.netRevenue);
    for (const p of s.profiles)
      expect(p.name).toBe(expectedName(p, s.population).concat(p.name.match(/ \(\d+\)$/)?.[0] ?? ''));
  });
});
