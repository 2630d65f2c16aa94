import type { DictColumn } from '../schema/columns.js';
import type { CustomerTable } from '../schema/customers.js';
import { CUSTOMER_FIELDS } from '../schema/fields.js';
import { DictionaryBuilder } from '../util/dictionary-builder.js';
import { Float64Builder } from '../util/growable.js';
import type { Work } from '../util/work.js';
import { type ResolvedField, unmappedColumns } from './mapping.js';
import { type IngestOptions, nowMs } from './options.js';
import { type FieldValue, type RowContext, readText } from './read-rows.js';
import type { IngestInput, RecordSource } from './record-source.js';
import type { ReportBuilder } from './report.js';
import { type FinishedTable, type IngestResult, runIngestion } from './run-ingestion.js';

/** Work units per row and column of the columns' final copies. */
const BUILD_COST = 5;

/**
 * Read customers. Ids must be unique (a repeated id is rejected as `duplicate-id`, pointing at the first row);
 * every column no field reads is kept as a text attribute.
 */
export function ingestCustomers(
  input: IngestInput,
  options: IngestOptions = {},
): Promise<IngestResult<CustomerTable>> {
  return runIngestion(input, options, {
    table: 'customers',
    fields: CUSTOMER_FIELDS,
    start: ({ source, resolved, report }) => customerRows(source, resolved, report, options),
  });
}

/** The customers' row checks (unique ids) and column builders, free attributes included. */
function customerRows(
  source: RecordSource,
  resolved: readonly ResolvedField[],
  report: ReportBuilder,
  options: IngestOptions,
) {
  const now = nowMs(options.now);
  const attributeNames = unmappedColumns(resolved, source.columns);
  const attributeIndex = attributeNames.map((name) => source.columns.indexOf(name));
  const attributes = attributeNames.map(() => new DictionaryBuilder());
  const firstRow = new Map<string, number>();

  const id = new DictionaryBuilder();
  const name = resolved[1]!.kind !== 'none' ? new DictionaryBuilder() : undefined;
  const createdAt = resolved[2]!.kind !== 'none' ? new Float64Builder() : undefined;
  const region = resolved[3]!.kind !== 'none' ? new DictionaryBuilder() : undefined;

  const accept = (values: FieldValue[], context: RowContext) => {
    const customerId = values[0] as string;
    const previous = firstRow.get(customerId);
    if (previous !== undefined) {
      return context.rejection(
        'duplicate-id',
        'id',
        customerId,
        `customer id "${customerId}" was already given on row ${previous}`,
      );
    }
    firstRow.set(customerId, context.row);
    const created = values[2] as number | undefined;
    if (created !== undefined && created > now) report.warn('future-date', context.row);
    id.push(customerId);
    name?.push(values[1] as string | undefined);
    createdAt?.push(created ?? Number.NaN);
    region?.push(values[3] as string | undefined);
    attributeIndex.forEach((column, k) => {
      attributes[k]!.push(readText(context.cell(column)));
    });
    report.accept(created ?? Number.NaN);
    return undefined;
  };

  function* finish(): Work<FinishedTable<CustomerTable>> {
    const idColumn = id.finish();
    const table: CustomerTable = {
      kind: 'customers',
      length: id.length,
      id: idColumn,
      ...(name ? { name: name.finish() } : {}),
      ...(createdAt ? { createdAt: createdAt.finish() } : {}),
      ...(region ? { region: region.finish() } : {}),
      attributes: Object.fromEntries(attributeNames.map((n, k) => [n, attributes[k]!.finish()])) as Record<
        string,
        DictColumn
      >,
    };
    yield table.length * (4 + attributeNames.length) * BUILD_COST;
    return { table, customers: idColumn.dictionary.length };
  }
  return { visitor: { accept }, finish };
}
