import { type CompiledExpression, compileExpression, ExpressionError } from '../ingest/expression.js';
import { parseNumber } from '../ingest/parse-number.js';
import { FIELDS, type FieldDef, type TableKind } from '../schema/fields.js';
import { AdapterError } from './errors.js';
import { compilePath, type PathReader } from './path.js';
import { MalformedRecord } from './read-records.js';
import type { AdapterWarning, AdapterWarningCode, CanonicalRow } from './types.js';

/**
 * Where a canonical field's value comes from in a JSON record:
 * - `'properties.amount'` or `{ path }`: a path (see `compilePath`); `prefix` is prepended to a non-empty
 *   value (ids of different CRM objects kept apart: `company:42`, `contact:42`);
 * - `{ value }`: a constant (an interaction's `type`, a currency);
 * - `{ first: [...] }`: the first source that has a value (the deal's company, else its contact);
 * - `{ join: [...], separator }`: the sources that have a value, joined (default separator `' '`);
 * - `{ expr }`: arithmetic over paths, as in ingestion (`properties.quantity * properties.price`; a path
 *   with brackets goes in backticks).
 */
export type ValueSource =
  | string
  | { readonly path: string; readonly prefix?: string }
  | { readonly value: string | number }
  | { readonly first: readonly ValueSource[] }
  | { readonly join: readonly ValueSource[]; readonly separator?: string }
  | { readonly expr: string };

/** Keep only records whose value at `path` is (`in`) or is not (`notIn`) one of the given values. */
export interface RecordFilter {
  readonly path: string;
  readonly in?: readonly (string | number | boolean)[];
  readonly notIn?: readonly (string | number | boolean)[];
}

/** A declarative mapping of one CRM object's JSON records to canonical rows of one table. */
export interface ObjectMapping {
  readonly table: TableKind;
  /** Canonical field → source. Every required field of the table must be mapped. */
  readonly fields: Readonly<Record<string, ValueSource>>;
  /** Customers only: extra text attributes (name → source), kept under `attributes[name]` by ingestion. */
  readonly attributes?: Readonly<Record<string, ValueSource>>;
  /** Path of the record's CRM id, named in warnings (default `id`). */
  readonly id?: string;
  /** Records must pass every filter (e.g. won deals only); the others are counted as `filtered`. */
  readonly where?: readonly RecordFilter[];
}

export interface MapRecordsOptions {
  /** The CRM object's name, for warnings (default: the table). */
  readonly object?: string;
  /** 1-based position of `records[0]` among the object's records (default 1), for warnings. */
  readonly firstRecord?: number;
  /** Expression operands written with a decimal comma. */
  readonly decimalComma?: boolean;
}

export interface MappedRecords {
  readonly rows: CanonicalRow[];
  readonly warnings: AdapterWarning[];
  /** Records not mapped (each has a warning). */
  readonly skipped: number;
  /** Records left out by `where`. */
  readonly filtered: number;
}

type Value = string | number | Date;
const NOT_A_VALUE = Symbol('not-a-value');
const INVALID_NUMBER = Symbol('invalid-number');
type Outcome = Value | undefined | typeof NOT_A_VALUE | typeof INVALID_NUMBER;
type Evaluator = (record: unknown, decimalComma: boolean) => Outcome;

interface CompiledField {
  readonly name: string;
  readonly required: boolean;
  readonly evaluate: Evaluator;
  readonly source: string;
}

interface CompiledMapping {
  readonly table: TableKind;
  readonly fields: readonly CompiledField[];
  readonly id: PathReader;
  readonly where: readonly { read: PathReader; in?: Set<string>; notIn?: Set<string> }[];
}

const isProblem = (o: Outcome): o is typeof NOT_A_VALUE | typeof INVALID_NUMBER =>
  o === NOT_A_VALUE || o === INVALID_NUMBER;

/** A JSON value as a canonical value: missing (null, absent, empty text), a value, or not a value. */
function scalar(v: unknown): Outcome {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number') return Number.isNaN(v) ? undefined : v;
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v;
  return NOT_A_VALUE;
}

function describeSource(source: ValueSource): string {
  if (typeof source === 'string') return source;
  if ('path' in source) return source.path;
  if ('value' in source) return 'a constant';
  if ('first' in source) return `the first of ${source.first.map(describeSource).join(', ')}`;
  if ('join' in source) return source.join.map(describeSource).join(' + ');
  return `=${source.expr}`;
}

function compileSource(source: ValueSource, field: string): Evaluator {
  if (typeof source === 'string') {
    const read = compilePath(source);
    return (record) => scalar(read(record));
  }
  if (source === null || typeof source !== 'object') {
    throw new AdapterError(
      'mapping',
      `"${field}": a source is a path, { path }, { value }, { first }, { join } or { expr }`,
    );
  }
  if ('path' in source) {
    const read = compilePath(source.path);
    const prefix = source.prefix;
    if (prefix === undefined) return (record) => scalar(read(record));
    return (record) => {
      const v = scalar(read(record));
      return v === undefined || isProblem(v) ? v : `${prefix}${v instanceof Date ? v.toISOString() : v}`;
    };
  }
  if ('value' in source) {
    const value = source.value;
    return () => value;
  }
  if ('first' in source) {
    const alternatives = source.first.map((s) => compileSource(s, field));
    return (record, comma) => {
      let problem: Outcome;
      for (const alternative of alternatives) {
        const v = alternative(record, comma);
        if (v === undefined) continue;
        if (isProblem(v)) problem ??= v;
        else return v;
      }
      return problem;
    };
  }
  if ('join' in source) {
    const parts = source.join.map((s) => compileSource(s, field));
    const separator = source.separator ?? ' ';
    return (record, comma) => {
      const values: string[] = [];
      for (const part of parts) {
        const v = part(record, comma);
        if (v === undefined) continue;
        if (isProblem(v)) return v;
        values.push(v instanceof Date ? v.toISOString() : String(v));
      }
      return values.length > 0 ? values.join(separator) : undefined;
    };
  }
  if ('expr' in source) {
    let expr: CompiledExpression;
    try {
      expr = compileExpression(source.expr);
    } catch (error) {
      if (error instanceof ExpressionError) throw new AdapterError('mapping', `"${field}": ${error.message}`);
      throw error;
    }
    const operands = expr.columns.map((path) => compilePath(path));
    const values = new Float64Array(operands.length);
    return (record, comma) => {
      for (let i = 0; i < operands.length; i++) {
        const v = scalar(operands[i]!(record));
        if (v === undefined || isProblem(v)) return v;
        const n =
          typeof v === 'number'
            ? v
            : typeof v === 'string'
              ? parseNumber(v, { decimalComma: comma })
              : Number.NaN;
        if (n === undefined) return undefined;
        if (!Number.isFinite(n)) return INVALID_NUMBER;
        values[i] = n;
      }
      const result = expr.evaluate(values);
      return Number.isFinite(result) ? result : INVALID_NUMBER;
    };
  }
  throw new AdapterError(
    'mapping',
    `"${field}": a source is a path, { path }, { value }, { first }, { join } or { expr }`,
  );
}

const compiled = new WeakMap<ObjectMapping, CompiledMapping>();

/**
 * Every path a value source reads, an expression's operands included: what an adapter asks its API for
 * (`$select`, `fields=`, a GraphQL selection). An expression that does not parse reads nothing here;
 * `checkMapping` reports it.
 */
export function sourcePaths(source: ValueSource): string[] {
  if (typeof source === 'string') return [source];
  if ('path' in source) return [source.path];
  if ('first' in source) return source.first.flatMap(sourcePaths);
  if ('join' in source) return source.join.flatMap(sourcePaths);
  if ('expr' in source) {
    try {
      return [...compileExpression(source.expr).columns];
    } catch (error) {
      if (error instanceof ExpressionError) return [];
      throw error;
    }
  }
  return [];
}

/**
 * Check a mapping: its table and fields exist, every required field is mapped, its paths and expressions parse.
 * `mapRecords` does the same on first use (and caches the result per mapping object); adapters call it when
 * they are created, so a mistyped mapping fails before any request.
 *
 * @throws {AdapterError} code `mapping`
 */
export function checkMapping(mapping: ObjectMapping): void {
  compileMapping(mapping);
}

function compileMapping(mapping: ObjectMapping): CompiledMapping {
  const cached = compiled.get(mapping);
  if (cached) return cached;
  const defs: readonly FieldDef[] | undefined = FIELDS[mapping.table];
  if (!defs) {
    throw new AdapterError(
      'mapping',
      `unknown table "${String(mapping.table)}"; the tables are: ${Object.keys(FIELDS).join(', ')}`,
    );
  }
  const names = new Set(defs.map((d) => d.name));
  const fields: CompiledField[] = [];
  for (const [key, source] of Object.entries(mapping.fields)) {
    const name = key === 'sku' && mapping.table === 'transactions' ? 'product' : key;
    if (!names.has(name)) {
      throw new AdapterError(
        'mapping',
        `unknown ${mapping.table} field "${key}" in the mapping; the fields are: ${[...names].join(', ')}`,
      );
    }
    const def = defs.find((d) => d.name === name)!;
    fields.push({
      name,
      required: def.required,
      evaluate: compileSource(source, name),
      source: describeSource(source),
    });
  }
  for (const def of defs) {
    if (def.required && !fields.some((f) => f.name === def.name)) {
      throw new AdapterError(
        'mapping',
        `the ${mapping.table} mapping has no source for the required field "${def.name}"`,
      );
    }
  }
  for (const [name, source] of Object.entries(mapping.attributes ?? {})) {
    if (mapping.table !== 'customers') {
      throw new AdapterError(
        'mapping',
        `only customers have attributes; "${name}" is on a ${mapping.table} mapping`,
      );
    }
    if (names.has(name)) {
      throw new AdapterError(
        'mapping',
        `attribute "${name}" has the name of a customer field; map it under fields`,
      );
    }
    fields.push({
      name,
      required: false,
      evaluate: compileSource(source, name),
      source: describeSource(source),
    });
  }
  const where = (mapping.where ?? []).map((filter) => ({
    read: compilePath(filter.path),
    ...(filter.in ? { in: new Set(filter.in.map(String)) } : {}),
    ...(filter.notIn ? { notIn: new Set(filter.notIn.map(String)) } : {}),
  }));
  const result: CompiledMapping = {
    table: mapping.table,
    fields,
    id: compilePath(mapping.id ?? 'id'),
    where,
  };
  compiled.set(mapping, result);
  return result;
}

const PROBLEM_CODES: Record<symbol, AdapterWarningCode> = {
  [NOT_A_VALUE]: 'not-a-value',
  [INVALID_NUMBER]: 'invalid-number',
};

/**
 * Map JSON records to canonical rows. Values pass through as the source gave them (ingestion parses and reports
 * them); a record that cannot be mapped — not an object, a required field empty or not a value — is skipped with
 * a warning naming its position and id, never its content. Optional fields that are not values are left empty
 * (warned). Records failing `where` are counted as filtered.
 */
export function mapRecords(
  records: readonly unknown[],
  mapping: ObjectMapping,
  options: MapRecordsOptions = {},
): MappedRecords {
  const m = compileMapping(mapping);
  const object = options.object ?? mapping.table;
  const first = options.firstRecord ?? 1;
  const comma = options.decimalComma === true;
  const rows: CanonicalRow[] = [];
  const warnings: AdapterWarning[] = [];
  let skipped = 0;
  let filtered = 0;

  records.forEach((record, i) => {
    const position = first + i;
    if (record instanceof MalformedRecord) {
      skipped++;
      const line = record.line !== undefined ? ` (line ${record.line})` : '';
      warnings.push({
        code: record.code,
        object,
        record: position,
        message: `${object} record ${position}${line} could not be read: ${record.detail}`,
      });
      return;
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      skipped++;
      warnings.push({
        code: 'not-an-object',
        object,
        record: position,
        message: `${object} record ${position} is not an object`,
      });
      return;
    }
    const rawId = m.id(record);
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
    const where = `${object} record ${position}${id !== undefined ? ` (id ${id})` : ''}`;
    const at = { object, record: position, ...(id !== undefined ? { id } : {}) };

    for (const filter of m.where) {
      const v = scalar(filter.read(record));
      const text =
        v === undefined || isProblem(v) ? undefined : v instanceof Date ? v.toISOString() : String(v);
      if (
        (filter.in && (text === undefined || !filter.in.has(text))) ||
        (text !== undefined && filter.notIn?.has(text))
      ) {
        filtered++;
        return;
      }
    }

    const row: CanonicalRow = {};
    for (const field of m.fields) {
      const v = field.evaluate(record, comma);
      if (v === undefined) {
        if (field.required) {
          skipped++;
          warnings.push({
            code: 'missing-required',
            ...at,
            field: field.name,
            message: `${where}: required field "${field.name}" (${field.source}) is empty`,
          });
          return;
        }
        continue;
      }
      if (isProblem(v)) {
        const code = PROBLEM_CODES[v]!;
        const what = code === 'not-a-value' ? 'is an object or a list, not a value' : 'is not a number';
        warnings.push({
          code,
          ...at,
          field: field.name,
          message: `${where}: "${field.name}" (${field.source}) ${what}${field.required ? '; record skipped' : '; left empty'}`,
        });
        if (field.required) {
          skipped++;
          return;
        }
        continue;
      }
      row[field.name] = v;
    }
    rows.push(row);
  });
  return { rows, warnings, skipped, filtered };
}
