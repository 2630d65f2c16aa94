import { INTERACTION_FIELDS } from '../schema/fields.js';
import type { InteractionTable } from '../schema/interactions.js';
import { DictionaryBuilder } from '../util/dictionary-builder.js';
import { Float64Builder } from '../util/growable.js';
import { HashSet53 } from '../util/hash-set.js';
import type { Work } from '../util/work.js';
import { distinctCodesSteps } from './finish-report.js';
import type { ResolvedField } from './mapping.js';
import { type IngestOptions, nowMs } from './options.js';
import type { FieldValue, RowContext } from './read-rows.js';
import type { IngestInput } from './record-source.js';
import type { ReportBuilder } from './report.js';
import { type FinishedTable, type IngestResult, runIngestion } from './run-ingestion.js';

/** Work units per row of the columns' final copies. */
const BUILD_COST = 10;

/** Read service interactions (complaints, tickets, calls, …); `type` is stored lower-cased. */
export function ingestInteractions(
  input: IngestInput,
  options: IngestOptions = {},
): Promise<IngestResult<InteractionTable>> {
  return runIngestion(input, options, {
    table: 'interactions',
    fields: INTERACTION_FIELDS,
    start: ({ source, resolved, report }) => interactionRows(resolved, report, options, source.rowCount),
  });
}

/** The interactions' row checks and column builders. */
function interactionRows(
  resolved: readonly ResolvedField[],
  report: ReportBuilder,
  options: IngestOptions,
  rowCount: number | undefined,
) {
  const now = nowMs(options.now);
  const known = options.knownCustomers ? new Set(options.knownCustomers) : undefined;
  const seen = new HashSet53(rowCount);
  const customer = new DictionaryBuilder(1024, options.knownCustomers ?? []);
  const date = new Float64Builder();
  const type = new DictionaryBuilder();
  const satisfaction = resolved[3]!.kind !== 'none' ? new Float64Builder() : undefined;

  const accept = (values: FieldValue[], context: RowContext) => {
    const id = values[0] as string;
    const when = values[1] as number;
    if (when > now) report.warn('future-date', context.row);
    if (known && !known.has(id)) report.warn('unknown-customer', context.row);
    if (!seen.add(context.hash())) report.warn('duplicate-row', context.row);
    customer.push(id);
    date.push(when);
    type.push((values[2] as string).toLowerCase());
    satisfaction?.push((values[3] as number | undefined) ?? Number.NaN);
    report.accept(when);
    return undefined;
  };

  function* finish(): Work<FinishedTable<InteractionTable>> {
    const customerColumn = customer.finish();
    const table: InteractionTable = {
      kind: 'interactions',
      length: date.length,
      customer: customerColumn,
      date: date.finish(),
      type: type.finish(),
      ...(satisfaction ? { satisfaction: satisfaction.finish() } : {}),
    };
    yield table.length * BUILD_COST;
    return {
      table,
      customers: yield* distinctCodesSteps(customerColumn.codes, customerColumn.dictionary.length),
    };
  }
  return { visitor: { accept }, finish };
}
