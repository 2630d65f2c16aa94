import { INTERACTION_FIELDS } from '../schema/fields.js';
import type { InteractionTable } from '../schema/interactions.js';
import { DictionaryBuilder } from '../util/dictionary-builder.js';
import { Float64Builder } from '../util/growable.js';
import { hash53 } from '../util/hash.js';
import { HashSet53 } from '../util/hash-set.js';
import { distinctCodes, finishReport } from './finish-report.js';
import type { IngestResult } from './ingest-transactions.js';
import { resolveMapping } from './mapping.js';
import { type IngestOptions, nowMs } from './options.js';
import { type FieldValue, type RowContext, readRows } from './read-rows.js';
import { closingOnError, type IngestInput, openSource } from './record-source.js';
import { ReportBuilder } from './report.js';

/** Read service interactions (complaints, tickets, calls, …); `type` is stored lower-cased. */
export async function ingestInteractions(
  input: IngestInput,
  options: IngestOptions = {},
): Promise<IngestResult<InteractionTable>> {
  const started = performance.now();
  const source = await openSource(input, options);
  const resolved = await closingOnError(source, () =>
    resolveMapping(INTERACTION_FIELDS, source.columns, options.mapping),
  );
  const report = new ReportBuilder(options.maxRejections ?? 100_000);
  const now = nowMs(options.now);
  const known = options.knownCustomers ? new Set(options.knownCustomers) : undefined;
  const seen = new HashSet53();
  const customer = new DictionaryBuilder(1024, options.knownCustomers ?? []);
  const date = new Float64Builder();
  const type = new DictionaryBuilder();
  const satisfaction = resolved[3]!.kind !== 'none' ? new Float64Builder() : undefined;

  const accept = (values: FieldValue[], context: RowContext) => {
    const id = values[0] as string;
    const when = values[1] as number;
    if (when > now) report.warn('future-date', context.row);
    if (known && !known.has(id)) report.warn('unknown-customer', context.row);
    if (!seen.add(hash53(context.raw()))) report.warn('duplicate-row', context.row);
    customer.push(id);
    date.push(when);
    type.push((values[2] as string).toLowerCase());
    satisfaction?.push((values[3] as number | undefined) ?? Number.NaN);
    report.accept(when);
    return undefined;
  };

  const dateFormats = await closingOnError(source, () =>
    readRows(
      source,
      resolved,
      report,
      { accept },
      {
        ...options,
        onRows: (rows) => options.onProgress?.({ table: 'interactions', rows }),
      },
    ),
  );
  const customerColumn = customer.finish();
  return {
    table: {
      kind: 'interactions',
      length: date.length,
      customer: customerColumn,
      date: date.finish(),
      type: type.finish(),
      ...(satisfaction ? { satisfaction: satisfaction.finish() } : {}),
    },
    report: finishReport({
      table: 'interactions',
      source,
      resolved,
      builder: report,
      dateFormats,
      customers: distinctCodes(customerColumn.codes, customerColumn.dictionary.length),
      started,
    }),
  };
}
