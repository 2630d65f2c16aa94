import type {
  PyramidRow,
  QuadrantCustomerRow,
  QuadrantLabelRow,
  QuadrantThresholdRow,
  RfmCellRow,
  RfmSegmentRow,
  Tier,
} from '../../src/index.js';

const tier = (
  t: PyramidRow['tier'],
  label: string,
  customers: number,
  currentShare: number,
  selected = false,
): PyramidRow => ({
  tier: t,
  label,
  customers,
  customerShare: customers / 1000,
  currentValue: currentShare * 100_000,
  currentShare,
  potentialValue: currentShare * 150_000,
  potentialShare: currentShare,
  selected,
  countText: `${customers} customers`,
  shareText: `${Math.round(currentShare * 100)}% of value`,
  tooltip: `${label}: ${customers} customers`,
});

/** The four tiers, deliberately not in pyramid order (the spec orders them). */
export function pyramidRows(selectedTier?: PyramidRow['tier']): PyramidRow[] {
  return [
    tier('lead', 'Lead', 610, 0.08, selectedTier === 'lead'),
    tier('gold', 'Gold', 150, 0.32, selectedTier === 'gold'),
    tier('platinum', 'Platinum', 40, 0.45, selectedTier === 'platinum'),
    tier('iron', 'Iron', 200, 0.15, selectedTier === 'iron'),
  ];
}

/** A deterministic generator (mulberry32), so sample data is the same on every run. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const THRESHOLDS: QuadrantThresholdRow = { current: 500, potential: 800 };

export const QUADRANT_LABELS: QuadrantLabelRow[] = [
  { tier: 'platinum', label: 'Platinum' },
  { tier: 'gold', label: 'Gold' },
  { tier: 'iron', label: 'Iron' },
  { tier: 'lead', label: 'Lead' },
];

/** `n` customers with heavy-tailed values (some zero), tiered by `THRESHOLDS`. */
export function quadrantRows(n: number, seed = 1): QuadrantCustomerRow[] {
  const next = random(seed);
  const rows: QuadrantCustomerRow[] = [];
  for (let i = 0; i < n; i++) {
    const current = next() < 0.1 ? 0 : Math.round(Math.exp(next() * 9));
    const potential = Math.round(Math.exp(next() * 9.5));
    const high = (value: number, threshold: number) => value > threshold;
    const tier: Tier = high(current, THRESHOLDS.current)
      ? high(potential, THRESHOLDS.potential)
        ? 'platinum'
        : 'gold'
      : high(potential, THRESHOLDS.potential)
        ? 'iron'
        : 'lead';
    rows.push({ id: `c${i}`, name: `Customer ${i}`, current, potential, tier, tierLabel: tier });
  }
  return rows;
}

/** A full 5 × 5 grid whose value grows with R and F (so the fill order is known). */
export function rfmCells(): RfmCellRow[] {
  const cells: RfmCellRow[] = [];
  for (let r = 1; r <= 5; r++) {
    for (let f = 1; f <= 5; f++) {
      const value = r * 10 + f;
      cells.push({
        r,
        f,
        customers: value * 3,
        value,
        valueText: String(value),
        segmentNames: r >= 4 && f >= 4 ? 'Champions' : '',
        tooltip: `R ${r} · F ${f}: ${value}`,
      });
    }
  }
  return cells;
}

export const RFM_SEGMENTS: RfmSegmentRow[] = [
  { name: 'Champions', rMin: 4, rMax: 5, fMin: 4, fMax: 5 },
  { name: 'Hibernating', rMin: 1, rMax: 2, fMin: 1, fMax: 2 },
];
