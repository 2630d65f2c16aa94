import { describe, expect, it } from 'vitest';
import {
  assignSegments,
  DEFAULT_SEGMENT_MAP,
  RFM_PACKAGE_LEGACY_SEGMENTS,
  RFM_PACKAGE_SEGMENTS,
  rfmHeatmap,
  type SegmentMap,
  scoreRfm,
  validateSegmentMap,
} from '../../src/rfm/index.js';

const cell = (r: number, f: number, m: number) => ({ r, f, m });

describe('the default segment map (rfm package 0.3.0 vignette)', () => {
  const report = validateSegmentMap(DEFAULT_SEGMENT_MAP, 5);

  it('is the package map, well formed', () => {
    expect(DEFAULT_SEGMENT_MAP).toBe(RFM_PACKAGE_SEGMENTS);
    expect(DEFAULT_SEGMENT_MAP.map((s) => s.name)).toEqual([
      'Champions',
      'Potential Loyalist',
      'Loyal Customers',
      'Promising',
      'New Customers',
      "Can't Lose Them",
      'At Risk',
      'Need Attention',
      'About To Sleep',
      'Lost',
    ]);
    expect(report.ok).toBe(true);
    expect(report.cells).toBe(125);
  });

  it('leaves ten cells uncovered', () => {
    // E.g. R2 F1 M5: R = 2 rules out Champions, Potential Loyalist, Promising, New Customers and Lost; F = 1 rules
    // out Loyal Customers (F 2–4), Can't Lose Them (F 3–4), At Risk (F 2–5), Need Attention (F 3–5); M = 5 rules
    // out About To Sleep (M 1–4). R2 F4 M1: M = 1 fails every rule with R 2 except About To Sleep (F 1–3) and
    // Lost (R 1).
    expect(report.complete).toBe(false);
    expect(report.gaps).toEqual([
      cell(2, 1, 5),
      cell(2, 4, 1),
      cell(2, 5, 1),
      cell(2, 5, 2),
      cell(3, 4, 1),
      cell(3, 5, 1),
      cell(4, 4, 1),
      cell(4, 5, 1),
      cell(5, 4, 1),
      cell(5, 5, 1),
    ]);
  });

  it('lists cells claimed by several segments, in map order', () => {
    expect(report.overlaps).toHaveLength(58);
    expect(report.overlaps).toContainEqual({
      ...cell(5, 5, 5),
      segments: ['Champions', 'Potential Loyalist'],
    });
    // R1 F3 M4: Can't Lose Them (R 1–2, F 3–4, M 4–5), At Risk (F 2–5, M 4–5), Need Attention (R 1–3, F 3–5,
    // M 3–5) and Lost (R 1).
    expect(report.overlaps).toContainEqual({
      ...cell(1, 3, 4),
      segments: ["Can't Lose Them", 'At Risk', 'Need Attention', 'Lost'],
    });
  });

  it('the legacy map (package before 0.3.0) leaves 36 cells uncovered', () => {
    const legacy = validateSegmentMap(RFM_PACKAGE_LEGACY_SEGMENTS, 5);
    expect(legacy.ok).toBe(true);
    expect(legacy.gaps).toHaveLength(36);
    expect(legacy.gaps).toContainEqual(cell(1, 1, 3)); // Lost needs M ≤ 2, At Risk F ≥ 2
  });
});

describe('validateSegmentMap', () => {
  it('finds overlaps and gaps of a small map', () => {
    // Two levels: "High" takes R = 2, "Frequent" F = 2. Both claim R2 F2 (M 1 and 2); nobody claims R1 F1.
    const map: SegmentMap = [
      { name: 'High', r: [2, 2], f: [1, 2], m: [1, 2] },
      { name: 'Frequent', r: [1, 2], f: [2, 2], m: [1, 2] },
    ];
    const report = validateSegmentMap(map, 2);
    expect(report.cells).toBe(8);
    expect(report.overlaps).toEqual([
      { ...cell(2, 2, 1), segments: ['High', 'Frequent'] },
      { ...cell(2, 2, 2), segments: ['High', 'Frequent'] },
    ]);
    expect(report.gaps).toEqual([cell(1, 1, 1), cell(1, 1, 2)]);
    expect(report.ok).toBe(true);
  });

  it('reports broken rules', () => {
    const map: SegmentMap = [
      { name: 'A', r: [3, 1], f: [1, 5], m: [1, 5] },
      { name: 'A', r: [1, 5], f: [0, 5], m: [1, 6] },
      { name: ' ', r: [1, 1.5], f: [1, 5], m: [1, 5] },
    ];
    const report = validateSegmentMap(map, 5);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      '"A": R range 3–1 is reversed',
      '"A" is listed more than once',
      '"A": F range 0–5 is outside 1–5',
      '"A": M range 1–6 is outside 1–5',
      'segment 3 has no name',
      'segment 3: R range 1–1.5 is not whole numbers',
    ]);
  });
});

describe('assignSegments', () => {
  // Scores fixed by custom breaks at 2, 3, 4, 5: a value v scores v on F and M; recency days d score 6 − d.
  const breaks = { method: 'breaks', breaks: [2, 3, 4, 5] } as const;
  const rules = { recency: breaks, frequency: breaks, monetary: breaks };
  const scores = scoreRfm(
    {
      ids: ['champ', 'potential', 'gap', 'lost', 'none'],
      // R5 F5 M5 | R4 F4 M4 | R2 F1 M5 | R1 F1 M1 | no purchase
      recencyDays: [1, 2, 4, 5, Number.NaN],
      frequency: [5, 4, 1, 1, 0],
      netRevenue: [5, 4, 5, 1, 0],
    },
    { rules },
  );

  it('takes the first matching segment and falls back to "Others"', () => {
    const a = assignSegments(scores);
    const names = Array.from(a.segment, (s) => (s < 0 ? null : a.names[s]));
    // R4 F4 M4 is claimed by Potential Loyalist and Loyal Customers: the first wins.
    expect(names).toEqual(['Champions', 'Potential Loyalist', 'Others', 'Lost', null]);
    expect(a.unscored).toBe(1);
    expect(a.totals.find((t) => t.name === 'Others')).toEqual({
      name: 'Others',
      customers: 1,
      frequency: 1,
      revenue: 5,
    });
  });

  it('follows an edited map and fallback name', () => {
    const map: SegmentMap = [{ name: 'Recent', r: [4, 5], f: [1, 5], m: [1, 5] }];
    const a = assignSegments(scores, { map, fallback: 'Rest' });
    expect(a.names).toEqual(['Recent', 'Rest']);
    expect(Array.from(a.segment)).toEqual([0, 0, 1, 1, -1]);
  });
});

describe('rfmHeatmap', () => {
  it('aggregates R × F cells with revenue shares summing to 1', () => {
    const breaks = { method: 'breaks', breaks: [2, 3, 4, 5] } as const;
    const scores = scoreRfm(
      {
        ids: ['a', 'b', 'c', 'd', 'e'],
        recencyDays: [1, 1, 5, 5, Number.NaN], // R 5, 5, 1, 1, unscored
        frequency: [5, 5, 1, 1, 3],
        netRevenue: [60, 20, 15, 5, 1000],
      },
      { rules: { recency: breaks, frequency: breaks } },
    );
    const h = rfmHeatmap(scores);
    expect(h.cells).toHaveLength(25);
    expect(h.totalRevenue).toBe(100); // the unscored customer is left out
    const r5f5 = h.cells.find((c) => c.r === 5 && c.f === 5)!;
    expect(r5f5).toMatchObject({ customers: 2, meanMonetary: 40, revenue: 80, revenueShare: 0.8 });
    expect(r5f5.segments).toEqual(['Champions', 'Potential Loyalist']);
    const r1f1 = h.cells.find((c) => c.r === 1 && c.f === 1)!;
    expect(r1f1).toMatchObject({ customers: 2, meanMonetary: 10, revenueShare: 0.2 });
    expect(r1f1.segments).toEqual(['Lost']);
    const empty = h.cells.find((c) => c.r === 3 && c.f === 3)!;
    expect(empty.customers).toBe(0);
    expect(empty.meanMonetary).toBeNaN();
    expect(h.cells.reduce((sum, c) => sum + c.revenueShare, 0)).toBeCloseTo(1, 12);
  });

  it('gives NaN shares when there is no positive revenue', () => {
    const scores = scoreRfm({ ids: ['a'], recencyDays: [1], frequency: [1], netRevenue: [-5] });
    expect(rfmHeatmap(scores).cells.every((c) => Number.isNaN(c.revenueShare))).toBe(true);
  });
});
