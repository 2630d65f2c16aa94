import { quantileType7 } from '../rfm/quantile.js';
import { sortFloat64Work } from '../util/sort-work.js';
import { forChunks, runWork, type Work } from '../util/work.js';
import type { SegmentFeatures } from './features.js';

/** Recency of a segment against the population: its median recency ≤ the population's median, or above. */
export type RecencyTrait = 'recent' | 'lapsed';
/**
 * Purchase frequency of a segment: `'none'` (median below 1: no purchase in the window), `'one-time'` (median
 * below 2), else `'frequent'` (median above the population's median) or `'occasional'`.
 */
export type FrequencyTrait = 'none' | 'one-time' | 'occasional' | 'frequent';
/** Spend of a segment: its median monetary value above the population's median, or not. */
export type SpendTrait = 'high' | 'low';

/** Where a segment stands against the population, the basis of its name (codes, for translations). */
export interface SegmentTraits {
  readonly recency: RecencyTrait;
  readonly frequency: FrequencyTrait;
  readonly spend: SpendTrait;
}

/** Median recency (days), frequency (occasions) and monetary value of a group of customers. */
export interface SegmentMedians {
  readonly medianRecencyDays: number;
  readonly medianFrequency: number;
  readonly medianMonetary: number;
}

/**
 * The traits of a segment from its medians and the population's (all clustered customers):
 * - recency: `'recent'` when the segment's median recency in days is ≤ the population's, else `'lapsed'`;
 * - frequency: `'none'` when the segment's median frequency is below 1, `'one-time'` when below 2, otherwise
 *   `'frequent'` when above the population's median frequency, else `'occasional'`;
 * - spend: `'high'` when the segment's median monetary value is above the population's, else `'low'`.
 */
export function segmentTraits(segment: SegmentMedians, population: SegmentMedians): SegmentTraits {
  const recency: RecencyTrait =
    segment.medianRecencyDays <= population.medianRecencyDays ? 'recent' : 'lapsed';
  const f = segment.medianFrequency;
  const frequency: FrequencyTrait =
    f < 1 ? 'none' : f < 2 ? 'one-time' : f > population.medianFrequency ? 'frequent' : 'occasional';
  const spend: SpendTrait = segment.medianMonetary > population.medianMonetary ? 'high' : 'low';
  return { recency, frequency, spend };
}

const RECENCY_WORDS: Readonly<Record<RecencyTrait, string>> = { recent: 'Recent', lapsed: 'Lapsed' };

/**
 * The plain English name of a segment: "<Recent|Lapsed> <frequent|occasional|one-time> <high spenders|buyers>"
 * — high spend is named, low spend is not ("buyers") — e.g. "Recent frequent high spenders", "Lapsed one-time
 * buyers". Frequency `'none'` gives "<Recent|Lapsed> customers without purchases in the window".
 */
export function segmentName(traits: SegmentTraits): string {
  const r = RECENCY_WORDS[traits.recency];
  if (traits.frequency === 'none') return `${r} customers without purchases in the window`;
  return `${r} ${traits.frequency} ${traits.spend === 'high' ? 'high spenders' : 'buyers'}`;
}

/** Customers of one tier within a segment. */
export interface TierMixEntry {
  readonly tier: string;
  readonly customers: number;
  /** Share of the segment's customers. */
  readonly share: number;
}

/** A tier code per customer (e.g. `valuePyramid(…).tier`) and the tiers' names (e.g. `TIERS`). */
export interface SegmentTierInput {
  /** Tier code per customer code: an index into `names`; any other value counts as untiered. */
  readonly codes: ArrayLike<number>;
  readonly names: readonly string[];
}

/** What one segment looks like. */
export interface SegmentProfile extends SegmentMedians {
  /** The segment number (the label in `segment`), 0 = largest. */
  readonly segment: number;
  /**
   * Suggested plain name (see {@link segmentName}); numbered " (1)", " (2)", … when segments share one. "Empty
   * segment" for a segment without customers (only when the data have fewer distinct points than k; its medians
   * are NaN).
   */
  readonly name: string;
  readonly traits: SegmentTraits;
  readonly customers: number;
  /** Share of the clustered customers. */
  readonly customerShare: number;
  /** Sum of the value column over the segment's customers (non-finite values skipped). */
  readonly value: number;
  /** `max(0, value)` over the sum of `max(0, value)` of all segments (0 when no segment has a positive total). */
  readonly valueShare: number;
  /** Median of each attribute, in the order of the features' attributes. */
  readonly medianAttributes: readonly number[];
  /** Customers per tier, in the order of the tier names (empty without tiers). */
  readonly tierMix: readonly TierMixEntry[];
  /** Customers whose tier code is not one of the tiers (0 without tiers). */
  readonly untiered: number;
}

/** The same figures for all clustered customers together. */
export interface PopulationProfile extends SegmentMedians {
  readonly customers: number;
  readonly value: number;
  readonly medianAttributes: readonly number[];
}

/** Profiles of every segment and of the population. */
export interface SegmentProfiles {
  readonly profiles: readonly SegmentProfile[];
  readonly population: PopulationProfile;
  /** Clustered customers whose value was not finite (left out of the value sums). */
  readonly valueNonFinite: number;
}

/** Inputs of {@link profileSegments}. */
export interface ProfileInput {
  readonly features: SegmentFeatures;
  /** Segment of each feature row, 0 … k − 1. */
  readonly labels: Int32Array;
  readonly k: number;
  /** Value per customer code (e.g. net revenue or CLV). */
  readonly value: ArrayLike<number>;
  readonly tiers?: SegmentTierInput;
}

/**
 * Profiles of a segmentation: size, customer and value shares, median recency, frequency, monetary value and
 * attributes (type-7 medians of the untransformed values), tier mix, traits and a suggested name.
 */
export function profileSegments(input: ProfileInput): SegmentProfiles {
  return runWork(profileSegmentsSteps(input));
}

const PASS_COST = 6;

/** {@link profileSegments} as cooperative work (see `Work`). */
export function* profileSegmentsSteps(input: ProfileInput): Work<SegmentProfiles> {
  const { features, labels, k, value, tiers } = input;
  const { rows, dims, raw, customers } = features;
  // Rows grouped by segment (a counting sort), so each segment's values are one slice.
  const offsets = new Int32Array(k + 1);
  for (let i = 0; i < rows; i++) offsets[labels[i]! + 1]!++;
  for (let c = 0; c < k; c++) offsets[c + 1] = offsets[c + 1]! + offsets[c]!;
  const order = new Int32Array(rows);
  const next = offsets.slice(0, k);
  for (let i = 0; i < rows; i++) order[next[labels[i]!]!++] = i;
  yield rows * PASS_COST;

  // Medians per feature: of the population, and of each segment's slice.
  const populationMedians: number[] = [];
  const segmentMedians: number[][] = Array.from({ length: k }, () => []);
  const column = new Float64Array(rows);
  for (let j = 0; j < dims; j++) {
    const gather = { raw, dims, j, order, column };
    yield* forChunks(rows, PASS_COST, gatherColumn, gather);
    for (let c = 0; c < k; c++) {
      const slice = column.subarray(offsets[c]!, offsets[c + 1]!);
      segmentMedians[c]!.push(quantileType7(yield* sortFloat64Work(slice), 0.5));
    }
    // Then the whole column, for the population's median.
    populationMedians.push(quantileType7(yield* sortFloat64Work(column), 0.5));
  }

  // Value and tier counts per segment.
  const tally: Tally = {
    labels,
    customers,
    value,
    tierCodes: tiers?.codes,
    tierCount: tiers?.names.length ?? 0,
    sums: new Float64Array(k),
    tierCounts: new Int32Array(k * (tiers?.names.length ?? 0)),
    untiered: new Int32Array(k),
    valueNonFinite: 0,
  };
  yield* forChunks(rows, PASS_COST, tallyRows, tally);
  let positive = 0;
  let total = 0;
  for (let c = 0; c < k; c++) {
    positive += Math.max(0, tally.sums[c]!);
    total += tally.sums[c]!;
  }

  const population: PopulationProfile = {
    customers: rows,
    value: total,
    medianRecencyDays: populationMedians[0]!,
    medianFrequency: populationMedians[1]!,
    medianMonetary: populationMedians[2]!,
    medianAttributes: populationMedians.slice(3),
  };
  const tierNames = tiers?.names ?? [];
  const profiles: SegmentProfile[] = [];
  for (let c = 0; c < k; c++) {
    const size = offsets[c + 1]! - offsets[c]!;
    const m = segmentMedians[c]!;
    const medians: SegmentMedians = {
      medianRecencyDays: m[0]!,
      medianFrequency: m[1]!,
      medianMonetary: m[2]!,
    };
    const traits = segmentTraits(medians, population);
    profiles.push({
      segment: c,
      name: size > 0 ? segmentName(traits) : 'Empty segment',
      traits,
      customers: size,
      customerShare: rows > 0 ? size / rows : 0,
      value: tally.sums[c]!,
      valueShare: positive > 0 ? Math.max(0, tally.sums[c]!) / positive : 0,
      ...medians,
      medianAttributes: m.slice(3),
      tierMix: tierNames.map((tier, t) => {
        const n = tally.tierCounts[c * tierNames.length + t]!;
        return { tier, customers: n, share: size > 0 ? n / size : 0 };
      }),
      untiered: tiers ? tally.untiered[c]! : 0,
    });
  }
  return { profiles: numberRepeatedNames(profiles), population, valueNonFinite: tally.valueNonFinite };
}

/** Segments that share a name get " (1)", " (2)", … in segment order. */
function numberRepeatedNames(profiles: SegmentProfile[]): SegmentProfile[] {
  const total = new Map<string, number>();
  for (const p of profiles) total.set(p.name, (total.get(p.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  return profiles.map((p) => {
    if (total.get(p.name)! < 2) return p;
    const n = (seen.get(p.name) ?? 0) + 1;
    seen.set(p.name, n);
    return { ...p, name: `${p.name} (${n})` };
  });
}

function gatherColumn(
  s: {
    readonly raw: Float64Array;
    readonly dims: number;
    readonly j: number;
    readonly order: Int32Array;
    readonly column: Float64Array;
  },
  from: number,
  to: number,
): void {
  const { raw, dims, j, order, column } = s;
  for (let p = from; p < to; p++) column[p] = raw[order[p]! * dims + j]!;
}

interface Tally {
  readonly labels: Int32Array;
  readonly customers: Int32Array;
  readonly value: ArrayLike<number>;
  readonly tierCodes: ArrayLike<number> | undefined;
  readonly tierCount: number;
  readonly sums: Float64Array;
  readonly tierCounts: Int32Array;
  readonly untiered: Int32Array;
  valueNonFinite: number;
}

function tallyRows(s: Tally, from: number, to: number): void {
  const { labels, customers, value, tierCodes, tierCount, sums, tierCounts, untiered } = s;
  let valueNonFinite = s.valueNonFinite;
  for (let i = from; i < to; i++) {
    const c = labels[i]!;
    const customer = customers[i]!;
    const v = value[customer]!;
    if (Number.isFinite(v)) sums[c] = sums[c]! + v;
    else valueNonFinite++;
    if (tierCodes !== undefined) {
      const t = tierCodes[customer]!;
      if (Number.isInteger(t) && t >= 0 && t < tierCount) tierCounts[c * tierCount + t]!++;
      else untiered[c]!++;
    }
  }
  s.valueNonFinite = valueNonFinite;
}
