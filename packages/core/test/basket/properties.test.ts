import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fpGrowth } from '../../src/basket/fp-growth.js';
import { associationRules } from '../../src/basket/rules.js';
import type { Baskets } from '../../src/basket/types.js';
import { BitIndex, bruteItemsets, bruteMinCount, bruteRules, key } from './brute.js';

const ITEMS = 9;
const dictionary = Array.from({ length: ITEMS }, (_, i) => `i${i}`);

/** Baskets of codes (sorted, unique) and the same baskets as name sets. */
function basketsOf(sets: readonly (readonly number[])[]): Baskets {
  const offsets = new Int32Array(sets.length + 1);
  const items: number[] = [];
  sets.forEach((set, b) => {
    items.push(...[...new Set(set)].sort((x, y) => x - y));
    offsets[b + 1] = items.length;
  });
  return { length: sets.length, offsets, items: Int32Array.from(items), dictionary };
}

// Skewed item draws (low codes far more often), so that long itemsets are frequent too.
const item = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 2 }) },
  { weight: 2, arbitrary: fc.integer({ min: 3, max: 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: 6, max: ITEMS - 1 }) },
);
const basketSets = fc.array(fc.array(item, { maxLength: 7 }), { maxLength: 40 });

describe('basket: miner = brute force on small random baskets', () => {
  it('finds exactly the frequent itemsets, with their counts', () => {
    fc.assert(
      fc.property(
        basketSets,
        fc.constantFrom(0.02, 0.05, 0.1, 0.2, 0.25, 1 / 3, 0.5, 1),
        fc.constantFrom(1, 2, 3, 4, Number.POSITIVE_INFINITY),
        (sets, minSupport, maxLength) => {
          const baskets = basketsOf(sets);
          const got = fpGrowth(baskets, { minSupport, maxLength });
          const index = new BitIndex(sets.map((s) => s.map((c) => dictionary[c]!)));
          const minCount = sets.length === 0 ? 1 : bruteMinCount(minSupport, sets.length);
          expect(got.minCount).toBe(minCount);
          const expected = bruteItemsets(index, minCount, maxLength);
          const found = new Map(
            got.itemsets.map((s) => [key(Array.from(s.items, (c) => dictionary[c]!)), s.count]),
          );
          expect(found.size).toBe(got.itemsets.length);
          expect(found).toEqual(expected);
          for (const s of got.itemsets) {
            expect(s.support).toBe(s.count / sets.length);
            expect(s.support).toBeGreaterThanOrEqual(minSupport);
            for (let k = 1; k < s.items.length; k++) expect(s.items[k]!).toBeGreaterThan(s.items[k - 1]!);
          }
        },
      ),
      { numRuns: 300, seed: 20240601 },
    );
  });

  it('derives exactly the brute-force rules', () => {
    fc.assert(
      fc.property(
        basketSets,
        fc.constantFrom(0.05, 0.1, 0.2),
        fc.constantFrom(0, 0.3, 0.5, 0.8, 1),
        fc.constantFrom(0, 1, 1.2),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        (sets, minSupport, minConfidence, minLift, maxConsequent, minAntecedent) => {
          const baskets = basketsOf(sets);
          const frequent = fpGrowth(baskets, { minSupport });
          const options = { minConfidence, minLift, maxConsequent, minAntecedent };
          const rules = associationRules(frequent, options);
          const index = new BitIndex(sets.map((s) => s.map((c) => dictionary[c]!)));
          const itemsets = bruteItemsets(index, frequent.minCount, 10);
          const expected = bruteRules(index, itemsets, options);
          const got = new Map(
            rules.map((r) => [
              `${key(Array.from(r.antecedent, (c) => dictionary[c]!))} => ${key(Array.from(r.consequent, (c) => dictionary[c]!))}`,
              { count: r.count, confidence: r.confidence, lift: r.lift },
            ]),
          );
          expect(got.size).toBe(rules.length);
          expect(new Set(got.keys())).toEqual(new Set(expected.keys()));
          for (const [k, rule] of got) {
            const want = expected.get(k)!;
            expect(rule.count).toBe(want.count);
            expect(rule.confidence).toBe(want.confidence);
            expect(rule.lift).toBe(want.lift);
          }
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});
