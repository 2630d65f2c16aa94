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
  // The state lives in an Int32Array rather than in closure variables: V8 boxes closure numbers that do not fit a
  // small integer as heap objects, so every step would allocate (and the garbage collector would dominate).
  // Int32Array stores wrap exactly like `| 0`, so the stream is the same bit for bit.
  const state = new Int32Array(4);
  state[0] = 0x9e3779b9 ^ seed;
  state[1] = 0x243f6a88 ^ Math.imul(seed, 0x85ebca6b);
  state[2] = 0xb7e15162 ^ Math.imul(seed, 0xc2b2ae35);
  state[3] = 1;
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
  // Warm up so nearby seeds diverge.
  for (let i = 0; i < 15; i++) nextU32();

  const next = (): number => nextU32() / 4294967296;
  // The spare Box–Muller value, kept in a typed array for the same reason as the state.
  const spare = new Float64Array(1);
  let hasSpare = false;

  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare[0]!;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare[0] = r * Math.sin(2 * Math.PI * v);
    hasSpare = true;
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
