import type { ColumnarInput } from '@crm-lens/core';
import { abortedError } from './errors.js';
import type { EncodedRows, WireColumn } from './protocol.js';
import { yieldToHost } from './yield-to-host.js';

export interface ColumnariseOptions {
  readonly signal?: AbortSignal;
  /** Called after each slice with the rows done so far (both passes count: 2 × rows in all). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Most rows per slice (at most 20,000). */
  readonly chunkRows?: number;
  /** Yield once a slice has run this long, whatever its row count (default 8 ms: well under a 50 ms long task). */
  readonly sliceMs?: number;
}

export interface ColumnarisedRows {
  readonly rows: EncodedRows;
  /** The buffers to transfer with `rows` (all freshly allocated here). */
  readonly transfer: ArrayBuffer[];
}

const MAX_CHUNK_ROWS = 20_000;
/** Rows between two clock reads. */
const CLOCK_EVERY = 512;

type Kind = 'empty' | 'number' | 'date' | 'text' | 'values';

/**
 * One column being built. It starts typed by its first present value and falls back to plain values when a
 * later value does not fit (a string in a number column, say), rebuilding the rows done so far.
 */
class ColumnBuilder {
  kind: Kind = 'empty';
  private numbers: Float64Array<ArrayBuffer> | undefined;
  private missing: Uint8Array<ArrayBuffer> | undefined;
  private codes: Int32Array<ArrayBuffer> | undefined;
  private readonly lookup = new Map<string, number>();
  private readonly dictionary: string[] = [];
  private values: unknown[] | undefined;

  constructor(private readonly length: number) {}

  set(i: number, v: unknown): void {
    if (v === null || v === undefined) {
      this.setMissing(i, v);
      return;
    }
    const kind =
      typeof v === 'number'
        ? 'number'
        : typeof v === 'string'
          ? 'text'
          : v instanceof Date
            ? 'date'
            : 'values';
    if (kind !== this.kind) this.convert(kind, i);
    switch (this.kind) {
      case 'number':
        this.numbers![i] = v as number;
        return;
      case 'date':
        this.numbers![i] = (v as Date).getTime();
        return;
      case 'text': {
        let code = this.lookup.get(v as string);
        if (code === undefined) {
          code = this.dictionary.length;
          this.lookup.set(v as string, code);
          this.dictionary.push(v as string);
        }
        this.codes![i] = code;
        return;
      }
      default:
        this.values![i] = plainCell(v);
    }
  }

  private setMissing(i: number, v: null | undefined): void {
    switch (this.kind) {
      case 'empty':
        return;
      case 'number':
      case 'date':
        this.missing ??= new Uint8Array(this.length);
        this.missing[i] = 1;
        this.numbers![i] = Number.NaN;
        return;
      case 'text':
        this.codes![i] = -1;
        return;
      default:
        this.values![i] = v;
    }
  }

  /** Switch to `kind` before row `i`: typed on the first present value, plain values on a mismatch. */
  private convert(kind: Kind, i: number): void {
    if (this.kind === 'empty') {
      this.kind = kind;
      if (kind === 'number' || kind === 'date') {
        this.numbers = new Float64Array(this.length);
        if (i > 0) {
          this.missing = new Uint8Array(this.length);
          this.missing.fill(1, 0, i);
          this.numbers.fill(Number.NaN, 0, i);
        }
      } else if (kind === 'text') {
        this.codes = new Int32Array(this.length).fill(-1);
      } else {
        this.values = new Array(this.length);
      }
      return;
    }
    if (this.kind === 'values') return;
    const values = new Array<unknown>(this.length);
    for (let j = 0; j < i; j++) values[j] = this.valueAt(j);
    this.kind = 'values';
    this.values = values;
    this.numbers = undefined;
    this.missing = undefined;
    this.codes = undefined;
  }

  /** Row j's value as given (numbers, strings and Dates rebuilt exactly; a missing cell as undefined). */
  private valueAt(j: number): unknown {
    switch (this.kind) {
      case 'number':
        return this.missing?.[j] ? undefined : this.numbers![j];
      case 'date':
        return this.missing?.[j] ? undefined : new Date(this.numbers![j]!);
      case 'text': {
        const code = this.codes![j]!;
        return code < 0 ? undefined : this.dictionary[code];
      }
      default:
        return undefined;
    }
  }

  finish(transfer: ArrayBuffer[]): WireColumn {
    switch (this.kind) {
      case 'empty': {
        // Only missing cells: a number column whose every row is missing reads back as undefined.
        const missing = new Uint8Array(this.length).fill(1);
        const values = new Float64Array(this.length).fill(Number.NaN);
        transfer.push(values.buffer, missing.buffer);
        return { kind: 'number', values, missing };
      }
      case 'number':
      case 'date': {
        transfer.push(this.numbers!.buffer);
        if (this.missing) transfer.push(this.missing.buffer);
        return {
          kind: this.kind,
          values: this.numbers!,
          ...(this.missing ? { missing: this.missing } : {}),
        };
      }
      case 'text':
        transfer.push(this.codes!.buffer);
        return { kind: 'text', codes: this.codes!, dictionary: this.dictionary };
      default:
        return { kind: 'values', values: this.values! };
    }
  }
}

/**
 * A cell of a mixed column as it may cross a boundary: primitives and Dates as they are; other objects,
 * functions and symbols as their string (ingestion reads them with `String()` anyway, and some of them
 * cannot be structured-cloned).
 */
function plainCell(v: unknown): unknown {
  const type = typeof v;
  if (type === 'object') return v instanceof Date ? v : String(v);
  if (type === 'function' || type === 'symbol') return String(v);
  return v;
}

/**
 * Row objects → columns, on the calling thread, in slices of at most 20,000 rows (and about `sliceMs`), with a
 * macrotask between slices, so that a page handing over a million rows never blocks for long. Numbers become
 * Float64Arrays, strings dictionary codes, Dates epoch milliseconds; columns whose values mix types keep their
 * values. Read back with {@link decodeRows}, the columns give core's ingestion exactly what the rows would have:
 * the same cells under the same column names, in the order the keys first occur.
 */
export async function columnariseRows(
  rows: readonly Readonly<Record<string, unknown>>[],
  options: ColumnariseOptions = {},
): Promise<ColumnarisedRows> {
  const chunkRows = Math.max(1, Math.min(options.chunkRows ?? MAX_CHUNK_ROWS, MAX_CHUNK_ROWS));
  const sliceMs = options.sliceMs ?? 8;
  const { signal } = options;
  const n = rows.length;
  const total = 2 * n;

  // Run `step(i)` for every row, yielding between slices.
  const sliced = async (done: number, step: (i: number) => void): Promise<void> => {
    let i = 0;
    while (i < n) {
      if (signal?.aborted) throw abortedError(signal);
      const started = performance.now();
      const end = Math.min(n, i + chunkRows);
      while (i < end) {
        const stop = Math.min(end, i + CLOCK_EVERY);
        for (; i < stop; i++) step(i);
        if (performance.now() - started >= sliceMs) break;
      }
      options.onProgress?.(done + i, total);
      if (i < n) await yieldToHost();
    }
  };

  // Pass 1: the column names, in the order their keys first occur (as core's ingestion of rows sees them).
  const names = new Set<string>();
  await sliced(0, (i) => {
    for (const key of Object.keys(rows[i]!)) names.add(key);
  });
  // Pass 2: the cells, by column.
  const order = [...names];
  const builders = order.map(() => new ColumnBuilder(n));
  await sliced(n, (i) => {
    const row = rows[i]!;
    for (let c = 0; c < order.length; c++) builders[c]!.set(i, row[order[c]!]);
  });
  if (signal?.aborted) throw abortedError(signal);

  const transfer: ArrayBuffer[] = [];
  const columns = order.map((name, c) => ({ name, column: builders[c]!.finish(transfer) }));
  return { rows: { length: n, columns }, transfer };
}

/**
 * The columns core's ingestion reads (arrays and typed arrays) from columnarised rows, in the host: every
 * missing cell is `undefined` (text stays dictionary-coded: code −1) and every Date a Date again, so ingestion
 * treats each cell as it would the row's.
 */
export function decodeRows(encoded: EncodedRows): ColumnarInput {
  const out: Record<string, ColumnarInput[string]> = {};
  const n = encoded.length;
  for (const { name, column } of encoded.columns) {
    switch (column.kind) {
      case 'number': {
        const { values, missing } = column;
        if (!missing) {
          out[name] = values;
          break;
        }
        const cells = new Array<number | undefined>(n);
        for (let i = 0; i < n; i++) cells[i] = missing[i] ? undefined : values[i];
        out[name] = cells;
        break;
      }
      case 'date': {
        const { values, missing } = column;
        const cells = new Array<Date | undefined>(n);
        for (let i = 0; i < n; i++) cells[i] = missing?.[i] ? undefined : new Date(values[i]!);
        out[name] = cells;
        break;
      }
      case 'text':
        // Dictionary-coded text is an input form of its own: ingestion reads each distinct string once.
        out[name] = { codes: column.codes, dictionary: column.dictionary };
        break;
      default:
        out[name] = column.values;
    }
  }
  return out;
}
