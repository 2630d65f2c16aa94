import { Float64Builder, Int32Builder } from '../util/growable.js';
import { sortIndicesWork } from '../util/sort-work.js';
import { forChunks, REPORT_WORK, runWork, type Work } from '../util/work.js';
import type { AssociationRule, ItemLists, Suggestions } from './types.js';

export interface SuggestOptions {
  /** The most suggestions per customer, a whole number ≥ 0 or `Infinity`; default 5. */
  readonly limit?: number;
}

/** One suggestion, for display. */
export interface Suggestion {
  readonly item: number;
  readonly score: number;
  /** Index of the rule in the rules passed to {@link suggestForCustomers}. */
  readonly ruleIndex: number;
  readonly rule: AssociationRule;
}

/** Nominal costs: per customer, per bought item, per rule checked. */
const CUSTOMER_COST = 100;
const ITEM_COST = 10;
const RULE_COST = 30;
const FLATTEN_COST = 60;

/**
 * Next-product suggestions: for each customer (list `c` of `customerItems`, what customer `c` has bought), the
 * rules X ⇒ Y whose antecedent X the customer has bought entirely and none of whose consequent items Y they have
 * bought. Each consequent item is a suggestion scored by its rule's confidence × lift; an item suggested by several
 * rules keeps its best-scoring rule (ties: the earlier rule). A customer's suggestions are ordered by score
 * (descending), then rule index, then item code, and cut to `limit`. Rules with an empty antecedent apply to
 * every customer. Customers with no applicable rule get none.
 *
 * Confidence alone favours items everyone buys (a supermarket's whole milk); lift alone favours rare items whose
 * rules rest on a handful of baskets. confidence × lift = P(Y | X)² / P(Y) rewards both a likely purchase and a
 * strong association.
 */
export function suggestForCustomers(
  rules: readonly AssociationRule[],
  customerItems: ItemLists,
  options: SuggestOptions = {},
): Suggestions {
  return runWork(suggestForCustomersSteps(rules, customerItems, options));
}

interface SuggestState {
  readonly customers: number;
  readonly offsets: Int32Array;
  readonly items: Int32Array;
  readonly limit: number;
  /** Rules, flattened: antecedent and consequent CSR, score. */
  readonly aOffsets: Int32Array;
  readonly aItems: Int32Array;
  readonly cOffsets: Int32Array;
  readonly cItems: Int32Array;
  readonly score: Float64Array;
  /**
   * Rules by their key item (CSR over item codes), and the rules with an empty antecedent; each list by score
   * descending, then rule index.
   */
  readonly keyOffsets: Int32Array;
  readonly keyRules: Int32Array;
  readonly always: Int32Array;
  /** Per item: the customer (+1) who bought it, the customer (+1) it is a candidate for, best score and rule. */
  readonly bought: Int32Array;
  readonly candidateOf: Int32Array;
  readonly bestScore: Float64Array;
  readonly bestRule: Int32Array;
  readonly candidates: Int32Array;
  candidateCount: number;
  /**
   * With a small limit: the best `limit` candidates so far, in order, and the customer (+1) each item is among
   * them for. Once full, a rule scoring below the last of them cannot change the answer: `threshold`.
   */
  readonly useTop: boolean;
  readonly top: Int32Array;
  readonly inTop: Int32Array;
  topCount: number;
  threshold: number;
  checked: number;
  next: number;
  readonly outOffsets: Int32Array;
  readonly outItem: Int32Builder;
  readonly outRule: Int32Builder;
  readonly outScore: Float64Builder;
}

/** Whether candidate `y` ranks before candidate `z`: higher score, then earlier rule, then lower code. */
function before(s: SuggestState, y: number, z: number): boolean {
  const a = s.bestScore[y]!;
  const b = s.bestScore[z]!;
  if (a !== b) return a > b;
  const ra = s.bestRule[y]!;
  const rb = s.bestRule[z]!;
  return ra !== rb ? ra < rb : y < z;
}

/** Puts candidate `y`, new or improved, in its place among the best `limit`. */
function offer(s: SuggestState, y: number, stamp: number): void {
  const { top } = s;
  let k: number;
  if (s.inTop[y] === stamp) {
    k = top.indexOf(y);
  } else if (s.topCount < s.limit) {
    k = s.topCount++;
    top[k] = y;
    s.inTop[y] = stamp;
  } else {
    k = s.topCount - 1;
    const last = top[k]!;
    if (!before(s, y, last)) return;
    s.inTop[last] = 0;
    top[k] = y;
    s.inTop[y] = stamp;
  }
  while (k > 0 && before(s, top[k]!, top[k - 1]!)) {
    const t = top[k]!;
    top[k] = top[k - 1]!;
    top[k - 1] = t;
    k--;
  }
  if (s.topCount === s.limit) s.threshold = s.bestScore[top[s.topCount - 1]!]!;
}

function consider(s: SuggestState, r: number, stamp: number): void {
  const { aOffsets, aItems, cOffsets, cItems, bought } = s;
  for (let i = aOffsets[r]!; i < aOffsets[r + 1]!; i++) if (bought[aItems[i]!] !== stamp) return;
  for (let i = cOffsets[r]!; i < cOffsets[r + 1]!; i++) if (bought[cItems[i]!] === stamp) return;
  const score = s.score[r]!;
  for (let i = cOffsets[r]!; i < cOffsets[r + 1]!; i++) {
    const y = cItems[i]!;
    if (s.candidateOf[y] !== stamp) {
      s.candidateOf[y] = stamp;
      s.bestScore[y] = score;
      s.bestRule[y] = r;
      s.candidates[s.candidateCount++] = y;
    } else if (score > s.bestScore[y]! || (score === s.bestScore[y] && r < s.bestRule[y]!)) {
      s.bestScore[y] = score;
      s.bestRule[y] = r;
    } else continue;
    if (s.useTop) offer(s, y, stamp);
  }
}

/** Considers the rules `list[from … to − 1]` (by score descending) until one scores below the threshold. */
function scan(s: SuggestState, list: Int32Array, from: number, to: number, stamp: number): void {
  const { score } = s;
  let k = from;
  for (; k < to; k++) {
    const r = list[k]!;
    if (score[r]! < s.threshold) break;
    consider(s, r, stamp);
  }
  s.checked += k - from;
}

/** Suggests for customers from `s.next` on until about `budget` work is done; returns the work done. */
function suggestSome(s: SuggestState, budget: number): number {
  const { offsets, items, keyOffsets, keyRules, always, bought, bestScore, bestRule, candidates } = s;
  let work = 0;
  while (s.next < s.customers && work < budget) {
    const c = s.next++;
    const stamp = c + 1;
    const start = offsets[c]!;
    const end = offsets[c + 1]!;
    for (let i = start; i < end; i++) bought[items[i]!] = stamp;
    s.candidateCount = 0;
    s.topCount = 0;
    s.threshold = Number.NEGATIVE_INFINITY;
    s.checked = 0;
    if (s.limit > 0) {
      scan(s, always, 0, always.length, stamp);
      for (let i = start; i < end; i++) {
        const b = items[i]!;
        scan(s, keyRules, keyOffsets[b]!, keyOffsets[b + 1]!, stamp);
      }
    }
    let found: Int32Array;
    if (s.useTop) found = s.top.subarray(0, s.topCount);
    else {
      found = candidates.subarray(0, s.candidateCount);
      if (found.length > 1) {
        found.sort((a, b) => bestScore[b]! - bestScore[a]! || bestRule[a]! - bestRule[b]! || a - b);
      }
    }
    const take = Math.min(found.length, s.limit);
    for (let k = 0; k < take; k++) {
      const y = found[k]!;
      s.outItem.push(y);
      s.outRule.push(bestRule[y]!);
      s.outScore.push(bestScore[y]!);
    }
    s.outOffsets[c + 1] = s.outItem.length;
    work +=
      CUSTOMER_COST + (end - start) * ITEM_COST + s.checked * RULE_COST + s.candidateCount * ITEM_COST * 4;
  }
  return work;
}

interface FlattenState {
  readonly rules: readonly AssociationRule[];
  readonly aOffsets: Int32Array;
  readonly aItems: Int32Builder;
  readonly cOffsets: Int32Array;
  readonly cItems: Int32Builder;
  readonly score: Float64Array;
  universe: number;
}

function flattenRange(s: FlattenState, from: number, to: number): void {
  const { rules, aOffsets, aItems, cOffsets, cItems, score } = s;
  for (let r = from; r < to; r++) {
    const rule = rules[r]!;
    for (const code of rule.antecedent) {
      aItems.push(code);
      if (code >= s.universe) s.universe = code + 1;
    }
    aOffsets[r + 1] = aItems.length;
    for (const code of rule.consequent) {
      cItems.push(code);
      if (code >= s.universe) s.universe = code + 1;
    }
    cOffsets[r + 1] = cItems.length;
    score[r] = rule.confidence * rule.lift;
  }
}

interface BuyerState {
  readonly items: Int32Array;
  universe: number;
  buyers: Int32Array;
}

function maxItemRange(s: BuyerState, from: number, to: number): void {
  const { items } = s;
  for (let i = from; i < to; i++) if (items[i]! >= s.universe) s.universe = items[i]! + 1;
}

function buyersRange(s: BuyerState, from: number, to: number): void {
  const { items, buyers } = s;
  for (let i = from; i < to; i++) buyers[items[i]!]!++;
}

interface KeyState {
  readonly aOffsets: Int32Array;
  readonly aItems: Int32Array;
  readonly buyers: Int32Array;
  /** Per rule: its key item, −1 for an empty antecedent. */
  readonly ruleKey: Int32Array;
  /** Counts per key at `key + 1`, made offsets afterwards. */
  readonly keyOffsets: Int32Array;
  always: number;
}

function keyRange(s: KeyState, from: number, to: number): void {
  const { aOffsets, aItems, buyers, ruleKey, keyOffsets } = s;
  for (let r = from; r < to; r++) {
    const start = aOffsets[r]!;
    const end = aOffsets[r + 1]!;
    if (start === end) {
      ruleKey[r] = -1;
      s.always++;
      continue;
    }
    let key = aItems[start]!;
    for (let i = start + 1; i < end; i++) if (buyers[aItems[i]!]! < buyers[key]!) key = aItems[i]!;
    ruleKey[r] = key;
    keyOffsets[key + 1]!++;
  }
}

/** Limits up to this keep a running top list and skip rules that cannot reach it. */
const TOP_LIMIT = 64;

/** {@link suggestForCustomers} as cooperative work: yields after every slice of customers. */
export function* suggestForCustomersSteps(
  rules: readonly AssociationRule[],
  customerItems: ItemLists,
  options: SuggestOptions = {},
): Work<Suggestions> {
  const limit = options.limit ?? 5;
  if (!(limit >= 0 && (Number.isInteger(limit) || limit === Number.POSITIVE_INFINITY))) {
    throw new RangeError(`suggestForCustomers: limit must be a whole number ≥ 0 or Infinity, not ${limit}`);
  }
  const { offsets, items } = customerItems;
  const customers = Math.max(0, offsets.length - 1);
  const m = rules.length;
  const flat: FlattenState = {
    rules,
    aOffsets: new Int32Array(m + 1),
    aItems: new Int32Builder(1024),
    cOffsets: new Int32Array(m + 1),
    cItems: new Int32Builder(1024),
    score: new Float64Array(m),
    universe: 0,
  };
  yield* forChunks(m, FLATTEN_COST, flattenRange, flat);
  const buying: BuyerState = { items, universe: flat.universe, buyers: new Int32Array(0) };
  yield* forChunks(items.length, 2, maxItemRange, buying);
  const universe = buying.universe;
  buying.buyers = new Int32Array(universe);
  yield* forChunks(items.length, 2, buyersRange, buying);
  // Each rule is looked at only for customers who bought its antecedent's least-bought item (its key).
  const aOffsets = flat.aOffsets;
  const aItems = flat.aItems.finish();
  const score = flat.score;
  const keys: KeyState = {
    aOffsets,
    aItems,
    buyers: buying.buyers,
    ruleKey: new Int32Array(m),
    keyOffsets: new Int32Array(universe + 1),
    always: 0,
  };
  yield* forChunks(m, FLATTEN_COST, keyRange, keys);
  const { ruleKey, keyOffsets } = keys;
  for (let i = 0; i < universe; i++) keyOffsets[i + 1]! += keyOffsets[i]!;
  // Rules by key (empty antecedents, key −1, first), then score descending, then index.
  const order = new Int32Array(m);
  for (let r = 0; r < m; r++) order[r] = r;
  yield* sortIndicesWork(order, (x, y) => ruleKey[x]! - ruleKey[y]! || score[y]! - score[x]! || x - y);
  const always = order.subarray(0, keys.always);
  const keyRules = order.subarray(keys.always);

  const state: SuggestState = {
    customers,
    offsets,
    items,
    limit,
    aOffsets,
    aItems,
    cOffsets: flat.cOffsets,
    cItems: flat.cItems.finish(),
    score,
    keyOffsets,
    keyRules,
    always,
    bought: new Int32Array(universe),
    candidateOf: new Int32Array(universe),
    bestScore: new Float64Array(universe),
    bestRule: new Int32Array(universe),
    candidates: new Int32Array(universe),
    candidateCount: 0,
    useTop: limit <= TOP_LIMIT,
    top: new Int32Array(Math.min(limit, TOP_LIMIT)),
    inTop: new Int32Array(universe),
    topCount: 0,
    threshold: Number.NEGATIVE_INFINITY,
    checked: 0,
    next: 0,
    outOffsets: new Int32Array(customers + 1),
    outItem: new Int32Builder(1024),
    outRule: new Int32Builder(1024),
    outScore: new Float64Builder(1024),
  };
  for (let k = 0; state.next < customers; k++) {
    yield suggestSome(state, k === 0 ? REPORT_WORK / 16 : REPORT_WORK);
  }
  return {
    offsets: state.outOffsets,
    item: state.outItem.finish(),
    rule: state.outRule.finish(),
    score: state.outScore.finish(),
  };
}

/** Customer `customer`'s suggestions as objects, best first. */
export function suggestionsOf(
  suggestions: Suggestions,
  rules: readonly AssociationRule[],
  customer: number,
): Suggestion[] {
  const out: Suggestion[] = [];
  const start = suggestions.offsets[customer] ?? 0;
  const end = suggestions.offsets[customer + 1] ?? start;
  for (let k = start; k < end; k++) {
    const ruleIndex = suggestions.rule[k]!;
    out.push({
      item: suggestions.item[k]!,
      score: suggestions.score[k]!,
      ruleIndex,
      rule: rules[ruleIndex]!,
    });
  }
  return out;
}
