import { AdapterError, type Pager } from '@crm-lens/core';
import { describeCall, type WebApiCall } from './web-api-call.js';

/** Dataverse's largest page (and its default): 5,000 records. */
export const MAX_PAGE_SIZE = 5000;

export interface TableRequest {
  /** The table's logical name: `account`, `salesorder`, `phonecall`, … */
  readonly table: string;
  /** The first page's OData query, starting with `?` (`?$select=…&$filter=…&$expand=…`). */
  readonly query: string;
  /** Records per page (1 … 5,000). */
  readonly maxPageSize: number;
}

/** The names of the body's array fields (for a `format` error: never values). */
function describeBody(body: unknown): string {
  if (body === null || typeof body !== 'object') return typeof body;
  const arrays = Object.entries(body)
    .filter(([, v]) => Array.isArray(v))
    .map(([k]) => k);
  return arrays.length > 0 ? `array fields: ${arrays.join(', ')}` : 'no array field';
}

/**
 * The query string of a `nextLink` (`https://org.crm.dynamics.com/api/data/v9.2/accounts?$select=…&$skiptoken=…` →
 * `?$select=…&$skiptoken=…`), which is what `retrieveMultipleRecords` takes as `options` for the next page.
 * Undefined when the link has no query.
 */
export function nextLinkQuery(nextLink: string): string | undefined {
  const at = nextLink.indexOf('?');
  if (at < 0 || at === nextLink.length - 1) return undefined;
  const hash = nextLink.indexOf('#', at);
  return nextLink.slice(at, hash < 0 ? undefined : hash);
}

/** The records and next link of a response: PCF's `{ entities, nextLink }`, or the raw OData `{ value, @odata.nextLink }`. */
function readPage(body: unknown): { records: unknown[]; nextLink: string | undefined } | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const records = Array.isArray(b.entities) ? b.entities : Array.isArray(b.value) ? b.value : undefined;
  if (records === undefined) return undefined;
  const link = 'entities' in b ? b.nextLink : b['@odata.nextLink'];
  return { records, nextLink: typeof link === 'string' && link !== '' ? link : undefined };
}

/**
 * Pages one table through `context.webAPI.retrieveMultipleRecords(table, options, maxPageSize)`: the first call
 * with the table's query, then, while the response carries a `nextLink`, with the link's query string as
 * `options` (the documented way to page: it holds the `$skiptoken` paging cookie and the original `$select` /
 * `$filter`). The query strings are the pages' positions (`RawPage.next`), so resume tokens continue exactly there;
 * a position the API already returned stops with `AdapterError('paging')` instead of looping.
 */
export function tablePager(call: WebApiCall, request: TableRequest): Pager {
  const { table, maxPageSize } = request;
  return async function* ({ cursor, signal }) {
    if (cursor !== undefined && !cursor.startsWith('?')) {
      throw new AdapterError('resume', `the resume position is not one of ${table}'s pages`);
    }
    let options = cursor ?? request.query;
    const seen = new Set<string>([options]);
    for (;;) {
      signal?.throwIfAborted();
      const body = await call({ table, options, maxPageSize }, signal);
      signal?.throwIfAborted();
      const page = readPage(body);
      if (page === undefined) {
        throw new AdapterError(
          'format',
          `${describeCall(table)} answered without an entities array (${describeBody(body)})`,
        );
      }
      const { records } = page;
      if (page.nextLink === undefined) {
        yield { records };
        return;
      }
      const next = nextLinkQuery(page.nextLink);
      if (next === undefined) {
        throw new AdapterError('paging', `${describeCall(table)} returned a nextLink without a query string`);
      }
      if (seen.has(next)) {
        throw new AdapterError(
          'paging',
          `${describeCall(table)} returned a nextLink it had already returned`,
        );
      }
      seen.add(next);
      yield { records, next };
      options = next;
    }
  };
}

/**
 * A pager whose records (those that are objects) go through `prepare` first: how the adapter adds its derived
 * keys ({@link withDerivedKeys}) to the records of any pager, the Web API's or a view's.
 */
export function preparedPager(
  pager: Pager,
  prepare: (record: Record<string, unknown>) => Record<string, unknown>,
): Pager {
  return async function* (start) {
    for await (const page of pager(start)) {
      yield {
        ...page,
        records: page.records.map((r: unknown) =>
          r !== null && typeof r === 'object' && !Array.isArray(r)
            ? prepare(r as Record<string, unknown>)
            : r,
        ),
      };
    }
  };
}
