import { Int32Builder } from '../util/growable.js';
import { sortIndicesWork } from '../util/sort-work.js';
import { chunkRows, REPORT_WORK, runWork, type Work } from '../util/work.js';
import { checkSequenceDatabaseSteps, forSequences, PASS_COST } from './database.js';
import { markMaximal } from './maximal.js';
import type { MineSequencesOptions, SequenceDatabase, SequenceMining, SequencePattern } from './types.js';

/** {@link MineSequencesOptions} after checking. */
interface Resolved {
  readonly minSupport: number;
  readonly maxGap: number | undefined;
  readonly maxLength: number | undefined;
  readonly maxSize: number | undefined;
  readonly maxPatterns: number;
}

/** Checks the options; `maxGap: Infinity` is the same as no gap. */
function resolve(options: MineSequencesOptions): Resolved {
  const { minSupport, maxGap, maxLength, maxSize, maxPatterns = 100_000 } = options;
  if (typeof minSupport !== 'number' || !(minSupport > 0 && minSupport <= 1)) {
    throw new RangeError(`minSupport must be a fraction in (0, 1], got ${String(minSupport)}`);
  }
  if (maxGap !== undefined && !(typeof maxGap === 'number' && maxGap >= 0)) {
    throw new RangeError(`maxGap must be a number ≥ 0, got ${String(maxGap)}`);
  }
  for (const [name, value] of [
    ['maxLength', maxLength],
    ['maxSize', maxSize],
    ['maxPatterns', maxPatterns],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
      throw new RangeError(`${name} must be a whole number ≥ 1, got ${String(value)}`);
    }
  }
  return {
    minSupport,
    maxGap: maxGap === Number.POSITIVE_INFINITY ? undefined : maxGap,
    maxLength,
    maxSize,
    maxPatterns,
  };
}

/** The least count c with c / n ≥ minSupport, compared in floating point as the supports are. */
export function minimumCount(minSupport: number, n: number): number {
  let c = Math.max(1, Math.ceil(minSupport * n));
  while (c > 1 && (c - 1) / n >= minSupport) c--;
  while (c <= n && c / n < minSupport) c++;
  return c;
}

/**
 * Frequent sequential patterns: every sequence of itemsets contained in at least `minSupport` of the sequences
 * (with at most `maxGap` between consecutive elements, at most `maxLength` elements and `maxSize` items per
 * element). Depth-first over prefix equivalence classes with vertical id-lists, as SPADE (Zaki 2001): each
 * pattern keeps, per sequence containing it, the events where an occurrence of it ends; its extensions by one
 * item — into its last element, or as a new element after it — are counted by one temporal join of that list
 * with the sequence's events, and their lists built by a second. See docs/methods/sequences.md.
 *
 * @throws {RangeError} for invalid options or an inconsistent database, and when more than `maxPatterns`
 *   patterns are frequent.
 */
export function mineSequences(db: SequenceDatabase, options: MineSequencesOptions): SequenceMining {
  return runWork(mineSequencesSteps(db, options));
}

/** Nominal cost of visiting one item occurrence (or end) in a scan. */
const SCAN_COST = 6;
/** Nominal cost of recording one pattern. */
const EMIT_COST = 60;
/** Nominal cost per pattern of making its output object. */
const PATTERN_COST = 300;

/**
 * {@link mineSequences} as cooperative work: yields the work done (nominal nanoseconds, see `Work`) every few
 * hundred thousand units, and returns the same result. Options are checked when it is first stepped.
 */
export function* mineSequencesSteps(
  db: SequenceDatabase,
  options: MineSequencesOptions,
): Work<SequenceMining> {
  const opts = resolve(options);
  yield* checkSequenceDatabaseSteps(db);
  const n = db.sequences;
  const minCount = minimumCount(opts.minSupport, n);
  const result = (patterns: SequencePattern[]): SequenceMining => ({
    patterns,
    sequences: n,
    minCount,
    items: db.items,
    minSupport: opts.minSupport,
    maxGap: opts.maxGap,
    maxLength: opts.maxLength,
    maxSize: opts.maxSize,
  });
  if (n === 0 || minCount > n) return result([]);

  // Frequent items: counted once per sequence, recoded densely (0 … m − 1) in code order.
  const codes = db.items.length;
  const seqCount = new Int32Array(codes);
  const seen = new Int32Array(codes).fill(-1);
  const perSequence = Math.max(1, Math.ceil(db.item.length / n));
  yield* forSequences(n, perSequence * PASS_COST, (from, to) => countItems(db, seqCount, seen, from, to));
  const dense = new Int32Array(codes).fill(-1);
  let m = 0;
  for (let code = 0; code < codes; code++) if (seqCount[code]! >= minCount) dense[code] = m++;
  const codeOf = new Int32Array(m);
  for (let code = 0; code < codes; code++) if (dense[code]! >= 0) codeOf[dense[code]!] = code;

  // The database with only frequent items, densely coded (events keep their positions and times).
  const events = db.eventStart[n]!;
  const itemStart = new Int32Array(events + 1);
  const item = new Int32Array(db.item.length);
  const compact = { at: 0 };
  yield* forSequences(n, perSequence * PASS_COST, (from, to) =>
    compactItems(db, dense, itemStart, item, compact, from, to),
  );
  itemStart[events] = compact.at;

  const scan = newScan(db.eventStart, db.eventTime, itemStart, item, m, opts.maxGap, minCount);
  const store: PatternStore = {
    tokens: new Int32Builder(),
    start: new Int32Builder(),
    count: new Int32Builder(),
    max: opts.maxPatterns,
  };
  store.start.push(0);
  const maxLength = opts.maxLength ?? Number.POSITIVE_INFINITY;
  const maxSize = opts.maxSize ?? Number.POSITIVE_INFINITY;

  // Depth-first over prefix classes, with an explicit stack: a frame is a pattern whose extensions are wanted.
  const rootLists: Lists = {
    seq: identity(n),
    endStart: new Int32Array(n + 1),
    ends: new Int32Array(0),
  };
  const stack: Frame[] = [
    {
      tokens: [],
      elements: 0,
      lastSize: 0,
      lastItem: -1,
      lists: rootLists,
      from: 0,
      to: n,
      block: undefined,
      next: 0,
    },
  ];
  let pending = 0;
  const budget = Math.max(1, Math.floor(REPORT_WORK / SCAN_COST));
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.block === undefined) {
      // Pass 1 counts the extensions, pass 2 builds the frequent ones' id-lists; each reports every `budget` items.
      startScan(scan, frame, frame.elements > 0 && frame.lastSize < maxSize, frame.elements < maxLength);
      for (let done = false; !done; ) {
        done = countEntries(scan, budget);
        pending += scan.work * SCAN_COST;
        scan.work = 0;
        if (pending >= REPORT_WORK) {
          yield pending;
          pending = 0;
        }
      }
      const block = startBuild(scan);
      for (let done = false; !done; ) {
        done = buildEntries(scan, budget);
        pending += scan.work * SCAN_COST;
        scan.work = 0;
        if (pending >= REPORT_WORK) {
          yield pending;
          pending = 0;
        }
      }
      finishScan(scan);
      frame.block = block;
      for (let c = 0; c < block.size; c++) {
        emit(
          store,
          frame.tokens,
          block.item[c]!,
          block.sExt[c] === 1,
          block.seqOffset[c + 1]! - block.seqOffset[c]!,
        );
      }
      pending += block.size * EMIT_COST;
    }
    const block = frame.block;
    if (frame.next >= block.size) {
      stack.pop();
      continue;
    }
    const c = frame.next++;
    const z = block.item[c]!;
    const sExt = block.sExt[c] === 1;
    const elements = sExt ? frame.elements + 1 : frame.elements;
    const lastSize = sExt ? 1 : frame.lastSize + 1;
    if (elements < maxLength || lastSize < maxSize) {
      stack.push({
        tokens: sExt ? (frame.elements === 0 ? [z] : [...frame.tokens, -1, z]) : [...frame.tokens, z],
        elements,
        lastSize,
        lastItem: z,
        lists: block.lists,
        from: block.seqOffset[c]!,
        to: block.seqOffset[c + 1]!,
        block: undefined,
        next: 0,
      });
    }
  }
  if (pending > 0) yield pending;

  // Output: maximality, then the deterministic order.
  const tokens = store.tokens.finish();
  const start = store.start.finish();
  const count = store.count.finish();
  const total = count.length;
  const maximal = yield* markMaximal(tokens, start, opts.maxGap !== undefined);
  const order = identity(total);
  const itemsOf = new Int32Array(total);
  const elementsOf = new Int32Array(total);
  for (let p = 0; p < total; p++) {
    let seps = 0;
    for (let t = start[p]!; t < start[p + 1]!; t++) if (tokens[t] === -1) seps++;
    itemsOf[p] = start[p + 1]! - start[p]! - seps;
    elementsOf[p] = seps + 1;
  }
  yield* sortIndicesWork(order, (a, b) => {
    const d = count[b]! - count[a]! || itemsOf[a]! - itemsOf[b]! || elementsOf[a]! - elementsOf[b]!;
    if (d !== 0) return d;
    const ea = start[a + 1]!;
    const eb = start[b + 1]!;
    for (let i = start[a]!, j = start[b]!; i < ea && j < eb; i++, j++) {
      if (tokens[i] !== tokens[j]) return tokens[i]! - tokens[j]!;
    }
    return ea - start[a]! - (eb - start[b]!) || a - b;
  });
  const patterns: SequencePattern[] = new Array(total);
  const chunk = chunkRows(PATTERN_COST);
  for (let k = 0; k < total; k++) {
    const p = order[k]!;
    const elements: number[][] = [[]];
    for (let t = start[p]!; t < start[p + 1]!; t++) {
      const token = tokens[t]!;
      if (token === -1) elements.push([]);
      else elements[elements.length - 1]!.push(codeOf[token]!);
    }
    patterns[k] = { elements, support: count[p]! / n, count: count[p]!, maximal: maximal[p] === 1 };
    if ((k + 1) % chunk === 0) yield chunk * PATTERN_COST;
  }
  return result(patterns);
}

/** 0, 1, …, n − 1. */
function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Sequences containing each item (once per sequence). */
function countItems(
  db: SequenceDatabase,
  seqCount: Int32Array,
  seen: Int32Array,
  from: number,
  to: number,
): void {
  const { eventStart, itemStart, item } = db;
  for (let s = from; s < to; s++) {
    for (let i = itemStart[eventStart[s]!]!, end = itemStart[eventStart[s + 1]!]!; i < end; i++) {
      const code = item[i]!;
      if (seen[code] !== s) {
        seen[code] = s;
        seqCount[code]!++;
      }
    }
  }
}

/** Copies the frequent items of sequences `from … to − 1`, densely coded. */
function compactItems(
  db: SequenceDatabase,
  dense: Int32Array,
  itemStart: Int32Array,
  out: Int32Array,
  at: { at: number },
  from: number,
  to: number,
): void {
  const { eventStart, item } = db;
  const start = db.itemStart;
  let q = at.at;
  for (let e = eventStart[from]!, end = eventStart[to]!; e < end; e++) {
    itemStart[e] = q;
    for (let i = start[e]!; i < start[e + 1]!; i++) {
      const d = dense[item[i]!]!;
      if (d >= 0) out[q++] = d;
    }
  }
  at.at = q;
}

/**
 * Id-lists of patterns, several in one set of arrays: entry j says the pattern occurs in sequence `seq[j]`, with
 * occurrences ending at the events `ends[endStart[j]] … ends[endStart[j + 1] − 1]` (global event indices,
 * increasing). The entries of one pattern are contiguous, in increasing sequence order.
 */
interface Lists {
  readonly seq: Int32Array;
  readonly endStart: Int32Array;
  readonly ends: Int32Array;
}

/** The extensions of one pattern that are frequent, with their id-lists. */
interface Block {
  readonly size: number;
  /** The item added (dense code). */
  readonly item: Int32Array;
  /** 1 when the item starts a new element, 0 when it joins the last element. */
  readonly sExt: Uint8Array;
  /** Extension c has the entries `seqOffset[c] … seqOffset[c + 1] − 1` of `lists`. */
  readonly seqOffset: Int32Array;
  readonly lists: Lists;
}

/** A pattern on the depth-first stack. */
interface Frame {
  /** Dense item codes, `-1` between elements. */
  readonly tokens: number[];
  readonly elements: number;
  readonly lastSize: number;
  /** Largest item of the last element: items joining it must be larger. */
  readonly lastItem: number;
  readonly lists: Lists;
  readonly from: number;
  readonly to: number;
  block: Block | undefined;
  next: number;
}

/** Found patterns, flat: pattern p has the tokens `tokens[start[p]] … tokens[start[p + 1] − 1]`. */
interface PatternStore {
  readonly tokens: Int32Builder;
  readonly start: Int32Builder;
  readonly count: Int32Builder;
  readonly max: number;
}

function emit(store: PatternStore, prefix: readonly number[], z: number, sExt: boolean, count: number): void {
  if (store.count.length >= store.max) {
    throw new RangeError(
      `more than maxPatterns = ${store.max} frequent sequences: raise minSupport or lower maxLength / maxSize`,
    );
  }
  for (const token of prefix) store.tokens.push(token);
  if (sExt && prefix.length > 0) store.tokens.push(-1);
  store.tokens.push(z);
  store.start.push(store.tokens.length);
  store.count.push(count);
}

/** The state of the two passes over a pattern's id-list: counting its extensions, then building their lists. */
interface Scan {
  readonly eventStart: Int32Array;
  readonly eventTime: Float64Array;
  readonly itemStart: Int32Array;
  readonly item: Int32Array;
  readonly gap: number;
  readonly minCount: number;
  // The pattern being extended.
  lists: Lists;
  from: number;
  to: number;
  k: number;
  root: boolean;
  doI: boolean;
  doS: boolean;
  lastItem: number;
  /** Items visited since the work was last collected. */
  work: number;
  // Per item: sequences and ends of the extension by it; `stamp` marks the sequence last counted.
  readonly iCount: Int32Array;
  readonly sCount: Int32Array;
  readonly iEnds: Int32Array;
  readonly sEnds: Int32Array;
  readonly iStamp: Int32Array;
  readonly sStamp: Int32Array;
  stamp: number;
  readonly iTouched: Int32Array;
  readonly sTouched: Int32Array;
  iTouchedCount: number;
  sTouchedCount: number;
  /** Per item: its extension's index in the block being built, or −1. */
  readonly iChild: Int32Array;
  readonly sChild: Int32Array;
  // Write cursors per extension.
  seqPos: Int32Array;
  endPos: Int32Array;
  out: Lists;
}

function newScan(
  eventStart: Int32Array,
  eventTime: Float64Array,
  itemStart: Int32Array,
  item: Int32Array,
  m: number,
  gap: number | undefined,
  minCount: number,
): Scan {
  const empty: Lists = { seq: new Int32Array(0), endStart: new Int32Array(1), ends: new Int32Array(0) };
  return {
    eventStart,
    eventTime,
    itemStart,
    item,
    gap: gap ?? Number.POSITIVE_INFINITY,
    minCount,
    lists: empty,
    from: 0,
    to: 0,
    k: 0,
    root: true,
    doI: false,
    doS: false,
    lastItem: -1,
    work: 0,
    iCount: new Int32Array(m),
    sCount: new Int32Array(m),
    iEnds: new Int32Array(m),
    sEnds: new Int32Array(m),
    iStamp: new Int32Array(m),
    sStamp: new Int32Array(m),
    stamp: 0,
    iTouched: new Int32Array(m),
    sTouched: new Int32Array(m),
    iTouchedCount: 0,
    sTouchedCount: 0,
    iChild: new Int32Array(m).fill(-1),
    sChild: new Int32Array(m).fill(-1),
    seqPos: new Int32Array(0),
    endPos: new Int32Array(0),
    out: empty,
  };
}

function startScan(sc: Scan, frame: Frame, doI: boolean, doS: boolean): void {
  sc.lists = frame.lists;
  sc.from = frame.from;
  sc.k = frame.from;
  sc.to = frame.to;
  sc.root = frame.elements === 0;
  sc.doI = doI;
  sc.doS = doS;
  sc.lastItem = frame.lastItem;
  sc.work = 0;
}

/** A fresh stamp for the next sequence; stamps restart (all cleared) before they could overflow. */
function nextStamp(sc: Scan): number {
  if (sc.stamp >= 0x3fffffff) {
    sc.iStamp.fill(0);
    sc.sStamp.fill(0);
    sc.stamp = 0;
  }
  return ++sc.stamp;
}

/**
 * Pass 1 over the pattern's entries from `sc.k`: counts, per item, the sequences (and ends) of the extension by
 * it. Returns true when all entries are done; stops early once `budget` items were visited.
 */
function countEntries(sc: Scan, budget: number): boolean {
  const { eventStart, eventTime, itemStart, item, gap, iCount, sCount, iEnds, sEnds, iStamp, sStamp } = sc;
  const { seq, endStart, ends } = sc.lists;
  const { root, doI, doS, lastItem, to } = sc;
  const gapped = !root && gap !== Number.POSITIVE_INFINITY;
  let work = 0;
  let k = sc.k;
  for (; k < to && work < budget; k++) {
    const s = seq[k]!;
    const stamp = nextStamp(sc);
    const endFrom = endStart[k]!;
    const endTo = endStart[k + 1]!;
    if (doI) {
      // Itemset extensions: items larger than the last element's, in an event where an occurrence ends.
      for (let j = endFrom; j < endTo; j++) {
        const e = ends[j]!;
        const first = itemStart[e]!;
        for (let i = itemStart[e + 1]! - 1; i >= first; i--) {
          const z = item[i]!;
          if (z <= lastItem) break;
          if (iStamp[z] !== stamp) {
            iStamp[z] = stamp;
            if (iCount[z]!++ === 0) sc.iTouched[sc.iTouchedCount++] = z;
          }
          iEnds[z]!++;
        }
        work += itemStart[e + 1]! - first + 1;
      }
    }
    if (doS) {
      // Sequence extensions: any item of a later event (within maxGap of an end).
      const last = eventStart[s + 1]!;
      const firstEvent = root ? eventStart[s]! : ends[endFrom]! + 1;
      if (!gapped) {
        // Every event after the first end qualifies: their items are contiguous.
        const a = itemStart[firstEvent]!;
        const b = itemStart[last]!;
        for (let i = a; i < b; i++) {
          const z = item[i]!;
          if (sStamp[z] !== stamp) {
            sStamp[z] = stamp;
            if (sCount[z]!++ === 0) sc.sTouched[sc.sTouchedCount++] = z;
          }
          sEnds[z]!++;
        }
        work += b - a;
      } else {
        // An event qualifies when the latest end before it is at most `gap` earlier (none after the last end + gap).
        const until = eventTime[ends[endTo - 1]!]! + gap;
        let p = endFrom;
        for (let f = firstEvent; f < last; f++) {
          const t = eventTime[f]!;
          if (t > until) break;
          while (p + 1 < endTo && ends[p + 1]! < f) p++;
          if (t - eventTime[ends[p]!]! > gap) continue;
          const a = itemStart[f]!;
          const b = itemStart[f + 1]!;
          for (let i = a; i < b; i++) {
            const z = item[i]!;
            if (sStamp[z] !== stamp) {
              sStamp[z] = stamp;
              if (sCount[z]!++ === 0) sc.sTouched[sc.sTouchedCount++] = z;
            }
            sEnds[z]!++;
          }
          work += b - a + 1;
        }
      }
    }
    work++;
  }
  sc.k = k;
  sc.work += work;
  return k >= to;
}

/** After pass 1: the frequent extensions, their block laid out, and pass 2 set up over the same entries. */
function startBuild(sc: Scan): Block {
  const { minCount, iCount, sCount, iEnds, sEnds } = sc;
  const iItems = frequent(sc.iTouched, sc.iTouchedCount, iCount, minCount);
  const sItems = frequent(sc.sTouched, sc.sTouchedCount, sCount, minCount);
  const size = iItems.length + sItems.length;
  const itemOf = new Int32Array(size);
  const sExt = new Uint8Array(size);
  const seqOffset = new Int32Array(size + 1);
  const seqPos = new Int32Array(size);
  const endPos = new Int32Array(size);
  let seqs = 0;
  let endsTotal = 0;
  let c = 0;
  for (const z of iItems) {
    itemOf[c] = z;
    sc.iChild[z] = c;
    seqOffset[c] = seqs;
    seqPos[c] = seqs;
    endPos[c] = endsTotal;
    seqs += iCount[z]!;
    endsTotal += iEnds[z]!;
    c++;
  }
  for (const z of sItems) {
    itemOf[c] = z;
    sExt[c] = 1;
    sc.sChild[z] = c;
    seqOffset[c] = seqs;
    seqPos[c] = seqs;
    endPos[c] = endsTotal;
    seqs += sCount[z]!;
    endsTotal += sEnds[z]!;
    c++;
  }
  seqOffset[size] = seqs;
  const endStart = new Int32Array(seqs + 1);
  endStart[seqs] = endsTotal;
  sc.out = { seq: new Int32Array(seqs), endStart, ends: new Int32Array(endsTotal) };
  sc.seqPos = seqPos;
  sc.endPos = endPos;
  // Pass 2 walks only the kinds of extension that have frequent items (none, for most patterns).
  sc.doI = iItems.length > 0;
  sc.doS = sItems.length > 0;
  sc.k = size === 0 ? sc.to : sc.from;
  return { size, item: itemOf, sExt, seqOffset, lists: sc.out };
}

/** Items with at least `minCount` sequences, ascending. */
function frequent(touched: Int32Array, n: number, count: Int32Array, minCount: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (count[touched[i]!]! >= minCount) out.push(touched[i]!);
  return out.sort((a, b) => a - b);
}

/** Pass 2: the same walk as {@link countEntries}, writing the frequent extensions' id-lists. */
function buildEntries(sc: Scan, budget: number): boolean {
  const { eventStart, eventTime, itemStart, item, gap, iStamp, sStamp, iChild, sChild, seqPos, endPos } = sc;
  const { seq, endStart, ends } = sc.lists;
  const out = sc.out;
  const outSeq = out.seq;
  const outEndStart = out.endStart;
  const outEnds = out.ends;
  const { root, doI, doS, lastItem, to } = sc;
  const gapped = !root && gap !== Number.POSITIVE_INFINITY;
  let work = 0;
  let k = sc.k;
  for (; k < to && work < budget; k++) {
    const s = seq[k]!;
    const stamp = nextStamp(sc);
    const endFrom = endStart[k]!;
    const endTo = endStart[k + 1]!;
    if (doI) {
      for (let j = endFrom; j < endTo; j++) {
        const e = ends[j]!;
        const first = itemStart[e]!;
        for (let i = itemStart[e + 1]! - 1; i >= first; i--) {
          const z = item[i]!;
          if (z <= lastItem) break;
          const c = iChild[z]!;
          if (c < 0) continue;
          if (iStamp[z] !== stamp) {
            iStamp[z] = stamp;
            const pos = seqPos[c]!++;
            outSeq[pos] = s;
            outEndStart[pos] = endPos[c]!;
          }
          outEnds[endPos[c]!++] = e;
        }
        work += itemStart[e + 1]! - first + 1;
      }
    }
    if (doS) {
      const last = eventStart[s + 1]!;
      // Without a gap every event after the first end qualifies; with one, an event qualifies when the latest
      // end before it is at most `gap` earlier, and none after the last end + gap does.
      const until = gapped ? eventTime[ends[endTo - 1]!]! + gap : 0;
      let p = endFrom;
      for (let f = root ? eventStart[s]! : ends[endFrom]! + 1; f < last; f++) {
        if (gapped) {
          const t = eventTime[f]!;
          if (t > until) break;
          while (p + 1 < endTo && ends[p + 1]! < f) p++;
          if (t - eventTime[ends[p]!]! > gap) continue;
        }
        const a = itemStart[f]!;
        const b = itemStart[f + 1]!;
        for (let i = a; i < b; i++) {
          const z = item[i]!;
          const c = sChild[z]!;
          if (c < 0) continue;
          if (sStamp[z] !== stamp) {
            sStamp[z] = stamp;
            const pos = seqPos[c]!++;
            outSeq[pos] = s;
            outEndStart[pos] = endPos[c]!;
          }
          outEnds[endPos[c]!++] = f;
        }
        work += b - a + 1;
      }
    }
    work++;
  }
  sc.k = k;
  sc.work += work;
  return k >= to;
}

/** Clears the per-item counters touched by this pattern. */
function finishScan(sc: Scan): void {
  for (let i = 0; i < sc.iTouchedCount; i++) {
    const z = sc.iTouched[i]!;
    sc.iCount[z] = 0;
    sc.iEnds[z] = 0;
    sc.iChild[z] = -1;
  }
  for (let i = 0; i < sc.sTouchedCount; i++) {
    const z = sc.sTouched[i]!;
    sc.sCount[z] = 0;
    sc.sEnds[z] = 0;
    sc.sChild[z] = -1;
  }
  sc.iTouchedCount = 0;
  sc.sTouchedCount = 0;
}
