import { describe, expect, it } from 'vitest';
import {
  chooseK,
  type FeatureMatrix,
  kMeans,
  kMeansSteps,
  runWork,
  silhouette,
  silhouetteSteps,
} from '../../src/index.js';
import { seededRandom } from '../../src/util/random.js';
import { adjustedRandIndex, blobs, bruteSilhouette, rowsOf } from './helpers.js';

const CENTRES_4 = [
  [0, 0, 0],
  [10, 0, 0],
  [0, 10, 0],
  [0, 0, 10],
];

/** Inertia recomputed from labels and centroids. */
function inertiaOf(m: FeatureMatrix, labels: Int32Array, centroids: Float64Array): number {
  let total = 0;
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.dims; j++) {
      total += (m.data[i * m.dims + j]! - centroids[labels[i]! * m.dims + j]!) ** 2;
    }
  }
  return total;
}

describe('seededRandom', () => {
  it('repeats its stream for a seed, differs between seeds, and stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    const ints = Array.from({ length: 600 }, () => a.int(6));
    expect(new Set(ints)).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    expect(() => seededRandom(Number.NaN)).toThrow(RangeError);
  });
});

describe('kMeans', () => {
  const data = blobs(CENTRES_4, [120, 80, 60, 40], 0.7, 11);

  it('recovers well-separated Gaussian blobs (adjusted Rand index 1)', () => {
    const fit = kMeans(data, { k: 4, seed: 3 });
    expect(adjustedRandIndex(fit.labels, data.truth)).toBe(1);
    expect(fit.converged).toBe(true);
    // Clusters are numbered by size, largest first: here in the blobs' own order.
    expect([...fit.sizes]).toEqual([120, 80, 60, 40]);
    expect([...fit.labels]).toEqual([...data.truth]);
    // Each centre lies near its blob's centre.
    for (let c = 0; c < 4; c++) {
      for (let j = 0; j < 3; j++)
        expect(Math.abs(fit.centroids[c * 3 + j]! - CENTRES_4[c]![j]!)).toBeLessThan(0.3);
    }
  });

  it('is deterministic under a seed; another seed finds the same optimum', () => {
    const a = kMeans(data, { k: 4, seed: 42 });
    const b = kMeans(data, { k: 4, seed: 42 });
    expect(b.labels).toEqual(a.labels);
    expect(b.centroids).toEqual(a.centroids);
    expect(b.inertia).toBe(a.inertia);
    expect(b.startInertia).toEqual(a.startInertia);
    const c = kMeans(data, { k: 4, seed: 43 });
    expect(Math.abs(c.inertia - a.inertia) / a.inertia).toBeLessThan(1e-9);
    // Canonical numbering: the same partition gets the same labels whatever the seed.
    expect(c.labels).toEqual(a.labels);
  });

  it('reports an inertia that matches its labels and centres, and centres that are their members’ means', () => {
    const noisy = blobs(CENTRES_4, [50, 50, 50, 50], 4, 5); // overlapping blobs: a harder problem
    const fit = kMeans(noisy, { k: 4, seed: 1, tolerance: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.inertia).toBeCloseTo(inertiaOf(noisy, fit.labels, fit.centroids), 8);
    for (let c = 0; c < 4; c++) {
      for (let j = 0; j < 3; j++) {
        let sum = 0;
        for (let i = 0; i < noisy.rows; i++) if (fit.labels[i] === c) sum += noisy.data[i * 3 + j]!;
        expect(fit.centroids[c * 3 + j]).toBeCloseTo(sum / fit.sizes[c]!, 10);
      }
    }
    // The kept start is the best one.
    expect(fit.inertia).toBe(Math.min(...fit.startInertia));
    expect(fit.startInertia).toHaveLength(4);
  });

  it('steps to the same result it returns synchronously, yielding along the way', () => {
    const steps = kMeansSteps(data, { k: 4, seed: 9 });
    let yields = 0;
    let step = steps.next();
    while (!step.done) {
      yields++;
      expect(step.value).toBeGreaterThan(0);
      step = steps.next();
    }
    expect(yields).toBeGreaterThan(4);
    expect(step.value.labels).toEqual(kMeans(data, { k: 4, seed: 9 }).labels);
  });

  it('handles k = 1, k = rows, and fewer distinct points than k', () => {
    const small: FeatureMatrix = { data: Float64Array.from([0, 0, 1, 0, 0, 1, 5, 5]), rows: 4, dims: 2 };
    const one = kMeans(small, { k: 1 });
    expect([...one.labels]).toEqual([0, 0, 0, 0]);
    expect([...one.centroids]).toEqual([1.5, 1.5]);
    const all = kMeans(small, { k: 4 });
    expect(all.inertia).toBe(0);
    expect([...all.sizes]).toEqual([1, 1, 1, 1]);
    const twins: FeatureMatrix = { data: Float64Array.from([1, 1, 1, 2, 2, 2]), rows: 6, dims: 1 };
    const fit = kMeans(twins, { k: 3 });
    expect(fit.inertia).toBe(0);
    expect([...fit.sizes].sort()).toEqual([0, 3, 3]);
  });

  it('refuses bad input', () => {
    const m: FeatureMatrix = { data: Float64Array.from([0, 1, 2]), rows: 3, dims: 1 };
    expect(() => kMeans(m, { k: 0 })).toThrow(/k must be/);
    expect(() => kMeans(m, { k: 4 })).toThrow(/cannot exceed/);
    expect(() => kMeans(m, { k: 2, restarts: 0 })).toThrow(/restarts/);
    expect(() => kMeans({ ...m, rows: 2 }, { k: 1 })).toThrow(/rows × dims/);
    expect(() => kMeans({ ...m, data: Float64Array.from([0, Number.NaN, 1]) }, { k: 1 })).toThrow(/finite/);
  });
});

describe('silhouette', () => {
  it('equals a brute-force silhouette on small data (with a singleton cluster)', () => {
    const data = blobs(
      [
        [0, 0],
        [3, 1],
        [1, 4],
      ],
      [9, 7, 8],
      1.2,
      21,
    );
    const labels = Int32Array.from(data.truth);
    labels[5] = 3; // a cluster of one: s = 0
    const s = silhouette(data, labels);
    const brute = bruteSilhouette(rowsOf(data), [...labels]);
    expect(s.sampled).toBe(false);
    expect([...s.rows]).toEqual([...Array(data.rows).keys()]);
    s.values.forEach((v, i) => {
      expect(v).toBeCloseTo(brute[i]!, 12);
    });
    expect(s.values[5]).toBe(0);
    expect(s.score).toBeCloseTo(brute.reduce((a, b) => a + b, 0) / brute.length, 12);
  });

  it('equals the brute force on a k-means clustering, and is high for separated blobs', () => {
    const data = blobs(CENTRES_4, [20, 15, 10, 5], 0.5, 2);
    const fit = kMeans(data, { k: 4 });
    const brute = bruteSilhouette(rowsOf(data), [...fit.labels]);
    const s = silhouette(data, fit.labels);
    expect(s.score).toBeCloseTo(brute.reduce((a, b) => a + b, 0) / brute.length, 12);
    expect(s.score).toBeGreaterThan(0.85);
  });

  it('samples above sampleSize: a seeded, reproducible subset scored against itself', () => {
    const data = blobs(CENTRES_4, [60, 50, 40, 30], 0.8, 4);
    const fit = kMeans(data, { k: 4 });
    const a = silhouette(data, fit.labels, { sampleSize: 50, seed: 5 });
    const b = silhouette(data, fit.labels, { sampleSize: 50, seed: 5 });
    expect(a.sampled).toBe(true);
    expect(a.rows).toHaveLength(50);
    expect(new Set(a.rows).size).toBe(50);
    expect([...a.rows]).toEqual([...a.rows].sort((x, y) => x - y));
    expect(b).toEqual(a);
    // The same as the exact silhouette of the sampled points alone.
    const rows = [...a.rows];
    const sub: FeatureMatrix = {
      data: Float64Array.from(rows.flatMap((r) => [...data.data.subarray(r * 3, r * 3 + 3)])),
      rows: 50,
      dims: 3,
    };
    const exact = silhouette(
      sub,
      Int32Array.from(rows, (r) => fit.labels[r]!),
    );
    expect(a.score).toBeCloseTo(exact.score, 12);
    expect(Math.abs(a.score - silhouette(data, fit.labels).score)).toBeLessThan(0.05);
  });

  it('is NaN with one occupied cluster, and its steps agree', () => {
    const m: FeatureMatrix = { data: Float64Array.from([0, 1, 2]), rows: 3, dims: 1 };
    expect(silhouette(m, new Int32Array(3)).score).toBeNaN();
    const labels = Int32Array.from([0, 0, 1]);
    expect(runWork(silhouetteSteps(m, labels))).toEqual(silhouette(m, labels));
    expect(() => silhouette(m, Int32Array.from([0, -1, 1]))).toThrow(/≥ 0/);
  });
});

describe('chooseK', () => {
  it.each([
    [3, [100, 70, 50]],
    [4, [90, 70, 50, 40]],
    [6, [60, 50, 50, 40, 40, 30]],
  ])('picks the true k = %i on well-separated blobs', (k, sizes) => {
    const centres = [
      [0, 0, 0],
      [12, 0, 0],
      [0, 12, 0],
      [0, 0, 12],
      [12, 12, 0],
      [12, 0, 12],
    ].slice(0, k);
    const data = blobs(centres, sizes, 1, 100 + k);
    const chosen = chooseK(data, { seed: 7 });
    expect(chosen.k).toBe(k);
    expect(chosen.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const best = Math.max(...chosen.candidates.map((c) => c.silhouette));
    expect(chosen.silhouette.score).toBe(best);
    expect(adjustedRandIndex(chosen.fit.labels, data.truth)).toBe(1);
  });

  it('caps kMax at rows − 1 and refuses too few rows', () => {
    const m: FeatureMatrix = { data: Float64Array.from([0, 0.1, 5, 5.1]), rows: 4, dims: 1 };
    const chosen = chooseK(m);
    expect(chosen.candidates.map((c) => c.k)).toEqual([2, 3]);
    expect(chosen.k).toBe(2);
    expect(() => chooseK({ ...m, data: m.data.subarray(0, 2), rows: 2 })).toThrow(/at least 3 rows/);
    expect(() => chooseK(m, { kMin: 1 })).toThrow(/kMin/);
  });
});
