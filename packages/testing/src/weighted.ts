import type { Random } from './random.js';

/** Draws indices 0..n-1 with fixed weights (cumulative table + binary search: O(log n) a draw). */
export class WeightedIndex {
  private readonly cumulative: Float64Array;

  constructor(weights: ArrayLike<number>) {
    if (weights.length === 0) throw new RangeError('WeightedIndex needs at least one weight');
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weight ${i} is ${w}; weights must be ≥ 0`);
      sum += w;
      this.cumulative[i] = sum;
    }
    if (!(sum > 0)) throw new RangeError('weights must not all be 0');
  }

  draw(random: Random): number {
    const c = this.cumulative;
    const target = random.next() * c[c.length - 1]!;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Weights 1, 1/2^s, 1/3^s, …: the first items are the most common (Zipf's law). */
export function zipfWeights(n: number, exponent = 1): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 1 / (i + 1) ** exponent;
  return w;
}
