import { describe, expect, it } from 'vitest';
import { concentrationCurve, gini, paretoStatement, percent } from '../../src/abc/index.js';

describe('gini', () => {
  it('is 0 for equal values and 1 − 1/N when one customer has everything', () => {
    // Σᵢ Σⱼ |xᵢ − xⱼ| / (2 N² x̄), no N/(N − 1) factor: [0, 0, 0, 1] → 6 / (2 · 16 · 0.25) = 0.75.
    expect(gini([1, 1, 1, 1])).toBe(0);
    expect(gini([0, 0, 0, 1])).toBeCloseTo(0.75, 15);
  });

  it('matches hand and closed-form values', () => {
    // [1, 2, 3, 4]: pairwise |differences| sum to 20 over ordered pairs; 20 / (2 · 16 · 2.5) = 0.25.
    expect(gini([4, 1, 3, 2])).toBeCloseTo(0.25, 15);
    // x = 1…N has G = (N − 1) / (3N): 999 / 3000 for N = 1000.
    expect(gini(Array.from({ length: 1000 }, (_, i) => i + 1))).toBeCloseTo(999 / 3000, 12);
  });

  it('is 1/2 for the exponential distribution and 1/(2α − 1) for Pareto(α)', () => {
    const n = 200_000;
    const u = (i: number) => (i + 0.5) / n; // evenly spaced quantile levels
    const exponential = Array.from({ length: n }, (_, i) => -Math.log(1 - u(i)));
    expect(gini(exponential)).toBeCloseTo(0.5, 3);
    const pareto3 = Array.from({ length: n }, (_, i) => (1 - u(i)) ** (-1 / 3));
    expect(gini(pareto3)).toBeCloseTo(1 / 5, 3);
  });

  it('counts negative values as 0 and is undefined without positive value', () => {
    expect(gini([-5, 0, 0, 1])).toBeCloseTo(0.75, 15);
    expect(gini([0, 0, -1])).toBeNaN();
    expect(gini([])).toBeNaN();
  });
});

describe('concentrationCurve', () => {
  it('gives every point for small inputs, from (0, 0) to (1, 1)', () => {
    const c = concentrationCurve([5, 50, 15, 30]);
    expect(c.points.map((p) => [p.customerShare, p.valueShare])).toEqual([
      [0, 0],
      [0.25, 0.5],
      [0.5, 0.8],
      [0.75, 0.95],
      [1, 1],
    ]);
  });

  it('samples large inputs to at most maxPoints exact points, keeping the endpoints', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => i + 1);
    const total = (10_000 * 10_001) / 2;
    const c = concentrationCurve(values);
    expect(c.points.length).toBeLessThanOrEqual(200);
    expect(c.points[0]).toEqual({ customers: 0, customerShare: 0, valueShare: 0 });
    expect(c.points.at(-1)).toEqual({ customers: 10_000, customerShare: 1, valueShare: 1 });
    for (const p of c.points) {
      // Top k of 1…10000 sum to k·10000 − k(k − 1)/2.
      const k = p.customers;
      expect(p.valueShare).toBeCloseTo((k * 10_000 - (k * (k - 1)) / 2) / total, 12);
    }
  });

  it('relates to the Gini coefficient: G = 2 · area under the curve − 1', () => {
    const values = [3, 0, 12, 7, 7, 1, 40, -2, 5, 9];
    const { points } = concentrationCurve(values, { maxPoints: 1000 });
    let area = 0;
    for (let k = 1; k < points.length; k++) {
      const [a, b] = [points[k - 1]!, points[k]!];
      area += ((b.customerShare - a.customerShare) * (a.valueShare + b.valueShare)) / 2;
    }
    expect(2 * area - 1).toBeCloseTo(gini(values), 12);
  });

  it('is empty without positive value', () => {
    expect(concentrationCurve([0, -3]).points).toEqual([]);
  });
});

describe('paretoStatement', () => {
  it('states the value share of the top customers', () => {
    const s = paretoStatement([5, 50, 15, 30], 0.25);
    expect(s).toEqual({
      topCustomerShare: 0.25,
      valueShare: 0.5,
      customers: 1,
      sentence: 'The top 25% of customers bring 50% of the value.',
    });
  });

  it('interpolates within the next customer for fractional counts', () => {
    // Top 30 % of 4 customers = 1.2 customers: 50 + 0.2 · 30 = 56 of 100.
    expect(paretoStatement([5, 50, 15, 30], 0.3).valueShare).toBeCloseTo(0.56, 15);
    expect(paretoStatement([5, 50, 15, 30], 1).valueShare).toBe(1);
    expect(paretoStatement([5, 50, 15, 30], 0).valueShare).toBe(0);
  });

  it('says so when there is no positive value', () => {
    const s = paretoStatement([0, -1]);
    expect(s.valueShare).toBeNaN();
    expect(s.sentence).toMatch(/no customer has a positive value/i);
  });

  it('formats percentages with one decimal, never rounding a part to 0 % or 100 %', () => {
    expect([0.8024, 0.2, 0.9996, 0.0004, 1, 0].map(percent)).toEqual([
      '80.2%',
      '20%',
      '99.9%',
      '0.1%',
      '100%',
      '0%',
    ]);
  });
});
