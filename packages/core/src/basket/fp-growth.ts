import { Int32Builder } from '../util/growable.js';
import { sortIndicesWork } from '../util/sort-work.js';
import { forChunks, REPORT_WORK, rampChunk, runWork, type Work } from '../util/work.js';
import type { Baskets, FrequentItemsets, Itemset } from './types.js';

export interface FpGrowthOptions {
  /** Minimum support, a fraction of baskets in (0, 1]; default 0.1 (as R arules). */
  readonly minSupport?: number;
  /** Largest itemset size, a whole number ≥ 1 or `Infinity`; default 10 (as R arules). */
  readonly maxLength?: number;
}

/** Nominal costs: per basket item of the counting pass and of the first tree, per node step while mining. */
const ITEM_COST = 8;
const INSERT_COST = 25;
const STEP_COST = 6;
const OUTPUT_COST = 100;

/**
 * The smallest basket count whose support `count / n` is at least `minSupport` (at least 1), computed with the
 * same division as the reported supports, so "support ≥ minSupport" and "count ≥ minCount" always agree.
 */
export function minimumCount(minSupport: number, n: number): number {
  if (n <= 0) return 1;
  let m = Math.max(1, Math.ceil(minSupport * n));
  while (m > 1 && (m - 1) / n >= minSupport) m--;
  while (m / n < minSupport) m++;
  return m;
}

/**
 * Frequent itemsets by FP-growth (Han, Pei & Yin 2000): every set of at most `maxLength` items contained in at
 * least `minSupport` of the baskets, with its count and support. Items are ranked by descending frequency, the
 * baskets are compressed into an FP-tree (parallel typed arrays: parent, item, count, node-link, first child,
 * next sibling; no per-node objects), and each item's conditional pattern base (its prefix paths) is built into a
 * conditional FP-tree and mined in turn, depth-first with an explicit stack. Throws a `RangeError` on bad options
 * or when a basket's item codes are not strictly increasing codes of the dictionary.
 */
export function fpGrowth(baskets: Baskets, options: FpGrowthOptions = {}): FrequentItemsets {
  return runWork(fpGrowthSteps(baskets, options));
}

/** An FP-tree in typed arrays. Node 0 is the root; items are frequency ranks (0 = most frequent). */
interface FpTree {
  size: number;
  parent: Int32Array;
  rank: Int32Array;
  count: Int32Array;
  /** Next node of the same rank (the node-link), −1 at the end. */
  link: Int32Array;
  /** First child and next sibling (−1 for none); the root's children are in `rootChild` instead. */
  child: Int32Array;
  sibling: Int32Array;
  /** Per rank: the first node (−1 when absent), the rank's total count, the root's child of that rank. */
  readonly head: Int32Array;
  readonly total: Int32Array;
  readonly rootChild: Int32Array;
  /** Ranks present, in order of first insertion. */
  readonly present: Int32Array;
  presentCount: number;
}

function newTree(ranks: number, capacity: number): FpTree {
  const cap = Math.max(16, capacity);
  const tree: FpTree = {
    size: 1,
    parent: new Int32Array(cap),
    rank: new Int32Array(cap),
    count: new Int32Array(cap),
    link: new Int32Array(cap),
    child: new Int32Array(cap),
    sibling: new Int32Array(cap),
    head: new Int32Array(ranks).fill(-1),
    total: new Int32Array(ranks),
    rootChild: new Int32Array(ranks).fill(-1),
    present: new Int32Array(ranks),
    presentCount: 0,
  };
  tree.parent[0] = -1;
  tree.rank[0] = -1;
  tree.child[0] = -1;
  return tree;
}

function resetTree(tree: FpTree): void {
  const { present, head, total, rootChild } = tree;
  for (let k = 0; k < tree.presentCount; k++) {
    const r = present[k]!;
    head[r] = -1;
    total[r] = 0;
    rootChild[r] = -1;
  }
  tree.presentCount = 0;
  tree.size = 1;
}

function grown(a: Int32Array, capacity: number): Int32Array {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}

/** Makes room for `extra` more nodes. */
function reserve(tree: FpTree, extra: number): void {
  const need = tree.size + extra;
  if (need <= tree.parent.length) return;
  let cap = tree.parent.length * 2;
  while (cap < need) cap *= 2;
  tree.parent = grown(tree.parent, cap);
  tree.rank = grown(tree.rank, cap);
  tree.count = grown(tree.count, cap);
  tree.link = grown(tree.link, cap);
  tree.child = grown(tree.child, cap);
  tree.sibling = grown(tree.sibling, cap);
}

/** Adds the path `path[0 … len − 1]` (ranks ascending) with weight `weight`. */
function insertPath(tree: FpTree, path: Int32Array, len: number, weight: number): void {
  reserve(tree, len);
  const { parent, rank, count, link, child, sibling, head, total, rootChild, present } = tree;
  let node = 0;
  for (let k = 0; k < len; k++) {
    const r = path[k]!;
    let next: number;
    if (node === 0) next = rootChild[r]!;
    else {
      next = child[node]!;
      while (next !== -1 && rank[next] !== r) next = sibling[next]!;
    }
    if (next === -1) {
      next = tree.size++;
      parent[next] = node;
      rank[next] = r;
      count[next] = 0;
      child[next] = -1;
      if (node === 0) {
        rootChild[r] = next;
        sibling[next] = -1;
      } else {
        sibling[next] = child[node]!;
        child[node] = next;
      }
      if (head[r] === -1) present[tree.presentCount++] = r;
      link[next] = head[r]!;
      head[r] = next;
    }
    count[next]! += weight;
    total[r]! += weight;
    node = next;
  }
}

interface CountState {
  readonly offsets: Int32Array;
  readonly items: Int32Array;
  readonly counts: Int32Array;
}

function countRange(s: CountState, from: number, to: number): void {
  const { offsets, items, counts } = s;
  const d = counts.length;
  for (let b = from; b < to; b++) {
    const start = offsets[b]!;
    const end = offsets[b + 1]!;
    if (!(end >= start && end <= items.length)) throw new RangeError(`fpGrowth: basket ${b} has bad offsets`);
    let previous = -1;
    for (let i = start; i < end; i++) {
      const item = items[i]!;
      if (!(item > previous && item < d)) {
        throw new RangeError(
          `fpGrowth: basket ${b} is not strictly increasing codes of the dictionary (item code ${item})`,
        );
      }
      counts[item]!++;
      previous = item;
    }
  }
}

interface BuildState {
  readonly offsets: Int32Array;
  readonly items: Int32Array;
  readonly rankOf: Int32Array;
  readonly path: Int32Array;
  readonly tree: FpTree;
}

function buildRange(s: BuildState, from: number, to: number): void {
  const { offsets, items, rankOf, path, tree } = s;
  for (let b = from; b < to; b++) {
    let len = 0;
    for (let i = offsets[b]!; i < offsets[b + 1]!; i++) {
      const r = rankOf[items[i]!]!;
      if (r < 0) continue;
      let k = len - 1;
      while (k >= 0 && path[k]! > r) {
        path[k + 1] = path[k]!;
        k--;
      }
      path[k + 1] = r;
      len++;
    }
    if (len > 0) insertPath(tree, path, len, 1);
  }
}

/** The depth-first mining state: one conditional tree per depth, reused. */
interface MineState {
  readonly ranks: number;
  readonly minCount: number;
  readonly maxLength: number;
  readonly rankToItem: Int32Array;
  readonly trees: FpTree[];
  /** Per depth: the next index into that tree's `present` list. */
  readonly position: Int32Array;
  /** The ranks chosen at depths 0 … depth − 1. */
  readonly prefix: Int32Array;
  depth: number;
  /** Scratch: local counts, the ranks touched, a path, an itemset's codes. */
  readonly local: Int32Array;
  readonly touched: Int32Array;
  readonly path: Int32Array;
  readonly codes: Int32Array;
  /** Output: the itemsets' item codes (sorted), their ends, their counts. */
  readonly outItems: Int32Builder;
  readonly outEnds: Int32Builder;
  readonly outCounts: Int32Builder;
}

/**
 * Builds into `into` the conditional FP-tree of rank `r` in `tree`: its prefix paths weighted by the counts of
 * `r`'s nodes, keeping only ranks frequent among them. Returns the node steps taken.
 */
function buildConditional(s: MineState, tree: FpTree, r: number, into: FpTree): number {
  resetTree(into);
  const { parent, rank, count, link } = tree;
  const { local, touched, path, minCount } = s;
  let steps = 0;
  let touchedCount = 0;
  for (let v = tree.head[r]!; v !== -1; v = link[v]!) {
    const c = count[v]!;
    for (let u = parent[v]!; u > 0; u = parent[u]!) {
      const x = rank[u]!;
      if (local[x] === 0) touched[touchedCount++] = x;
      local[x]! += c;
      steps++;
    }
  }
  let frequent = false;
  for (let k = 0; k < touchedCount; k++) if (local[touched[k]!]! >= minCount) frequent = true;
  if (frequent) {
    for (let v = tree.head[r]!; v !== -1; v = link[v]!) {
      let len = 0;
      for (let u = parent[v]!; u > 0; u = parent[u]!) {
        const x = rank[u]!;
        if (local[x]! >= minCount) path[len++] = x;
        steps++;
      }
      if (len === 0) continue;
      for (let i = 0, j = len - 1; i < j; i++, j--) {
        const t = path[i]!;
        path[i] = path[j]!;
        path[j] = t;
      }
      insertPath(into, path, len, count[v]!);
      steps += len;
    }
  }
  for (let k = 0; k < touchedCount; k++) local[touched[k]!] = 0;
  return steps;
}

/** Records the itemset prefix[0 … depth − 1] ∪ {r} with its count. */
function emit(s: MineState, depth: number, r: number, itemsetCount: number): void {
  const { codes, prefix, rankToItem } = s;
  for (let k = 0; k <= depth; k++) {
    const code = rankToItem[k === depth ? r : prefix[k]!]!;
    let i = k - 1;
    while (i >= 0 && codes[i]! > code) {
      codes[i + 1] = codes[i]!;
      i--;
    }
    codes[i + 1] = code;
  }
  for (let k = 0; k <= depth; k++) s.outItems.push(codes[k]!);
  s.outEnds.push(s.outItems.length);
  s.outCounts.push(itemsetCount);
}

/** Mines until about `budget` node steps are done or the search ends (depth −1); returns the steps done. */
function mine(s: MineState, budget: number): number {
  let work = 0;
  while (s.depth >= 0 && work < budget) {
    const d = s.depth;
    const tree = s.trees[d]!;
    if (s.position[d]! >= tree.presentCount) {
      s.depth--;
      continue;
    }
    const r = tree.present[s.position[d]!++]!;
    emit(s, d, r, tree.total[r]!);
    work += d + 4;
    if (d + 2 > s.maxLength) continue;
    let next = s.trees[d + 1];
    if (!next) {
      next = newTree(s.ranks, 256);
      s.trees[d + 1] = next;
    }
    work += buildConditional(s, tree, r, next);
    if (next.size > 1) {
      s.prefix[d] = r;
      s.position[d + 1] = 0;
      s.depth = d + 1;
    }
  }
  return work;
}

interface OutputState {
  readonly order: Int32Array;
  readonly all: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly counts: Int32Array;
  readonly n: number;
  /** The itemsets' codes in output order; each itemset's `items` is a view of it. */
  readonly items: Int32Array;
  written: number;
  readonly itemsets: Itemset[];
}

function outputRange(s: OutputState, from: number, to: number): void {
  const { order, all, starts, ends, counts, items, itemsets } = s;
  for (let k = from; k < to; k++) {
    const i = order[k]!;
    const start = s.written;
    for (let j = starts[i]!; j < ends[i]!; j++) items[s.written++] = all[j]!;
    itemsets[k] = { items: items.subarray(start, s.written), count: counts[i]!, support: counts[i]! / s.n };
  }
}

/** {@link fpGrowth} as cooperative work: yields after every chunk of baskets and every slice of the search. */
export function* fpGrowthSteps(baskets: Baskets, options: FpGrowthOptions = {}): Work<FrequentItemsets> {
  const minSupport = options.minSupport ?? 0.1;
  const maxLength = options.maxLength ?? 10;
  if (!(minSupport > 0 && minSupport <= 1)) {
    throw new RangeError(`fpGrowth: minSupport must be in (0, 1], not ${minSupport}`);
  }
  if (!(maxLength >= 1 && (Number.isInteger(maxLength) || maxLength === Number.POSITIVE_INFINITY))) {
    throw new RangeError(`fpGrowth: maxLength must be a whole number ≥ 1 or Infinity, not ${maxLength}`);
  }
  const n = baskets.length;
  const { offsets, items, dictionary } = baskets;
  if (offsets.length !== n + 1 || (n > 0 && offsets[0] !== 0)) {
    throw new RangeError(`fpGrowth: ${offsets.length} offsets for ${n} baskets`);
  }
  const itemCounts = new Int32Array(dictionary.length);
  const perBasket = n > 0 ? items.length / n : 0;
  yield* forChunks(n, ITEM_COST * (1 + perBasket), countRange, { offsets, items, counts: itemCounts });

  const minCount = minimumCount(minSupport, n);
  const frequentItems: number[] = [];
  for (let i = 0; i < itemCounts.length; i++) if (itemCounts[i]! >= minCount) frequentItems.push(i);
  frequentItems.sort((a, b) => itemCounts[b]! - itemCounts[a]! || a - b);
  const ranks = frequentItems.length;
  const rankToItem = Int32Array.from(frequentItems);
  const rankOf = new Int32Array(dictionary.length).fill(-1);
  for (let r = 0; r < ranks; r++) rankOf[rankToItem[r]!] = r;

  const root = newTree(ranks, Math.min(items.length + 1, 1 << 16));
  yield* forChunks(n, INSERT_COST * (1 + perBasket), buildRange, {
    offsets,
    items,
    rankOf,
    path: new Int32Array(ranks),
    tree: root,
  });

  const state: MineState = {
    ranks,
    minCount,
    maxLength,
    rankToItem,
    trees: [root],
    position: new Int32Array(ranks + 1),
    prefix: new Int32Array(ranks + 1),
    depth: ranks > 0 ? 0 : -1,
    local: new Int32Array(ranks),
    touched: new Int32Array(ranks),
    path: new Int32Array(ranks),
    codes: new Int32Array(ranks + 1),
    outItems: new Int32Builder(4096),
    outEnds: new Int32Builder(1024),
    outCounts: new Int32Builder(1024),
  };
  const budget = Math.floor(REPORT_WORK / STEP_COST);
  for (let k = 0; state.depth >= 0; k++) yield mine(state, rampChunk(k, budget)) * STEP_COST;

  const all = state.outItems.finish();
  const ends = state.outEnds.finish();
  const counts = state.outCounts.finish();
  const m = counts.length;
  const starts = new Int32Array(m);
  for (let i = 1; i < m; i++) starts[i] = ends[i - 1]!;
  // Sort key: size ascending, then count descending (exact in a double: sizes < 2²¹, counts < 2³¹).
  const sortKey = new Float64Array(m);
  for (let i = 0; i < m; i++) sortKey[i] = (ends[i]! - starts[i]!) * 2 ** 31 - counts[i]!;
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  yield* sortIndicesWork(order, (a, b) => {
    if (sortKey[a] !== sortKey[b]) return sortKey[a]! - sortKey[b]!;
    const len = ends[a]! - starts[a]!;
    for (let k = 0; k < len; k++) {
      const d = all[starts[a]! + k]! - all[starts[b]! + k]!;
      if (d !== 0) return d;
    }
    return a - b;
  });
  const out: OutputState = {
    order,
    all,
    starts,
    ends,
    counts,
    n,
    items: new Int32Array(all.length),
    written: 0,
    itemsets: new Array(m),
  };
  yield* forChunks(m, OUTPUT_COST, outputRange, out);
  const itemsets = out.itemsets;
  return { itemsets, baskets: n, minSupport, minCount, maxLength, itemCounts, dictionary };
}
