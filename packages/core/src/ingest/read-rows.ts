import type { FieldDef } from '../schema/fields.js';
import { IngestError } from './errors.js';
import type { ResolvedField } from './mapping.js';
import { type DateFormat, type DateParser, dateParser, detectDateFormat } from './parse-date.js';
import { type NumberFormat, parseNumber } from './parse-number.js';
import type { CellBatch, RecordSource } from './record-source.js';
import type { DetectedDateFormat, RejectCode, Rejection, ReportBuilder } from './report.js';

/** A parsed field value: numbers (and dates as epoch ms) or text; undefined = not given. */
export type FieldValue = number | string | undefined;

export interface ValueOptions extends NumberFormat {
  /** How date text is written; default `auto` (ISO 8601, YYYYMMDD or epoch, decided by the first value). */
  dateFormat?: DateFormat;
}

/** What the table-specific step sees of the current row. */
export interface RowContext {
  readonly row: number;
  readonly line: number | undefined;
  /** The whole row as one string (for duplicate detection). */
  raw(): string;
  /** The row's raw cell in a source column (by index). */
  cell(column: number): unknown;
  /** A 53-bit hash of all the row's cells (for duplicate detection). */
  hash(): number;
  /** Build a rejection for this row. */
  rejection(code: RejectCode, field: string, value: string, message: string, policy?: boolean): Rejection;
}

/**
 * The table's own step. `accept` is called for every row whose fields all parsed: it returns a rejection to
 * reject the row, or stores it and calls `report.accept`. `inspectRejected` (optional) sees the fields that did
 * parse on a rejected row (the failed ones are undefined), to count the warnings it would have had.
 */
export interface RowVisitor {
  /**
   * Optional fast lane for typed columnar input: handles rows from 0-based `start` (before `limit`) entirely —
   * checks, warnings, storing, `report.accept` — while they pass, and returns how many; 0 leaves row `start` to
   * the generic path. It must give exactly the generic path's result.
   */
  fast?(start: number, limit: number): number;
  accept(values: FieldValue[], context: RowContext): Rejection | undefined;
  inspectRejected?(values: FieldValue[]): void;
}

/** Dates outside [MIN_TIME, MAX_TIME) are rejected. */
export const MIN_TIME = Date.UTC(1900, 0, 1);
/** With a `pause` hook, it is awaited every 4,096 rows (a few ms of work). */
const PAUSE_MASK = 4095;
export const MAX_TIME = Date.UTC(2200, 0, 1);
/** A number below this in magnitude, read as epoch milliseconds, is before 1973: likelier epoch seconds. */
export const MIN_EPOCH_MS = 1e11;
const INTEGER_ID = /^[+]?(-?)0*(\d+)(?:\.0*)?$/;

class FieldFailure {
  constructor(
    readonly code: RejectCode,
    readonly field: string,
    readonly value: string,
    readonly message: string,
  ) {}
}

/** A Date as ISO text; an Invalid Date (which toISOString would throw on) as "Invalid Date". */
const dateText = (date: Date) => (Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString());

const shown = (value: unknown) => {
  const s = value instanceof Date ? dateText(value) : String(value);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
};

/** Per-date-field parsing state: the format is fixed by the option or by the first value seen. */
class DateField {
  parser: DateParser | undefined;
  format: string | undefined;
  fromRow: number | undefined;
  private lastText: string | undefined;
  private lastValue = Number.NaN;

  constructor(
    readonly field: string,
    readonly requested: DateFormat,
  ) {
    if (requested !== 'auto') {
      this.parser = dateParser(requested);
      this.format = requested;
    }
  }

  parse(cell: unknown, column: string, row: number): number | undefined {
    if (cell === null || cell === undefined) return undefined;
    let t: number;
    if (cell instanceof Date) t = cell.getTime();
    else if (typeof cell === 'number' || typeof cell === 'bigint') {
      const seconds = this.requested === 'epoch-s';
      t = Number(cell) * (seconds ? 1000 : 1);
      // Epoch seconds read as milliseconds land before March 1973: far likelier a unit mix-up than real data.
      if (!seconds && Math.abs(t) < MIN_EPOCH_MS) {
        throw new FieldFailure(
          'invalid-date',
          this.field,
          String(cell),
          `${cell} in column "${column}" read as epoch milliseconds is before 1973; if it is epoch seconds, set dateFormat: 'epoch-s' (CLI: --date-format epoch-s)`,
        );
      }
    } else {
      const text = String(cell).trim();
      if (text === '') return undefined;
      if (!this.parser) {
        const format = detectDateFormat(text);
        if (!format) {
          throw new FieldFailure(
            'invalid-date',
            this.field,
            shown(cell),
            `"${shown(cell)}" in column "${column}" is not a date in a recognised format (ISO 8601, YYYYMMDD, epoch seconds or milliseconds); give the format, e.g. dateFormat: 'DD/MM/YYYY' (CLI: --date-format DD/MM/YYYY)`,
          );
        }
        this.parser = dateParser(format);
        this.format = format;
        this.fromRow = row;
      }
      // Exports repeat the same timestamp on every line of an order: reuse the last parse.
      if (text === this.lastText) t = this.lastValue;
      else {
        t = this.parser(text);
        this.lastText = text;
        this.lastValue = t;
      }
      if (Number.isNaN(t)) {
        const origin = this.fromRow !== undefined ? ` (recognised from row ${this.fromRow})` : '';
        throw new FieldFailure(
          'invalid-date',
          this.field,
          shown(cell),
          `"${shown(cell)}" in column "${column}" is not a valid date in the column's format ${this.format}${origin}`,
        );
      }
    }
    if (!(t >= MIN_TIME && t < MAX_TIME)) {
      throw new FieldFailure(
        'invalid-date',
        this.field,
        shown(cell),
        `"${shown(cell)}" in column "${column}" is outside 1900–2200${typeof cell === 'number' ? '; is the epoch unit (seconds or milliseconds) right?' : ''}`,
      );
    }
    return t;
  }

  describe(): DetectedDateFormat | undefined {
    if (!this.format) return undefined;
    return {
      field: this.field,
      format: this.format,
      detected: this.requested === 'auto',
      ...(this.fromRow !== undefined ? { fromRow: this.fromRow } : {}),
    };
  }
}

function readNumber(cell: unknown, field: string, column: string, format: NumberFormat): number | undefined {
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) return undefined;
    if (!Number.isFinite(cell)) {
      throw new FieldFailure(
        'invalid-number',
        field,
        String(cell),
        `${cell} in column "${column}" is not a finite number`,
      );
    }
    return cell;
  }
  if (typeof cell === 'bigint') return Number(cell);
  if (typeof cell !== 'string') {
    throw new FieldFailure(
      'invalid-number',
      field,
      shown(cell),
      `"${shown(cell)}" in column "${column}" is not a number`,
    );
  }
  const value = parseNumber(cell, format);
  if (value !== undefined && Number.isNaN(value)) {
    const hint =
      !format.decimalComma && /^[+-]?\d+,\d+$/.test(cell.trim())
        ? ' (if "," is the decimal mark, use decimalComma: true / --decimal-comma)'
        : '';
    throw new FieldFailure(
      'invalid-number',
      field,
      shown(cell),
      `"${shown(cell)}" in column "${column}" is not a number${hint}`,
    );
  }
  return value;
}

export function readText(cell: unknown): string | undefined {
  if (cell === null || cell === undefined) return undefined;
  const text = (cell instanceof Date ? dateText(cell) : String(cell)).trim();
  return text === '' ? undefined : text;
}

export function readId(cell: unknown, field: string, column: string, integer: boolean): string | undefined {
  const text = readText(cell);
  if (text === undefined || !integer) return text;
  const m = INTEGER_ID.exec(text);
  if (!m) {
    throw new FieldFailure(
      'invalid-id',
      field,
      text,
      `"${text}" in column "${column}" is not a whole-number id`,
    );
  }
  return m[1]! + m[2]!;
}

/** One context object per batch, moved from row to row (no closures allocated per row). */
class BatchRowContext implements RowContext {
  row = 0;
  line: number | undefined;
  index = 0;

  constructor(private readonly batch: CellBatch) {}

  raw(): string {
    return this.batch.raw(this.index);
  }

  cell(column: number): unknown {
    return this.batch.cell(this.index, column);
  }

  hash(): number {
    return this.batch.rowHash(this.index);
  }

  rejection(code: RejectCode, field: string, value: string, message: string, policy?: boolean): Rejection {
    return {
      row: this.row,
      ...(this.line !== undefined ? { line: this.line } : {}),
      field,
      value,
      code,
      message,
      ...(policy ? { policy } : {}),
    };
  }
}

export interface ReadRowsOptions extends ValueOptions {
  signal?: AbortSignal;
  /** Awaited every PAUSE_ROWS rows and after every batch: lets an in-thread caller give the page a turn. */
  pause?: () => Promise<void>;
  onRows?: (rows: number) => void;
}

/**
 * Stream every record of `source` through the resolved mapping: parse each field by its kind, reject the row at
 * the first field that fails (in field order), then hand the values to `visit` for the table's own checks.
 * Every record ends up counted in `report` as accepted or rejected.
 */
export async function readRows(
  source: RecordSource,
  resolved: readonly ResolvedField[],
  report: ReportBuilder,
  visit: RowVisitor,
  options: ReadRowsOptions = {},
): Promise<DetectedDateFormat[]> {
  const dateFields = resolved.map((r) =>
    r.def.kind === 'date' ? new DateField(r.def.name, options.dateFormat ?? 'auto') : undefined,
  );
  const values: FieldValue[] = new Array(resolved.length).fill(undefined);
  const expressionValues = resolved.map((r) =>
    r.kind === 'expr' ? new Float64Array(r.indices.length) : undefined,
  );
  const width = source.columns.length;
  const checksWidth = source.description.format === 'csv' || source.description.format === 'whitespace';

  const fieldValue = (
    r: ResolvedField,
    i: number,
    batch: CellBatch,
    row: number,
    record: number,
  ): FieldValue => {
    const def: FieldDef = r.def;
    switch (r.kind) {
      case 'none':
        return undefined;
      case 'value':
        return r.value;
      case 'expr': {
        const operands = expressionValues[i]!;
        for (let k = 0; k < r.indices.length; k++) {
          const column = source.columns[r.indices[k]!]!;
          const v = readNumber(batch.cell(row, r.indices[k]!), column, column, options);
          if (v === undefined) {
            if (def.required) {
              throw new FieldFailure(
                'missing-value',
                def.name,
                '',
                `${def.name} needs column "${column}", which is empty`,
              );
            }
            return undefined;
          }
          operands[k] = v;
        }
        const result = r.expr.evaluate(operands);
        if (!Number.isFinite(result)) {
          throw new FieldFailure(
            'invalid-number',
            def.name,
            String(result),
            `${def.name} = ${r.expr.source} is not a finite number (${result}) on this row`,
          );
        }
        return result;
      }
      case 'column': {
        const cell = batch.cell(row, r.index);
        switch (def.kind) {
          case 'id':
            return readId(cell, def.name, r.column, r.integer);
          case 'text':
            return readText(cell);
          case 'number':
            return readNumber(cell, def.name, r.column, options);
          case 'date':
            return dateFields[i]!.parse(cell, r.column, record);
        }
      }
    }
  };

  if (options.signal?.aborted) throw abortError(options.signal);
  for await (const batch of source.batches()) {
    if (options.signal?.aborted) throw abortError(options.signal);
    const context = new BatchRowContext(batch);
    report.blankLines += batch.blankLines;
    const fast = visit.fast?.bind(visit);
    for (let row = 0; row < batch.size; row++) {
      if (options.pause && (row & PAUSE_MASK) === PAUSE_MASK) {
        await options.pause();
        if (options.signal?.aborted) throw abortError(options.signal);
      }
      if (fast) {
        // Up to the next pause point: the lane takes the run of rows it can, the generic path the row after.
        const next = (row & PAUSE_MASK) === PAUSE_MASK ? row + PAUSE_MASK + 1 : row | PAUSE_MASK;
        const limit = Math.min(batch.size, next);
        const start = batch.firstRecord - 1;
        const handled = fast(start + row, start + limit);
        if (handled > 0) {
          row += handled - 1;
          continue;
        }
      }
      const record = batch.firstRecord + row;
      context.index = row;
      const line = batch.line(row);
      context.row = record;
      context.line = line;
      const problem = batch.problem(row);
      if (problem) {
        report.reject(context.rejection(problem.code, '(row)', shown(problem.raw), problem.message));
        continue;
      }
      if (checksWidth && batch.width(row) !== width) {
        report.reject(
          context.rejection(
            'field-count',
            '(row)',
            shown(batch.raw(row).replaceAll('\u001f', ' | ')),
            `expected ${width} fields (as in the ${source.description.header ? 'header' : 'first row'}), found ${batch.width(row)}`,
          ),
        );
        continue;
      }
      // The first failing field (in field order) decides the rejection; later fields are still read so the
      // rejected row's other findings can be counted.
      let failure: FieldFailure | undefined;
      for (let i = 0; i < resolved.length; i++) {
        const r = resolved[i]!;
        try {
          const v = fieldValue(r, i, batch, row, record);
          if (v === undefined && r.def.required) {
            const column = r.kind === 'column' ? ` (column "${r.column}")` : '';
            failure ??= new FieldFailure(
              'missing-value',
              r.def.name,
              '',
              `${r.def.name} is required but empty${column}`,
            );
          }
          values[i] = v;
        } catch (error) {
          if (!(error instanceof FieldFailure)) throw error;
          failure ??= error;
          values[i] = undefined;
        }
      }
      if (failure) {
        report.reject(context.rejection(failure.code, failure.field, failure.value, failure.message));
        visit.inspectRejected?.(values);
        continue;
      }
      const rejection = visit.accept(values, context);
      if (rejection) report.reject(rejection);
    }
    options.onRows?.(report.total);
    await options.pause?.();
  }
  return dateFields.flatMap((d) => {
    const description = d?.describe();
    return description ? [description] : [];
  });
}

/** The error an aborted ingestion rejects with (code `aborted`, the signal's reason as message). */
export function abortError(signal: AbortSignal): IngestError {
  const reason = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted');
  return new IngestError('aborted', `ingestion aborted: ${reason}`);
}
