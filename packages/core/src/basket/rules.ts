import { Float64Builder, Int32Builder } from '../util/growable.js';
import { sortIndicesWork } from '../util/sort-work.js';
import { forChunks, runWork, type Work } from '../util/work.js';
import type { AssociationRule, FrequentItemsets, Itemset } from './types.js';

export interface AssociationRuleOptions {
  /** Minimum confidence P(Y | X), in [0, 1]; default 0.8 (as R arules). */
  readonly minConfidence?: number;
  /** Minimum lift; default 0 (no lift filter). Use e.g. 1 to keep only positively associated rules. */
  readonly minLift?: number;
  /** Largest consequent size, a whole number ≥ 1; default 1 (single-item consequents, as R arules). */
  readonly maxConsequent?: number;
  /**
   * Smallest antecedent size; default 1. With 0, every frequent Y also gives the rule ∅ ⇒ Y (confidence =
   * support of Y, lift 1), as R arules does with its default `minlen = 1`.
   */
  readonly minAntecedent?: number;
}

/** Nominal cost of one candidate rule (two hash look-ups and the measures). */
const CANDIDATE_COST = 60;
const RULE_COST = 150;

/**
 * The association rules X ⇒ Y of a complete set of frequent itemsets: for every frequent itemset Z and every
 * non-empty Y ⊂ Z of at most `maxConsequent` items with X = Z \ Y of at least `minAntecedent` items, the rule
 * X ⇒ Y when its confidence count(Z) / count(X) ≥ `minConfidence` and its lift ≥ `minLift`. The supports of X and
 * Y come from the itemsets themselves (every subset of a frequent itemset is frequent), so `frequent` must be
 * what {@link fpGrowth} returned, not a filtered part of it. Rules are ordered by lift, then confidence, then
 * support (each descending), then antecedent and consequent item codes lexicographically.
 */
export function associationRules(
  frequent: FrequentItemsets,
  options: AssociationRuleOptions = {},
): AssociationRule[] {
  return runWork(associationRulesSteps(frequent, options));
}

/** Open-addressing hash index of itemsets by their item codes. */
interface ItemsetIndex {
  readonly slots: Int32Array;
  readonly mask: number;
  readonly itemsets: readonly Itemset[];
}

function hashCodes(codes: Int32Array, len: number): number {
  let h = Math.imul(len, 0x9e3779b1);
  for (let k = 0; k < len; k++) {
    h = Math.imul(h ^ codes[k]!, 0x85ebca6b);
    h ^= h >>> 13;
  }
  return Math.imul(h, 0xc2b2ae35) ^ (h >>> 16);
}

function buildIndex(itemsets: readonly Itemset[]): ItemsetIndex {
  let size = 16;
  while (size < itemsets.length * 2) size *= 2;
  const slots = new Int32Array(size);
  const mask = size - 1;
  for (let i = 0; i < itemsets.length; i++) {
    const items = itemsets[i]!.items;
    let h = hashCodes(items, items.length) & mask;
    while (slots[h] !== 0) h = (h + 1) & mask;
    slots[h] = i + 1;
  }
  return { slots, mask, itemsets };
}

/** The count of the itemset `codes[0 … len − 1]`, or −1 when it is not in the index. */
function lookup(index: ItemsetIndex, codes: Int32Array, len: number): number {
  const { slots, mask, itemsets } = index;
  let h = hashCodes(codes, len) & mask;
  for (;;) {
    const slot = slots[h]!;
    if (slot === 0) return -1;
    const found = itemsets[slot - 1]!;
    const items = found.items;
    if (items.length === len) {
      let same = true;
      for (let k = 0; k < len; k++) {
        if (items[k] !== codes[k]) {
          same = false;
          break;
        }
      }
      if (same) return found.count;
    }
    h = (h + 1) & mask;
  }
}

interface RuleState {
  readonly index: ItemsetIndex;
  readonly n: number;
  readonly itemCounts: Int32Array;
  readonly minConfidence: number;
  readonly minLift: number;
  readonly maxConsequent: number;
  readonly minAntecedent: number;
  /** Scratch: chosen consequent positions, antecedent and consequent codes. */
  readonly pick: Int32Array;
  readonly x: Int32Array;
  readonly y: Int32Array;
  readonly antecedents: Int32Builder;
  readonly antecedentEnds: Int32Builder;
  readonly consequents: Int32Builder;
  readonly consequentEnds: Int32Builder;
  readonly counts: Int32Builder;
  readonly confidence: Float64Builder;
  readonly lift: Float64Builder;
  readonly leverage: Float64Builder;
  readonly conviction: Float64Builder;
  missing: number;
}

function rulesRange(s: RuleState, from: number, to: number): void {
  const { itemsets } = s.index;
  const { pick } = s;
  for (let i = from; i < to; i++) {
    const z = itemsets[i]!;
    const m = z.items.length;
    const largest = Math.min(s.maxConsequent, m - s.minAntecedent);
    for (let k = 1; k <= largest; k++) {
      // Every k-subset of positions, in lexicographic order.
      for (let j = 0; j < k; j++) pick[j] = j;
      for (;;) {
        candidate(s, z, k);
        let j = k - 1;
        while (j >= 0 && pick[j] === m - k + j) j--;
        if (j < 0) break;
        pick[j]!++;
        for (let t = j + 1; t < k; t++) pick[t] = pick[t - 1]! + 1;
      }
    }
  }
}

/** Considers the rule (Z minus the picked positions) ⇒ (the picked positions). */
function candidate(s: RuleState, z: Itemset, k: number): void {
  const { pick, x, y, n } = s;
  const items = z.items;
  const m = items.length;
  let xl = 0;
  let yl = 0;
  for (let p = 0; p < m; p++) {
    if (yl < k && pick[yl] === p) y[yl++] = items[p]!;
    else x[xl++] = items[p]!;
  }
  const countX = xl === 0 ? n : lookup(s.index, x, xl);
  const countY = yl === 1 ? s.itemCounts[y[0]!]! : lookup(s.index, y, yl);
  if (countX <= 0 || countY <= 0) {
    s.missing++;
    return;
  }
  const count = z.count;
  const confidence = count / countX;
  if (confidence < s.minConfidence) return;
  const lift = (count * n) / (countX * countY);
  if (lift < s.minLift) return;
  const supportY = countY / n;
  for (let t = 0; t < xl; t++) s.antecedents.push(x[t]!);
  s.antecedentEnds.push(s.antecedents.length);
  for (let t = 0; t < yl; t++) s.consequents.push(y[t]!);
  s.consequentEnds.push(s.consequents.length);
  s.counts.push(count);
  s.confidence.push(confidence);
  s.lift.push(lift);
  s.leverage.push(count / n - (countX / n) * supportY);
  s.conviction.push(confidence === 1 ? Number.POSITIVE_INFINITY : (1 - supportY) / (1 - confidence));
}

/** {@link associationRules} as cooperative work. */
export function* associationRulesSteps(
  frequent: FrequentItemsets,
  options: AssociationRuleOptions = {},
): Work<AssociationRule[]> {
  const minConfidence = options.minConfidence ?? 0.8;
  const minLift = options.minLift ?? 0;
  const maxConsequent = options.maxConsequent ?? 1;
  const minAntecedent = options.minAntecedent ?? 1;
  if (!(minConfidence >= 0 && minConfidence <= 1)) {
    throw new RangeError(`associationRules: minConfidence must be in [0, 1], not ${minConfidence}`);
  }
  if (!(minLift >= 0)) throw new RangeError(`associationRules: minLift must be ≥ 0, not ${minLift}`);
  if (!(Number.isInteger(maxConsequent) && maxConsequent >= 1)) {
    throw new RangeError(`associationRules: maxConsequent must be a whole number ≥ 1, not ${maxConsequent}`);
  }
  if (!(Number.isInteger(minAntecedent) && minAntecedent >= 0)) {
    throw new RangeError(`associationRules: minAntecedent must be a whole number ≥ 0, not ${minAntecedent}`);
  }
  const { itemsets, baskets: n } = frequent;
  let longest = 0;
  for (const z of itemsets) longest = Math.max(longest, z.items.length);
  const index = buildIndex(itemsets);
  yield itemsets.length * 20;
  const state: RuleState = {
    index,
    n,
    itemCounts: frequent.itemCounts,
    minConfidence,
    minLift,
    maxConsequent,
    minAntecedent,
    pick: new Int32Array(longest),
    x: new Int32Array(longest),
    y: new Int32Array(longest),
    antecedents: new Int32Builder(4096),
    antecedentEnds: new Int32Builder(1024),
    consequents: new Int32Builder(1024),
    consequentEnds: new Int32Builder(1024),
    counts: new Int32Builder(1024),
    confidence: new Float64Builder(1024),
    lift: new Float64Builder(1024),
    leverage: new Float64Builder(1024),
    conviction: new Float64Builder(1024),
    missing: 0,
  };
  const perItemset = Math.min(longest, 2 ** Math.min(longest, 10));
  yield* forChunks(itemsets.length, CANDIDATE_COST * (1 + perItemset), rulesRange, state);
  if (state.missing > 0) {
    throw new RangeError(
      `associationRules: ${state.missing} subsets of frequent itemsets are missing: pass the complete fpGrowth result`,
    );
  }
  const aItems = state.antecedents.finish();
  const aEnds = state.antecedentEnds.finish();
  const cItems = state.consequents.finish();
  const cEnds = state.consequentEnds.finish();
  const counts = state.counts.finish();
  const confidence = state.confidence.finish();
  const lift = state.lift.finish();
  const leverage = state.leverage.finish();
  const conviction = state.conviction.finish();
  const m = counts.length;
  const start = (ends: Int32Array, i: number) => (i === 0 ? 0 : ends[i - 1]!);
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  yield* sortIndicesWork(order, (a, b) => {
    if (lift[a] !== lift[b]) return lift[b]! > lift[a]! ? 1 : -1;
    if (confidence[a] !== confidence[b]) return confidence[b]! > confidence[a]! ? 1 : -1;
    if (counts[a] !== counts[b]) return counts[b]! - counts[a]!;
    const byAntecedent = compareCodes(aItems, start(aEnds, a), aEnds[a]!, start(aEnds, b), aEnds[b]!);
    if (byAntecedent !== 0) return byAntecedent;
    const byConsequent = compareCodes(cItems, start(cEnds, a), cEnds[a]!, start(cEnds, b), cEnds[b]!);
    return byConsequent !== 0 ? byConsequent : a - b;
  });
  const out: RuleOutput = {
    order,
    aItems,
    aEnds,
    cItems,
    cEnds,
    counts,
    confidence,
    lift,
    leverage,
    conviction,
    n,
    items: new Int32Array(aItems.length + cItems.length),
    written: 0,
    rules: new Array(m),
  };
  yield* forChunks(m, RULE_COST, outputRange, out);
  const rules = out.rules;
  return rules;
}

interface RuleOutput {
  readonly order: Int32Array;
  readonly aItems: Int32Array;
  readonly aEnds: Int32Array;
  readonly cItems: Int32Array;
  readonly cEnds: Int32Array;
  readonly counts: Int32Array;
  readonly confidence: Float64Array;
  readonly lift: Float64Array;
  readonly leverage: Float64Array;
  readonly conviction: Float64Array;
  readonly n: number;
  /** Antecedent and consequent codes of the rules in output order; the rules' arrays are views of it. */
  readonly items: Int32Array;
  written: number;
  readonly rules: AssociationRule[];
}

/** Appends `src[start … end − 1]` to the output buffer and returns a view of the copy. */
function copyOut(s: RuleOutput, src: Int32Array, start: number, end: number): Int32Array {
  const { items } = s;
  const at = s.written;
  for (let j = start; j < end; j++) items[s.written++] = src[j]!;
  return items.subarray(at, s.written);
}

function outputRange(s: RuleOutput, from: number, to: number): void {
  const { order, aItems, aEnds, cItems, cEnds, counts, rules } = s;
  for (let k = from; k < to; k++) {
    const i = order[k]!;
    const antecedent = copyOut(s, aItems, i === 0 ? 0 : aEnds[i - 1]!, aEnds[i]!);
    const consequent = copyOut(s, cItems, i === 0 ? 0 : cEnds[i - 1]!, cEnds[i]!);
    rules[k] = {
      antecedent,
      consequent,
      count: counts[i]!,
      support: counts[i]! / s.n,
      confidence: s.confidence[i]!,
      lift: s.lift[i]!,
      leverage: s.leverage[i]!,
      conviction: s.conviction[i]!,
    };
  }
}

/** Lexicographic order of `codes[a0 … a1 − 1]` and `codes[b0 … b1 − 1]` (a proper prefix comes first). */
function compareCodes(codes: Int32Array, a0: number, a1: number, b0: number, b1: number): number {
  const la = a1 - a0;
  const lb = b1 - b0;
  for (let k = 0; k < Math.min(la, lb); k++) {
    const d = codes[a0 + k]! - codes[b0 + k]!;
    if (d !== 0) return d;
  }
  return la - lb;
}

/** Item names of item codes. */
export function itemNames(items: ArrayLike<number>, dictionary: readonly string[]): string[] {
  return Array.from(items, (code) => dictionary[code] ?? `#${code}`);
}

/** A rule as text, e.g. `{citrus fruit, root vegetables} => {other vegetables}`. */
export function formatRule(rule: AssociationRule, dictionary: readonly string[]): string {
  return `{${itemNames(rule.antecedent, dictionary).join(', ')}} => {${itemNames(rule.consequent, dictionary).join(', ')}}`;
}
