/**
 * A small seeded pseudo-random source for the kernels that sample (k-means++ seeding, silhouette samples).
 *
 * The generator is sfc32 (128-bit state, 32-bit integer arithmetic only, so the stream is the same bit for bit on
 * every platform), its state filled from the seed by splitmix32. Same seed → same stream. Not for cryptography.
 */
export interface SeededRandom {
  /** Uniform in [0, 1), in steps of 2⁻³². */
  next(): number;
  /** Uniform integer in [0, n) for a positive whole n below 2³². */
  int(n: number): number;
}

/**
 * Creates a seeded source. The seed is any finite number; it is reduced to 32 bits (`seed >>> 0` after rounding
 * toward zero), so seeds that differ only beyond that give the same stream.
 *
 * @throws {RangeError} when the seed is not finite
 */
export function seededRandom(seed: number): SeededRandom {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${String(seed)}`);
  // State in an Int32Array: closure numbers outside the small-integer range would be boxed on every step.
  const state = new Int32Array(4);
  let s = Math.trunc(seed) >>> 0;
  for (let i = 0; i < 4; i++) {
    // splitmix32
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    state[i] = z ^ (z >>> 16);
  }
  const nextU32 = (): number => {
    const a = state[0]!;
    const b = state[1]!;
    const c = state[2]!;
    const d = state[3]!;
    const t = (((a + b) | 0) + d) | 0;
    state[3] = d + 1;
    state[0] = b ^ (b >>> 9);
    state[1] = c + (c << 3);
    state[2] = ((c << 21) | (c >>> 11)) + t;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextU32();
  const next = (): number => nextU32() / 4294967296;
  return { next, int: (n) => Math.floor(next() * n) };
}
