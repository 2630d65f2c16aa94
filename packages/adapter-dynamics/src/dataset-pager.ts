import { AdapterError, type Pager } from '@crm-lens/core';
import type {
  DatasetColumn,
  DatasetEntityReference,
  DatasetLookupValue,
  DatasetRecord,
  DynamicsDataSet,
} from './dynamics-types.js';
import { FORMATTED_VALUE, LOOKUP_TABLE } from './presets.js';

/** A GUID as the Web API writes it: lower-case, no braces. */
export const normaliseGuid = (id: string) => id.replace(/^\{|\}$/g, '').toLowerCase();

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isReference(v: unknown): v is DatasetEntityReference {
  return (
    v !== null &&
    typeof v === 'object' &&
    'id' in v &&
    typeof (v as DatasetEntityReference).id === 'object' &&
    typeof (v as DatasetEntityReference).id?.guid === 'string'
  );
}

function isLookupValue(v: unknown): v is DatasetLookupValue {
  return (
    v !== null &&
    typeof v === 'object' &&
    typeof (v as DatasetLookupValue).id === 'string' &&
    typeof (v as DatasetLookupValue).entityType === 'string'
  );
}

/**
 * One dataset record as a Web API record, so that the same mappings read both: the record id under the table's
 * primary key; a lookup `customerid` as `_customerid_value` (its GUID) with its table and name as the Web API's
 * annotations; a date-and-time as ISO 8601 (UTC), a date-only column as `YYYY-MM-DD` (the date the user sees);
 * numbers, text and booleans as they are; each column's formatted value as `<column>@OData.Community.Display.V1.
 * FormattedValue`. Multi-valued columns (party lists) stay lists.
 */
export function entityFromRecord(
  record: DatasetRecord,
  columns: readonly DatasetColumn[],
  primaryId: string,
): Record<string, unknown> {
  const entity: Record<string, unknown> = { [primaryId]: normaliseGuid(record.getRecordId()) };
  for (const column of columns) {
    const { name } = column;
    if (name === primaryId) continue;
    const value = record.getValue(name);
    if (value === null || value === undefined) continue;
    if (isReference(value) || isLookupValue(value)) {
      const guid = isReference(value) ? value.id.guid : value.id;
      const table = isReference(value) ? value.etn : value.entityType;
      const key = `_${name}_value`;
      entity[key] = normaliseGuid(guid);
      if (table) entity[`${key}${LOOKUP_TABLE}`] = table;
      if (typeof value.name === 'string') entity[`${key}${FORMATTED_VALUE}`] = value.name;
      continue;
    }
    if (value instanceof Date) {
      entity[name] =
        column.dataType === 'DateAndTime.DateOnly'
          ? `${pad(value.getFullYear(), 4)}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`
          : value.toISOString();
    } else {
      entity[name] = value;
    }
    const formatted = record.getFormattedValue(name);
    if (typeof formatted === 'string' && formatted !== '') entity[`${name}${FORMATTED_VALUE}`] = formatted;
  }
  return entity;
}

export interface DatasetPagerOptions {
  /** The primary key the record ids are written under (`accountid`); the table's logical name + `id` by default. */
  readonly primaryId?: string;
  /** Records per page, set with `paging.setPageSize` before the first page (default 250). */
  readonly pageSize?: number;
  /** Columns the mapping reads: those missing from the view are added with `addColumn` where the host has it. */
  readonly columns?: readonly string[];
}

/**
 * The records of the view a dataset control is bound to, fed by the control: hand it every dataset the control
 * receives (`feed.update(context.parameters.records)` in `updateView`), and read the view with `feed.pager()`.
 */
export interface DatasetFeed {
  update(dataset: DynamicsDataSet): void;
  /** The last dataset handed over. */
  readonly dataset: DynamicsDataSet | undefined;
  /** The view's table (`getTargetEntityType()`), once a dataset arrived. */
  readonly table: string | undefined;
  /** A pager over the view's records as Web API records ({@link entityFromRecord}). */
  pager(options?: DatasetPagerOptions): Pager;
}

/** Updates without new records tolerated while waiting for a page (see the pager). */
const MAX_STALLS = 3;

/** The default page size of a view read (the largest a model-driven grid offers). */
export const DATASET_PAGE_SIZE = 250;

/**
 * A {@link DatasetFeed}. Its pager follows the dataset API: it waits for the dataset to finish loading, sets the
 * page size and adds the missing columns (then `refresh()`es once), yields the records of `sortedRecordIds`, and
 * while `paging.hasNextPage` calls `paging.loadNextPage()` and waits for the next `updateView`. Hosts differ in
 * whether a loaded page replaces the previous ones or is appended to them; records are yielded once by id, so both
 * work. Positions are page numbers (`page:3`, resumed with `paging.loadExactPage`). Aborting rejects a wait at once.
 */
export function datasetFeed(): DatasetFeed {
  let current: DynamicsDataSet | undefined;
  let waiters: { resolve: (d: DynamicsDataSet) => void }[] = [];

  /** The next dataset that is not loading, from an `update` after this call. */
  const nextLoaded = (signal: AbortSignal | undefined): Promise<DynamicsDataSet> =>
    new Promise<DynamicsDataSet>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        waiters = waiters.filter((w) => w !== waiter);
        reject(signal!.reason);
      };
      const waiter = {
        resolve: (d: DynamicsDataSet) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(d);
        },
      };
      waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  const loaded = (signal: AbortSignal | undefined): Promise<DynamicsDataSet> =>
    current !== undefined && !current.loading ? Promise.resolve(current) : nextLoaded(signal);

  const feed: DatasetFeed = {
    update(dataset) {
      current = dataset;
      if (dataset.loading) return;
      const ready = waiters;
      waiters = [];
      for (const w of ready) w.resolve(dataset);
    },
    get dataset() {
      return current;
    },
    get table() {
      return current?.getTargetEntityType();
    },
    pager(options = {}) {
      const pageSize = Math.max(1, Math.min(options.pageSize ?? DATASET_PAGE_SIZE, 5000));
      return async function* ({ cursor, signal }) {
        let page = 1;
        if (cursor !== undefined) {
          const m = /^page:(\d+)$/.exec(cursor);
          if (!m || Number(m[1]) < 1)
            throw new AdapterError('resume', "the resume position is not one of the view's pages");
          page = Number(m[1]);
        }
        let dataset = await loaded(signal);
        const table = dataset.getTargetEntityType();
        const primaryId = options.primaryId ?? `${table}id`;
        const what = `the view's ${table} records`;

        // Page size and columns first, then one reload (and, to resume, the page to continue at).
        const have = new Set(dataset.columns.map((c) => c.name));
        const missing = (options.columns ?? []).filter((c) => !have.has(c));
        const addColumn = dataset.addColumn;
        const adding = missing.length > 0 && typeof addColumn === 'function';
        const resizing = dataset.paging.pageSize !== pageSize;
        if (page > 1 && typeof dataset.paging.loadExactPage !== 'function') {
          throw new AdapterError('resume', `${what} cannot be resumed: this host cannot load a given page`);
        }
        if (adding || resizing || page > 1) {
          const reloaded = nextLoaded(signal);
          if (adding) for (const c of missing) addColumn.call(dataset, c);
          if (resizing) dataset.paging.setPageSize(pageSize);
          if (page > 1) dataset.paging.loadExactPage!(page);
          else dataset.refresh();
          dataset = await reloaded;
        }

        const yielded = new Set<string>();
        let stalls = 0;
        for (;;) {
          signal?.throwIfAborted();
          if (dataset.error) {
            // The host's errorMessage is not repeated: it may name records.
            throw new AdapterError('http', `${what} could not be loaded`);
          }
          const records: Record<string, unknown>[] = [];
          for (const id of dataset.sortedRecordIds) {
            if (yielded.has(id)) continue;
            yielded.add(id);
            const record = dataset.records[id];
            if (record) records.push(entityFromRecord(record, dataset.columns, primaryId));
          }
          const totalCount = dataset.paging.totalResultCount;
          const total = typeof totalCount === 'number' && totalCount >= 0 ? { total: totalCount } : {};
          if (!dataset.paging.hasNextPage) {
            yield { records, ...total };
            return;
          }
          if (records.length === 0 && yielded.size > 0) {
            // An updateView for something else (a resize) before the page arrived: wait for the next one, a few
            // times, rather than ask again or loop.
            if (++stalls > MAX_STALLS) {
              throw new AdapterError('paging', `${what}: the next page brought no new records`);
            }
            dataset = await nextLoaded(signal);
            continue;
          }
          stalls = 0;
          page++;
          yield { records, next: `page:${page}`, ...total };
          const next = nextLoaded(signal);
          dataset.paging.loadNextPage();
          dataset = await next;
        }
      };
    },
  };
  return feed;
}
