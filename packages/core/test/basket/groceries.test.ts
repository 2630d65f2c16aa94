import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fpGrowth } from '../../src/basket/fp-growth.js';
import { parseBasketLines } from '../../src/basket/parse-basket-lines.js';
import { associationRules } from '../../src/basket/rules.js';
import type { AssociationRule, Baskets, FrequentItemsets } from '../../src/basket/types.js';
import { sharedData } from '../util/cdnow.js';
import { BitIndex, bruteItemsets, bruteMinCount, bruteRules, key, type NamedBaskets } from './brute.js';

// R arules' Groceries: 9,835 baskets of 169 items. Published figures (Hahsler et al.; arules'
// `apriori(Groceries, parameter = list(supp = 0.001, conf = 0.5))`): 5,668 rules; `eclat(Groceries, supp = 0.001)`:
// 13,492 frequent itemsets.

const text = readFileSync(sharedData('groceries/groceries.csv'), 'utf8');

/** The file read independently of parseBasketLines: a line is a basket, items split at commas, kept verbatim. */
const named: NamedBaskets = text
  .split('\n')
  .filter((line) => line.length > 0)
  .map((line) => [...new Set(line.split(','))]);

let baskets: Baskets;
let index: BitIndex;

const names = (codes: Int32Array) => Array.from(codes, (c) => baskets.dictionary[c]!);

/** Relative agreement to 1e-12. */
function near(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
}

beforeAll(() => {
  const parsed = parseBasketLines(text);
  baskets = parsed.baskets;
  index = new BitIndex(named);
});

describe('groceries: parsing', () => {
  it('reads 9,835 baskets of 169 items, nothing rejected', () => {
    const { baskets: b, report } = parseBasketLines(text);
    expect(b.length).toBe(9835);
    expect(b.dictionary.length).toBe(169);
    expect(report).toMatchObject({
      lines: 9835,
      baskets: 9835,
      rejected: 0,
      blankLines: 0,
      duplicateItems: 0,
    });
    // Two labels keep a trailing space: `cream cheese ` (390 baskets) and `roll products ` (101).
    expect(report.paddedItems).toBe(491);
    expect(b.dictionary).toContain('cream cheese ');
    expect(b.dictionary).toContain('roll products ');
    expect(b.items.length).toBe(named.reduce((sum, basket) => sum + basket.length, 0));
    expect(named.length).toBe(9835);
    expect(index.bits.size).toBe(169);
  });

  it('holds every basket exactly as the independent reading does', () => {
    for (let i = 0; i < baskets.length; i++) {
      const got = names(baskets.items.subarray(baskets.offsets[i]!, baskets.offsets[i + 1]!));
      expect(key(got)).toBe(key(named[i]!));
    }
  });
});

describe('groceries: support 0.001, confidence 0.5', () => {
  let frequent: FrequentItemsets;
  let rules: AssociationRule[];
  /** All frequent itemsets by brute force (no size limit; the largest has 6 items, below the default 10). */
  let brute: Map<string, number>;

  beforeAll(() => {
    frequent = fpGrowth(baskets, { minSupport: 0.001 });
    rules = associationRules(frequent, { minConfidence: 0.5 });
    brute = bruteItemsets(index, bruteMinCount(0.001, index.n), Number.POSITIVE_INFINITY);
  });

  it('finds the published counts: 13,492 itemsets (min count 10) and 5,668 rules', () => {
    expect(frequent.baskets).toBe(9835);
    expect(frequent.minCount).toBe(10);
    expect(frequent.itemsets.length).toBe(13492);
    expect(rules.length).toBe(5668);
  });

  it('reports every rule with the support, confidence and lift of a brute-force count', () => {
    const n = index.n;
    for (const rule of rules) {
      const x = names(rule.antecedent);
      const y = names(rule.consequent);
      expect(x.length).toBeGreaterThan(0);
      expect(y.length).toBe(1);
      expect(x.some((item) => y.includes(item))).toBe(false);
      const count = index.count([...x, ...y]);
      const countX = index.count(x);
      const countY = index.count(y);
      expect(rule.count).toBe(count);
      expect(near(rule.support, count / n)).toBe(true);
      expect(near(rule.confidence, count / countX)).toBe(true);
      expect(near(rule.lift, count / n / ((countX / n) * (countY / n)))).toBe(true);
      expect(near(rule.leverage, count / n - (countX / n) * (countY / n))).toBe(true);
      expect(rule.support).toBeGreaterThanOrEqual(0.001);
      expect(rule.confidence).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('finds every rule: the brute-force rules over the brute-force itemsets are the same 5,668', () => {
    expect(Math.max(...[...brute.keys()].map((k) => k.split('\u0001').length))).toBe(6);
    const expected = bruteRules(index, brute, { minConfidence: 0.5 });
    expect(expected.size).toBe(5668);
    const got = new Set(rules.map((r) => `${key(names(r.antecedent))} => ${key(names(r.consequent))}`));
    expect(got.size).toBe(rules.length);
    for (const k of expected.keys()) expect(got.has(k)).toBe(true);
  });

  it('finds every frequent itemset, with its count (depth-first brute force over bitsets, all sizes)', () => {
    expect(brute.size).toBe(frequent.itemsets.length);
    for (const set of frequent.itemsets) expect(brute.get(key(names(set.items)))).toBe(set.count);
    const sizes = new Map<number, number>();
    for (const set of frequent.itemsets) sizes.set(set.items.length, (sizes.get(set.items.length) ?? 0) + 1);
    expect(Object.fromEntries(sizes)).toEqual({ 1: 157, 2: 2981, 3: 6831, 4: 3137, 5: 376, 6: 10 });
  });

  it('orders rules by lift, confidence, support; the top three are those arules prints', () => {
    for (let i = 1; i < rules.length; i++) {
      const a = rules[i - 1]!;
      const b = rules[i]!;
      const ordered =
        a.lift > b.lift ||
        (a.lift === b.lift &&
          (a.confidence > b.confidence || (a.confidence === b.confidence && a.support >= b.support)));
      expect(ordered).toBe(true);
    }
    const top = rules.slice(0, 3).map((r) => [key(names(r.antecedent)), names(r.consequent)[0], r.count]);
    expect(top).toEqual([
      [key(['Instant food products', 'soda']), 'hamburger meat', 12],
      [key(['popcorn', 'soda']), 'salty snack', 12],
      [key(['baking powder', 'flour']), 'sugar', 10],
    ]);
    expect(rules[0]!.lift).toBeCloseTo(18.99565, 4);
    expect(rules[1]!.lift).toBeCloseTo(16.69779, 4);
    expect(rules[2]!.lift).toBeCloseTo(16.40807, 4);
  });
});

describe('groceries: completeness at support 0.01', () => {
  it('equals the brute-force enumeration of all frequent itemsets up to size 3', () => {
    const minCount = bruteMinCount(0.01, index.n);
    const frequent = fpGrowth(baskets, { minSupport: 0.01, maxLength: 3 });
    expect(frequent.minCount).toBe(minCount);
    // All 1-, 2- and 3-sets, counted directly (no pruning).
    const items = [...index.bits.keys()].sort();
    const brute = new Map<string, number>();
    for (let a = 0; a < items.length; a++) {
      const ca = index.count([items[a]!]);
      if (ca >= minCount) brute.set(key([items[a]!]), ca);
      for (let b = a + 1; b < items.length; b++) {
        const cab = index.count([items[a]!, items[b]!]);
        if (cab >= minCount) brute.set(key([items[a]!, items[b]!]), cab);
        if (cab < minCount) continue; // a 3-set containing an infrequent pair cannot be frequent
        for (let c = b + 1; c < items.length; c++) {
          const cabc = index.count([items[a]!, items[b]!, items[c]!]);
          if (cabc >= minCount) brute.set(key([items[a]!, items[b]!, items[c]!]), cabc);
        }
      }
    }
    const got = new Map(frequent.itemsets.map((s) => [key(names(s.items)), s.count]));
    expect(got).toEqual(brute);
    expect(brute.size).toBe(333);
  });

  it('gives the brute-force rules, multi-item consequents and empty antecedents included', () => {
    const frequent = fpGrowth(baskets, { minSupport: 0.01 });
    const options = { minConfidence: 0.1, minLift: 1, maxConsequent: 2, minAntecedent: 0 };
    const rules = associationRules(frequent, options);
    const itemsets = bruteItemsets(index, frequent.minCount, 10);
    const expected = bruteRules(index, itemsets, options);
    expect(rules.length).toBe(expected.size);
    for (const rule of rules) {
      const k = `${key(names(rule.antecedent))} => ${key(names(rule.consequent))}`;
      const want = expected.get(k);
      expect(want, k).toBeDefined();
      expect(rule.count).toBe(want!.count);
      expect(near(rule.confidence, want!.confidence)).toBe(true);
      expect(near(rule.lift, want!.lift)).toBe(true);
    }
  });
});
