import { forChunks, runWork, type Work } from '../util/work.js';
import {
  DEFAULT_FALLBACK_SEGMENT,
  DEFAULT_SEGMENT_MAP,
  type SegmentMap,
  segmentLookup,
} from './segment-map.js';
import type { RfmScores } from './types.js';

/** Options of {@link assignSegments}. */
export interface AssignSegmentsOptions {
  /** Segments in priority order (default {@link DEFAULT_SEGMENT_MAP}). */
  readonly map?: SegmentMap;
  /** Name for customers no segment matches (default "Others", as in the rfm package). */
  readonly fallback?: string;
}

/** Totals of one segment. */
export interface SegmentTotals {
  readonly name: string;
  readonly customers: number;
  /** Sum of the customers' purchase occasions. */
  readonly frequency: number;
  /** Sum of the customers' net revenue. */
  readonly revenue: number;
}

/** Each customer's segment. */
export interface SegmentAssignment {
  /** Segment names: the map's in order, then the fallback (index `map.length`). */
  readonly names: readonly string[];
  /** Per customer: index into `names`, or −1 for a customer without scores (no purchase). */
  readonly segment: Int32Array;
  /** Per name in `names`: customers, occasions and revenue (like the rfm package's `rfm_segment_summary()`). */
  readonly totals: readonly SegmentTotals[];
  /** Customers without scores, in no segment. */
  readonly unscored: number;
}

/**
 * Puts every scored customer in the first segment (in map order) whose R, F and M ranges hold their scores,
 * like the rfm package's `rfm_segment()`; customers matched by none get the fallback. Customers without a
 * purchase keep segment −1 and are counted in `unscored`.
 */
export function assignSegments(scores: RfmScores, options: AssignSegmentsOptions = {}): SegmentAssignment {
  return runWork(assignSegmentsSteps(scores, options));
}

/** Nominal cost per customer. */
const CUSTOMER_COST = 15;

/**
 * {@link assignSegments} as cooperative work: yields the work done since its previous yield (nominal nanoseconds,
 * see `Work`) after every chunk of customers, and returns the same assignment.
 */
export function* assignSegmentsSteps(
  scores: RfmScores,
  options: AssignSegmentsOptions = {},
): Work<SegmentAssignment> {
  const map = options.map ?? DEFAULT_SEGMENT_MAP;
  const fallback = options.fallback ?? DEFAULT_FALLBACK_SEGMENT;
  const nR = scores.scoring.recency.n;
  const nF = scores.scoring.frequency.n;
  const nM = scores.scoring.monetary.n;
  const lookup = segmentLookup(map, { r: nR, f: nF, m: nM });
  const names = [...map.map((s) => s.name), fallback];
  const state: Assignment = {
    scores,
    lookup,
    nF,
    nM,
    customers: new Int32Array(names.length),
    frequency: new Float64Array(names.length),
    revenue: new Float64Array(names.length),
    segment: new Int32Array(scores.length).fill(-1),
    unscored: 0,
  };
  yield* forChunks(scores.length, CUSTOMER_COST, assignRange, state);
  const { customers, frequency, revenue, segment, unscored } = state;
  const totals = names.map((name, s) => ({
    name,
    customers: customers[s]!,
    frequency: frequency[s]!,
    revenue: revenue[s]!,
  }));
  return { names, segment, totals, unscored };
}

interface Assignment {
  readonly scores: RfmScores;
  readonly lookup: Int32Array;
  readonly nF: number;
  readonly nM: number;
  readonly customers: Int32Array;
  readonly frequency: Float64Array;
  readonly revenue: Float64Array;
  readonly segment: Int32Array;
  unscored: number;
}

function assignRange(state: Assignment, from: number, to: number): void {
  const { scores, lookup, nF, nM, customers, frequency, revenue, segment } = state;
  let unscored = state.unscored;
  for (let c = from; c < to; c++) {
    const r = scores.r[c]!;
    if (r === 0) {
      unscored++;
      continue;
    }
    const s = lookup[((r - 1) * nF + (scores.f[c]! - 1)) * nM + (scores.m[c]! - 1)]!;
    segment[c] = s;
    customers[s]!++;
    frequency[s]! += scores.frequency[c]!;
    revenue[s]! += scores.netRevenue[c]!;
  }
  state.unscored = unscored;
}
