import { Int32Builder } from '../util/growable.js';
import { chunkRows, rampChunk, runWork, type Work } from '../util/work.js';
import type { Baskets } from './types.js';

/** Why a basket line was rejected. */
export type BasketLineErrorCode = 'empty-item' | 'unterminated-quote' | 'malformed-quotes';

export const BASKET_LINE_ERROR_DESCRIPTIONS: Readonly<Record<BasketLineErrorCode, string>> = {
  'empty-item': 'an item is empty (two separators in a row, a separator at either end, or only spaces)',
  'unterminated-quote': 'a quoted item does not close on its line',
  'malformed-quotes': 'text follows the closing quote of an item',
};

/** One rejected line. */
export interface BasketLineError {
  /** 1-based physical line number. */
  readonly line: number;
  readonly code: BasketLineErrorCode;
  readonly message: string;
  /** The line as read (at most 200 characters). */
  readonly value: string;
}

/**
 * What {@link parseBasketLines} did with every line. Invariant: `lines = baskets + rejected`; blank lines are
 * counted apart and are neither.
 */
export interface BasketParseReport {
  /** Non-blank lines read. */
  readonly lines: number;
  readonly baskets: number;
  readonly rejected: number;
  readonly rejectedByReason: Readonly<Partial<Record<BasketLineErrorCode, number>>>;
  /** Rejected lines in input order (the first `maxErrors`). */
  readonly errors: readonly BasketLineError[];
  readonly errorsTruncated: boolean;
  /** Empty or all-whitespace lines, skipped. */
  readonly blankLines: number;
  /** Repeats of an item within one line, merged (a basket holds each item once). */
  readonly duplicateItems: number;
  /** Items with leading or trailing spaces, kept verbatim (Groceries' `cream cheese ` is such a label). */
  readonly paddedItems: number;
}

export interface ParseBasketLinesOptions {
  /** Item separator, one character other than `"`, CR or LF (default `,`). */
  readonly separator?: string;
  /** The most rejected lines listed in `report.errors` (all are counted); default 100 000. */
  readonly maxErrors?: number;
}

export interface ParsedBaskets {
  readonly baskets: Baskets;
  readonly report: BasketParseReport;
}

const QUOTE = 34;
const CR = 13;
/** Nominal cost of one character (scanning, slicing, the dictionary lookup of each item). */
const CHAR_COST = 6;

/**
 * Reads baskets in the "basket" text format of R arules (`read.transactions(format = 'basket')`) and the
 * Groceries file: one basket per line, items separated by `separator`. An item may be double-quoted (to hold the
 * separator; `""` is a quote inside quotes); a quote must close on its own line. Items are kept verbatim —
 * surrounding spaces included — and coded in order of first appearance. Repeats within a line are merged and
 * counted. A line with an empty item or bad quotes is rejected as a whole, reported with its line number and
 * counted; blank lines are counted and skipped. CRLF line ends and a leading byte-order mark are accepted.
 */
export function parseBasketLines(text: string, options: ParseBasketLinesOptions = {}): ParsedBaskets {
  return runWork(parseBasketLinesSteps(text, options));
}

interface ParseState {
  readonly text: string;
  readonly sep: number;
  readonly maxErrors: number;
  pos: number;
  lineNo: number;
  readonly index: Map<string, number>;
  readonly dictionary: string[];
  readonly items: Int32Builder;
  readonly offsets: Int32Builder;
  readonly fields: string[];
  codes: Int32Array;
  lines: number;
  rejected: number;
  readonly rejectedByReason: Partial<Record<BasketLineErrorCode, number>>;
  readonly errors: BasketLineError[];
  blankLines: number;
  duplicateItems: number;
  paddedItems: number;
}

/** {@link parseBasketLines} as cooperative work: yields after every chunk of text. */
export function* parseBasketLinesSteps(
  text: string,
  options: ParseBasketLinesOptions = {},
): Work<ParsedBaskets> {
  const separator = options.separator ?? ',';
  if (separator.length !== 1 || separator === '"' || separator === '\n' || separator === '\r') {
    throw new RangeError(
      `separator must be one character other than a quote or a line break, not ${separator}`,
    );
  }
  const offsets = new Int32Builder(1024);
  offsets.push(0);
  const state: ParseState = {
    text,
    sep: separator.charCodeAt(0),
    maxErrors: options.maxErrors ?? 100_000,
    // A byte-order mark is not part of the first item.
    pos: text.charCodeAt(0) === 0xfeff ? 1 : 0,
    lineNo: 0,
    index: new Map(),
    dictionary: [],
    items: new Int32Builder(Math.max(1024, text.length >> 3)),
    offsets,
    fields: [],
    codes: new Int32Array(64),
    lines: 0,
    rejected: 0,
    rejectedByReason: {},
    errors: [],
    blankLines: 0,
    duplicateItems: 0,
    paddedItems: 0,
  };
  const full = chunkRows(CHAR_COST);
  for (let k = 0; state.pos < text.length; k++) {
    const from = state.pos;
    parseLines(state, rampChunk(k, full));
    yield (state.pos - from) * CHAR_COST;
  }
  const offsetArray = state.offsets.finish();
  const baskets: Baskets = {
    length: offsetArray.length - 1,
    offsets: offsetArray,
    items: state.items.finish(),
    dictionary: state.dictionary,
  };
  const report: BasketParseReport = {
    lines: state.lines,
    baskets: baskets.length,
    rejected: state.rejected,
    rejectedByReason: state.rejectedByReason,
    errors: state.errors,
    errorsTruncated: state.rejected > state.errors.length,
    blankLines: state.blankLines,
    duplicateItems: state.duplicateItems,
    paddedItems: state.paddedItems,
  };
  return { baskets, report };
}

/** Parses whole lines from `state.pos` until at least `budget` characters are consumed (or the text ends). */
function parseLines(state: ParseState, budget: number): void {
  const { text } = state;
  const stop = state.pos + budget;
  while (state.pos < text.length && state.pos < stop) {
    const start = state.pos;
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    state.pos = end + 1;
    state.lineNo++;
    let last = end;
    if (last > start && text.charCodeAt(last - 1) === CR) last--;
    if (isBlank(text, start, last)) {
      state.blankLines++;
      continue;
    }
    state.lines++;
    const n = splitLine(text, start, last, state.sep, state.fields);
    if (n < 0) reject(state, n, start, last);
    else addBasket(state, n);
  }
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

const EMPTY_ITEM = -1;
const UNTERMINATED = -2;
const MALFORMED = -3;

/** Splits `text[start, end)` into `fields`; returns the field count, or a negative error code. */
function splitLine(text: string, start: number, end: number, sep: number, fields: string[]): number {
  let n = 0;
  let i = start;
  for (;;) {
    let value: string;
    let j: number;
    if (i < end && text.charCodeAt(i) === QUOTE) {
      value = '';
      j = i + 1;
      let from = j;
      for (;;) {
        if (j >= end) return UNTERMINATED;
        if (text.charCodeAt(j) === QUOTE) {
          value += text.slice(from, j);
          if (j + 1 < end && text.charCodeAt(j + 1) === QUOTE) {
            value += '"';
            j += 2;
            from = j;
            continue;
          }
          j++;
          break;
        }
        j++;
      }
      if (j < end && text.charCodeAt(j) !== sep) return MALFORMED;
    } else {
      j = i;
      while (j < end && text.charCodeAt(j) !== sep) j++;
      value = text.slice(i, j);
    }
    if (value.trim().length === 0) return EMPTY_ITEM;
    fields[n++] = value;
    if (j >= end) return n;
    i = j + 1;
  }
}

function reject(state: ParseState, error: number, start: number, end: number): void {
  const code: BasketLineErrorCode =
    error === EMPTY_ITEM ? 'empty-item' : error === UNTERMINATED ? 'unterminated-quote' : 'malformed-quotes';
  state.rejected++;
  state.rejectedByReason[code] = (state.rejectedByReason[code] ?? 0) + 1;
  if (state.errors.length < state.maxErrors) {
    state.errors.push({
      line: state.lineNo,
      code,
      message: BASKET_LINE_ERROR_DESCRIPTIONS[code],
      value: state.text.slice(start, Math.min(end, start + 200)),
    });
  }
}

/** Codes the line's `n` fields, sorts and merges them, and appends the basket. */
function addBasket(state: ParseState, n: number): void {
  if (state.codes.length < n) state.codes = new Int32Array(Math.max(n, state.codes.length * 2));
  const { codes, fields, index, dictionary } = state;
  for (let f = 0; f < n; f++) {
    const value = fields[f]!;
    let code = index.get(value);
    if (code === undefined) {
      code = dictionary.length;
      index.set(value, code);
      dictionary.push(value);
    }
    const first = value.charCodeAt(0);
    const lastChar = value.charCodeAt(value.length - 1);
    if (first === 32 || first === 9 || lastChar === 32 || lastChar === 9) state.paddedItems++;
    // Insertion sort: baskets are short.
    let k = f - 1;
    while (k >= 0 && codes[k]! > code) {
      codes[k + 1] = codes[k]!;
      k--;
    }
    codes[k + 1] = code;
  }
  let previous = -1;
  for (let f = 0; f < n; f++) {
    const code = codes[f]!;
    if (code === previous) state.duplicateItems++;
    else state.items.push(code);
    previous = code;
  }
  state.offsets.push(state.items.length);
}
