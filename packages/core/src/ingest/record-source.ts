import { type Column, tableFromIPC } from '@uwdata/flechette';
import type { DictColumn } from '../schema/columns.js';
import { hash53, hashCells } from '../util/hash.js';
import {
  type ByteInput,
  byteChunks,
  concatBytes,
  decodeText,
  gunzip,
  isArrow,
  isGzip,
  peekBytes,
} from './byte-input.js';
import { guessDelimiter, type RawRecordBatch, type RecordProblem, readDelimited } from './delimited.js';
import { IngestError } from './errors.js';
import type { Pace } from './pace.js';

/** Row objects, as a host page or an API hands them over. */
export type RowInput = readonly Readonly<Record<string, unknown>>[];
/**
 * Columns of equal length: arrays, typed arrays, or dictionary-coded text (`{ codes, dictionary }`, code −1 =
 * missing) — the form a page's columnarised rows arrive in, read without a string per row.
 */
export type ColumnarInput = Readonly<Record<string, ArrayLike<unknown> | DictColumn>>;
/** Anything ingestion reads: text, bytes (CSV/TSV/whitespace/JSON/Arrow, gzip or not), rows or columns. */
export type IngestInput = string | ByteInput | RowInput | ColumnarInput;

export type SourceFormat = 'auto' | 'csv' | 'tsv' | 'whitespace' | 'json' | 'arrow';

export interface ReadOptions {
  /** Input format; `auto` (default) sniffs Arrow, JSON, then the delimiter. */
  format?: SourceFormat;
  /** Field delimiter for delimited text (`,` `;` `\t` `|` …, or `whitespace`); guessed when not given. */
  delimiter?: string;
  /** Whether the first record of delimited text names the columns (default true). Without one, columns are named 1, 2, 3, … */
  header?: boolean;
  /** Text encoding (TextDecoder label), default utf-8. */
  encoding?: string;
  quoteChar?: string;
  /** Called with the number of bytes read so far (compressed bytes for gzip). */
  onBytes?: (bytes: number) => void;
}

/** How the input was read, for the report. */
export interface SourceDescription {
  format: 'csv' | 'whitespace' | 'json' | 'jsonl' | 'arrow' | 'rows' | 'columns';
  gzip: boolean;
  delimiter?: string;
  delimiterDetected?: boolean;
  header?: boolean;
  encoding?: string;
}

/** A slice of input records, read cell by cell. */
export interface CellBatch {
  readonly size: number;
  /** 1-based record number of the batch's first row (data rows only; the header is not counted). */
  readonly firstRecord: number;
  /** 1-based physical line where a row starts (text input only). */
  line(row: number): number | undefined;
  /** The row's value in a column (strings for text; whatever the host gave for rows/columns/Arrow). */
  cell(row: number, column: number): unknown;
  /** Number of fields the row actually has (text input); rows/columns always have every column. */
  width(row: number): number;
  problem(row: number): RecordProblem | undefined;
  /** The whole row as one string, for messages. */
  raw(row: number): string;
  /** A 53-bit hash of every cell of the row, for duplicate detection. */
  rowHash(row: number): number;
  readonly blankLines: number;
}

/**
 * A source column as typed data, for ingestion's fast lane (columnar input only): numbers in a typed array, or
 * dictionary-coded text.
 */
export type TypedColumn =
  | {
      readonly kind: 'number';
      readonly values:
        | Float64Array
        | Float32Array
        | Int32Array
        | Uint32Array
        | Int16Array
        | Uint16Array
        | Int8Array
        | Uint8Array;
      /** Whether every value is an integer (integer typed arrays). */
      readonly integer: boolean;
    }
  | { readonly kind: 'dict'; readonly codes: Int32Array; readonly dictionary: readonly string[] };

export interface RecordSource {
  readonly columns: readonly string[];
  /** Columnar input: each column as typed data where it is (undefined where not). */
  readonly typed?: readonly (TypedColumn | undefined)[];
  readonly description: SourceDescription;
  readonly notes: readonly string[];
  /** Number of records, when known before reading (rows and columns input). */
  readonly rowCount?: number;
  batches(): AsyncGenerator<CellBatch>;
  /** Stop reading: cancels the underlying stream (called when ingestion fails or is aborted). */
  close(): Promise<void>;
}

const BATCH_ROWS = 20_000;
/**
 * Row objects whose keys are read between two pauses: ~2–5 ms on a slow core (a row's keys cost a fraction of
 * reading its cells, which pauses every 4,096 rows).
 */
const KEY_SCAN_ROWS = 16_384;
const SEPARATOR = '\u001f';

function uniqueColumnNames(names: readonly string[], notes: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((rawName, i) => {
    let name = (i === 0 ? rawName.replace(/^\uFEFF/, '') : rawName).trim();
    if (name === '') {
      name = `column${i + 1}`;
      notes.push(`column ${i + 1} has no name in the header; it is called "${name}"`);
    }
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    if (count > 0) {
      const renamed = `${name}_${count + 1}`;
      notes.push(`the header names "${name}" more than once; column ${i + 1} is called "${renamed}"`);
      return renamed;
    }
    return name;
  });
}

function textBatch(
  batch: RawRecordBatch,
  records: string[][],
  lines: number[],
  firstRecord: number,
): CellBatch {
  return {
    size: records.length,
    firstRecord,
    blankLines: batch.blankLines,
    line: (row) => lines[row],
    cell: (row, column) => records[row]![column],
    width: (row) => records[row]!.length,
    problem: (row) => batch.problems.get(row + (batch.records.length - records.length)),
    raw: (row) => records[row]!.join(SEPARATOR),
    rowHash: (row) => hash53(records[row]!.join(SEPARATOR)),
  };
}

function delimitedSource(
  text: AsyncGenerator<string>,
  head: string,
  options: ReadOptions,
  gzip: boolean,
): Promise<RecordSource> {
  let delimiter =
    options.format === 'tsv' ? '\t' : options.format === 'whitespace' ? 'whitespace' : options.delimiter;
  const detected = delimiter === undefined;
  delimiter ??= guessDelimiter(head);
  if (delimiter === undefined) {
    throw new IngestError(
      'format',
      'could not tell how the fields are separated; give the delimiter (delimiter option, CLI --delimiter)',
    );
  }
  const header = options.header ?? true;
  const notes: string[] = [];
  const batches = readDelimited(text, { delimiter, quoteChar: options.quoteChar });

  return (async () => {
    // The first batch fixes the columns.
    let first = await batches.next();
    while (!first.done && first.value.records.length === 0 && first.value.problems.size === 0) {
      first = await batches.next();
    }
    const firstBatch = first.done ? undefined : first.value;
    const firstRecord = firstBatch?.records[0] ?? [];
    const columns = header ? uniqueColumnNames(firstRecord, notes) : firstRecord.map((_, i) => String(i + 1));
    const description: SourceDescription = {
      format: delimiter === 'whitespace' ? 'whitespace' : 'csv',
      gzip,
      delimiter,
      delimiterDetected: detected,
      header,
      encoding: options.encoding ?? 'utf-8',
    };
    return {
      columns,
      description,
      notes,
      close: async () => {
        await batches.return(undefined);
        await text.return(undefined);
      },
      async *batches() {
        let record = 1;
        if (firstBatch) {
          const skip = header ? 1 : 0;
          const cell = textBatch(
            firstBatch,
            firstBatch.records.slice(skip),
            firstBatch.lines.slice(skip),
            record,
          );
          record += cell.size;
          yield cell;
        }
        for await (const batch of batches) {
          const cell = textBatch(batch, batch.records, batch.lines, record);
          record += cell.size;
          yield cell;
        }
      },
    };
  })();
}

function addKeys(rows: RowInput, from: number, to: number, columns: Set<string>): void {
  for (let i = from; i < to; i++) for (const key of Object.keys(rows[i]!)) columns.add(key);
}

/**
 * The columns of row objects: every key of every row, in order of first appearance. With a pace, the rows are
 * read KEY_SCAN_ROWS at a time with a pause in between (the columns must be known before the first row is read:
 * they decide the mapping).
 */
async function rowColumns(rows: RowInput, pace: Pace | undefined): Promise<string[]> {
  const columns = new Set<string>();
  for (let from = 0; from < rows.length; from += KEY_SCAN_ROWS) {
    if (from > 0 && pace) await pace();
    addKeys(rows, from, Math.min(rows.length, from + KEY_SCAN_ROWS), columns);
  }
  return [...columns];
}

async function rowsSource(
  rows: RowInput,
  description: SourceDescription,
  pace: Pace | undefined,
  notes: string[] = [],
): Promise<RecordSource> {
  const columns = await rowColumns(rows, pace);
  const scratch: unknown[] = new Array(columns.length);
  return {
    columns,
    description,
    notes,
    rowCount: rows.length,
    close: async () => undefined,
    async *batches() {
      for (let start = 0; start < rows.length; start += BATCH_ROWS) {
        const end = Math.min(rows.length, start + BATCH_ROWS);
        yield {
          size: end - start,
          firstRecord: start + 1,
          blankLines: 0,
          line: () => undefined,
          cell: (row, column) => rows[start + row]![columns[column]!],
          width: () => columns.length,
          problem: () => undefined,
          raw: (row) => {
            const r = rows[start + row]!;
            return columns.map((c) => String(r[c] ?? '')).join(SEPARATOR);
          },
          rowHash: (row) => {
            const r = rows[start + row]!;
            for (let c = 0; c < columns.length; c++) scratch[c] = r[columns[c]!];
            return hashCells(scratch);
          },
        };
      }
    },
  };
}

interface ColumnReader {
  readonly length: number;
  at(row: number): unknown;
  /** The backing array, when there is one: read directly (a call per cell costs more than the cell). */
  readonly values?: ArrayLike<unknown>;
}

function columnsSource(
  columnsIn: Readonly<Record<string, ColumnReader>>,
  description: SourceDescription,
  typed?: readonly (TypedColumn | undefined)[],
): RecordSource {
  const columns = Object.keys(columnsIn);
  const readers = columns.map((c) => columnsIn[c]!);
  const length = readers[0]?.length ?? 0;
  readers.forEach((r, i) => {
    if (r.length !== length) {
      throw new IngestError(
        'format',
        `columns must have equal lengths: "${columns[0]}" has ${length} values, "${columns[i]}" has ${r.length}`,
      );
    }
  });
  const direct = readers.map((r) => r.values);
  const scratch: unknown[] = new Array(columns.length);
  const cell = (row: number, column: number) => {
    const values = direct[column];
    return values ? values[row] : readers[column]!.at(row);
  };
  return {
    columns,
    description,
    notes: [],
    rowCount: length,
    ...(typed ? { typed } : {}),
    close: async () => undefined,
    async *batches() {
      for (let start = 0; start < length; start += BATCH_ROWS) {
        const end = Math.min(length, start + BATCH_ROWS);
        yield {
          size: end - start,
          firstRecord: start + 1,
          blankLines: 0,
          line: () => undefined,
          cell: (row, column) => cell(start + row, column),
          width: () => columns.length,
          problem: () => undefined,
          raw: (row) => readers.map((r) => String(r.at(start + row) ?? '')).join(SEPARATOR),
          rowHash: (row) => {
            for (let c = 0; c < readers.length; c++) scratch[c] = cell(start + row, c);
            return hashCells(scratch);
          },
        };
      }
    },
  };
}

function arrayReader(values: ArrayLike<unknown>): ColumnReader {
  return { length: values.length, at: (row) => values[row], values };
}

const isDictColumn = (v: unknown): v is DictColumn =>
  typeof v === 'object' &&
  v !== null &&
  (v as DictColumn).codes instanceof Int32Array &&
  Array.isArray((v as DictColumn).dictionary);

function dictReader(name: string, column: DictColumn): ColumnReader {
  const { codes, dictionary } = column;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c >= dictionary.length || c < -1 || !Number.isInteger(c)) {
      throw new IngestError(
        'format',
        `column "${name}": code ${c} at row ${i + 1} is outside its dictionary (${dictionary.length} values)`,
      );
    }
  }
  return { length: codes.length, at: (row) => (codes[row]! < 0 ? undefined : dictionary[codes[row]!]) };
}

/** A column as typed data, when it is a typed array of numbers or dictionary-coded text. */
function typedColumn(values: unknown): TypedColumn | undefined {
  if (isDictColumn(values)) return { kind: 'dict', codes: values.codes, dictionary: values.dictionary };
  if (values instanceof Float64Array || values instanceof Float32Array) {
    return { kind: 'number', values, integer: false };
  }
  if (
    values instanceof Int32Array ||
    values instanceof Uint32Array ||
    values instanceof Int16Array ||
    values instanceof Uint16Array ||
    values instanceof Int8Array ||
    values instanceof Uint8Array
  ) {
    return { kind: 'number', values, integer: true };
  }
  return undefined;
}

async function collectText(text: AsyncIterable<string>, head: string): Promise<string> {
  const parts = [head];
  for await (const chunk of text) parts.push(chunk);
  return parts.join('');
}

async function jsonSource(text: string, gzip: boolean, pace: Pace | undefined): Promise<RecordSource> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const trimmed = text.trimStart();
    if (trimmed.startsWith('{') && trimmed.includes('\n')) return jsonLinesSource(text, gzip, pace);
    throw new IngestError('parse', `the input is not valid JSON: ${(error as Error).message}`);
  }
  const description: SourceDescription = { format: 'json', gzip };
  if (Array.isArray(value)) {
    const bad = value.findIndex((row) => typeof row !== 'object' || row === null || Array.isArray(row));
    if (bad >= 0) throw new IngestError('format', `JSON rows must be objects; item ${bad + 1} is not`);
    return rowsSource(value as RowInput, description, pace);
  }
  if (typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    for (const key of ['data', 'rows', 'records', 'results']) {
      if (Array.isArray(obj[key])) return jsonSource(JSON.stringify(obj[key]), gzip, pace);
    }
    const entries = Object.entries(obj);
    if (entries.length > 0 && entries.every(([, v]) => Array.isArray(v))) {
      return columnsSource(
        Object.fromEntries(entries.map(([k, v]) => [k, arrayReader(v as unknown[])])),
        description,
      );
    }
  }
  throw new IngestError(
    'format',
    'JSON input must be an array of row objects, an object of equal-length column arrays, or JSON Lines',
  );
}

async function jsonLinesSource(text: string, gzip: boolean, pace: Pace | undefined): Promise<RecordSource> {
  const rows: Record<string, unknown>[] = [];
  const problems = new Map<number, RecordProblem>();
  const lines: number[] = [];
  let blankLines = 0;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') {
      blankLines++;
      return;
    }
    try {
      const parsed = JSON.parse(line) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      rows.push(parsed as Record<string, unknown>);
    } catch (error) {
      problems.set(rows.length, {
        code: 'malformed-quotes',
        message: `not a JSON object: ${(error as Error).message}`,
        raw: line,
      });
      rows.push({});
    }
    lines.push(i + 1);
  });
  const inner = await rowsSource(rows, { format: 'jsonl', gzip }, pace);
  return {
    ...inner,
    async *batches() {
      let first = true;
      for await (const batch of inner.batches()) {
        const offset = batch.firstRecord - 1;
        yield {
          ...batch,
          blankLines: first ? blankLines : 0,
          line: (row) => lines[offset + row],
          problem: (row) => problems.get(offset + row),
        };
        first = false;
      }
    },
  };
}

function arrowSource(bytes: Uint8Array, gzip: boolean): RecordSource {
  let table: ReturnType<typeof tableFromIPC>;
  try {
    // Timestamps and dates as Date objects, as from a JSON or row source.
    table = tableFromIPC(bytes, { useDate: true });
  } catch (error) {
    throw new IngestError('parse', `the Arrow IPC data could not be read: ${(error as Error).message}`);
  }
  const columns: Record<string, ColumnReader> = {};
  const typed: (TypedColumn | undefined)[] = [];
  for (const field of table.schema.fields) {
    const column = table.getChild(field.name) as Column<unknown>;
    columns[field.name] = { length: table.numRows, at: (row) => column.at(row) };
    typed.push(arrowTypedColumn(column));
  }
  return columnsSource(columns, { format: 'arrow', gzip }, typed);
}

/**
 * An Arrow column as typed data for ingestion's fast lane, when it is one without nulls: numbers (the values
 * array itself) or dictionary-encoded text in one batch (its keys and dictionary). Other columns are read cell by
 * cell.
 */
function arrowTypedColumn(column: Column<unknown>): TypedColumn | undefined {
  if (column.nullCount > 0) return undefined;
  const batch = column.data[0] as { values?: unknown; dictionary?: { toArray(): unknown[] } } | undefined;
  if (column.type.typeId === -1) {
    if (column.data.length !== 1 || !(batch?.values instanceof Int32Array) || !batch.dictionary)
      return undefined;
    const dictionary = batch.dictionary.toArray();
    if (!dictionary.every((v) => typeof v === 'string')) return undefined;
    return { kind: 'dict', codes: batch.values, dictionary: dictionary as string[] };
  }
  // Int (2) and Float (3) columns: toArray() is the values themselves when there is one batch.
  if (column.type.typeId !== 2 && column.type.typeId !== 3) return undefined;
  return typedColumn(column.toArray());
}

function isByteInput(input: unknown): input is ByteInput {
  return (
    input instanceof Uint8Array ||
    input instanceof ArrayBuffer ||
    (typeof Blob !== 'undefined' && input instanceof Blob) ||
    (typeof ReadableStream !== 'undefined' && input instanceof ReadableStream) ||
    (typeof input === 'object' && input !== null && Symbol.asyncIterator in input)
  );
}

async function* countBytes(chunks: AsyncIterable<Uint8Array>, onBytes?: (n: number) => void) {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    onBytes?.(total);
    yield chunk;
  }
}

async function* prepend(
  first: string,
  rest: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<string> {
  try {
    if (first) yield first;
    yield* rest;
  } finally {
    // Closed before `rest` was reached or finished: close it too, so the byte stream below gets cancelled.
    await (rest as Partial<AsyncGenerator<string>>).return?.(undefined);
  }
}

/** Run `step`; if it fails, close the source (cancelling its stream) before passing the error on. */
export async function closingOnError<T>(source: RecordSource, step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    await source.close();
    throw error;
  }
}

/**
 * Open any input as a source of record batches, sniffing gzip, Arrow, JSON and the delimiter as needed. With a
 * pace (an ingestion's pause hook), reading the keys of many row objects pauses now and then.
 */
export async function openSource(
  input: IngestInput,
  options: ReadOptions = {},
  pace?: Pace,
): Promise<RecordSource> {
  if (typeof input === 'string') return textSource(prepend(input, []), false, options, pace);
  if (Array.isArray(input)) return rowsSource(input as RowInput, { format: 'rows', gzip: false }, pace);
  if (!isByteInput(input)) {
    const columns = input as ColumnarInput;
    const readers: Record<string, ColumnReader> = {};
    const typed: (TypedColumn | undefined)[] = [];
    for (const [name, values] of Object.entries(columns)) {
      if (isDictColumn(values)) readers[name] = dictReader(name, values);
      else if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
        throw new IngestError(
          'format',
          `column "${name}" is not an array (nor dictionary-coded text { codes, dictionary })`,
        );
      } else readers[name] = arrayReader(values);
      typed.push(typedColumn(values));
    }
    return columnsSource(readers, { format: 'columns', gzip: false }, typed);
  }
  let peeked = await peekBytes(countBytes(byteChunks(input), options.onBytes));
  const gzip = isGzip(peeked.head);
  if (gzip) peeked = await peekBytes(gunzip(peeked.chunks));
  if (
    options.format === 'arrow' ||
    ((options.format === undefined || options.format === 'auto') && isArrow(peeked.head))
  ) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of peeked.chunks) chunks.push(chunk);
    return arrowSource(concatBytes(chunks), gzip);
  }
  return textSource(decodeText(peeked.chunks, options.encoding), gzip, options, pace);
}

async function textSource(
  text: AsyncGenerator<string>,
  gzip: boolean,
  options: ReadOptions,
  pace: Pace | undefined,
): Promise<RecordSource> {
  // Look at the start of the text to tell JSON from delimited text and to guess the delimiter.
  let head = '';
  while (head.length < 65_536) {
    const next = await text.next();
    if (next.done) break;
    head += next.value;
  }
  const format = options.format ?? 'auto';
  const start = head.trimStart()[0];
  if (format === 'json' || (format === 'auto' && (start === '[' || start === '{'))) {
    return jsonSource(await collectText(text, head), gzip, pace);
  }
  try {
    if (format === 'arrow') throw new IngestError('format', 'the input is text, not Arrow IPC');
    return await delimitedSource(prepend(head, text), head, options, gzip);
  } catch (error) {
    await text.return(undefined);
    throw error;
  }
}
