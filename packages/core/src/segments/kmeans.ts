import { type SeededRandom, seededRandom } from '../util/random.js';
import { forChunks, runWork, type Work } from '../util/work.js';
import type { FeatureMatrix } from './features.js';

/** Seed used when none is given, so that results are reproducible by default. */
export const DEFAULT_SEGMENT_SEED = 1;

/** Options of {@link kMeans}. */
export interface KMeansOptions {
  /** Number of clusters, a whole number in 1 … rows. */
  readonly k: number;
  /** Seed of the k-means++ seeding (default {@link DEFAULT_SEGMENT_SEED}). Same seed → same result. */
  readonly seed?: number;
  /** Independent k-means++ starts; the one with the lowest inertia is kept (default 4). */
  readonly restarts?: number;
  /** Most Lloyd iterations (centroid updates) per start (default 100). */
  readonly maxIterations?: number;
  /**
   * Convergence tolerance, relative: a start stops when the sum over centroids of their squared movement in one
   * update is at most `tolerance` × the mean per-feature variance of the data (default 1e-4), or when no point
   * changes cluster.
   */
  readonly tolerance?: number;
}

/** A k-means clustering. */
export interface KMeansResult {
  readonly k: number;
  /**
   * Cluster of each row, 0 … k − 1. Clusters are numbered by size, largest first (ties: the cluster whose first
   * row comes first), so the numbering does not depend on the order in which the seeding found them.
   */
  readonly labels: Int32Array;
  /** Cluster centres, row-major `k × dims`: the centre of cluster c is `centroids[c * dims … c * dims + dims − 1]`. */
  readonly centroids: Float64Array;
  /** Rows per cluster. A cluster is empty only when the data have fewer than k distinct points. */
  readonly sizes: Int32Array;
  /** Sum over rows of the squared Euclidean distance to their cluster's centre. */
  readonly inertia: number;
  /** Centroid updates of the kept start. */
  readonly iterations: number;
  /** Whether the kept start met the tolerance before `maxIterations`. */
  readonly converged: boolean;
  /** Inertia of every start, in order (the kept one is the first of the lowest). */
  readonly startInertia: readonly number[];
}

/** {@link KMeansOptions} after checking, with defaults applied. */
export interface ResolvedKMeans {
  readonly k: number;
  readonly seed: number;
  readonly restarts: number;
  readonly maxIterations: number;
  readonly tolerance: number;
}

/** Checks options against the number of rows and applies defaults (for callers of {@link kMeansKernelSteps}). */
export function resolveKMeansOptions(rows: number, options: KMeansOptions): ResolvedKMeans {
  const { k, seed = DEFAULT_SEGMENT_SEED, restarts = 4, maxIterations = 100, tolerance = 1e-4 } = options;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive whole number, got ${k}`);
  if (k > rows) throw new RangeError(`k (${k}) cannot exceed the number of rows (${rows})`);
  if (!Number.isInteger(restarts) || restarts < 1) {
    throw new RangeError(`restarts must be a positive whole number, got ${restarts}`);
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new RangeError(`maxIterations must be a positive whole number, got ${maxIterations}`);
  }
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be ≥ 0, got ${tolerance}`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return { k, seed, restarts, maxIterations, tolerance };
}

/** Checks the shape and values of a feature matrix. */
export function checkMatrix(matrix: FeatureMatrix): void {
  const { data, rows, dims } = matrix;
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(dims) || dims < 1) {
    throw new RangeError(`a feature matrix needs whole rows ≥ 0 and dims ≥ 1, got ${rows} × ${dims}`);
  }
  if (data.length !== rows * dims) {
    throw new RangeError(`data must hold rows × dims = ${rows * dims} values, got ${data.length}`);
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) throw new RangeError(`data must be finite; value ${i} is ${data[i]}`);
  }
}

/**
 * k-means by Lloyd's algorithm from k-means++ seeding (Arthur & Vassilvitskii 2007), with `restarts` seeded
 * starts of which the lowest inertia wins. Squared Euclidean distance; a point equally close to two centres goes
 * to the lower-numbered one. A cluster that empties during the iterations is re-seeded at the point farthest
 * from its own centre. Deterministic: the same data, options and seed give the same labels and centres, bit for
 * bit.
 *
 * @throws {RangeError} on a malformed matrix, non-finite data, k outside 1 … rows or bad options
 */
export function kMeans(matrix: FeatureMatrix, options: KMeansOptions): KMeansResult {
  return runWork(kMeansSteps(matrix, options));
}

/** {@link kMeans} as cooperative work (see `Work`). Inputs are checked when it is first stepped. */
export function* kMeansSteps(matrix: FeatureMatrix, options: KMeansOptions): Work<KMeansResult> {
  checkMatrix(matrix);
  const o = resolveKMeansOptions(matrix.rows, options);
  return yield* kMeansKernelSteps(matrix, o);
}

/** Nominal cost of one distance term (one feature of one row against one centre), and per row of a pass. */
const TERM_COST = 1.5;
const ROW_COST = 8;

/** The unchecked kernel of {@link kMeansSteps}. */
export function* kMeansKernelSteps(matrix: FeatureMatrix, o: ResolvedKMeans): Work<KMeansResult> {
  const { rows, dims } = matrix;
  const { k } = o;
  const random = seededRandom(o.seed);
  // Absolute tolerance on the centroid movement, scaled by the data's mean per-feature variance.
  const variance = { data: matrix.data, dims, sum: new Float64Array(dims), squares: new Float64Array(dims) };
  yield* forChunks(rows, ROW_COST + dims * 2, sumFeatures, variance);
  let meanVariance = 0;
  for (let j = 0; j < dims; j++) {
    const mean = rows > 0 ? variance.sum[j]! / rows : 0;
    meanVariance += rows > 0 ? Math.max(0, variance.squares[j]! / rows - mean * mean) : 0;
  }
  meanVariance /= dims;
  const shiftTolerance = o.tolerance * meanVariance;

  let best: Start | undefined;
  const startInertia: number[] = [];
  for (let r = 0; r < o.restarts; r++) {
    const start = yield* startSteps(matrix, k, random, o.maxIterations, shiftTolerance);
    startInertia.push(start.inertia);
    if (best === undefined || start.inertia < best.inertia) best = start;
  }
  return { ...canonical(best!, k, dims), k, startInertia };
}

/** One start's outcome. */
interface Start {
  readonly labels: Int32Array;
  readonly centroids: Float64Array;
  readonly sizes: Int32Array;
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Renumbers clusters by size, largest first; ties by first row. */
function canonical(start: Start, k: number, dims: number): Omit<KMeansResult, 'k' | 'startInertia'> {
  const first = new Int32Array(k).fill(-1);
  const { labels } = start;
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (first[c] === -1) first[c] = i;
  }
  const order = Array.from({ length: k }, (_, c) => c);
  const firstRow = (c: number) => (first[c]! < 0 ? Number.POSITIVE_INFINITY : first[c]!);
  order.sort((a, b) => start.sizes[b]! - start.sizes[a]! || firstRow(a) - firstRow(b) || a - b);
  const rename = new Int32Array(k);
  order.forEach((c, to) => {
    rename[c] = to;
  });
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = rename[labels[i]!]!;
  const centroids = new Float64Array(k * dims);
  const sizes = new Int32Array(k);
  for (let to = 0; to < k; to++) {
    const c = order[to]!;
    centroids.set(start.centroids.subarray(c * dims, c * dims + dims), to * dims);
    sizes[to] = start.sizes[c]!;
  }
  return {
    labels: out,
    centroids,
    sizes,
    inertia: start.inertia,
    iterations: start.iterations,
    converged: start.converged,
  };
}

/** One start: k-means++ seeding, then Lloyd iterations. */
function* startSteps(
  matrix: FeatureMatrix,
  k: number,
  random: SeededRandom,
  maxIterations: number,
  shiftTolerance: number,
): Work<Start> {
  const { rows, dims } = matrix;
  const centroids = yield* seedSteps(matrix, k, random);
  const pass: Assign = {
    data: matrix.data,
    dims,
    k,
    centroids,
    labels: new Int32Array(rows).fill(-1),
    dist2: new Float64Array(rows),
    sums: new Float64Array(k * dims),
    counts: new Int32Array(k),
    inertia: 0,
    changes: 0,
  };
  const cost = ROW_COST + k * dims * TERM_COST;
  let iterations = 0;
  let converged = false;
  let final = false;
  for (;;) {
    pass.sums.fill(0);
    pass.counts.fill(0);
    pass.inertia = 0;
    pass.changes = 0;
    yield* forChunks(rows, cost, assignRange, pass);
    // Labels now match the centres: stop after the pass that follows convergence, when nothing moved, or at the limit.
    if (final) break;
    if (pass.changes === 0 && iterations > 0) {
      converged = true;
      break;
    }
    if (iterations === maxIterations) break;
    const shift = updateCentroids(pass);
    iterations++;
    if (shift <= shiftTolerance) {
      converged = true;
      final = true;
    }
  }
  return {
    labels: pass.labels,
    centroids,
    sizes: pass.counts.slice(),
    inertia: pass.inertia,
    iterations,
    converged,
  };
}

/**
 * k-means++ seeding: the first centre is a row drawn uniformly, each further one a row drawn with probability
 * proportional to its squared distance to the nearest centre chosen so far (uniformly again when every row lies on
 * a centre).
 */
function* seedSteps(matrix: FeatureMatrix, k: number, random: SeededRandom): Work<Float64Array> {
  const { data, rows, dims } = matrix;
  const centroids = new Float64Array(k * dims);
  const nearest: Nearest = { data, dims, centroids, centre: 0, dist2: new Float64Array(rows), total: 0 };
  const pick: Draw = { weights: nearest.dist2, target: 0, sum: 0, found: -1, lastPositive: -1 };
  let row = random.int(rows);
  for (let c = 0; c < k; c++) {
    centroids.set(data.subarray(row * dims, row * dims + dims), c * dims);
    if (c === k - 1) break;
    nearest.centre = c;
    nearest.total = 0;
    yield* forChunks(rows, ROW_COST + dims * TERM_COST, c === 0 ? firstDistances : nearerDistances, nearest);
    if (nearest.total > 0) {
      pick.target = random.next() * nearest.total;
      pick.sum = 0;
      pick.found = -1;
      pick.lastPositive = -1;
      yield* forChunks(rows, 2, drawRow, pick);
      row = pick.found >= 0 ? pick.found : pick.lastPositive;
    } else {
      row = random.int(rows);
    }
  }
  return centroids;
}

interface Nearest {
  readonly data: Float64Array;
  readonly dims: number;
  readonly centroids: Float64Array;
  /** The centre just added. */
  centre: number;
  /** Squared distance of each row to its nearest centre so far. */
  readonly dist2: Float64Array;
  total: number;
}

function firstDistances(s: Nearest, from: number, to: number): void {
  const { data, dims, centroids, dist2 } = s;
  const cb = s.centre * dims;
  let total = s.total;
  for (let i = from; i < to; i++) {
    const base = i * dims;
    let d = 0;
    for (let j = 0; j < dims; j++) {
      const t = data[base + j]! - centroids[cb + j]!;
      d += t * t;
    }
    dist2[i] = d;
    total += d;
  }
  s.total = total;
}

function nearerDistances(s: Nearest, from: number, to: number): void {
  const { data, dims, centroids, dist2 } = s;
  const cb = s.centre * dims;
  let total = s.total;
  for (let i = from; i < to; i++) {
    const base = i * dims;
    let d = 0;
    for (let j = 0; j < dims; j++) {
      const t = data[base + j]! - centroids[cb + j]!;
      d += t * t;
    }
    const old = dist2[i]!;
    const m = Math.min(d, old);
    dist2[i] = m;
    total += m;
  }
  s.total = total;
}

/** Inverse-CDF draw: the first row where the running sum of weights passes `target`. */
interface Draw {
  readonly weights: Float64Array;
  target: number;
  sum: number;
  found: number;
  /** Last row with a positive weight: the answer when rounding keeps the running sum from passing the target. */
  lastPositive: number;
}

function drawRow(s: Draw, from: number, to: number): void {
  if (s.found >= 0) return;
  const { weights, target } = s;
  let sum = s.sum;
  for (let i = from; i < to; i++) {
    const w = weights[i]!;
    if (w > 0) {
      s.lastPositive = i;
      sum += w;
      if (sum > target) {
        s.found = i;
        break;
      }
    }
  }
  s.sum = sum;
}

/** State of an assignment pass: nearest centre per row, and the per-cluster sums for the next update. */
interface Assign {
  readonly data: Float64Array;
  readonly dims: number;
  readonly k: number;
  readonly centroids: Float64Array;
  readonly labels: Int32Array;
  /** Squared distance of each row to its centre. */
  readonly dist2: Float64Array;
  readonly sums: Float64Array;
  readonly counts: Int32Array;
  inertia: number;
  changes: number;
}

function assignRange(s: Assign, from: number, to: number): void {
  const { data, dims, k, centroids, labels, dist2, sums, counts } = s;
  let inertia = s.inertia;
  let changes = s.changes;
  for (let i = from; i < to; i++) {
    const base = i * dims;
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const cb = c * dims;
      let d = 0;
      for (let j = 0; j < dims; j++) {
        const t = data[base + j]! - centroids[cb + j]!;
        d += t * t;
      }
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    if (labels[i] !== best) {
      labels[i] = best;
      changes++;
    }
    dist2[i] = bestD;
    inertia += bestD;
    counts[best]!++;
    const sb = best * dims;
    for (let j = 0; j < dims; j++) sums[sb + j] = sums[sb + j]! + data[base + j]!;
  }
  s.inertia = inertia;
  s.changes = changes;
}

/**
 * Moves each centre to the mean of its rows; an empty cluster's centre moves to the row farthest from its own
 * centre (the largest term of the inertia; ties: the first such row), each row used at most once. Returns the sum of
 * the squared movements.
 */
function updateCentroids(s: Assign): number {
  const { data, dims, k, centroids, dist2, sums, counts } = s;
  let shift = 0;
  for (let c = 0; c < k; c++) {
    const n = counts[c]!;
    const cb = c * dims;
    if (n > 0) {
      for (let j = 0; j < dims; j++) {
        const next = sums[cb + j]! / n;
        const t = next - centroids[cb + j]!;
        shift += t * t;
        centroids[cb + j] = next;
      }
      continue;
    }
    let far = -1;
    let farD = 0;
    for (let i = 0; i < dist2.length; i++) {
      if (dist2[i]! > farD) {
        farD = dist2[i]!;
        far = i;
      }
    }
    if (far < 0) continue; // every row sits on a centre: fewer distinct points than k
    dist2[far] = 0;
    for (let j = 0; j < dims; j++) {
      const next = data[far * dims + j]!;
      const t = next - centroids[cb + j]!;
      shift += t * t;
      centroids[cb + j] = next;
    }
  }
  return shift;
}

function sumFeatures(
  s: {
    readonly data: Float64Array;
    readonly dims: number;
    readonly sum: Float64Array;
    readonly squares: Float64Array;
  },
  from: number,
  to: number,
): void {
  const { data, dims, sum, squares } = s;
  for (let i = from * dims; i < to * dims; i += dims) {
    for (let j = 0; j < dims; j++) {
      const x = data[i + j]!;
      sum[j] = sum[j]! + x;
      squares[j] = squares[j]! + x * x;
    }
  }
}
