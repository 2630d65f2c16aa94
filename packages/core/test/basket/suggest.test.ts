import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { customerItems } from '../../src/basket/customer-items.js';
import { fpGrowth } from '../../src/basket/fp-growth.js';
import { parseBasketLines } from '../../src/basket/parse-basket-lines.js';
import { associationRules } from '../../src/basket/rules.js';
import { suggestForCustomers, suggestionsOf } from '../../src/basket/suggest.js';
import type { AssociationRule, ItemLists, Suggestions } from '../../src/basket/types.js';
import { sharedData } from '../util/cdnow.js';

const [BREAD, BUTTER, JAM, MILK, TEA, CAKE] = [0, 1, 2, 3, 4, 5];

function rule(antecedent: number[], consequent: number[], confidence: number, lift: number): AssociationRule {
  return {
    antecedent: Int32Array.from(antecedent),
    consequent: Int32Array.from(consequent),
    count: 10,
    support: 0.1,
    confidence,
    lift,
    leverage: 0,
    conviction: 1,
  };
}

const rules = [
  rule([BREAD, BUTTER], [JAM], 0.8, 2), // 0: score 1.6
  rule([BREAD], [BUTTER], 0.6, 1.5), // 1: 0.9
  rule([TEA], [CAKE], 0.5, 3), // 2: 1.5
  rule([BREAD], [JAM], 0.5, 1.2), // 3: 0.6
  rule([MILK], [JAM, CAKE], 0.4, 2), // 4: 0.8, two items
  rule([], [MILK], 0.3, 1), // 5: 0.3, applies to everyone
  rule([TEA], [BREAD], 0.75, 2), // 6: 1.5, ties rule 2
];

function lists(sets: number[][]): ItemLists {
  const offsets = new Int32Array(sets.length + 1);
  const items: number[] = [];
  sets.forEach((set, c) => {
    items.push(...[...set].sort((a, b) => a - b));
    offsets[c + 1] = items.length;
  });
  return { offsets, items: Int32Array.from(items) };
}

/** Customer c's suggestions as [item, rule, score]. */
function of(s: Suggestions, c: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let k = s.offsets[c]!; k < s.offsets[c + 1]!; k++) out.push([s.item[k]!, s.rule[k]!, s.score[k]!]);
  return out;
}

describe('suggestForCustomers: a hand-made example', () => {
  const bought = lists([
    [BREAD, BUTTER], // 0
    [BREAD], // 1
    [TEA, MILK], // 2
    [], // 3
    [TEA, CAKE, MILK], // 4
  ]);

  it('suggests consequents not bought, of rules whose antecedent was bought, best confidence × lift first', () => {
    const s = suggestForCustomers(rules, bought);
    expect(Array.from(s.offsets)).toEqual([0, 2, 5, 8, 9, 10]);
    // Jam from rule 0 (1.6) beats jam from rule 3 (0.6); butter is bought, so rule 1 does not apply.
    expect(of(s, 0)).toEqual([
      [JAM, 0, 0.8 * 2],
      [MILK, 5, 0.3],
    ]);
    expect(of(s, 1)).toEqual([
      [BUTTER, 1, 0.6 * 1.5],
      [JAM, 3, 0.5 * 1.2],
      [MILK, 5, 0.3],
    ]);
    // Cake and bread tie at 1.5: the earlier rule first; jam comes from the two-item consequent of rule 4,
    // whose cake is beaten by rule 2; milk is bought.
    expect(of(s, 2)).toEqual([
      [CAKE, 2, 1.5],
      [BREAD, 6, 1.5],
      [JAM, 4, 0.4 * 2],
    ]);
    expect(of(s, 3)).toEqual([[MILK, 5, 0.3]]);
    // Rule 4 needs neither cake nor jam bought: cake is, so it does not apply.
    expect(of(s, 4)).toEqual([[BREAD, 6, 1.5]]);
  });

  it('cuts to the limit and gives the producing rule', () => {
    const s = suggestForCustomers(rules, bought, { limit: 1 });
    expect(Array.from(s.offsets)).toEqual([0, 1, 2, 3, 4, 5]);
    const first = suggestionsOf(s, rules, 1);
    expect(first).toEqual([{ item: BUTTER, score: 0.6 * 1.5, ruleIndex: 1, rule: rules[1] }]);
    expect(suggestForCustomers(rules, bought, { limit: 0 }).item.length).toBe(0);
    expect(() => suggestForCustomers(rules, bought, { limit: -1 })).toThrow(RangeError);
    expect(suggestionsOf(s, rules, 99)).toEqual([]);
  });

  it('gives nothing without rules', () => {
    const s = suggestForCustomers([], bought);
    expect(Array.from(s.offsets)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('suggestForCustomers: groceries, customers of five baskets each', () => {
  it('equals a brute-force scan of every rule for every customer', () => {
    const { baskets } = parseBasketLines(readFileSync(sharedData('groceries/groceries.csv'), 'utf8'));
    const customers = Math.ceil(baskets.length / 5);
    const withCustomers = {
      ...baskets,
      customer: {
        codes: Int32Array.from({ length: baskets.length }, (_, b) => Math.floor(b / 5)),
        dictionary: Array.from({ length: customers }, (_, c) => `c${c}`),
      },
    };
    const bought = customerItems(withCustomers);
    const mined = associationRules(fpGrowth(baskets, { minSupport: 0.002 }), {
      minConfidence: 0.3,
      minLift: 1,
      maxConsequent: 2,
    });
    expect(mined.length).toBeGreaterThan(1000);
    for (const limit of [4, Number.POSITIVE_INFINITY]) {
      const s = suggestForCustomers(mined, bought, { limit });
      for (let c = 0; c < customers; c += 7) {
        const has = new Set(bought.items.subarray(bought.offsets[c]!, bought.offsets[c + 1]!));
        const best = new Map<number, { score: number; rule: number }>();
        mined.forEach((r, i) => {
          if (!r.antecedent.every((x) => has.has(x)) || r.consequent.some((y) => has.has(y))) return;
          const score = r.confidence * r.lift;
          for (const y of r.consequent) {
            const seen = best.get(y);
            if (!seen || score > seen.score) best.set(y, { score, rule: i });
          }
        });
        const expected = [...best]
          .sort(([ya, a], [yb, b]) => b.score - a.score || a.rule - b.rule || ya - yb)
          .slice(0, limit)
          .map(([y, { score, rule: r }]) => [y, r, score]);
        expect(of(s, c)).toEqual(expected);
      }
    }
  });
});
