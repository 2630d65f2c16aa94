import {
  type AdapterWarning,
  type Pager,
  pageThrough,
  type RawPage,
  requestJson,
  type Transport,
} from '@crm-lens/core';
import type {
  BatchInputPublicFetchAssociationsBatchRequest,
  BatchResponsePublicAssociationMultiWithLabel,
  FilterGroup,
  MultiAssociatedObjectWithLabel,
  PublicObjectSearchRequest,
  SimplePublicObjectWithAssociations,
} from './hubspot-types.js';

/** Where and how to reach HubSpot's API (directly, or through the token broker's proxy root). */
export interface HubSpotConnection {
  /** `https://broker.example.com/api` (the broker) or `https://api.hubapi.com` (server side, own auth). */
  readonly baseUrl: string;
  readonly transport: Transport;
}

export interface ObjectRequest {
  readonly properties: readonly string[];
  readonly associations: readonly string[];
  /** Records per page: at most 100 for lists, 200 for searches. */
  readonly pageSize: number;
}

/** HubSpot's search endpoints stop at 10,000 results per query. */
export const SEARCH_RESULT_LIMIT = 10_000;

/**
 * `GET /crm/v3/objects/{object}`: every record, with the requested properties and the associated record ids
 * inline, paged by `paging.next.after`.
 */
export function listPager(connection: HubSpotConnection, object: string, request: ObjectRequest): Pager {
  const url = new URL(`${connection.baseUrl}/crm/v3/objects/${encodeURIComponent(object)}`);
  url.searchParams.set('limit', String(Math.min(request.pageSize, 100)));
  for (const p of request.properties) url.searchParams.append('properties', p);
  for (const a of request.associations) url.searchParams.append('associations', a);
  url.searchParams.set('archived', 'false');
  return ({ cursor, signal }) =>
    pageThrough(connection.transport, {
      url: url.href,
      records: 'results',
      paging: { kind: 'cursor', next: 'paging.next.after', param: 'after' },
      ...(cursor !== undefined ? { cursor } : {}),
      ...(signal ? { signal } : {}),
    });
}

/** Associated ids in v3's inline shape, primary associations (label "Primary") first. */
function asAssociatedIds(to: readonly MultiAssociatedObjectWithLabel[], from: string, toType: string) {
  const primary = (t: MultiAssociatedObjectWithLabel) =>
    t.associationTypes.some((a) => typeof a.label === 'string' && a.label.toLowerCase() === 'primary');
  const ordered = [...to.filter(primary), ...to.filter((t) => !primary(t))];
  return {
    results: ordered.map((t) => ({
      id: String(t.toObjectId),
      type: t.associationTypes.find((a) => a.label)?.label ?? `${from}_to_${toType}`,
    })),
  };
}

/**
 * `POST /crm/v4/associations/{object}/{toType}/batch/read` for a page of records, merged into each record as
 * v3's inline `associations.{toType}.results`, so the same mapping reads list and search results.
 */
async function withAssociations(
  connection: HubSpotConnection,
  object: string,
  records: readonly unknown[],
  associations: readonly string[],
  signal: AbortSignal | undefined,
): Promise<unknown[]> {
  const ids = records.flatMap((r) => {
    const id = (r as { id?: unknown } | null)?.id;
    return typeof id === 'string' || typeof id === 'number' ? [String(id)] : [];
  });
  const byType = new Map<string, Map<string, ReturnType<typeof asAssociatedIds>>>();
  if (ids.length > 0) {
    for (const toType of associations) {
      const body: BatchInputPublicFetchAssociationsBatchRequest = { inputs: ids.map((id) => ({ id })) };
      const response = (await requestJson(connection.transport, {
        method: 'POST',
        url: `${connection.baseUrl}/crm/v4/associations/${encodeURIComponent(object)}/${encodeURIComponent(toType)}/batch/read`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        ...(signal ? { signal } : {}),
      })) as Partial<BatchResponsePublicAssociationMultiWithLabel> | null;
      const found = new Map<string, ReturnType<typeof asAssociatedIds>>();
      for (const result of response?.results ?? []) {
        if (result?.from?.id !== undefined && Array.isArray(result.to)) {
          found.set(String(result.from.id), asAssociatedIds(result.to, object, toType));
        }
      }
      byType.set(toType, found);
    }
  }
  return records.map((record) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) return record;
    const r = record as SimplePublicObjectWithAssociations;
    const merged: Record<string, unknown> = { ...r.associations };
    for (const [toType, found] of byType) {
      const associated = found.get(String(r.id));
      if (associated) merged[toType] = associated;
    }
    return { ...r, associations: merged };
  });
}

/**
 * `POST /crm/v3/objects/{object}/search` with `filterGroups` (e.g. won deals only, filtered on HubSpot's side),
 * then each page's associations from the v4 batch read. HubSpot's search stops at 10,000 results: the pager
 * stops there with a `truncated` warning (use the list pager for more).
 */
export function searchPager(
  connection: HubSpotConnection,
  object: string,
  request: ObjectRequest,
  filterGroups: readonly FilterGroup[],
): Pager {
  const body: PublicObjectSearchRequest = {
    filterGroups,
    properties: request.properties,
    limit: Math.min(request.pageSize, 200),
  };
  return async function* ({ cursor, signal }) {
    const pages = pageThrough(connection.transport, {
      url: `${connection.baseUrl}/crm/v3/objects/${encodeURIComponent(object)}/search`,
      method: 'POST',
      body: body as Readonly<Record<string, unknown>>,
      records: 'results',
      total: 'total',
      paging: { kind: 'cursor', next: 'paging.next.after', param: 'after', in: 'body' },
      ...(cursor !== undefined ? { cursor } : {}),
      ...(signal ? { signal } : {}),
    });
    for await (const page of pages) {
      const records =
        request.associations.length > 0
          ? await withAssociations(connection, object, page.records, request.associations, signal)
          : page.records;
      const capped = page.next !== undefined && Number(page.next) >= SEARCH_RESULT_LIMIT;
      if (!capped) {
        yield { ...page, records };
        continue;
      }
      const warning: AdapterWarning = {
        code: 'truncated',
        object,
        message: `HubSpot's search returns at most ${SEARCH_RESULT_LIMIT} results and ${page.total ?? 'more'} match; the rest were not read (use mode: 'list')`,
      };
      const last: RawPage = {
        records,
        ...(page.total !== undefined ? { total: page.total } : {}),
        warnings: [warning],
      };
      yield last;
      return;
    }
  };
}
