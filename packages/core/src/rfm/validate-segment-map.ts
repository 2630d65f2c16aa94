import { inRange, levelsOf, type ScoreLevels, type SegmentMap } from './segment-map.js';

/** One (R, F, M) score cell. */
export interface ScoreCell {
  readonly r: number;
  readonly f: number;
  readonly m: number;
}

/** A cell that two or more segments claim; the first one in `segments` wins. */
export interface SegmentOverlap extends ScoreCell {
  readonly segments: readonly string[];
}

/** What {@link validateSegmentMap} found. */
export interface SegmentMapReport {
  /** True when there are no `problems` (overlaps and gaps are allowed: first match wins, gaps fall back). */
  readonly ok: boolean;
  /** True when every cell is matched by at least one segment. */
  readonly complete: boolean;
  /** Number of cells, nR·nF·nM. */
  readonly cells: number;
  /** Cells matched by two or more segments, with the segment names in list order. */
  readonly overlaps: readonly SegmentOverlap[];
  /** Cells matched by no segment (their customers get the fallback segment). */
  readonly gaps: readonly ScoreCell[];
  /** Errors in the map itself: empty or duplicate names, ranges that are not whole numbers within 1…n or reversed. */
  readonly problems: readonly string[];
}

/**
 * Checks a segment map against n score levels: every one of the n³ cells is tested against every segment, so
 * the report lists each cell claimed by two or more segments (the first wins) and each cell claimed by none.
 */
export function validateSegmentMap(map: SegmentMap, levels: ScoreLevels): SegmentMapReport {
  const n = levelsOf(levels);
  const problems: string[] = [];
  for (const dim of ['r', 'f', 'm'] as const) {
    if (!Number.isInteger(n[dim]) || n[dim] < 1) problems.push(`${dim} must have at least one score level`);
  }
  const seen = new Set<string>();
  map.forEach((seg, i) => {
    const label = seg.name.trim() === '' ? `segment ${i + 1}` : `"${seg.name}"`;
    if (seg.name.trim() === '') problems.push(`segment ${i + 1} has no name`);
    else if (seen.has(seg.name)) problems.push(`${label} is listed more than once`);
    seen.add(seg.name);
    for (const dim of ['r', 'f', 'm'] as const) {
      const [min, max] = seg[dim];
      const name = dim.toUpperCase();
      if (!Number.isInteger(min) || !Number.isInteger(max)) {
        problems.push(`${label}: ${name} range ${min}–${max} is not whole numbers`);
      } else if (min > max) {
        problems.push(`${label}: ${name} range ${min}–${max} is reversed`);
      } else if (min < 1 || max > n[dim]) {
        problems.push(`${label}: ${name} range ${min}–${max} is outside 1–${n[dim]}`);
      }
    }
  });

  const overlaps: SegmentOverlap[] = [];
  const gaps: ScoreCell[] = [];
  for (let r = 1; r <= n.r; r++) {
    for (let f = 1; f <= n.f; f++) {
      for (let m = 1; m <= n.m; m++) {
        const names = map
          .filter((seg) => inRange(r, seg.r) && inRange(f, seg.f) && inRange(m, seg.m))
          .map((seg) => seg.name);
        if (names.length === 0) gaps.push({ r, f, m });
        else if (names.length > 1) overlaps.push({ r, f, m, segments: names });
      }
    }
  }
  return {
    ok: problems.length === 0,
    complete: gaps.length === 0,
    cells: Math.max(0, n.r * n.f * n.m),
    overlaps,
    gaps,
    problems,
  };
}
