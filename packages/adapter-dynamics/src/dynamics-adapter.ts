import {
  type Adapter,
  type AdapterStream,
  type CollectedDataset,
  type CollectOptions,
  collectAdapter,
  createAdapter,
  type ObjectMapping,
  type RetryOptions,
} from '@crm-lens/core';
import type { DatasetFeed } from './dataset-pager.js';
import type { DynamicsWebApi } from './dynamics-types.js';
import { MAX_PAGE_SIZE, preparedPager, tablePager } from './pager.js';
import {
  columnsFor,
  DYNAMICS_INTERACTION_TABLES,
  type DynamicsCustomerTable,
  type DynamicsInteractionTable,
  type DynamicsTable,
  type DynamicsTransactionTable,
  datasetColumnsFor,
  dynamicsPreset,
  queryFor,
  TABLES,
  withDerivedKeys,
} from './presets.js';
import { webApiCaller } from './web-api-call.js';

export interface DynamicsAdapterOptions {
  /**
   * The control's `context.webAPI`, or anything with its `retrieveMultipleRecords`: tests pass a stand-in that
   * replays recorded pages. Calls run as the signed-in user, with that user's security roles; the control holds no
   * token or secret.
   */
  readonly webAPI: DynamicsWebApi;
  /** Customer tables, read first (default `['account', 'contact']`). */
  readonly customers?: readonly DynamicsCustomerTable[];
  /** Transaction tables (default `['opportunity']`: won opportunities); `salesorder`, `invoice`. */
  readonly transactions?: readonly DynamicsTransactionTable[];
  /** Interaction tables (default: phone calls, e-mails, appointments, tasks and cases); `[]` for none. */
  readonly interactions?: readonly DynamicsInteractionTable[];
  /** Records per `retrieveMultipleRecords` page (default and Dataverse's maximum: 5,000). */
  readonly pageSize?: number;
  /**
   * Case types (`casetypecode` values) whose cases are `complaint` interactions, which the churn warning counts
   * (default none: every case is a `case`). In a default org 1 = Question, 2 = Problem, 3 = Request.
   */
  readonly complaintCaseTypes?: readonly number[];
  /**
   * Replace the server-side `$filter` of a table (`null` or `''` for none). The defaults leave out cancelled
   * orders, invoices, activities and cases, opportunities that are not won, and activities regarding nothing.
   */
  readonly filters?: Readonly<Partial<Record<DynamicsTable, string | null>>>;
  /** Replace a preset mapping per table; the columns it reads are selected (`$select`, `$expand`) automatically. */
  readonly mappings?: Readonly<Partial<Record<DynamicsTable, ObjectMapping>>>;
  /**
   * Read a table from the view a dataset control is bound to instead of the Web API (the view's filter applies;
   * its records go through the same mapping). Tables not listed here are read with `context.webAPI`.
   */
  readonly views?: Readonly<Partial<Record<DynamicsTable, DatasetFeed>>>;
  /** Records per page of a view read (default 250). */
  readonly viewPageSize?: number;
  /**
   * Retries of rate-limited calls (core's `RetryOptions`; here by default 5 retries, `Retry-After` when the host
   * passes one, else seeded backoff from 2 s, waits up to 5 minutes); `false` for none.
   */
  readonly retry?: RetryOptions | false;
}

/**
 * Read a Dataverse environment (Dynamics 365 Sales / Customer Service) into canonical rows from inside a Power Apps
 * component framework control, through `context.webAPI.retrieveMultipleRecords` paged by `nextLink`: accounts and
 * contacts (customers), won opportunities or orders / invoices (transactions), activities and cases (interactions).
 * Each table's query selects only the columns its mapping reads and filters on the server.
 *
 * ```ts
 * // in the control's init(context, …)
 * const adapter = dynamicsAdapter({ webAPI: context.webAPI });
 * const { input, warnings } = await collectAdapter(adapter, { signal });
 * ```
 */
export function dynamicsAdapter(options: DynamicsAdapterOptions): Adapter {
  const call = webApiCaller(options.webAPI, options.retry ?? {});
  const pageSize = Math.max(1, Math.min(Math.trunc(options.pageSize ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE));
  const complaintCaseTypes = options.complaintCaseTypes ?? [];
  const prepare = (record: Record<string, unknown>) => withDerivedKeys(record, complaintCaseTypes);
  const tables: DynamicsTable[] = [
    ...(options.customers ?? ['account', 'contact']),
    ...(options.transactions ?? ['opportunity']),
    ...(options.interactions ?? DYNAMICS_INTERACTION_TABLES),
  ];
  const stream = (table: DynamicsTable): AdapterStream => {
    const mapping = options.mappings?.[table] ?? dynamicsPreset(table);
    const columns = columnsFor(mapping, table);
    const view = options.views?.[table];
    const filter =
      options.filters && table in options.filters ? options.filters[table] : TABLES[table].filter;
    const pages = view
      ? view.pager({
          primaryId: TABLES[table].primaryId,
          columns: datasetColumnsFor(columns, table),
          ...(options.viewPageSize !== undefined ? { pageSize: options.viewPageSize } : {}),
        })
      : tablePager(call, { table, query: queryFor(columns, filter ?? undefined), maxPageSize: pageSize });
    return { object: table, mapping, pages: preparedPager(pages, prepare) };
  };
  return createAdapter('dynamics', tables.map(stream));
}

/**
 * Read the tables to the end and gather the rows as `ingestDataset` input (core's `collectAdapter` over
 * {@link dynamicsAdapter}): what a control hands to `<lens-data>`.
 *
 * ```ts
 * const { input, objects } = await collectDynamics({ webAPI: context.webAPI }, { signal, onPage });
 * lensData.customers = input.customers ?? [];
 * lensData.transactions = input.transactions;
 * ```
 */
export function collectDynamics(
  options: DynamicsAdapterOptions,
  collect: CollectOptions = {},
): Promise<CollectedDataset> {
  return collectAdapter(dynamicsAdapter(options), collect);
}
