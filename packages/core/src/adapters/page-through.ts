import { checkAborted } from './abort.js';
import { AdapterError, describeRequest } from './errors.js';
import { compilePath } from './path.js';
import type { RawPage, Transport, TransportRequest, TransportResponse } from './types.js';

/** Where a paging parameter goes: the query string, or the JSON body (POST). */
export type ParamPlace = 'query' | 'body';

/** How an API pages. */
export type Paging =
  /** One response holds every record. */
  | { readonly kind: 'none' }
  /**
   * A cursor read from the body (`next`, a path such as `paging.next.after`) and sent back as `param`; the last
   * page has none. HubSpot, Salesforce GraphQL, Zoho page tokens.
   */
  | { readonly kind: 'cursor'; readonly next: string; readonly param: string; readonly in?: ParamPlace }
  /** `offset` / `limit` parameters; stops at a short page, or at `total` when the body gives one. */
  | {
      readonly kind: 'offset';
      readonly limit: number;
      readonly offsetParam?: string;
      readonly limitParam?: string;
      readonly in?: ParamPlace;
      /** First offset (default 0). */
      readonly start?: number;
    }
  /**
   * Page numbers (`page=1,2,…`); stops when the `more` path is false (e.g. Zoho's `info.more_records`), or at an
   * empty or short page.
   */
  | {
      readonly kind: 'page';
      readonly param?: string;
      readonly first?: number;
      readonly more?: string;
      readonly sizeParam?: string;
      readonly size?: number;
      readonly in?: ParamPlace;
    }
  /** The next page's URL in the body (`next`, `["@odata.nextLink"]`, `nextRecordsUrl`), relative or absolute. */
  | { readonly kind: 'next-url'; readonly next: string }
  /** The next page's URL in an RFC 8288 `Link: <…>; rel="next"` header (GitHub, Shopify, many REST APIs). */
  | { readonly kind: 'link-header' };

export interface PageThroughOptions {
  /** The first page's URL. */
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body for POST; body paging parameters are merged into it. */
  readonly body?: Readonly<Record<string, unknown>>;
  /** Path of the record array in the response body (`results`, `data.items`); `''` when the body is the array. */
  readonly records: string;
  /** Path of a total record count in the body, if any. */
  readonly total?: string;
  readonly paging: Paging;
  /** Resume at this position (a `RawPage.next` of an earlier run). */
  readonly cursor?: string;
  readonly signal?: AbortSignal;
  /** Stop after this many pages (the last one still carries `next`, so reading can resume). */
  readonly maxPages?: number;
  /** Follow next links to another origin (default false: a next link elsewhere is a `paging` error). */
  readonly crossOrigin?: boolean;
}

/** The `rel="next"` target of an RFC 8288 `Link` header, if any. */
export function parseLinkHeader(value: string | undefined, rel = 'next'): string | undefined {
  if (!value) return undefined;
  for (const match of value.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]*)*)/g)) {
    const params = match[2] ?? '';
    const relMatch = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const rels = (relMatch?.[1] ?? relMatch?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rels.includes(rel)) return match[1];
  }
  return undefined;
}

/** The AdapterError for a response with an error status: `unauthorized` (401/403), `rate-limited` (429), `http`. */
export function statusError(request: TransportRequest, response: TransportResponse): AdapterError {
  const what = `${describeRequest(request.method, request.url)} answered ${response.status}`;
  if (response.status === 401 || response.status === 403) {
    return new AdapterError('unauthorized', `${what}: the credentials were refused`, response.status);
  }
  if (response.status === 429) {
    return new AdapterError('rate-limited', `${what}: still rate-limited after retrying`, response.status);
  }
  return new AdapterError('http', what, response.status);
}

/** The JSON body of a response, or an AdapterError for an error status or a body that is not JSON. */
function jsonBody(request: TransportRequest, response: TransportResponse): unknown {
  if (response.status < 200 || response.status > 299) throw statusError(request, response);
  if (typeof response.body !== 'string') return response.body;
  try {
    return JSON.parse(response.body);
  } catch {
    throw new AdapterError(
      'format',
      `${describeRequest(request.method, request.url)} did not answer with JSON (${response.headers['content-type'] ?? 'no content type'})`,
    );
  }
}

/**
 * Send one request and return its JSON body; throws an AdapterError for an error status or a body that is not
 * JSON. Error messages never include the body.
 */
export async function requestJson(transport: Transport, request: TransportRequest): Promise<unknown> {
  return jsonBody(request, await transport(request));
}

function withParams(
  url: string,
  body: Readonly<Record<string, unknown>> | undefined,
  place: ParamPlace,
  params: Readonly<Record<string, string | number>>,
): { url: string; body: Readonly<Record<string, unknown>> | undefined } {
  if (place === 'body') return { url, body: { ...body, ...params } };
  const u = new URL(url);
  for (const [name, value] of Object.entries(params)) u.searchParams.set(name, String(value));
  return { url: u.href, body };
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value === ''
      ? undefined
      : value
    : typeof value === 'number'
      ? String(value)
      : undefined;

/**
 * Page through a JSON API with the given paging, yielding each page's records and the position of the next
 * page. Requests go through `transport` (wrap it in `retrying` for rate limits); an error status or a response
 * in the wrong shape throws an AdapterError, an aborted signal rejects with its reason before the next request.
 */
export async function* pageThrough(
  transport: Transport,
  options: PageThroughOptions,
): AsyncGenerator<RawPage> {
  const method = options.method ?? 'GET';
  const paging = options.paging;
  const place: ParamPlace =
    'in' in paging && paging.in !== undefined ? paging.in : method === 'POST' ? 'body' : 'query';
  const recordsAt = compilePath(options.records);
  const totalAt = options.total !== undefined ? compilePath(options.total) : undefined;
  const origin = new URL(options.url).origin;
  const seen = new Set<string>();

  let cursor = options.cursor;
  let pages = 0;
  for (;;) {
    checkAborted(options.signal);
    let url = options.url;
    let body = options.body;
    switch (paging.kind) {
      case 'cursor':
        if (cursor !== undefined) ({ url, body } = withParams(url, body, place, { [paging.param]: cursor }));
        break;
      case 'offset': {
        const offset = cursor !== undefined ? Number(cursor) : (paging.start ?? 0);
        ({ url, body } = withParams(url, body, place, {
          [paging.offsetParam ?? 'offset']: offset,
          [paging.limitParam ?? 'limit']: paging.limit,
        }));
        break;
      }
      case 'page': {
        const page = cursor !== undefined ? Number(cursor) : (paging.first ?? 1);
        ({ url, body } = withParams(url, body, place, {
          [paging.param ?? 'page']: page,
          ...(paging.sizeParam !== undefined && paging.size !== undefined
            ? { [paging.sizeParam]: paging.size }
            : {}),
        }));
        break;
      }
      case 'next-url':
      case 'link-header':
        if (cursor !== undefined) url = cursor;
        break;
    }
    const request: TransportRequest = {
      method,
      url,
      ...(method === 'POST'
        ? { headers: { 'content-type': 'application/json', ...options.headers } }
        : options.headers
          ? { headers: options.headers }
          : {}),
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    };
    const response = await transport(request);
    const json = jsonBody(request, response);
    const records = recordsAt(json);
    if (!Array.isArray(records)) {
      // Name the body's array fields (its shape, not its content) to help set `records`.
      const arrays =
        json !== null && typeof json === 'object' && !Array.isArray(json)
          ? Object.keys(json).filter((k) => Array.isArray((json as Record<string, unknown>)[k]))
          : [];
      const hint =
        arrays.length > 0 ? `; its array fields are: ${arrays.map((k) => `"${k}"`).join(', ')}` : '';
      throw new AdapterError(
        'format',
        `${describeRequest(method, url)}: no record array at "${options.records}" in the response${hint}`,
      );
    }
    const totalValue = totalAt?.(json);
    const total =
      typeof totalValue === 'number'
        ? totalValue
        : typeof totalValue === 'string' && /^\d+$/.test(totalValue)
          ? Number(totalValue)
          : undefined;

    let next: string | undefined;
    switch (paging.kind) {
      case 'none':
        break;
      case 'cursor':
        next = text(compilePath(paging.next)(json));
        break;
      case 'offset': {
        const offset = (cursor !== undefined ? Number(cursor) : (paging.start ?? 0)) + records.length;
        const more =
          records.length > 0 && records.length >= paging.limit && (total === undefined || offset < total);
        next = more ? String(offset) : undefined;
        break;
      }
      case 'page': {
        const page = cursor !== undefined ? Number(cursor) : (paging.first ?? 1);
        const flag = paging.more !== undefined ? compilePath(paging.more)(json) : undefined;
        const more =
          paging.more !== undefined
            ? flag === true || flag === 'true'
            : records.length > 0 && (paging.size === undefined || records.length >= paging.size);
        next = more ? String(page + 1) : undefined;
        break;
      }
      case 'next-url':
      case 'link-header': {
        const link =
          paging.kind === 'next-url'
            ? text(compilePath(paging.next)(json))
            : parseLinkHeader(response.headers.link);
        if (link !== undefined) {
          const resolved = new URL(link, url);
          if (resolved.origin !== origin && !options.crossOrigin) {
            throw new AdapterError(
              'paging',
              `${describeRequest(method, url)}: the next page is on another origin (${resolved.origin}); pass crossOrigin: true to follow it`,
            );
          }
          next = resolved.href;
        }
        break;
      }
    }
    if (next !== undefined) {
      if (seen.has(next) || next === cursor) {
        throw new AdapterError(
          'paging',
          `${describeRequest(method, url)}: the API returned a position it already returned; stopping instead of looping`,
        );
      }
      seen.add(next);
    }
    pages++;
    yield { records, ...(next !== undefined ? { next } : {}), ...(total !== undefined ? { total } : {}) };
    if (next === undefined || (options.maxPages !== undefined && pages >= options.maxPages)) return;
    cursor = next;
  }
}
