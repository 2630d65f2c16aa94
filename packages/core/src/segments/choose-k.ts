import { runWork, type Work } from '../util/work.js';
import type { FeatureMatrix } from './features.js';
import {
  checkMatrix,
  DEFAULT_SEGMENT_SEED,
  type KMeansResult,
  kMeansKernelSteps,
  resolveKMeansOptions,
} from './kmeans.js';
import {
  SILHOUETTE_SAMPLE,
  type SilhouetteResult,
  silhouetteOfRowsSteps,
  silhouetteRows,
} from './silhouette.js';

/** Options of {@link chooseK}. */
export interface ChooseKOptions {
  /** Smallest k tried (default 2, at least 2). */
  readonly kMin?: number;
  /** Largest k tried (default 10); lowered to rows − 1 when there are fewer rows. */
  readonly kMax?: number;
  /** Seed of every k-means run and of the silhouette sample (default `DEFAULT_SEGMENT_SEED`). */
  readonly seed?: number;
  readonly restarts?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
  /** Silhouette sample size (default `SILHOUETTE_SAMPLE`): exact up to this many rows. */
  readonly silhouetteSample?: number;
}

/** One candidate k. */
export interface KCandidate {
  readonly k: number;
  /** Mean silhouette of its clustering (on the sample when sampled). */
  readonly silhouette: number;
  readonly inertia: number;
  readonly converged: boolean;
}

/** The chosen k, its clustering, and every candidate's figures. */
export interface ChooseKResult {
  readonly k: number;
  readonly fit: KMeansResult;
  readonly silhouette: SilhouetteResult;
  /** kMin … kMax in order. */
  readonly candidates: readonly KCandidate[];
}

/**
 * Chooses the number of clusters by the mean silhouette: fits k-means for every k in kMin … kMax (each with the
 * same seed and options) and keeps the k with the highest silhouette; ties (equal to the last bit) go to the
 * smaller k, and a NaN silhouette is never chosen over a number. All candidates are scored on the same rows (the
 * same sample when sampled), so their silhouettes compare like with like.
 *
 * @throws {RangeError} on bad options, or fewer than kMin + 1 rows
 */
export function chooseK(matrix: FeatureMatrix, options: ChooseKOptions = {}): ChooseKResult {
  return runWork(chooseKSteps(matrix, options));
}

/** {@link chooseK} as cooperative work (see `Work`). Inputs are checked when it is first stepped. */
export function* chooseKSteps(matrix: FeatureMatrix, options: ChooseKOptions = {}): Work<ChooseKResult> {
  checkMatrix(matrix);
  const kMin = options.kMin ?? 2;
  const kMaxAsked = options.kMax ?? 10;
  if (!Number.isInteger(kMin) || kMin < 2)
    throw new RangeError(`kMin must be a whole number ≥ 2, got ${kMin}`);
  if (!Number.isInteger(kMaxAsked) || kMaxAsked < kMin) {
    throw new RangeError(`kMax must be a whole number ≥ kMin (${kMin}), got ${kMaxAsked}`);
  }
  const kMax = Math.min(kMaxAsked, matrix.rows - 1);
  if (kMax < kMin) {
    throw new RangeError(
      `choosing k in ${kMin} … ${kMaxAsked} needs at least ${kMin + 1} rows, got ${matrix.rows}`,
    );
  }
  const seed = options.seed ?? DEFAULT_SEGMENT_SEED;
  const sampleSize = options.silhouetteSample ?? SILHOUETTE_SAMPLE;
  if (!Number.isInteger(sampleSize) || sampleSize < 2) {
    throw new RangeError(`silhouetteSample must be a whole number ≥ 2, got ${sampleSize}`);
  }
  const rows = silhouetteRows(matrix.rows, sampleSize, seed);
  const candidates: KCandidate[] = [];
  let best: { fit: KMeansResult; silhouette: SilhouetteResult } | undefined;
  for (let k = kMin; k <= kMax; k++) {
    const resolved = resolveKMeansOptions(matrix.rows, {
      k,
      seed,
      restarts: options.restarts,
      maxIterations: options.maxIterations,
      tolerance: options.tolerance,
    });
    const fit = yield* kMeansKernelSteps(matrix, resolved);
    const s = yield* silhouetteOfRowsSteps(matrix, fit.labels, rows);
    candidates.push({ k, silhouette: s.score, inertia: fit.inertia, converged: fit.converged });
    const previous = best?.silhouette.score ?? Number.NaN;
    const better = !Number.isNaN(s.score) && (Number.isNaN(previous) || s.score > previous);
    if (best === undefined || better) best = { fit, silhouette: s };
  }
  return { k: best!.fit.k, fit: best!.fit, silhouette: best!.silhouette, candidates };
}
