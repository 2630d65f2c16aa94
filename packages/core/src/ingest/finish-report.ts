import type { TableKind } from '../schema/fields.js';
import { forChunks, type Work } from '../util/work.js';
import { describeMapping, type ResolvedField, unmappedColumns } from './mapping.js';
import { isoDate } from './parse-date.js';
import type { RecordSource } from './record-source.js';
import type { DetectedDateFormat, IngestReport, ReportBuilder, ReturnsPolicy } from './report.js';

export interface FinishArgs {
  table: TableKind | 'summary';
  source: RecordSource;
  resolved: readonly ResolvedField[];
  builder: ReportBuilder;
  dateFormats: readonly DetectedDateFormat[];
  customers: number;
  started: number;
  policy?: { returns: ReturnsPolicy; cancellationPrefix?: string };
}

/** Freeze the running counts into the report. */
export function finishReport(args: FinishArgs): IngestReport {
  const { builder } = args;
  return {
    table: args.table,
    source: args.source.description,
    dateFormats: args.dateFormats,
    mapping: describeMapping(args.resolved),
    unmappedColumns: unmappedColumns(args.resolved, args.source.columns),
    total: builder.total,
    accepted: builder.accepted,
    rejected: builder.rejected,
    excludedByPolicy: builder.excludedByPolicy,
    rejectedByReason: builder.rejectedByReason,
    rejectedByField: builder.rejectedByField,
    warningsOnRejected: builder.warningsOnRejected,
    warnings: builder.warnings,
    warningExamples: builder.warningExamples,
    rejections: builder.rejections,
    rejectionsTruncated: builder.rejectionsTruncated,
    blankLines: builder.blankLines,
    customers: args.customers,
    ...(builder.accepted > 0 && Number.isFinite(builder.minDate)
      ? { dateRange: { first: isoDate(builder.minDate), last: isoDate(builder.maxDate) } }
      : {}),
    policy: args.policy ?? { returns: 'net' },
    notes: args.source.notes,
    durationMs: Math.round(performance.now() - args.started),
  };
}

/** Number of distinct non-negative codes, as work that reports as it goes. */
export function* distinctCodesSteps(codes: Int32Array, dictionarySize: number): Work<number> {
  const state = { codes, seen: new Uint8Array(dictionarySize), n: 0 };
  yield* forChunks(codes.length, 2, countDistinct, state);
  return state.n;
}

function countDistinct(
  s: { codes: Int32Array; seen: Uint8Array; n: number },
  from: number,
  to: number,
): void {
  const { codes, seen } = s;
  let n = s.n;
  for (let i = from; i < to; i++) {
    const c = codes[i]!;
    if (c >= 0 && seen[c] === 0) {
      seen[c] = 1;
      n++;
    }
  }
  s.n = n;
}
