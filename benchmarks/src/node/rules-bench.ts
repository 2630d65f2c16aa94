/**
 * Association rules on R arules' Groceries (9,835 baskets, 169 items) in Node: FP-growth at support 0.001, then
 * the rules at confidence 0.5 (single-item consequents; 13,492 itemsets and 5,668 rules, arules' figures). Each
 * time is the median of 3 runs in one process, the first of which includes V8's warm-up; parsing the file is not
 * timed.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { associationRules, fpGrowth, parseBasketLines } from '@crm-lens/core';
import { median } from '../shared/stats.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const GROCERIES = join(ROOT, '../shared/data/groceries/groceries.csv');

const RUNS = 3;
const MIN_SUPPORT = 0.001;
const MIN_CONFIDENCE = 0.5;

export interface RulesBenchResult {
  /** Baskets mined and distinct items. */
  readonly baskets: number;
  readonly items: number;
  readonly minSupport: number;
  /** Frequent itemsets and rules found (the same in every run). */
  readonly itemsets: number;
  readonly rules: number;
  /** Median milliseconds of `fpGrowth` and of `associationRules`. */
  readonly mineMs: number;
  readonly rulesMs: number;
}

export async function runRulesBench(): Promise<RulesBenchResult> {
  const { baskets, report } = parseBasketLines(await readFile(GROCERIES, 'utf8'));
  if (report.rejected > 0) throw new Error(`groceries.csv: ${report.rejected} lines rejected`);
  const mine: number[] = [];
  const derive: number[] = [];
  let itemsets = 0;
  let rules = 0;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const frequent = fpGrowth(baskets, { minSupport: MIN_SUPPORT });
    const t1 = performance.now();
    const found = associationRules(frequent, { minConfidence: MIN_CONFIDENCE });
    const t2 = performance.now();
    mine.push(t1 - t0);
    derive.push(t2 - t1);
    itemsets = frequent.itemsets.length;
    rules = found.length;
  }
  return {
    baskets: baskets.length,
    items: baskets.dictionary.length,
    minSupport: MIN_SUPPORT,
    itemsets,
    rules,
    mineMs: median(mine),
    rulesMs: median(derive),
  };
}
