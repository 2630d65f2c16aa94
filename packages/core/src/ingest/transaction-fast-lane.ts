import type { DictionaryBuilder } from '../util/dictionary-builder.js';
import type { DuplicateFinder } from '../util/duplicate-finder.js';
import type { Float64Builder } from '../util/growable.js';
import { dictionaryHashColumn, type HashColumn, hashTypedRows } from '../util/hash.js';
import type { ResolvedField } from './mapping.js';
import { MAX_TIME, MIN_EPOCH_MS, MIN_TIME, readId } from './read-rows.js';
import type { TypedColumn } from './record-source.js';
import type { ReportBuilder } from './report.js';

/** What the transactions' fast lane reads and writes: the same builders and report as the generic path. */
export interface FastLaneTargets {
  readonly typed: readonly (TypedColumn | undefined)[] | undefined;
  /** The transaction fields, resolved, by canonical name. */
  readonly field: (name: string) => ResolvedField;
  readonly fields: readonly ResolvedField[];
  readonly report: ReportBuilder;
  readonly duplicates: DuplicateFinder;
  readonly customer: DictionaryBuilder;
  readonly date: Float64Builder;
  readonly amount: Float64Builder;
  readonly now: number;
  readonly excludeReturns: boolean;
  readonly epochSeconds: boolean;
  readonly knownCustomers: boolean;
}

/**
 * Handles rows `start, start + 1, …` (0-based, before `limit`) while each passes every check, and returns how
 * many it handled; 0 means row `start` is for the generic path.
 */
export type FastLane = (start: number, limit: number) => number;

/** Dictionary entry not looked at yet / not usable in the fast lane (missing or invalid id: the generic path says why). */
const UNSEEN = -2;
const SLOW = -3;

/**
 * The fast lane of transaction ingestion for typed columnar input (a page's columns, or its row objects
 * columnarised): customer ids in an integer typed array or dictionary-coded, dates and amounts in typed arrays,
 * no other mapped field, every source column typed. Runs of rows whose values all pass are stored with the generic
 * path's warnings and duplicate hashes in tight loops — no string, cell array or call per cell; any other row (a
 * missing or invalid value, a return under the `exclude` policy) is left to the generic path, which rejects it
 * with its usual message. Returns undefined when the input does not qualify.
 */
export function transactionFastLane(t: FastLaneTargets): FastLane | undefined {
  const { typed } = t;
  if (!typed || typed.some((c) => c === undefined) || t.knownCustomers) return undefined;
  const customerField = t.field('customerId');
  const dateField = t.field('date');
  const amountField = t.field('amount');
  if (customerField.kind !== 'column' || dateField.kind !== 'column' || amountField.kind !== 'column') {
    return undefined;
  }
  const others = t.fields.filter((f) => f !== customerField && f !== dateField && f !== amountField);
  if (others.some((f) => f.kind !== 'none')) return undefined;
  const ids = typed[customerField.index]!;
  const dates = typed[dateField.index]!;
  const amounts = typed[amountField.index]!;
  if (dates.kind !== 'number' || amounts.kind !== 'number') return undefined;
  if (ids.kind === 'number' && !ids.integer) return undefined;

  const customerCodes =
    ids.kind === 'dict'
      ? dictCustomerCodes(ids, customerField, t.customer)
      : intCustomerCodes(ids.values, t.customer);
  const hashColumns = (typed as readonly TypedColumn[]).map(hashColumn);
  const dateValues = dates.values;
  const amountValues = amounts.values;
  const { report, duplicates, date, amount, customer, now, excludeReturns } = t;
  const scale = t.epochSeconds ? 1000 : 1;
  const minMagnitude = t.epochSeconds ? 0 : MIN_EPOCH_MS;
  let hashes = new Float64Array(0);
  let codes = new Int32Array(0);

  return (start, limit) => {
    if (codes.length < limit - start) {
      codes = new Int32Array(limit - start);
      hashes = new Float64Array(limit - start);
    }
    // The run: rows whose date and amount pass, cut at the first row whose customer id does not.
    let end = checkedRun(dateValues, amountValues, scale, minMagnitude, excludeReturns, start, limit);
    end = customerCodes(start, end, codes);
    const m = end - start;
    if (m === 0) return 0;
    hashTypedRows(hashColumns, start, end, hashes);
    for (let j = 0; j < m; j++) {
      const i = start + j;
      const row = i + 1;
      const when = (dateValues[i] as number) * scale;
      const value = amountValues[i] as number;
      if (value === 0) report.warn('zero-amount', row);
      if (value < 0) report.warn('negative-amount', row);
      if (when > now) report.warn('future-date', row);
      duplicates.add(hashes[j] as number, row);
      customer.pushCode(codes[j] as number);
      date.push(when);
      amount.push(value);
      report.accept(when);
    }
    return m;
  };
}

/** The end of the run of rows from `start` whose date and amount the generic path would accept. */
function checkedRun(
  dates: ArrayLike<number>,
  amounts: ArrayLike<number>,
  scale: number,
  minMagnitude: number,
  excludeReturns: boolean,
  start: number,
  limit: number,
): number {
  const minTime = MIN_TIME;
  const maxTime = MAX_TIME;
  let end = start;
  for (; end < limit; end++) {
    const when = (dates[end] as number) * scale;
    if (!(when >= minTime && when < maxTime) || Math.abs(when) < minMagnitude) break;
    const value = amounts[end] as number;
    if (!(value - value === 0) || (excludeReturns && value < 0)) break; // not finite (NaN, ±Infinity)
  }
  return end;
}

/** A typed column as the row hash reads it. */
function hashColumn(column: TypedColumn): HashColumn {
  if (column.kind === 'dict') return dictionaryHashColumn(column.codes, column.dictionary);
  return column.values instanceof Float64Array
    ? { kind: 'float64', values: column.values }
    : { kind: 'number', values: column.values };
}

/**
 * Output customer codes of rows `start … end − 1` into `out` (from 0); returns where the run ends: `end`, or the
 * first row whose id is missing or invalid.
 */
type CustomerCodes = (start: number, end: number, out: Int32Array) => number;

/**
 * Output customer codes from integer ids, agreeing with the builder's text dictionary (String(id) is exactly what
 * the generic path stores for an integer cell): a direct table when the ids span a small range, else a Map.
 */
function intCustomerCodes(values: ArrayLike<number>, customer: DictionaryBuilder): CustomerCodes {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min + 1;
  if (span >= 1 && span <= 4 * values.length + 65_536) {
    const table = new Int32Array(span).fill(-1);
    let added = customer.size;
    return (start, end, out) => {
      for (let i = start; i < end; i++) {
        const slot = (values[i] as number) - min;
        let code = table[slot] as number;
        if (code < 0) {
          // A distinct integer is a distinct string: while the lane is the only one adding ids, no lookup is needed.
          code =
            customer.size === added ? customer.addNew(String(values[i])) : customer.code(String(values[i]));
          added = customer.size;
          table[slot] = code;
        }
        out[i - start] = code;
      }
      return end;
    };
  }
  const codes = new Map<number, number>();
  return (start, end, out) => {
    for (let i = start; i < end; i++) {
      const id = values[i] as number;
      let code = codes.get(id);
      if (code === undefined) {
        code = customer.code(String(id));
        codes.set(id, code);
      }
      out[i - start] = code;
    }
    return end;
  };
}

/** Output customer codes from dictionary-coded ids: each dictionary entry read (as the generic path would) once. */
function dictCustomerCodes(
  ids: Extract<TypedColumn, { kind: 'dict' }>,
  field: Extract<ResolvedField, { kind: 'column' }>,
  customer: DictionaryBuilder,
): CustomerCodes {
  const { codes, dictionary } = ids;
  const mapped = new Int32Array(dictionary.length).fill(UNSEEN);
  const read = (entry: number): number => {
    let text: string | undefined;
    try {
      text = readId(dictionary[entry], field.def.name, field.column, field.integer);
    } catch {
      text = undefined;
    }
    return text === undefined ? SLOW : customer.code(text);
  };
  return (start, end, out) => {
    for (let i = start; i < end; i++) {
      const entry = codes[i] as number;
      if (entry < 0) return i;
      let code = mapped[entry] as number;
      if (code === UNSEEN) {
        code = read(entry);
        mapped[entry] = code;
      }
      if (code < 0) return i;
      out[i - start] = code;
    }
    return end;
  };
}
