import { describe, expect, it } from 'vitest';
import { rfm, rfmHeatmap, validateSegmentMap } from '../../src/rfm/index.js';
import { loadCdnow } from '../util/cdnow.js';

describe('RFM on CDNOW_master.txt at 1998-06-30', () => {
  const table = loadCdnow('CDNOW_master.txt');
  const { summary, scores, segments } = rfm(table, { asOf: Date.UTC(1998, 5, 30) });
  const n = summary.length;

  it('scores every customer 1…5', () => {
    expect(scores.scored).toBe(23_570);
    for (const s of [scores.r, scores.f, scores.m]) {
      expect(Math.min(...s)).toBeGreaterThanOrEqual(1);
      expect(Math.max(...s)).toBeLessThanOrEqual(5);
    }
  });

  it('gives equal values equal scores and keeps scores in value order', () => {
    const violations = (values: Float64Array, score: Uint8Array, higherIsBetter: boolean) => {
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
      let bad = 0;
      for (let k = 1; k < n; k++) {
        const [a, b] = [order[k - 1]!, order[k]!];
        const [sa, sb] = [score[a]!, score[b]!];
        if (values[a] === values[b] ? sa !== sb : higherIsBetter ? sa > sb : sa < sb) bad++;
      }
      return bad;
    };
    expect(violations(scores.recencyDays, scores.r, false)).toBe(0);
    expect(violations(scores.frequency, scores.f, true)).toBe(0);
    expect(violations(scores.monetary, scores.m, true)).toBe(0);
  });

  it('leaves frequency levels empty where most customers bought once', () => {
    // More than 40 % of CDNOW customers have one purchase day, so the 20 % and 40 % quantiles are both 1 and
    // their breaks (1 + 1 = 2) coincide: frequency score 2 stays empty.
    const once = scores.frequency.filter((f) => f === 1).length;
    expect(once / n).toBeGreaterThan(0.4);
    expect(scores.scoring.frequency.breaks.slice(0, 2)).toEqual([2, 2]);
    expect(scores.scoring.frequency.levels[1]!.customers).toBe(0);
    expect(scores.scoring.frequency.levels[0]!.customers).toBe(once);
  });

  it('puts every customer in exactly one segment and keeps all revenue', () => {
    expect(segments.totals.reduce((s, t) => s + t.customers, 0)).toBe(n);
    const revenue = summary.netRevenue.reduce((s, v) => s + v, 0);
    expect(segments.totals.reduce((s, t) => s + t.revenue, 0)).toBeCloseTo(revenue, 4);
    expect(validateSegmentMap([], 5).gaps).toHaveLength(125);
  });

  it('has heatmap revenue shares that sum to 1', () => {
    const h = rfmHeatmap(scores);
    expect(h.cells.reduce((s, c) => s + c.revenueShare, 0)).toBeCloseTo(1, 12);
    expect(h.cells.reduce((s, c) => s + c.customers, 0)).toBe(n);
  });
});
