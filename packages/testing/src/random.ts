/**
 * A small seeded random source with the distributions the generators need.
 *
 * The core generator is sfc32 (a 128-bit-state counter generator: fast, passes PractRand, and identical on every
 * platform because it only uses 32-bit integer arithmetic). Same seed → same stream, everywhere.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller, both halves used). */
  normal(): number;
  /** Exponential with the given rate. */
  exponential(rate: number): number;
  /** Gamma with shape `shape` and rate `rate` (mean shape / rate); Marsaglia–Tsang. */
  gamma(shape: number, rate: number): number;
  /** Beta(a, b) via two gammas. */
  beta(a: number, b: number): number;
  /** Poisson with the given mean (Knuth for small means, normal-free PTRS-like inversion by chunks otherwise). */
  poisson(mean: number): number;
  /** Pick one element uniformly. */
  pick<T>(items: readonly T[]): T;
}

/** Create a seeded random source. */
export function createRandom(seed: number): Random {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ Math.imul(seed, 0x85ebca6b);
  let c = 0xb7e15162 ^ Math.imul(seed, 0xc2b2ae35);
  let d = 1;
  const nextU32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up so nearby seeds diverge.
  for (let i = 0; i < 15; i++) nextU32();

  const next = (): number => nextU32() / 4294967296;
  let spareNormal: number | undefined;

  const normal = (): number => {
    if (spareNormal !== undefined) {
      const v = spareNormal;
      spareNormal = undefined;
      return v;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };

  const gamma = (shape: number, rate: number): number => {
    if (!(shape > 0) || !(rate > 0))
      throw new RangeError(`gamma(${shape}, ${rate}): shape and rate must be > 0`);
    if (shape < 1) {
      // Boost: Gamma(k) = Gamma(k + 1) · U^(1/k).
      let u = 0;
      while (u === 0) u = next();
      return gamma(shape + 1, rate) * u ** (1 / shape);
    }
    const dd = shape - 1 / 3;
    const cc = 1 / Math.sqrt(9 * dd);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + cc * x;
      } while (v <= 0);
      v = v * v * v;
      const u = next();
      if (u < 1 - 0.0331 * x * x * x * x) return (dd * v) / rate;
      if (Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return (dd * v) / rate;
    }
  };

  const poisson = (mean: number): number => {
    if (!(mean >= 0)) throw new RangeError(`poisson(${mean}): mean must be ≥ 0`);
    let k = 0;
    let remaining = mean;
    // Split large means into chunks of 30 so exp(-chunk) never underflows; a sum of Poissons is Poisson.
    while (remaining > 0) {
      const chunk = Math.min(remaining, 30);
      remaining -= chunk;
      const limit = Math.exp(-chunk);
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
    }
    return k;
  };

  return {
    next,
    int: (n) => Math.floor(next() * n),
    normal,
    exponential: (rate) => {
      let u = 0;
      while (u === 0) u = next();
      return -Math.log(u) / rate;
    },
    gamma,
    beta: (a2, b2) => {
      const x = gamma(a2, 1);
      const y = gamma(b2, 1);
      return x / (x + y);
    },
    poisson,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick() from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
  };
}
