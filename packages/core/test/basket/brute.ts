// Independent brute-force counting for the basket tests: baskets as sets of names, one bitset per item over the
// baskets, counts by AND and popcount. Shares nothing with the miner but the definitions.

/** Baskets as arrays of item names. */
export type NamedBaskets = readonly (readonly string[])[];

/** One bitset per item name: bit b set when basket b contains the item. */
export class BitIndex {
  readonly words: number;
  readonly bits = new Map<string, Uint32Array>();
  readonly n: number;

  constructor(baskets: NamedBaskets) {
    this.n = baskets.length;
    this.words = Math.ceil(baskets.length / 32);
    baskets.forEach((basket, b) => {
      for (const item of basket) {
        let bits = this.bits.get(item);
        if (!bits) {
          bits = new Uint32Array(this.words);
          this.bits.set(item, bits);
        }
        bits[b >>> 5]! |= 1 << (b & 31);
      }
    });
  }

  /** Bitset of the baskets containing every item of `items` (all baskets for none). */
  cover(items: readonly string[]): Uint32Array {
    const out = new Uint32Array(this.words).fill(0xffffffff);
    if (this.n % 32 !== 0 && this.words > 0) out[this.words - 1] = (1 << (this.n % 32)) - 1;
    for (const item of items) {
      const bits = this.bits.get(item);
      if (!bits) return new Uint32Array(this.words);
      for (let w = 0; w < this.words; w++) out[w]! &= bits[w]!;
    }
    return out;
  }

  /** Number of baskets containing every item of `items`. */
  count(items: readonly string[]): number {
    return popcount(this.cover(items));
  }
}

export function popcount(bits: Uint32Array): number {
  let total = 0;
  for (let w = 0; w < bits.length; w++) {
    let v = bits[w]!;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    total += Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return total;
}

function and(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w++) out[w] = a[w]! & b[w]!;
  return out;
}

/** A canonical key of an itemset: its names sorted, joined by a character no name holds. */
export function key(names: readonly string[]): string {
  return [...names].sort().join('\u0001');
}

/**
 * Every itemset of at most `maxLength` items contained in at least `minCount` baskets, by depth-first extension
 * over the items in name order (a superset of an infrequent set is infrequent, so nothing is missed): key → count.
 */
export function bruteItemsets(index: BitIndex, minCount: number, maxLength: number): Map<string, number> {
  const items = [...index.bits.keys()].sort();
  const found = new Map<string, number>();
  const extend = (prefix: string[], cover: Uint32Array | undefined, from: number) => {
    if (prefix.length >= maxLength) return;
    for (let i = from; i < items.length; i++) {
      const item = items[i]!;
      const next = cover ? and(cover, index.bits.get(item)!) : index.bits.get(item)!;
      const count = popcount(next);
      if (count < minCount) continue;
      const set = [...prefix, item];
      found.set(key(set), count);
      extend(set, next, i + 1);
    }
  };
  extend([], undefined, 0);
  return found;
}

/** The smallest count c with c / n ≥ minSupport (at least 1), found by counting up. */
export function bruteMinCount(minSupport: number, n: number): number {
  for (let c = 1; c <= n; c++) if (c / n >= minSupport) return c;
  return n + 1;
}

export interface BruteRule {
  readonly antecedent: string;
  readonly consequent: string;
  readonly count: number;
  readonly confidence: number;
  readonly lift: number;
}

/**
 * Every rule X ⇒ Y from the itemsets (key → count) with |Y| ≤ maxConsequent and |X| ≥ minAntecedent, confidence
 * ≥ minConfidence and lift ≥ minLift, counting X and Y afresh: key "X => Y" → the rule.
 */
export function bruteRules(
  index: BitIndex,
  itemsets: Map<string, number>,
  options: { minConfidence: number; minLift?: number; maxConsequent?: number; minAntecedent?: number },
): Map<string, BruteRule> {
  const out = new Map<string, BruteRule>();
  const n = index.n;
  const maxConsequent = options.maxConsequent ?? 1;
  const minAntecedent = options.minAntecedent ?? 1;
  for (const setKey of itemsets.keys()) {
    const items = setKey.split('\u0001');
    const m = items.length;
    const count = index.count(items);
    for (let mask = 1; mask < 1 << m; mask++) {
      const y = items.filter((_, i) => mask & (1 << i));
      const x = items.filter((_, i) => !(mask & (1 << i)));
      if (y.length > maxConsequent || x.length < minAntecedent) continue;
      const countX = index.count(x);
      const countY = index.count(y);
      const confidence = count / countX;
      // lift = P(X ∪ Y) / (P(X) P(Y)) = count · n / (count(X) · count(Y)): integers, one rounding.
      const lift = (count * n) / (countX * countY);
      if (confidence < options.minConfidence || lift < (options.minLift ?? 0)) continue;
      out.set(`${key(x)} => ${key(y)}`, { antecedent: key(x), consequent: key(y), count, confidence, lift });
    }
  }
  return out;
}
