import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fpGrowth, fpGrowthSteps } from '../../src/basket/fp-growth.js';
import { parseBasketLines, parseBasketLinesSteps } from '../../src/basket/parse-basket-lines.js';
import { associationRules, associationRulesSteps } from '../../src/basket/rules.js';
import { REPORT_WORK, sliceWork, type Work } from '../../src/util/work.js';
import { sharedData } from '../util/cdnow.js';

/** Runs work to the end, collecting its reports. */
function drain<R>(work: Work<R>): { result: R; reports: number[] } {
  const reports: number[] = [];
  for (;;) {
    const step = work.next();
    if (step.done) return { result: step.value, reports };
    reports.push(step.value);
  }
}

const text = readFileSync(sharedData('groceries/groceries.csv'), 'utf8');

describe('basket: cooperative variants', () => {
  it('report finite work in bounded chunks and return what the synchronous forms return', () => {
    const parsed = drain(parseBasketLinesSteps(text));
    expect(parsed.result).toEqual(parseBasketLines(text));
    const { baskets } = parsed.result;
    const mined = drain(fpGrowthSteps(baskets, { minSupport: 0.001 }));
    expect(mined.result).toEqual(fpGrowth(baskets, { minSupport: 0.001 }));
    const rules = drain(associationRulesSteps(mined.result, { minConfidence: 0.5 }));
    expect(rules.result).toEqual(associationRules(mined.result, { minConfidence: 0.5 }));
    for (const { reports } of [parsed, mined, rules]) {
      expect(reports.length).toBeGreaterThan(3);
      for (const w of reports) {
        expect(Number.isFinite(w) && w >= 0).toBe(true);
      }
    }
    // The search pauses every REPORT_WORK units or so (one conditional tree can overshoot a little).
    const search = mined.reports.slice(2, -2);
    expect(Math.max(...search)).toBeLessThan(REPORT_WORK * 3);
    const sliced = drain(sliceWork(fpGrowthSteps(baskets, { minSupport: 0.001 })));
    expect(sliced.result.itemsets.length).toBe(13492);
  });

  it('rejects bad options and bad baskets', () => {
    const { baskets } = parseBasketLines('a,b\nb,c');
    expect(() => fpGrowth(baskets, { minSupport: 0 })).toThrow(RangeError);
    expect(() => fpGrowth(baskets, { minSupport: 1.5 })).toThrow(RangeError);
    expect(() => fpGrowth(baskets, { maxLength: 0 })).toThrow(RangeError);
    expect(() => fpGrowth(baskets, { maxLength: 2.5 })).toThrow(RangeError);
    const unsorted = { ...baskets, items: Int32Array.from([1, 0, 1, 2]) };
    expect(() => fpGrowth(unsorted)).toThrow(/strictly increasing/);
    const outside = { ...baskets, items: Int32Array.from([0, 1, 1, 7]) };
    expect(() => fpGrowth(outside)).toThrow(RangeError);
    const frequent = fpGrowth(baskets, { minSupport: 0.5 });
    expect(() => associationRules(frequent, { minConfidence: 2 })).toThrow(RangeError);
    expect(() => associationRules(frequent, { maxConsequent: 0 })).toThrow(RangeError);
    // A filtered itemset list lacks subsets: refused rather than wrong.
    const partial = { ...frequent, itemsets: frequent.itemsets.filter((s) => s.items.length > 1) };
    expect(() => associationRules(partial, { minConfidence: 0 })).toThrow(/missing/);
  });

  it('handles no baskets and no frequent items', () => {
    const empty = parseBasketLines('').baskets;
    expect(fpGrowth(empty, { minSupport: 0.5 }).itemsets).toEqual([]);
    const { baskets } = parseBasketLines('a\nb\nc');
    const none = fpGrowth(baskets, { minSupport: 0.5 });
    expect(none.itemsets).toEqual([]);
    expect(none.minCount).toBe(2);
    expect(associationRules(none)).toEqual([]);
  });
});
