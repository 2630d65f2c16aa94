import type { FieldDef, TableKind } from '../schema/fields.js';
import type { Work } from '../util/work.js';
import { type FinishArgs, finishReport } from './finish-report.js';
import { type ResolvedField, resolveMapping } from './mapping.js';
import type { IngestOptions } from './options.js';
import { pacer, runPaced } from './pace.js';
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

/** A table's last step, once every row is in: the table, its distinct customers, the policy it applied. */
export interface FinishedTable<T> {
  readonly table: T;
  readonly customers: number;
  readonly policy?: FinishArgs['policy'];
}

/** One table's part of an ingestion: its fields, its row checks and how it builds the table. */
export interface IngestionPlan<T> {
  readonly table: TableKind | 'summary';
  readonly fields: readonly FieldDef[];
  start(context: IngestionContext): {
    readonly visitor: RowVisitor;
    /** Builds the table (duplicate check, columns) as work, so that it pauses like the rows do. */
    finish(): Work<FinishedTable<T>>;
  };
}

/**
 * The steps every ingestion shares: open the input, resolve the mapping, stream the rows through the table's
 * visitor, build the table and freeze the report. The input's stream is cancelled if any step fails. With a
 * `pause` hook, every long step pauses: reading row objects' keys, the rows, the table's building.
 */
export async function runIngestion<T>(
  input: IngestInput,
  options: IngestOptions,
  plan: IngestionPlan<T>,
): Promise<IngestResult<T>> {
  const started = performance.now();
  const pace = pacer(options);
  let bytes: number | undefined;
  const source = await openSource(
    input,
    {
      ...options,
      onBytes: (n) => {
        bytes = n;
      },
    },
    pace,
  );
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
  const done = await closingOnError(source, () => runPaced(finish(), pace));
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
