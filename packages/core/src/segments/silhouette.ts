import { seededRandom } from '../util/random.js';
import { forChunks, runWork, type Work } from '../util/work.js';
import type { FeatureMatrix } from './features.js';
import { checkMatrix, DEFAULT_SEGMENT_SEED } from './kmeans.js';

/** Rows up to which the silhouette is exact; above, it is computed on a seeded sample of this many rows. */
export const SILHOUETTE_SAMPLE = 5000;

/** Options of {@link silhouette}. */
export interface SilhouetteOptions {
  /**
   * Exact over all rows when there are at most this many (default {@link SILHOUETTE_SAMPLE}); otherwise the mean
   * silhouette of a uniform sample of this many rows drawn without replacement, each scored against the sample only.
   */
  readonly sampleSize?: number;
  /** Seed of the sample (default `DEFAULT_SEGMENT_SEED`). */
  readonly seed?: number;
}

/** Silhouette values of a clustering. */
export interface SilhouetteResult {
  /** Mean silhouette of the scored rows, in [−1, 1]; NaN when fewer than two clusters are occupied. */
  readonly score: number;
  /** The rows scored (all rows, or the sample), ascending. */
  readonly rows: Int32Array;
  /** The silhouette of each scored row, in the order of `rows`. */
  readonly values: Float64Array;
  /** Whether `rows` is a sample. */
  readonly sampled: boolean;
}

/**
 * The mean silhouette (Rousseeuw 1987) of a clustering under Euclidean distance. For a row i in cluster A, with
 * a(i) the mean distance to the other rows of A and b(i) the smallest mean distance to the rows of another
 * occupied cluster: s(i) = (b − a) / max(a, b), and s(i) = 0 when i is alone in its cluster (or a = b = 0). The same
 * conventions as R's `cluster::silhouette` and scikit-learn's `silhouette_score`.
 *
 * O(m² · dims) for m scored rows: exact for up to `sampleSize` rows, a seeded sample above (see
 * {@link SilhouetteOptions}).
 *
 * @param labels cluster of each row, whole numbers ≥ 0
 * @throws {RangeError} on a malformed matrix, labels of the wrong length or negative labels
 */
export function silhouette(
  matrix: FeatureMatrix,
  labels: Int32Array,
  options: SilhouetteOptions = {},
): SilhouetteResult {
  return runWork(silhouetteSteps(matrix, labels, options));
}

/** {@link silhouette} as cooperative work (see `Work`). Inputs are checked when it is first stepped. */
export function* silhouetteSteps(
  matrix: FeatureMatrix,
  labels: Int32Array,
  options: SilhouetteOptions = {},
): Work<SilhouetteResult> {
  checkMatrix(matrix);
  const sampleSize = options.sampleSize ?? SILHOUETTE_SAMPLE;
  if (!Number.isInteger(sampleSize) || sampleSize < 2) {
    throw new RangeError(`sampleSize must be a whole number ≥ 2, got ${sampleSize}`);
  }
  if (labels.length !== matrix.rows) {
    throw new RangeError(`labels must have one entry per row (${matrix.rows}), got ${labels.length}`);
  }
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! < 0) throw new RangeError(`labels must be ≥ 0; label ${i} is ${labels[i]}`);
  }
  const rows = silhouetteRows(matrix.rows, sampleSize, options.seed ?? DEFAULT_SEGMENT_SEED);
  return yield* silhouetteOfRowsSteps(matrix, labels, rows);
}

/** The rows {@link silhouette} scores: all of 0 … n − 1, or a seeded sample of `sampleSize` of them, ascending. */
export function silhouetteRows(n: number, sampleSize: number, seed: number): Int32Array {
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  if (n <= sampleSize) return all;
  // Partial Fisher–Yates: the first sampleSize slots end up a uniform sample without replacement.
  const random = seededRandom(seed);
  for (let i = 0; i < sampleSize; i++) {
    const j = i + random.int(n - i);
    const t = all[i]!;
    all[i] = all[j]!;
    all[j] = t;
  }
  return all.slice(0, sampleSize).sort();
}

/** Nominal cost of one distance term (one feature of one pair), and per pair. */
const TERM_COST = 1.5;
const PAIR_COST = 6;

/** The unchecked kernel: the silhouette of `rows` (ascending, distinct) against each other. */
export function* silhouetteOfRowsSteps(
  matrix: FeatureMatrix,
  labels: Int32Array,
  rows: Int32Array,
): Work<SilhouetteResult> {
  const { dims } = matrix;
  const m = rows.length;
  // Gather the scored rows: compact, so the m² loop reads memory in order.
  const points = new Float64Array(m * dims);
  const own = new Int32Array(m);
  let k = 0;
  for (let i = 0; i < m; i++) {
    const r = rows[i]!;
    points.set(matrix.data.subarray(r * dims, r * dims + dims), i * dims);
    own[i] = labels[r]!;
    if (labels[r]! + 1 > k) k = labels[r]! + 1;
  }
  const counts = new Int32Array(k);
  for (let i = 0; i < m; i++) counts[own[i]!]!++;
  let occupied = 0;
  for (let c = 0; c < k; c++) if (counts[c]! > 0) occupied++;
  const values = new Float64Array(m);
  if (occupied < 2)
    return { score: Number.NaN, rows, values: values.fill(Number.NaN), sampled: m < matrix.rows };
  const state: Scoring = { points, own, dims, k, counts, sums: new Float64Array(k), values, total: 0 };
  yield* forChunks(m, m * (PAIR_COST + dims * TERM_COST), scoreRange, state);
  return { score: state.total / m, rows, values, sampled: m < matrix.rows };
}

interface Scoring {
  readonly points: Float64Array;
  readonly own: Int32Array;
  readonly dims: number;
  readonly k: number;
  readonly counts: Int32Array;
  /** Scratch: sum of distances from the current row to each cluster. */
  readonly sums: Float64Array;
  readonly values: Float64Array;
  total: number;
}

function scoreRange(s: Scoring, from: number, to: number): void {
  const { points, own, dims, k, counts, sums, values } = s;
  const m = own.length;
  let total = s.total;
  for (let i = from; i < to; i++) {
    sums.fill(0);
    const base = i * dims;
    for (let j = 0; j < m; j++) {
      const jb = j * dims;
      let d2 = 0;
      for (let f = 0; f < dims; f++) {
        const t = points[base + f]! - points[jb + f]!;
        d2 += t * t;
      }
      const c = own[j]!;
      sums[c] = sums[c]! + Math.sqrt(d2);
    }
    const a0 = own[i]!;
    const size = counts[a0]!;
    let v = 0;
    if (size > 1) {
      const a = sums[a0]! / (size - 1); // the distance to itself is 0
      let b = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        if (c === a0 || counts[c] === 0) continue;
        const mean = sums[c]! / counts[c]!;
        if (mean < b) b = mean;
      }
      const max = Math.max(a, b);
      v = max > 0 ? (b - a) / max : 0;
    }
    values[i] = v;
    total += v;
  }
  s.total = total;
}
