import type { FieldDef, TableKind } from '../schema/fields.js';
import { type FinishArgs, finishReport } from './finish-report.js';
import { type ResolvedField, resolveMapping } from './mapping.js';
import type { IngestOptions } from './options.js';
import { type RowVisitor, readRows } from './read-rows.js';
import { closingOnError, type IngestInput, openSource, type RecordSource } from './record-source.js';
import { type IngestReport, ReportBuilder } from './report.js';

export interface IngestResult<T> {
  readonly table: T;
  readonly report: IngestReport;
}

/** What a table's ingestion gets once the input is open and its columns are resolved. */
export interface IngestionContext {
  readonly source: RecordSource;
  readonly resolved: readonly ResolvedField[];
  readonly report: ReportBuilder;
}

/** One table's part of an ingestion: its fields, its row checks and how it builds the table. */
export interface IngestionPlan<T> {
  readonly table: TableKind | 'summary';
  readonly fields: readonly FieldDef[];
  start(context: IngestionContext): {
    readonly visitor: RowVisitor;
    finish(): { readonly table: T; readonly customers: number; readonly policy?: FinishArgs['policy'] };
  };
}

/**
 * The steps every ingestion shares: open the input, resolve the mapping, stream the rows through the table's
 * visitor, and freeze the report. The input's stream is cancelled if any step fails.
 */
export async function runIngestion<T>(
  input: IngestInput,
  options: IngestOptions,
  plan: IngestionPlan<T>,
): Promise<IngestResult<T>> {
  const started = performance.now();
  let bytes: number | undefined;
  const source = await openSource(input, {
    ...options,
    onBytes: (n) => {
      bytes = n;
    },
  });
  const resolved = await closingOnError(source, () =>
    resolveMapping(plan.fields, source.columns, options.mapping),
  );
  const report = new ReportBuilder(options.maxRejections ?? 100_000);
  const { visitor, finish } = plan.start({ source, resolved, report });
  const dateFormats = await closingOnError(source, () =>
    readRows(source, resolved, report, visitor, {
      ...options,
      onRows: (rows) =>
        options.onProgress?.({ table: plan.table, rows, ...(bytes !== undefined ? { bytes } : {}) }),
    }),
  );
  const done = finish();
  return {
    table: done.table,
    report: finishReport({
      table: plan.table,
      source,
      resolved,
      builder: report,
      dateFormats,
      customers: done.customers,
      started,
      ...(done.policy ? { policy: done.policy } : {}),
    }),
  };
}
