// Sample chart rows for the chart embedding's browser tests and CSP page. Not shipped in the public API.
import type { PyramidRow, QuadrantCustomerRow, RfmCellRow, Tier } from '@crm-lens/charts';

const TIER_ROWS: [Tier, string, number, number][] = [
  ['platinum', 'Platinum', 40, 0.45],
  ['gold', 'Gold', 150, 0.32],
  ['iron', 'Iron', 200, 0.15],
  ['lead', 'Lead', 610, 0.08],
];

/** The four pyramid rows, `selected` marking one tier. */
export function pyramidRows(selected?: Tier): PyramidRow[] {
  return TIER_ROWS.map(([tier, label, customers, share]) => ({
    tier,
    label,
    customers,
    customerShare: customers / 1000,
    currentValue: share * 100_000,
    currentShare: share,
    potentialValue: share * 120_000,
    potentialShare: share,
    selected: tier === selected,
    countText: `${customers} customers`,
    shareText: `${Math.round(share * 100)}% of value`,
    tooltip: `${label}\n${customers} customers`,
  }));
}

/** `n` quadrant points on a deterministic spiral. */
export function quadrantRows(n: number): QuadrantCustomerRow[] {
  return Array.from({ length: n }, (_, i) => {
    const current = Math.round(10 ** ((i % 37) / 9));
    const potential = Math.round(10 ** ((i % 23) / 6));
    const tier: Tier =
      current > 100 ? (potential > 100 ? 'platinum' : 'gold') : potential > 100 ? 'iron' : 'lead';
    return { id: `c${i}`, name: `Customer ${i}`, current, potential, tier, tierLabel: tier };
  });
}

/** A 5 × 5 RFM grid whose value grows with R and F. */
export function rfmCells(): RfmCellRow[] {
  const cells: RfmCellRow[] = [];
  for (let r = 1; r <= 5; r++) {
    for (let f = 1; f <= 5; f++) {
      const value = r * 10 + f;
      cells.push({ r, f, customers: value, value, valueText: String(value), segmentNames: '' });
    }
  }
  return cells;
}
