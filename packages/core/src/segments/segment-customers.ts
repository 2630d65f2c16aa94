import type { CustomerSummary } from '../summary/types.js';
import { runWork, type Work } from '../util/work.js';
import { chooseKSteps, type KCandidate } from './choose-k.js';
import { type SegmentExclusions, type SegmentFeatureOptions, segmentFeaturesSteps } from './features.js';
import {
  DEFAULT_SEGMENT_SEED,
  type KMeansResult,
  kMeansKernelSteps,
  resolveKMeansOptions,
} from './kmeans.js';
import {
  type PopulationProfile,
  profileSegmentsSteps,
  type SegmentProfile,
  type SegmentTierInput,
} from './profile.js';
import { SILHOUETTE_SAMPLE, silhouetteOfRowsSteps, silhouetteRows } from './silhouette.js';

/** Segment code of customers that were not clustered. */
export const NO_SEGMENT = -1;

/** Options of {@link segmentCustomers}. */
export interface SegmentOptions extends SegmentFeatureOptions {
  /** Number of segments, or `'auto'` (default) to choose it by silhouette in `kMin … kMax`. */
  readonly k?: number | 'auto';
  /** Smallest k tried with `k: 'auto'` (default 2). */
  readonly kMin?: number;
  /** Largest k tried with `k: 'auto'` (default 10). */
  readonly kMax?: number;
  /** Seed of the k-means++ seeding and the silhouette sample (default `DEFAULT_SEGMENT_SEED` = 1). */
  readonly seed?: number;
  /** k-means++ starts per k, lowest inertia kept (default 4). */
  readonly restarts?: number;
  /** Most Lloyd iterations per start (default 100). */
  readonly maxIterations?: number;
  /** Relative convergence tolerance (default 1e-4; see `KMeansOptions`). */
  readonly tolerance?: number;
  /** Silhouette exact up to this many customers, on a seeded sample of this many above (default 5000). */
  readonly silhouetteSample?: number;
  /** Value per customer code for the value shares (default: `summary.netRevenue`). */
  readonly value?: ArrayLike<number>;
  /** Tier per customer code for the tier mix (e.g. `{ codes: pyramid.tier, names: TIERS }`). */
  readonly tiers?: SegmentTierInput;
}

/** A segmentation of the customer base. */
export interface CustomerSegments {
  /** Segment per customer code (0 = largest segment), {@link NO_SEGMENT} when not clustered. */
  readonly segment: Int32Array;
  /** Number of segments. */
  readonly k: number;
  /** One profile per segment, in segment order. */
  readonly profiles: readonly SegmentProfile[];
  /** The clustered customers together. */
  readonly population: PopulationProfile;
  /** Features: names, whether logged, and the standardisation (`(transformed − center) / scale`). */
  readonly features: {
    readonly names: readonly string[];
    readonly logged: readonly boolean[];
    readonly center: Float64Array;
    readonly scale: Float64Array;
    readonly monetary: 'total' | 'mean';
  };
  /** Segment centres in standardised feature space, row-major `k × features`. */
  readonly centroids: Float64Array;
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Mean silhouette of the segmentation (on a sample when `silhouetteSampled`). */
  readonly silhouette: number;
  readonly silhouetteSampled: boolean;
  /** With `k: 'auto'`, every k tried; empty for a fixed k. */
  readonly candidates: readonly KCandidate[];
  readonly seed: number;
  /** Customers clustered. */
  readonly clustered: number;
  /** Customers not clustered, by reason. */
  readonly excluded: SegmentExclusions;
  /** Clustered customers whose value was not finite (left out of the value sums). */
  readonly valueNonFinite: number;
}

/**
 * Segments customers by k-means on standardised (log-)RFM features: {@link segmentFeatures} of the summary, then
 * k-means++ with seeded restarts ({@link kMeans}) for a fixed k or k chosen by silhouette ({@link chooseK}), then a
 * profile per segment with a suggested plain name ({@link profileSegments}). Reproducible: the same summary,
 * options and seed give the same segments.
 *
 * @throws {RangeError} on bad options, or too few customers to cluster (fewer than k, or than 3 with `'auto'`)
 */
export function segmentCustomers(summary: CustomerSummary, options: SegmentOptions = {}): CustomerSegments {
  return runWork(segmentCustomersSteps(summary, options));
}

/** {@link segmentCustomers} as cooperative work (see `Work`). Inputs are checked when it is first stepped. */
export function* segmentCustomersSteps(
  summary: CustomerSummary,
  options: SegmentOptions = {},
): Work<CustomerSegments> {
  const k = options.k ?? 'auto';
  if (k !== 'auto' && !(Number.isInteger(k) && k >= 1)) {
    throw new RangeError(`k must be a positive whole number or 'auto', got ${String(k)}`);
  }
  const value = options.value ?? summary.netRevenue;
  if (value.length !== summary.length) {
    throw new RangeError(`value must have one entry per customer (${summary.length}), got ${value.length}`);
  }
  if (options.tiers && options.tiers.codes.length !== summary.length) {
    throw new RangeError(
      `tiers.codes must have one entry per customer (${summary.length}), got ${options.tiers.codes.length}`,
    );
  }
  const seed = options.seed ?? DEFAULT_SEGMENT_SEED;
  const sampleSize = options.silhouetteSample ?? SILHOUETTE_SAMPLE;
  const features = yield* segmentFeaturesSteps(summary, options);
  const kmeans = {
    seed,
    restarts: options.restarts,
    maxIterations: options.maxIterations,
    tolerance: options.tolerance,
  };

  let fit: KMeansResult;
  let silhouetteScore: number;
  let sampled: boolean;
  let candidates: readonly KCandidate[] = [];
  if (k === 'auto') {
    if (features.rows < 3) {
      throw new RangeError(
        `choosing the number of segments needs at least 3 customers, got ${features.rows}`,
      );
    }
    const chosen = yield* chooseKSteps(features, {
      ...kmeans,
      kMin: options.kMin,
      kMax: options.kMax,
      silhouetteSample: sampleSize,
    });
    fit = chosen.fit;
    silhouetteScore = chosen.silhouette.score;
    sampled = chosen.silhouette.sampled;
    candidates = chosen.candidates;
  } else {
    if (features.rows < k) {
      throw new RangeError(`${k} segments need at least ${k} customers to cluster, got ${features.rows}`);
    }
    if (!Number.isInteger(sampleSize) || sampleSize < 2) {
      throw new RangeError(`silhouetteSample must be a whole number ≥ 2, got ${sampleSize}`);
    }
    fit = yield* kMeansKernelSteps(features, resolveKMeansOptions(features.rows, { ...kmeans, k }));
    const s = yield* silhouetteOfRowsSteps(
      features,
      fit.labels,
      silhouetteRows(features.rows, sampleSize, seed),
    );
    silhouetteScore = s.score;
    sampled = s.sampled;
  }

  const profiled = yield* profileSegmentsSteps({
    features,
    labels: fit.labels,
    k: fit.k,
    value,
    tiers: options.tiers,
  });
  const segment = new Int32Array(summary.length).fill(NO_SEGMENT);
  for (let i = 0; i < features.rows; i++) segment[features.customers[i]!] = fit.labels[i]!;
  return {
    segment,
    k: fit.k,
    profiles: profiled.profiles,
    population: profiled.population,
    features: {
      names: features.names,
      logged: features.logged,
      center: features.center,
      scale: features.scale,
      monetary: features.monetary,
    },
    centroids: fit.centroids,
    inertia: fit.inertia,
    iterations: fit.iterations,
    converged: fit.converged,
    silhouette: silhouetteScore,
    silhouetteSampled: sampled,
    candidates,
    seed,
    clustered: features.rows,
    excluded: features.excluded,
    valueNonFinite: profiled.valueNonFinite,
  };
}
