import { describe, expect, it } from 'vitest';
import { NO_TIER, TIERS, upgradeCandidates, valuePyramid } from '../../src/index.js';

const tierNames = (tier: Uint8Array) => [...tier].map((t) => (t === NO_TIER ? '-' : TIERS[t]));

describe('valuePyramid', () => {
  // current:   10 20 30 40 50  → median 30;  potential: 5 50 5 50 20 → median 20
  const current = [10, 20, 30, 40, 50];
  const potential = [5, 50, 5, 50, 20];

  it('puts customers in Platinum/Gold/Iron/Lead by strict comparison with the median thresholds', () => {
    const p = valuePyramid({ current, potential });
    expect(p.thresholds).toEqual({ current: 30, potential: 20 });
    // 10/5 lead; 20/50 iron; 30/5 lead (30 is not above 30); 40/50 platinum; 50/20 gold (20 not above 20)
    expect(tierNames(p.tier)).toEqual(['lead', 'iron', 'lead', 'platinum', 'gold']);
    expect(p.tiers.map((t) => t.customers)).toEqual([1, 1, 1, 2]);
    expect(p.tiers[0]).toMatchObject({
      tier: 'platinum',
      currentValue: 40,
      currentShare: 40 / 150,
      potentialShare: 50 / 130,
    });
    expect(p.tiers.reduce((s, t) => s + t.customerShare, 0)).toBeCloseTo(1, 12);
  });

  it('ranks upgrade candidates by the smallest gap into a higher tier', () => {
    const p = valuePyramid({ current, potential });
    // Lead 10/5: +20 current → Gold, +15 potential → Iron: potential wins (15). Lead 30/5: +0 current → Gold.
    expect([...p.gap]).toEqual([15, 10, 0, Number.NaN, 0]);
    expect([...p.target].map((t) => TIERS[t] ?? '-')).toEqual(['iron', 'platinum', 'gold', '-', 'platinum']);
    expect([...p.via]).toEqual([1, 0, 0, 0, 1]);
    expect([...upgradeCandidates(p, 'lead')]).toEqual([2, 0]);
    expect([...upgradeCandidates(p, 'platinum')]).toEqual([]);
  });

  it('takes percentile and absolute thresholds, and leaves out excluded customers', () => {
    const p = valuePyramid(
      { current, potential, include: [1, 1, 1, 1, 0] },
      { current: { kind: 'percentile', p: 0.75 }, potential: { kind: 'absolute', value: 10 } },
    );
    // type-7 75th percentile of 10 20 30 40 = 32.5
    expect(p.thresholds).toEqual({ current: 32.5, potential: 10 });
    expect(tierNames(p.tier)).toEqual(['lead', 'iron', 'lead', 'platinum', '-']);
    expect(p).toMatchObject({ included: 4, excluded: 1 });
  });

  it('treats a median of zero as "positive means high"', () => {
    const p = valuePyramid({ current: [0, 0, 0, 5], potential: [1, 2, 3, 4] });
    expect(p.thresholds.current).toBe(0);
    expect(tierNames(p.tier)).toEqual(['lead', 'lead', 'iron', 'platinum']);
  });

  it('refuses arrays of different lengths', () => {
    expect(() => valuePyramid({ current: [1, 2], potential: [1] })).toThrow(/one entry per customer/);
  });
});
