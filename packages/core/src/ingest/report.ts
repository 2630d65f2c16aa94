import type { TableKind } from '../schema/fields.js';
import type { SourceDescription } from './record-source.js';

/** Why a row was rejected. Policy codes (`excluded-*`) are valid rows removed by the returns policy. */
export type RejectCode =
  | 'missing-value'
  | 'invalid-number'
  | 'invalid-date'
  | 'invalid-id'
  | 'field-count'
  | 'unterminated-quote'
  | 'malformed-quotes'
  | 'duplicate-id'
  | 'excluded-return'
  | 'excluded-cancellation';

/** Accepted-but-suspicious rows, counted per code (a row can carry several). */
export type WarningCode =
  | 'zero-amount'
  | 'negative-amount'
  | 'cancellation'
  | 'future-date'
  | 'duplicate-row'
  | 'unknown-customer'
  | 'zero-price'
  | 'negative-price';

export const REJECT_DESCRIPTIONS: Readonly<Record<RejectCode, string>> = {
  'missing-value': 'a required field is empty',
  'invalid-number': 'a number could not be read',
  'invalid-date': 'a date could not be read or is out of range',
  'invalid-id': 'an id is not in the declared format',
  'field-count': 'the row has more or fewer fields than the header',
  'unterminated-quote': 'a quote opens and never closes',
  'malformed-quotes': 'text follows a closing quote, or the line is not a record',
  'duplicate-id': 'the same customer id appears again',
  'excluded-return': 'a return/refund, excluded by the returns policy',
  'excluded-cancellation': 'a cancellation, excluded by the returns policy',
};

export const WARNING_DESCRIPTIONS: Readonly<Record<WarningCode, string>> = {
  'zero-amount': 'amount is 0',
  'negative-amount': 'negative amount (return or refund)',
  cancellation: 'order marked as cancelled',
  'future-date': 'dated after the reference time',
  'duplicate-row': 'exact repeat of an earlier row',
  'unknown-customer': 'customer id not in the customers table',
  'zero-price': 'unit price is 0',
  'negative-price': 'unit price is negative',
};

/** One rejected row: where, which field, the raw value, a code and a plain message. */
export interface Rejection {
  /** 1-based data record number (the header is not counted). */
  readonly row: number;
  /** 1-based physical line the record starts on (text input). */
  readonly line?: number;
  /** Canonical field (or source column, for expression operands) that failed. */
  readonly field: string;
  readonly value: string;
  readonly code: RejectCode;
  readonly message: string;
  /** True for rows removed by the returns policy rather than for being malformed. */
  readonly policy?: boolean;
}

export interface DetectedDateFormat {
  readonly field: string;
  readonly format: string;
  /** True when `dateFormat: 'auto'` recognised it (from `fromRow`). */
  readonly detected: boolean;
  readonly fromRow?: number;
}

/** Everything ingestion did to the input: every row is accepted or rejected, and warnings are counted. */
export interface IngestReport {
  readonly table: TableKind | 'summary';
  readonly source: SourceDescription;
  readonly dateFormats: readonly DetectedDateFormat[];
  /** Canonical field → what it was read from (a column name, `=expression`, or `"constant"`). */
  readonly mapping: Readonly<Record<string, string>>;
  /** Source columns no field reads (customers keep them as attributes). */
  readonly unmappedColumns: readonly string[];
  /** Data records read. Invariant: accepted + rejected = total. */
  readonly total: number;
  readonly accepted: number;
  /** Rejected rows, including those excluded by policy. */
  readonly rejected: number;
  /** The part of `rejected` removed by the returns policy (valid rows). */
  readonly excludedByPolicy: number;
  readonly rejectedByReason: Readonly<Partial<Record<RejectCode, number>>>;
  /** The same counts split by the field that failed, e.g. { 'missing-value': { customerId: 135080 } }. */
  readonly rejectedByField: Readonly<Partial<Record<RejectCode, Readonly<Record<string, number>>>>>;
  /** Accepted rows per warning code. */
  readonly warnings: Readonly<Partial<Record<WarningCode, number>>>;
  /**
   * Rejected rows that would also have carried a warning (their other fields still parsed), e.g. rows without a
   * customer that also have a zero price: so the whole file's returns, cancellations and prices are visible.
   */
  readonly warningsOnRejected: Readonly<Partial<Record<WarningCode, number>>>;
  /** Up to five example row numbers per warning code. */
  readonly warningExamples: Readonly<Partial<Record<WarningCode, readonly number[]>>>;
  /** Rejected rows in input order (all of them, unless more than `maxRejections`). */
  readonly rejections: readonly Rejection[];
  readonly rejectionsTruncated: boolean;
  readonly blankLines: number;
  /** Distinct customers among accepted rows. */
  readonly customers: number;
  /** First and last accepted date (ISO 8601, UTC), if any. */
  readonly dateRange?: { readonly first: string; readonly last: string };
  readonly policy: { readonly returns: ReturnsPolicy; readonly cancellationPrefix?: string };
  readonly notes: readonly string[];
  readonly durationMs: number;
}

/** What to do with returns/refunds (negative amounts) and cancellations. */
export type ReturnsPolicy = 'net' | 'exclude';

/** Accumulates counts and rejections while rows stream through. */
export class ReportBuilder {
  total = 0;
  accepted = 0;
  rejected = 0;
  excludedByPolicy = 0;
  blankLines = 0;
  readonly rejectedByReason: Partial<Record<RejectCode, number>> = {};
  readonly rejectedByField: Partial<Record<RejectCode, Record<string, number>>> = {};
  readonly warningsOnRejected: Partial<Record<WarningCode, number>> = {};
  readonly warnings: Partial<Record<WarningCode, number>> = {};
  readonly warningExamples: Partial<Record<WarningCode, number[]>> = {};
  readonly rejections: Rejection[] = [];
  rejectionsTruncated = false;
  minDate = Number.POSITIVE_INFINITY;
  maxDate = Number.NEGATIVE_INFINITY;

  constructor(private readonly maxRejections: number) {}

  reject(rejection: Rejection): void {
    this.total++;
    this.rejected++;
    if (rejection.policy) this.excludedByPolicy++;
    this.rejectedByReason[rejection.code] = (this.rejectedByReason[rejection.code] ?? 0) + 1;
    const byField = this.rejectedByField[rejection.code] ?? {};
    this.rejectedByField[rejection.code] = byField;
    byField[rejection.field] = (byField[rejection.field] ?? 0) + 1;
    if (this.rejections.length < this.maxRejections) this.rejections.push(rejection);
    else this.rejectionsTruncated = true;
  }

  accept(date: number): void {
    this.total++;
    this.accepted++;
    if (date < this.minDate) this.minDate = date;
    if (date > this.maxDate) this.maxDate = date;
  }

  /** Count a warning on a row that was rejected for another reason. */
  warnRejected(code: WarningCode): void {
    this.warningsOnRejected[code] = (this.warningsOnRejected[code] ?? 0) + 1;
  }

  warn(code: WarningCode, row: number): void {
    this.warnings[code] = (this.warnings[code] ?? 0) + 1;
    const examples = this.warningExamples[code] ?? [];
    this.warningExamples[code] = examples;
    if (examples.length < 5) examples.push(row);
  }
}
