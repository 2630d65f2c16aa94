import { createRandom } from '@crm-lens/testing';
import type { FeatureMatrix } from '../../src/segments/features.js';

/** Well-separated Gaussian blobs: `sizes[c]` points around centre c (spread `sd`), shuffled, with true labels. */
export function blobs(
  centres: readonly (readonly number[])[],
  sizes: readonly number[],
  sd: number,
  seed: number,
): FeatureMatrix & { readonly truth: Int32Array } {
  const random = createRandom(seed);
  const dims = centres[0]!.length;
  const points: { x: number[]; label: number }[] = [];
  centres.forEach((centre, c) => {
    for (let i = 0; i < sizes[c]!; i++)
      points.push({ x: centre.map((m) => m + sd * random.normal()), label: c });
  });
  // Fisher–Yates, so clusters are not contiguous runs of rows.
  for (let i = points.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [points[i], points[j]] = [points[j]!, points[i]!];
  }
  return {
    data: Float64Array.from(points.flatMap((p) => p.x)),
    rows: points.length,
    dims,
    truth: Int32Array.from(points, (p) => p.label),
  };
}

/** Adjusted Rand index (Hubert & Arabie 1985) of two labellings, from the contingency table. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const table = new Map<string, number>();
  const rowsA = new Map<number, number>();
  const colsB = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}|${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rowsA.set(a[i]!, (rowsA.get(a[i]!) ?? 0) + 1);
    colsB.set(b[i]!, (colsB.get(b[i]!) ?? 0) + 1);
  }
  const pairs = (m: number) => (m * (m - 1)) / 2;
  const sum = (values: Iterable<number>) => [...values].reduce((s, m) => s + pairs(m), 0);
  const index = sum(table.values());
  const sa = sum(rowsA.values());
  const sb = sum(colsB.values());
  const expected = (sa * sb) / pairs(n);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** Brute-force silhouette, straight from the definition with plain arrays. */
export function bruteSilhouette(points: readonly (readonly number[])[], labels: readonly number[]): number[] {
  const dist = (p: readonly number[], q: readonly number[]) =>
    Math.sqrt(p.reduce((s, v, j) => s + (v - q[j]!) ** 2, 0));
  const clusters = [...new Set(labels)];
  return points.map((p, i) => {
    const own = labels[i]!;
    const mates = points.filter((_, j) => j !== i && labels[j] === own);
    if (mates.length === 0) return 0;
    const a = mates.reduce((s, q) => s + dist(p, q), 0) / mates.length;
    const b = Math.min(
      ...clusters
        .filter((c) => c !== own)
        .map((c) => {
          const others = points.filter((_, j) => labels[j] === c);
          return others.reduce((s, q) => s + dist(p, q), 0) / others.length;
        }),
    );
    return Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
  });
}

/** Rows of a matrix as plain arrays. */
export function rowsOf(m: FeatureMatrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => [...m.data.subarray(i * m.dims, (i + 1) * m.dims)]);
}
