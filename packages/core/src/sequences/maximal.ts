import { chunkRows, type Work } from '../util/work.js';

/** Nominal cost per pattern and token of the maximality checks. */
const TOKEN_COST = 60;

/**
 * Which patterns are maximal: contained in no other pattern of the set (containment as subsequences of itemsets,
 * times ignored, as arulesSequences' `is.maximal`). Pattern p has the tokens `tokens[start[p]] …
 * tokens[start[p + 1] − 1]`: item codes ascending within an element, −1 between elements.
 *
 * Without a gap constraint the set is closed under taking subsequences, so a pattern is maximal exactly when no
 * pattern one item larger contains it: each pattern marks the patterns it leaves when one item is deleted. With a
 * gap constraint a pattern can lie inside a larger one without the patterns in between being frequent
 * (<{a},{c}> inside <{a},{b},{c}>), so the patterns left unmarked are then checked, largest first, against the
 * maximal patterns found so far that share their rarest item.
 */
export function* markMaximal(tokens: Int32Array, start: Int32Array, gapped: boolean): Work<Uint8Array> {
  const total = start.length - 1;
  const key = (t: ArrayLike<number>) => Array.prototype.join.call(t, ',');
  const index = new Map<string, number>();
  for (let p = 0; p < total; p++) index.set(key(tokens.subarray(start[p]!, start[p + 1]!)), p);
  const maximal = new Uint8Array(total).fill(1);
  const perChunk = chunkRows(TOKEN_COST * 8);
  for (let p = 0; p < total; p++) {
    markOneItemSmaller(tokens.subarray(start[p]!, start[p + 1]!), index, maximal, key);
    if ((p + 1) % perChunk === 0) yield perChunk * TOKEN_COST * 8;
  }
  if (!gapped) return maximal;

  const size = new Int32Array(total);
  for (let p = 0; p < total; p++) {
    let items = 0;
    for (let t = start[p]!; t < start[p + 1]!; t++) if (tokens[t]! >= 0) items++;
    size[p] = items;
  }
  const order = Array.from({ length: total }, (_, p) => p).sort((a, b) => size[b]! - size[a]! || a - b);
  const postings = new Map<number, number[]>();
  let work = 0;
  for (const p of order) {
    if (maximal[p] === 0) continue;
    const from = start[p]!;
    const to = start[p + 1]!;
    let rarest: number[] | undefined;
    for (let t = from; t < to; t++) {
      const z = tokens[t]!;
      if (z < 0) continue;
      const list = postings.get(z);
      if (list === undefined) {
        rarest = [];
        break;
      }
      if (rarest === undefined || list.length < rarest.length) rarest = list;
    }
    for (const r of rarest ?? []) {
      work += to - from + start[r + 1]! - start[r]!;
      if (contains(tokens, start[r]!, start[r + 1]!, from, to)) {
        maximal[p] = 0;
        break;
      }
    }
    if (maximal[p] === 1) {
      for (let t = from; t < to; t++) {
        const z = tokens[t]!;
        if (z < 0) continue;
        let list = postings.get(z);
        if (list === undefined) {
          list = [];
          postings.set(z, list);
        }
        if (list[list.length - 1] !== p) list.push(p);
      }
    }
    work += to - from + 1;
    if (work * TOKEN_COST >= perChunk * TOKEN_COST * 8) {
      yield work * TOKEN_COST;
      work = 0;
    }
  }
  if (work > 0) yield work * TOKEN_COST;
  return maximal;
}

/** Marks as non-maximal every pattern of `index` that `tokens` leaves when one of its items is deleted. */
function markOneItemSmaller(
  tokens: Int32Array,
  index: Map<string, number>,
  maximal: Uint8Array,
  key: (t: ArrayLike<number>) => string,
): void {
  const n = tokens.length;
  const rest: number[] = [];
  for (let i = 0; i < n; i++) {
    if (tokens[i]! < 0) continue;
    const alone = (i === 0 || tokens[i - 1] === -1) && (i === n - 1 || tokens[i + 1] === -1);
    if (alone && n === 1) continue; // the empty pattern
    // Delete the item; an element left empty goes with one of its separators.
    let skipFrom = i;
    let skipTo = i + 1;
    if (alone) {
      if (i > 0) skipFrom = i - 1;
      else skipTo = i + 2;
    }
    rest.length = 0;
    for (let j = 0; j < n; j++) if (j < skipFrom || j >= skipTo) rest.push(tokens[j]!);
    const q = index.get(key(rest));
    if (q !== undefined) maximal[q] = 0;
  }
}

/**
 * Whether the pattern at `tokens[pFrom … pTo)` is a subsequence of the one at `tokens[rFrom … rTo)`: each of its
 * elements, in order, a subset of a distinct later element. Matching each element to the earliest possible one is
 * optimal, so one greedy pass decides it.
 */
export function contains(
  tokens: Int32Array,
  rFrom: number,
  rTo: number,
  pFrom: number,
  pTo: number,
): boolean {
  let r = rFrom;
  let p = pFrom;
  while (p < pTo) {
    let pEnd = p;
    while (pEnd < pTo && tokens[pEnd] !== -1) pEnd++;
    // Find the next element of r that holds all of tokens[p … pEnd).
    let found = false;
    while (r < rTo && !found) {
      let rEnd = r;
      while (rEnd < rTo && tokens[rEnd] !== -1) rEnd++;
      let i = r;
      let j = p;
      while (i < rEnd && j < pEnd) {
        const a = tokens[i]!;
        const b = tokens[j]!;
        if (a === b) j++;
        else if (a > b) break;
        i++;
      }
      found = j === pEnd;
      r = rEnd + 1;
    }
    if (!found) return false;
    p = pEnd + 1;
  }
  return true;
}
