import { describe, expect, it } from 'vitest';
import { type RfmScoreInput, scoreRfm } from '../../src/rfm/index.js';

/** An RfmScoreInput from plain arrays; ids default to c0, c1, … */
function input(
  recencyDays: number[],
  frequency: number[],
  netRevenue: number[],
  ids?: string[],
): RfmScoreInput {
  return { ids: ids ?? recencyDays.map((_, i) => `c${i}`), recencyDays, frequency, netRevenue };
}

describe('scoreRfm, rfm-package rule', () => {
  // Ten customers with the same numbers as recency days, frequency and revenue: 1, 1, 1, 1, 1, 1, 2, 2, 3, 5.
  // index = 1 + 9p: p = 0.2 → 2.8 (x₂ = x₃ = 1) → break 2; p = 0.4 → 4.6 (x₄ = x₅ = 1) → 2;
  // p = 0.6 → 6.4 → 0.6·1 + 0.4·2 = 1.4 → 2.4; p = 0.8 → 8.2 → 0.8·2 + 0.2·3 = 2.2 → 3.2.
  // Breaks 2, 2, 2.4, 3.2: level = 1 + breaks ≤ x, so 1 → 1, 2 → 3 (level 2 stays empty), 3 → 4, 5 → 5.
  const x = [1, 1, 1, 1, 1, 1, 2, 2, 3, 5];
  const s = scoreRfm(input(x, x, x));

  it('computes R-type-7 breaks plus one', () => {
    const b = s.scoring.frequency.breaks;
    expect(b[0]).toBe(2);
    expect(b[1]).toBe(2);
    expect(b[2]).toBeCloseTo(2.4, 12);
    expect(b[3]).toBeCloseTo(3.2, 12);
  });

  it('gives equal values equal scores and leaves the level between duplicate breaks empty', () => {
    expect(Array.from(s.f)).toEqual([1, 1, 1, 1, 1, 1, 3, 3, 4, 5]);
    expect(Array.from(s.m)).toEqual([1, 1, 1, 1, 1, 1, 3, 3, 4, 5]);
    expect(s.scoring.frequency.levels.map((l) => l.customers)).toEqual([6, 0, 2, 1, 1]);
    expect(s.scoring.frequency.levels[1]!.min).toBeNaN();
    expect(s.scoring.frequency.levels[2]).toEqual({ score: 3, customers: 2, min: 2, max: 2 });
  });

  it('scores recency the other way round: fewest days = highest score', () => {
    expect(Array.from(s.r)).toEqual([5, 5, 5, 5, 5, 5, 3, 3, 2, 1]);
  });

  it('does not depend on the order of the customers', () => {
    const order = [9, 3, 7, 0, 8, 1, 6, 2, 5, 4];
    const y = order.map((i) => x[i]!);
    const t = scoreRfm(input(y, y, y));
    expect(Array.from(t.f)).toEqual(order.map((i) => s.f[i]));
  });
});

describe('scoreRfm, ntile rule', () => {
  it('makes equal-count levels, larger levels first', () => {
    // 10 customers, n = 3: level = floor(3k / 10) + 1 for k = 0…9 → sizes 4, 3, 3.
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const s = scoreRfm(input(v, v, v), { rule: { method: 'ntile', n: 3 } });
    expect(Array.from(s.f)).toEqual([1, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect(Array.from(s.r)).toEqual([3, 3, 3, 3, 2, 2, 2, 1, 1, 1]);
  });

  it('breaks ties by customer id, not by position', () => {
    // Five equal values; ids in reverse order, so id order (a, b, c, d, e) is codes 4, 3, 2, 1, 0.
    const v = [7, 7, 7, 7, 7];
    const s = scoreRfm(input(v, v, v, ['e', 'd', 'c', 'b', 'a']), { rule: { method: 'ntile', n: 5 } });
    expect(Array.from(s.f)).toEqual([5, 4, 3, 2, 1]);
    expect(Array.from(s.r)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('scoreRfm, custom breaks', () => {
  it('uses intervals closed on the left, n = breaks + 1', () => {
    const s = scoreRfm(input([0, 29, 30, 89, 90, 400], [1, 2, 4, 5, 9, 1], [0, 0, 0, 0, 0, 0]), {
      rules: {
        recency: { method: 'breaks', breaks: [30, 90] },
        frequency: { method: 'breaks', breaks: [2, 5] },
      },
    });
    expect(Array.from(s.r)).toEqual([3, 3, 2, 2, 1, 1]);
    expect(Array.from(s.f)).toEqual([1, 2, 2, 3, 3, 1]);
    expect(s.scoring.recency.n).toBe(3);
    expect(s.scoring.monetary.n).toBe(5); // the default rule still applies to M
  });

  it('rejects unsorted or non-finite breaks and bad n', () => {
    const i = input([1], [1], [1]);
    expect(() => scoreRfm(i, { rule: { method: 'breaks', breaks: [5, 2] } })).toThrow(RangeError);
    expect(() => scoreRfm(i, { rule: { method: 'breaks', breaks: [1, Number.NaN] } })).toThrow(RangeError);
    expect(() => scoreRfm(i, { rule: { method: 'rfm-package', n: 0 } })).toThrow(RangeError);
    expect(() => scoreRfm(i, { rule: { method: 'ntile', n: 2.5 } })).toThrow(RangeError);
  });
});

describe('scoreRfm, customers and monetary value', () => {
  it('leaves customers without purchase unscored and out of the breaks', () => {
    // c3 has no purchase (NaN recency) and a huge frequency that must not move the breaks.
    const s = scoreRfm(input([1, 2, 3, Number.NaN], [1, 2, 3, 1000], [10, 20, 30, 0]), {
      rule: { method: 'rfm-package', n: 3 },
    });
    expect(s.scored).toBe(3);
    expect(s.unscored).toBe(1);
    expect([s.r[3], s.f[3], s.m[3]]).toEqual([0, 0, 0]);
    // 1, 2, 3 with n = 3: index = 1 + 2p → 1.6667 → 1.6667 and 2.3333 → 2.3333, breaks 2.6667 and 3.3333.
    expect(Array.from(s.f.subarray(0, 3))).toEqual([1, 1, 2]);
    expect(s.scoring.frequency.breaks[0]).toBeCloseTo(8 / 3, 12);
  });

  it('scores mean spend per occasion on request (0 without occasions)', () => {
    const s = scoreRfm(input([1, 1, 1], [4, 1, 0], [100, 50, 0]), { monetary: 'mean' });
    expect(Array.from(s.monetary)).toEqual([25, 50, 0]);
    expect(Array.from(s.netRevenue)).toEqual([100, 50, 0]);
    expect(s.monetaryMeasure).toBe('mean');
  });
});
