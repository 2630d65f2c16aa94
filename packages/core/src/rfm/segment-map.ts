/** An inclusive score range `[min, max]`. */
export type ScoreRange = readonly [min: number, max: number];

/** One named segment: the customers whose R, F and M scores all lie in the ranges. */
export interface SegmentRule {
  readonly name: string;
  readonly r: ScoreRange;
  readonly f: ScoreRange;
  readonly m: ScoreRange;
}

/**
 * An ordered, editable list of segments. A customer belongs to the first segment (in list order) whose ranges
 * hold all three scores, as in the rfm package's `rfm_segment()`; customers matched by none get the fallback.
 */
export type SegmentMap = readonly SegmentRule[];

/** Fallback segment of the rfm package's `rfm_segment()` for customers no rule matches. */
export const DEFAULT_FALLBACK_SEGMENT = 'Others';

const rule = (name: string, r: ScoreRange, f: ScoreRange, m: ScoreRange): SegmentRule => ({ name, r, f, m });

/**
 * The ten segments of the R rfm package 0.3.0 (rsquaredacademy/rfm: vignettes/rfm-introduction.Rmd, README.Rmd
 * and the `rfm_segment()` examples in R/rfm-segment.R), in the package's order, for 1…5 scores. Names are the
 * package's ("About To Sleep"). First match wins; 58 of the 125 cells match more than one rule and 10 cells
 * match none and fall back to "Others": R/F/M = 2/1/5, 2/4/1, 2/5/1, 2/5/2, 3/4/1, 3/5/1, 4/4/1, 4/5/1, 5/4/1,
 * 5/5/1 (frequent buyers with the lowest spend, and one rare big spender).
 */
export const RFM_PACKAGE_SEGMENTS: SegmentMap = [
  rule('Champions', [5, 5], [5, 5], [5, 5]),
  rule('Potential Loyalist', [3, 5], [3, 5], [2, 5]),
  rule('Loyal Customers', [2, 4], [2, 4], [2, 4]),
  rule('Promising', [3, 4], [1, 3], [3, 5]),
  rule('New Customers', [4, 5], [1, 3], [1, 5]),
  rule("Can't Lose Them", [1, 2], [3, 4], [4, 5]),
  rule('At Risk', [1, 2], [2, 5], [4, 5]),
  rule('Need Attention', [1, 3], [3, 5], [3, 5]),
  rule('About To Sleep', [2, 3], [1, 3], [1, 4]),
  rule('Lost', [1, 1], [1, 5], [1, 5]),
];

/**
 * The earlier ten segments of the rfm package (its vignettes before 0.3.0, still used by
 * tests/testthat/test-rfm-segment.R). Leaves 36 of the 125 cells to the fallback.
 */
export const RFM_PACKAGE_LEGACY_SEGMENTS: SegmentMap = [
  rule('Champions', [4, 5], [4, 5], [4, 5]),
  rule('Loyal Customers', [2, 5], [3, 5], [3, 5]),
  rule('Potential Loyalist', [3, 5], [1, 3], [1, 3]),
  rule('New Customers', [4, 5], [1, 1], [1, 1]),
  rule('Promising', [3, 4], [1, 1], [1, 1]),
  rule('Need Attention', [2, 3], [2, 3], [2, 3]),
  rule('About To Sleep', [2, 3], [1, 2], [1, 2]),
  rule('At Risk', [1, 2], [2, 5], [2, 5]),
  rule("Can't Lose Them", [1, 1], [4, 5], [4, 5]),
  rule('Lost', [1, 2], [1, 2], [1, 2]),
];

/** The default segment map: {@link RFM_PACKAGE_SEGMENTS}. */
export const DEFAULT_SEGMENT_MAP: SegmentMap = RFM_PACKAGE_SEGMENTS;

/** Score levels per dimension; a number means the same for R, F and M. */
export type ScoreLevels = number | { readonly r: number; readonly f: number; readonly m: number };

/** Normalises {@link ScoreLevels}. */
export function levelsOf(levels: ScoreLevels): { r: number; f: number; m: number } {
  return typeof levels === 'number' ? { r: levels, f: levels, m: levels } : { ...levels };
}

/** Whether a score lies in an inclusive range. */
export function inRange(score: number, range: ScoreRange): boolean {
  return score >= range[0] && score <= range[1];
}

/**
 * The first matching segment of every (R, F, M) cell, as a flat table indexed `((r−1)·nF + (f−1))·nM + (m−1)`;
 * `map.length` marks a cell no rule matches.
 */
export function segmentLookup(map: SegmentMap, levels: ScoreLevels): Int32Array {
  const { r: nR, f: nF, m: nM } = levelsOf(levels);
  const table = new Int32Array(nR * nF * nM).fill(map.length);
  for (let r = 1; r <= nR; r++) {
    for (let f = 1; f <= nF; f++) {
      for (let m = 1; m <= nM; m++) {
        const s = map.findIndex((seg) => inRange(r, seg.r) && inRange(f, seg.f) && inRange(m, seg.m));
        if (s >= 0) table[((r - 1) * nF + (f - 1)) * nM + (m - 1)] = s;
      }
    }
  }
  return table;
}
