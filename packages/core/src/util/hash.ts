/**
 * cyrb53: a fast 53-bit string hash. Used to spot duplicate rows without keeping every row's text in memory;
 * with 53 bits, a false match among a million rows has a probability of about 1e-4.
 */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const floatView = new Float64Array(1);
const wordView = new Uint32Array(floatView.buffer);

/** The two 32-bit words a cell contributes to {@link hashCells}: a number's IEEE bits, a string's hash53. */
export interface CellWords {
  low: number;
  high: number;
}

/** The words of one cell (numbers by their bits, anything else by hash53 of its text, null/undefined fixed). */
export function cellWords(v: unknown, out: CellWords): void {
  if (typeof v === 'number') {
    floatView[0] = v;
    out.low = wordView[0]!;
    out.high = wordView[1]!;
    return;
  }
  const h = v === undefined || v === null ? 0x27d4eb2f : hash53(typeof v === 'string' ? v : String(v));
  out.low = h >>> 0;
  out.high = Math.floor(h / 4294967296) >>> 0;
}

/**
 * Incremental form of {@link hashCells}, for callers that have a row's cell words already (typed columns):
 * `start()`, then `add(low, high)` per cell in column order, then `finish()` — the same value as hashCells.
 */
export class RowHash {
  private h1 = 0x9e3779b9;
  private h2 = 0x85ebca6b;
  private i = 0;

  start(): void {
    this.h1 = 0x9e3779b9;
    this.h2 = 0x85ebca6b;
    this.i = 0;
  }

  add(low: number, high: number): void {
    const h1 = Math.imul(this.h1 ^ low, 2654435761) ^ Math.imul(this.h2 ^ high, 1597334677);
    this.h2 = Math.imul(this.h2 ^ (high + this.i), 2246822507) ^ Math.imul(h1 >>> 13, 3266489909);
    this.h1 = h1;
    this.i++;
  }

  finish(): number {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
  }
}

const scratchWords: CellWords = { low: 0, high: 0 };
const scratchHash = new RowHash();

/**
 * A 53-bit hash of a row's cells without building a string: numbers are mixed by their bits, strings by
 * hash53. Used for duplicate detection of row and column input, where joining every cell's text (and printing
 * floats) would cost more than the rest of the ingestion.
 */
export function hashCells(cells: ArrayLike<unknown>): number {
  scratchHash.start();
  for (let i = 0; i < cells.length; i++) {
    cellWords(cells[i], scratchWords);
    scratchHash.add(scratchWords.low, scratchWords.high);
  }
  return scratchHash.finish();
}

/** Per-row state of {@link hashTypedRows}, reused from call to call (it runs on every run of rows). */
const newScratch = (m: number) => ({
  h1: new Int32Array(m),
  h2: new Int32Array(m),
  low: new Uint32Array(m),
  high: new Uint32Array(m),
});
let scratch = newScratch(4096);
const NAN_WORDS: CellWords = { low: 0, high: 0 };
cellWords(Number.NaN, NAN_WORDS);

/** A typed column as {@link hashTypedRows} reads it. */
export type HashColumn =
  | { readonly kind: 'float64'; readonly values: Float64Array }
  | { readonly kind: 'number'; readonly values: ArrayLike<number> }
  /** Dictionary codes and the words of each entry ({@link cellWords}), the missing cell's (code −1) last. */
  | { readonly kind: 'words'; readonly codes: Int32Array; readonly words: Uint32Array };

/** The {@link HashColumn} of dictionary-coded text: each entry's words computed once. */
export function dictionaryHashColumn(codes: Int32Array, dictionary: readonly string[]): HashColumn {
  const words = new Uint32Array(2 * (dictionary.length + 1));
  const cell: CellWords = { low: 0, high: 0 };
  for (let e = 0; e <= dictionary.length; e++) {
    cellWords(e < dictionary.length ? dictionary[e] : undefined, cell);
    words[2 * e] = cell.low;
    words[2 * e + 1] = cell.high;
  }
  return { kind: 'words', codes, words };
}

/**
 * {@link hashCells} of rows `from … to − 1` of typed columns, a column at a time (tight loops, no per-cell call):
 * `out[j]` is the hash of row `from + j`. Same mixing as {@link RowHash}.
 */
export function hashTypedRows(
  columns: readonly HashColumn[],
  from: number,
  to: number,
  out: Float64Array,
): void {
  const m = to - from;
  if (scratch.h1.length < m) scratch = newScratch(m);
  const { h1, h2, low, high } = scratch;
  h1.fill(0x9e3779b9, 0, m);
  h2.fill(0x85ebca6b, 0, m);
  const nan = NAN_WORDS;
  for (let c = 0; c < columns.length; c++) {
    const column = columns[c]!;
    if (column.kind === 'float64') {
      const values = column.values;
      const bits = new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
      for (let j = 0; j < m; j++) {
        const i = from + j;
        // NaN may be stored with any payload; hashCells sees the canonical one.
        const isNumber = !Number.isNaN(values[i]!);
        low[j] = isNumber ? bits[2 * i]! : nan.low;
        high[j] = isNumber ? bits[2 * i + 1]! : nan.high;
      }
    } else if (column.kind === 'number') {
      const values = column.values;
      for (let j = 0; j < m; j++) {
        floatView[0] = values[from + j]!;
        low[j] = wordView[0]!;
        high[j] = wordView[1]!;
      }
    } else {
      const { codes, words } = column;
      const missing = (words.length >> 1) - 1;
      for (let j = 0; j < m; j++) {
        const code = codes[from + j]!;
        const e = code < 0 ? missing : code;
        low[j] = words[2 * e]!;
        high[j] = words[2 * e + 1]!;
      }
    }
    for (let j = 0; j < m; j++) {
      const a = Math.imul(h1[j]! ^ low[j]!, 2654435761) ^ Math.imul(h2[j]! ^ high[j]!, 1597334677);
      h2[j] = Math.imul(h2[j]! ^ (high[j]! + c), 2246822507) ^ Math.imul(a >>> 13, 3266489909);
      h1[j] = a;
    }
  }
  for (let j = 0; j < m; j++) {
    const a =
      Math.imul(h1[j]! ^ (h1[j]! >>> 16), 2246822507) ^ Math.imul(h2[j]! ^ (h2[j]! >>> 13), 3266489909);
    const b = Math.imul(h2[j]! ^ (h2[j]! >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
    out[j] = 4294967296 * (2097151 & b) + (a >>> 0);
  }
}
