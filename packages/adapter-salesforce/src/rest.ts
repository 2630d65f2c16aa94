import {
  AdapterError,
  describeRequest,
  type ObjectMapping,
  type Pager,
  pageThrough,
  type RecordFilter,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '@crm-lens/core';
import type { GraphQLRunner } from './graphql-pager.js';
import { queriedFields, serverFilters } from './presets.js';
import type { GraphQLResponse } from './salesforce-types.js';
import { enumCode } from './util.js';

/** The REST API version used unless told otherwise (Winter '25; the GraphQL `upperBound` needs v59 or later). */
export const DEFAULT_API_VERSION = '62.0';

/**
 * The current access token: a string, or a function asked before every request (so a page that signs in again
 * hands over the new token). Kept by the caller, in memory (see `SalesforceSession`); never put in a URL.
 */
export type TokenProvider = string | (() => string | Promise<string>);

/** Where and how to reach an org's REST API. */
export interface SalesforceConnection {
  /** The org's URL, from the token response's `instance_url` (`https://mydomain.my.salesforce.com`). */
  readonly instanceUrl: string;
  /** `62.0` (without the `v`). */
  readonly apiVersion: string;
  /** Authenticating transport (`bearerTransport`), with retries and `salesforceErrors` on top. */
  readonly transport: Transport;
}

/**
 * Adds `Authorization: Bearer <token>` to every request. The token is read from `token` per request and goes in
 * the header only.
 */
export function bearerTransport(transport: Transport, token: TokenProvider): Transport {
  return async (request) => {
    const value = typeof token === 'function' ? await token() : token;
    if (typeof value !== 'string' || value === '') {
      throw new AdapterError('unauthorized', 'no Salesforce access token: sign in first');
    }
    return transport({ ...request, headers: { ...request.headers, authorization: `Bearer ${value}` } });
  };
}

/** Error codes that mean "the token or the user was refused". */
const REFUSED = new Set([
  'INVALID_SESSION_ID',
  'INSUFFICIENT_ACCESS',
  'API_DISABLED_FOR_ORG',
  'API_CURRENTLY_DISABLED',
]);

/** The error codes of a REST error body (`[{ message, errorCode }]`), enum-like ones only. */
function errorCodes(body: unknown): string[] {
  let parsed = body;
  if (typeof parsed === 'string') {
    try {
      parsed = JSON.parse(parsed);
    } catch {
      return [];
    }
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.flatMap((e) => {
    const code = enumCode((e as { errorCode?: unknown } | null)?.errorCode);
    return code ? [code] : [];
  });
}

/** The AdapterError for a REST error response: by status and Salesforce's `errorCode`, never its message. */
export function restError(request: TransportRequest, response: TransportResponse): AdapterError {
  const codes = errorCodes(response.body);
  const code = codes[0];
  const what = `${describeRequest(request.method, request.url)} answered ${response.status}${code ? ` ${code}` : ''}`;
  if (codes.includes('REQUEST_LIMIT_EXCEEDED')) {
    return new AdapterError(
      'rate-limited',
      `${what}: the org's API request limit is used up (it recovers over 24 hours)`,
      response.status,
    );
  }
  if (response.status === 429) {
    return new AdapterError('rate-limited', `${what}: still rate-limited after retrying`, 429);
  }
  if (response.status === 401 || response.status === 403 || (code !== undefined && REFUSED.has(code))) {
    return new AdapterError(
      'unauthorized',
      `${what}: the access token was refused (expired or revoked: sign in again) or the user may not use the API`,
      response.status,
    );
  }
  if (code === 'INVALID_FIELD' || code === 'INVALID_TYPE') {
    return new AdapterError(
      'http',
      `${what}: a field or object the query reads does not exist for this user (field-level security) or org; CurrencyIsoCode exists only in multi-currency orgs (pass multiCurrency: false)`,
      response.status,
    );
  }
  return new AdapterError('http', what, response.status);
}

/**
 * Turns error responses of the REST API into `AdapterError`s naming Salesforce's `errorCode`
 * (`REQUEST_LIMIT_EXCEEDED` → `rate-limited`, `INVALID_SESSION_ID` → `unauthorized`, `INVALID_FIELD` with a hint).
 * Put it outside `retrying`, so that it sees the response retries gave up on.
 */
export function salesforceErrors(transport: Transport): Transport {
  return async (request) => {
    const response = await transport(request);
    if (response.status >= 400) throw restError(request, response);
    return response;
  };
}

/** A SOQL literal: strings quoted with `\` escapes, booleans and numbers as they are. */
function soqlLiteral(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

function soqlCondition(filter: RecordFilter): string {
  if (filter.in && filter.in.length === 1) return `${filter.path} = ${soqlLiteral(filter.in[0]!)}`;
  if (filter.in) return `${filter.path} IN (${filter.in.map(soqlLiteral).join(', ')})`;
  const notIn = filter.notIn ?? [];
  if (notIn.length === 1) return `${filter.path} != ${soqlLiteral(notIn[0]!)}`;
  return `${filter.path} NOT IN (${notIn.map(soqlLiteral).join(', ')})`;
}

/**
 * The SOQL query for one object: the fields its mapping reads and its `where` filters, e.g.
 * `SELECT Id, AccountId, Amount, CloseDate, CurrencyIsoCode, IsWon FROM Opportunity WHERE IsWon = true`.
 * With `multiCurrency: false`, `CurrencyIsoCode` is left out (it exists only in multi-currency orgs).
 */
export function soqlQuery(
  object: string,
  mapping: ObjectMapping,
  options: { readonly multiCurrency?: boolean } = {},
): string {
  const fields = queriedFields(mapping, object, options).map((f) => f.path);
  const filters = serverFilters(mapping);
  const where = filters.length > 0 ? ` WHERE ${filters.map(soqlCondition).join(' AND ')}` : '';
  return `SELECT ${fields.join(', ')} FROM ${object}${where}`;
}

/** `https://host` without a trailing slash; `https:` only. */
export function checkInstanceUrl(instanceUrl: string): string {
  let url: URL;
  try {
    url = new URL(instanceUrl);
  } catch {
    throw new AdapterError('http', 'the Salesforce instance URL is not a URL');
  }
  if (url.protocol !== 'https:') throw new AdapterError('http', 'the Salesforce instance URL must be https');
  return url.origin;
}

/**
 * `GET /services/data/vXX.0/query?q=<SOQL>`, then each `nextRecordsUrl` (same origin only), until `done`.
 * `totalSize` is the total; `prepare` is applied to every record that is an object.
 */
export function soqlPager(
  connection: SalesforceConnection,
  soql: string,
  prepare?: (record: Record<string, unknown>) => Record<string, unknown>,
): Pager {
  const url = `${checkInstanceUrl(connection.instanceUrl)}/services/data/v${connection.apiVersion}/query?q=${encodeURIComponent(soql)}`;
  return async function* ({ cursor, signal }) {
    const pages = pageThrough(connection.transport, {
      url,
      headers: { accept: 'application/json' },
      records: 'records',
      total: 'totalSize',
      paging: { kind: 'next-url', next: 'nextRecordsUrl' },
      ...(cursor !== undefined ? { cursor } : {}),
      ...(signal ? { signal } : {}),
    });
    for await (const page of pages) {
      if (!prepare) {
        yield page;
        continue;
      }
      const records = page.records.map((r) =>
        r !== null && typeof r === 'object' && !Array.isArray(r) ? prepare(r as Record<string, unknown>) : r,
      );
      yield { ...page, records };
    }
  };
}

/**
 * A GraphQL runner over HTTP, for pages outside Salesforce: `POST <instance>/services/data/vXX.0/graphql` with
 * `{ query, variables }` through the (bearer) transport. An error status rejects with `{ status, headers, body }`,
 * which the GraphQL pager retries (429, 503 with `Retry-After`) or reports.
 */
export function graphqlHttpRunner(
  connection: Omit<SalesforceConnection, 'transport'> & { readonly transport: Transport },
): GraphQLRunner {
  const url = `${checkInstanceUrl(connection.instanceUrl)}/services/data/v${connection.apiVersion}/graphql`;
  return async ({ query, variables, signal }) => {
    const response = await connection.transport({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      ...(signal ? { signal } : {}),
    });
    if (response.status < 200 || response.status > 299) {
      throw Object.assign(new Error(`${describeRequest('POST', url)} answered ${response.status}`), {
        status: response.status,
        headers: response.headers,
        body: response.body,
      });
    }
    let body = response.body;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        throw new AdapterError('format', `${describeRequest('POST', url)} did not answer with JSON`);
      }
    }
    return body as GraphQLResponse;
  };
}
