import { AdapterError, type AdapterWarning, type Pager } from '@crm-lens/core';
import type { ZohoSdkCall } from './sdk-call.js';
import type { ZohoPageInfo } from './zoho-types.js';

/** Records reachable with `page` / `per_page` (Zoho: page × per_page ≤ 2,000); past it, page tokens. */
export const PAGE_NUMBER_LIMIT = 2000;

export interface ModuleRequest {
  /** Module API name: `Accounts`, `Deals`, `Events`, … */
  readonly entity: string;
  /** Records per call (Zoho: at most 200). */
  readonly perPage: number;
  /** Field API names to ask for (`fields`); empty = the API's default. */
  readonly fields?: readonly string[];
  readonly sortOrder?: 'asc' | 'desc';
  readonly sortBy?: string;
  /** Records reachable by page number (default {@link PAGE_NUMBER_LIMIT}). */
  readonly pageLimit?: number;
  /** Applied to every record that is an object before mapping (e.g. {@link withActivityParties}). */
  readonly prepare?: (record: Record<string, unknown>) => Record<string, unknown>;
}

type Position = { readonly page: number } | { readonly token: string };

function parsePosition(cursor: string | undefined, entity: string): Position {
  if (cursor === undefined) return { page: 1 };
  const page = /^page:(\d+)$/.exec(cursor);
  if (page && Number(page[1]) >= 1) return { page: Number(page[1]) };
  if (cursor.startsWith('token:') && cursor.length > 6) return { token: cursor.slice(6) };
  throw new AdapterError('resume', `the resume position is not one of ${entity}'s pages`);
}

const format = (p: Position) => ('page' in p ? `page:${p.page}` : `token:${p.token}`);

/** The names of the body's array fields (for a `format` error: never values). */
function describeBody(body: unknown): string {
  if (body === null || typeof body !== 'object') return typeof body;
  const arrays = Object.entries(body)
    .filter(([, v]) => Array.isArray(v))
    .map(([k]) => k);
  return arrays.length > 0 ? `array fields: ${arrays.join(', ')}` : 'no array field';
}

/**
 * Calls (Events, Calls, Tasks) name their customer through `What_Id` (an Account, a Deal, …, told by `$se_module`)
 * and `Who_Id` (a Contact). A mapping path cannot test `$se_module`, so this adds `$lens_account_id`: `What_Id.id`
 * when `$se_module` is `Accounts`. Nothing else is changed.
 */
export function withActivityParties(record: Record<string, unknown>): Record<string, unknown> {
  const what = record.What_Id as { id?: unknown } | null | undefined;
  const isAccount = record.$se_module === 'Accounts';
  if (!isAccount || what === null || typeof what !== 'object') return record;
  const id = what.id;
  return typeof id === 'string' || typeof id === 'number'
    ? { ...record, $lens_account_id: String(id) }
    : record;
}

/**
 * Pages one module through `ZOHO.CRM.API.getAllRecords({ Entity, page, per_page, sort_order, fields })` until
 * `info.more_records` is false. Page numbers reach the first {@link PAGE_NUMBER_LIMIT} records; past them it
 * continues with `info.next_page_token` as `page_token` (API v3+), and where the API gives no token it stops with a
 * `truncated` warning. Positions (`page:3`, `token:…`) are the pages' `next`, so resume tokens continue exactly
 * there; a position the API already returned stops with `AdapterError('paging')` instead of looping.
 */
export function modulePager(call: ZohoSdkCall, request: ModuleRequest): Pager {
  const limit = request.pageLimit ?? PAGE_NUMBER_LIMIT;
  const perPage = request.perPage;
  const { entity } = request;
  return async function* ({ cursor, signal }) {
    let position = parsePosition(cursor, entity);
    const seen = new Set<string>([format(position)]);
    for (;;) {
      signal?.throwIfAborted();
      const config = {
        Entity: entity,
        per_page: perPage,
        ...('page' in position ? { page: position.page } : { page_token: position.token }),
        ...(request.sortOrder ? { sort_order: request.sortOrder } : {}),
        ...(request.sortBy ? { sort_by: request.sortBy } : {}),
        ...(request.fields && request.fields.length > 0 ? { fields: request.fields.join(',') } : {}),
      };
      const body = await call('getAllRecords', config, signal);
      signal?.throwIfAborted();
      // No records at all: the API answers 204 with no body, which the SDK hands over as nothing (or an empty value).
      if (
        body === undefined ||
        body === null ||
        body === '' ||
        (typeof body === 'object' && !('data' in body))
      ) {
        if (body !== undefined && body !== null && body !== '' && Object.keys(body).length > 0) {
          throw new AdapterError(
            'format',
            `ZOHO.CRM.API.getAllRecords(${entity}) answered without a data array (${describeBody(body)})`,
          );
        }
        yield { records: [] };
        return;
      }
      const { data, info } = body as { data: unknown; info?: ZohoPageInfo };
      if (!Array.isArray(data)) {
        throw new AdapterError(
          'format',
          `ZOHO.CRM.API.getAllRecords(${entity}) answered without a data array (${describeBody(body)})`,
        );
      }
      const records = request.prepare
        ? data.map((r: unknown) =>
            r !== null && typeof r === 'object' && !Array.isArray(r)
              ? request.prepare!(r as Record<string, unknown>)
              : r,
          )
        : data;

      let next: Position | undefined;
      let warning: AdapterWarning | undefined;
      const token =
        typeof info?.next_page_token === 'string' && info.next_page_token !== ''
          ? info.next_page_token
          : undefined;
      if (info?.more_records === true && data.length > 0) {
        if ('page' in position && (position.page + 1) * perPage <= limit) next = { page: position.page + 1 };
        else if (token !== undefined) next = { token };
        else {
          warning = {
            code: 'truncated',
            object: entity,
            message: `Zoho reports more ${entity} records, but page numbers reach only the first ${limit} and no next_page_token came (page tokens need the API's v3 or later); the rest were not read`,
          };
        }
      }
      if (next === undefined) {
        yield { records, ...(warning ? { warnings: [warning] } : {}) };
        return;
      }
      const key = format(next);
      if (seen.has(key)) {
        throw new AdapterError(
          'paging',
          `ZOHO.CRM.API.getAllRecords(${entity}) returned a page position it had already returned`,
        );
      }
      seen.add(key);
      yield { records, next: key };
      position = next;
    }
  };
}
