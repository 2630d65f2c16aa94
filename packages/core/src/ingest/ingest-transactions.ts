import { TRANSACTION_FIELDS } from '../schema/fields.js';
import type { TransactionTable } from '../schema/transactions.js';
import { DictionaryBuilder } from '../util/dictionary-builder.js';
import { DuplicateFinder } from '../util/duplicate-finder.js';
import { Float64Builder } from '../util/growable.js';
import { forChunks, type Work } from '../util/work.js';
import { distinctCodesSteps } from './finish-report.js';
import type { ResolvedField } from './mapping.js';
import { nowMs, type TransactionIngestOptions } from './options.js';
import type { FieldValue, RowContext } from './read-rows.js';
import type { IngestInput, TypedColumn } from './record-source.js';
import type { ReportBuilder } from './report.js';
import { type FinishedTable, type IngestResult, runIngestion } from './run-ingestion.js';
import { transactionFastLane } from './transaction-fast-lane.js';

export type { IngestResult } from './run-ingestion.js';

/** Work units per row: warning a repeated row; the columns' final copies. */
const WARN_COST = 20;
const BUILD_COST = 20;

function warnRepeated(s: { report: ReportBuilder; rows: Int32Array }, from: number, to: number): void {
  for (let k = from; k < to; k++) s.report.warn('duplicate-row', s.rows[k]!);
}

const F = Object.fromEntries(TRANSACTION_FIELDS.map((f, i) => [f.name, i])) as Record<
  (typeof TRANSACTION_FIELDS)[number]['name'],
  number
>;

/**
 * Read transactions from any input into the canonical columnar table, with a report that accounts for every
 * row. Rows are streamed in batches (20k rows or 1 MiB of text), so large files never exist as row objects.
 */
export function ingestTransactions(
  input: IngestInput,
  options: TransactionIngestOptions = {},
): Promise<IngestResult<TransactionTable>> {
  return runIngestion(input, options, {
    table: 'transactions',
    fields: TRANSACTION_FIELDS,
    start: ({ source, resolved, report }) =>
      transactionRows(resolved, report, options, source.rowCount, source.typed),
  });
}

/** The transactions' row checks (returns policy, warnings) and column builders. */
function transactionRows(
  resolved: readonly ResolvedField[],
  report: ReportBuilder,
  options: TransactionIngestOptions,
  rowCount: number | undefined,
  typed: readonly (TypedColumn | undefined)[] | undefined,
) {
  const has = (name: string) => resolved[F[name]!]!.kind !== 'none';
  const now = nowMs(options.now);
  const policy = options.returns ?? 'net';
  const prefix = options.cancellationPrefix;
  const known = options.knownCustomers ? new Set(options.knownCustomers) : undefined;
  // Repeated rows are found once all are in (see DuplicateFinder), and warned in row order then.
  const duplicates = new DuplicateFinder(rowCount);

  // Sized for every row when the count is known (columns, rows): no doubling copies of the big columns.
  const capacity = Math.max(1 << 16, rowCount ?? 0);
  const customer = new DictionaryBuilder(capacity, options.knownCustomers ?? []);
  const date = new Float64Builder(capacity);
  const amount = new Float64Builder(capacity);
  const optionalNumber = (name: string) => (has(name) ? new Float64Builder(1 << 16) : undefined);
  const optionalText = (name: string) => (has(name) ? new DictionaryBuilder(1 << 16) : undefined);
  const orderId = optionalText('orderId');
  const quantity = optionalNumber('quantity');
  const unitPrice = optionalNumber('unitPrice');
  const cost = optionalNumber('cost');
  const product = optionalText('product');
  const category = optionalText('category');
  const region = optionalText('region');
  const channel = optionalText('channel');
  const currency = optionalText('currency');

  const num = (v: FieldValue) => (v === undefined ? Number.NaN : (v as number));
  const str = (v: FieldValue) => (v === undefined ? undefined : String(v));

  const accept = (values: FieldValue[], context: RowContext) => {
    const id = values[F.customerId!] as string;
    const when = values[F.date!] as number;
    const value = values[F.amount!] as number;
    const order = str(values[F.orderId!]);
    const price = values[F.unitPrice!];
    const cancelled = prefix && order?.startsWith(prefix);
    if (policy === 'exclude' && (cancelled || value < 0)) {
      return cancelled
        ? context.rejection(
            'excluded-cancellation',
            'orderId',
            order!,
            `order ${order} is a cancellation (returns policy: exclude)`,
            true,
          )
        : context.rejection(
            'excluded-return',
            'amount',
            String(value),
            `amount ${value} is a return/refund (returns policy: exclude)`,
            true,
          );
    }
    const row = context.row;
    if (value === 0) report.warn('zero-amount', row);
    if (value < 0) report.warn('negative-amount', row);
    if (cancelled) report.warn('cancellation', row);
    if (when > now) report.warn('future-date', row);
    if (typeof price === 'number') {
      if (price === 0) report.warn('zero-price', row);
      else if (price < 0) report.warn('negative-price', row);
    }
    if (known && !known.has(id)) report.warn('unknown-customer', row);
    duplicates.add(context.hash(), row);

    customer.push(id);
    date.push(when);
    amount.push(value);
    orderId?.push(order);
    quantity?.push(num(values[F.quantity!]));
    unitPrice?.push(num(price));
    cost?.push(num(values[F.cost!]));
    product?.push(str(values[F.product!]));
    category?.push(str(values[F.category!]));
    region?.push(str(values[F.region!]));
    channel?.push(str(values[F.channel!]));
    currency?.push(str(values[F.currency!]));
    report.accept(when);
    return undefined;
  };

  const fast = transactionFastLane({
    typed,
    field: (name) => resolved[F[name]!]!,
    fields: resolved,
    report,
    duplicates,
    customer,
    date,
    amount,
    now,
    excludeReturns: policy === 'exclude',
    epochSeconds: options.dateFormat === 'epoch-s',
    knownCustomers: known !== undefined,
  });

  const inspectRejected = (values: FieldValue[]) => {
    const value = values[F.amount!];
    const order = str(values[F.orderId!]);
    const price = values[F.unitPrice!];
    if (value === 0) report.warnRejected('zero-amount');
    if (typeof value === 'number' && value < 0) report.warnRejected('negative-amount');
    if (prefix !== undefined && order?.startsWith(prefix)) report.warnRejected('cancellation');
    if (price === 0) report.warnRejected('zero-price');
    if (typeof price === 'number' && price < 0) report.warnRejected('negative-price');
  };

  function* finish(): Work<FinishedTable<TransactionTable>> {
    const repeated = yield* duplicates.finishSteps();
    yield* forChunks(repeated.length, WARN_COST, warnRepeated, { report, rows: repeated });
    const customerColumn = customer.finish();
    const table: TransactionTable = {
      kind: 'transactions',
      length: date.length,
      customer: customerColumn,
      date: date.finish(),
      amount: amount.finish(),
      ...(orderId ? { orderId: orderId.finish() } : {}),
      ...(quantity ? { quantity: quantity.finish() } : {}),
      ...(unitPrice ? { unitPrice: unitPrice.finish() } : {}),
      ...(cost ? { cost: cost.finish() } : {}),
      ...(product ? { product: product.finish() } : {}),
      ...(category ? { category: category.finish() } : {}),
      ...(region ? { region: region.finish() } : {}),
      ...(channel ? { channel: channel.finish() } : {}),
      ...(currency ? { currency: currency.finish() } : {}),
    };
    yield table.length * BUILD_COST;
    return {
      table,
      customers: yield* distinctCodesSteps(customerColumn.codes, customerColumn.dictionary.length),
      policy: { returns: policy, ...(prefix !== undefined ? { cancellationPrefix: prefix } : {}) },
    };
  }
  return { visitor: { accept, inspectRejected, ...(fast ? { fast } : {}) }, finish };
}
