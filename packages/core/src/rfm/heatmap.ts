import { DEFAULT_SEGMENT_MAP, inRange, type SegmentMap } from './segment-map.js';
import type { RfmScores } from './types.js';

/** One (R score, F score) cell of the heatmap. */
export interface HeatmapCell {
  readonly r: number;
  readonly f: number;
  /** Scored customers in the cell. */
  readonly customers: number;
  /** Mean of their monetary values (as scored: total or mean spend); NaN for an empty cell. */
  readonly meanMonetary: number;
  /** Sum of their net revenue. */
  readonly revenue: number;
  /** `revenue` / total net revenue of all scored customers; NaN when that total is not positive. */
  readonly revenueShare: number;
  /** Segments whose R and F ranges include the cell (for some M score), in map order. */
  readonly segments: readonly string[];
}

/** The R × F heatmap aggregate. */
export interface RfmHeatmap {
  /** Recency and frequency score levels. */
  readonly nR: number;
  readonly nF: number;
  /** Total net revenue of the scored customers. */
  readonly totalRevenue: number;
  /** All nR·nF cells, R ascending then F ascending (empty cells included). */
  readonly cells: readonly HeatmapCell[];
}

/**
 * Aggregates scored customers by (R score, F score): customer count, mean monetary value (the rfm package's
 * `rfm_heatmap_data()` shows the same mean), revenue and its share, which sums to 1 over the cells whenever
 * the total revenue is positive. Unscored customers are left out.
 */
export function rfmHeatmap(scores: RfmScores, options: { readonly map?: SegmentMap } = {}): RfmHeatmap {
  const map = options.map ?? DEFAULT_SEGMENT_MAP;
  const nR = scores.scoring.recency.n;
  const nF = scores.scoring.frequency.n;
  const customers = new Int32Array(nR * nF);
  const monetary = new Float64Array(nR * nF);
  const revenue = new Float64Array(nR * nF);
  let totalRevenue = 0;
  for (let c = 0; c < scores.length; c++) {
    const r = scores.r[c]!;
    if (r === 0) continue;
    const cell = (r - 1) * nF + (scores.f[c]! - 1);
    customers[cell]!++;
    monetary[cell]! += scores.monetary[c]!;
    revenue[cell]! += scores.netRevenue[c]!;
    totalRevenue += scores.netRevenue[c]!;
  }
  const cells: HeatmapCell[] = [];
  for (let r = 1; r <= nR; r++) {
    for (let f = 1; f <= nF; f++) {
      const k = (r - 1) * nF + (f - 1);
      const count = customers[k]!;
      cells.push({
        r,
        f,
        customers: count,
        meanMonetary: count > 0 ? monetary[k]! / count : Number.NaN,
        revenue: revenue[k]!,
        revenueShare: totalRevenue > 0 ? revenue[k]! / totalRevenue : Number.NaN,
        segments: map.filter((seg) => inRange(r, seg.r) && inRange(f, seg.f)).map((seg) => seg.name),
      });
    }
  }
  return { nR, nF, totalRevenue, cells };
}
