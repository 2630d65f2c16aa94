import { describe, expect, it } from 'vitest';
import { abcClassify, concentrationCurve, gini, paretoStatement } from '../../src/abc/index.js';
import { summarizeCustomers } from '../../src/summary/index.js';
import { loadCdnow } from '../util/cdnow.js';

describe('ABC / Pareto on CDNOW_master.txt (revenue 1997-01 … 1998-06)', () => {
  const table = loadCdnow('CDNOW_master.txt');
  const summary = summarizeCustomers(table, { asOf: Date.UTC(1998, 5, 30) });
  const revenue = summary.netRevenue;
  // Independent figures: a plain descending sort and running sum.
  const sorted = Array.from(revenue).sort((a, b) => b - a);
  const total = sorted.reduce((s, v) => s + v, 0);
  const topShare = (k: number) => sorted.slice(0, k).reduce((s, v) => s + v, 0) / total;

  it('states what the top 20 % of customers bring', () => {
    const s = paretoStatement(revenue, 0.2);
    expect(s.customers).toBeCloseTo(4714, 9); // 20 % of 23,570
    expect(s.valueShare).toBeCloseTo(topShare(4714), 12);
    // The classic finding holds roughly: more than half of the revenue, less than nine tenths.
    expect(s.valueShare).toBeGreaterThan(0.5);
    expect(s.valueShare).toBeLessThan(0.9);
    expect(s.sentence).toMatch(/^The top 20% of customers bring \d+(\.\d)?% of the value\.$/);
  });

  it('ends class A with the customer who crosses 80 % of revenue', () => {
    const abc = abcClassify(revenue, { ids: summary.ids });
    const a = abc.classes[0]!.customers;
    expect(topShare(a)).toBeGreaterThanOrEqual(0.8);
    expect(topShare(a - 1)).toBeLessThan(0.8);
    const ab = a + abc.classes[1]!.customers;
    expect(topShare(ab)).toBeGreaterThanOrEqual(0.95);
    expect(topShare(ab - 1)).toBeLessThan(0.95);
    expect(abc.classes.reduce((s, c) => s + c.customers, 0)).toBe(23_570);
    expect(abc.totalValue).toBeCloseTo(total, 4);
  });

  it('draws a ≤ 200-point curve through (0, 0) and (1, 1)', () => {
    const { points } = concentrationCurve(revenue);
    expect(points.length).toBeLessThanOrEqual(200);
    expect(points[0]).toMatchObject({ customerShare: 0, valueShare: 0 });
    expect(points.at(-1)).toMatchObject({ customerShare: 1, valueShare: 1 });
    for (const p of points.filter((_, i) => i % 20 === 0)) {
      expect(p.valueShare).toBeCloseTo(topShare(p.customers), 12);
    }
  });

  it('computes the Gini coefficient exactly (checked against the pairwise definition on a subsample)', () => {
    const g = gini(revenue);
    expect(g).toBeGreaterThan(0.4);
    expect(g).toBeLessThan(0.9);
    const sample = Array.from(revenue).filter((_, i) => i % 16 === 0); // 1,474 customers
    let pairs = 0;
    let sum = 0;
    for (const x of sample) {
      sum += x;
      for (const y of sample) pairs += Math.abs(x - y);
    }
    expect(gini(sample)).toBeCloseTo(pairs / (2 * sample.length * sum), 12);
  });
});
