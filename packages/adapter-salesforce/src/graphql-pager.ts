import {
  AdapterError,
  type AdapterWarning,
  checkAborted,
  type Pager,
  type RawPage,
  type RetryOptions,
  retrying,
  type Transport,
  type TransportResponse,
  untilAborted,
} from '@crm-lens/core';
import { flattenNode } from './graphql-query.js';
import type { GraphQLError, GraphQLResponse, UiapiConnection } from './salesforce-types.js';
import { enumCode } from './util.js';

/** The variables of every query the adapter sends (`graphqlQuery` declares them). */
export interface GraphQLPageVariables {
  /** Records per page (200–2,000 with an upper bound). */
  readonly first: number;
  /** The previous page's `pageInfo.endCursor`; `null` for the first page. */
  readonly after: string | null;
  /** The most records the query pages through in all. */
  readonly upperBound: number;
}

/** One query to run. */
export interface GraphQLRunRequest {
  /** The object queried (`Account`): the connection is read at `data.uiapi.query[object]`. */
  readonly object: string;
  /** The query text (`graphqlQuery`); in an LWC, the component's `gql` document for `object` has the same text. */
  readonly query: string;
  readonly variables: GraphQLPageVariables;
  readonly signal?: AbortSignal;
}

/**
 * Runs one GraphQL query and resolves with the GraphQL response (`{ data, errors }`). In a Lightning Web Component
 * it re-issues the component's `@wire(graphql, { query, variables })` and resolves with the wire's next value;
 * elsewhere `graphqlHttpRunner` posts to `/services/data/vXX.0/graphql`. A rejection carrying an HTTP `status`
 * (and `headers`) is read as that response: 429 / 503 are retried after `Retry-After`.
 */
export type GraphQLRunner = (request: GraphQLRunRequest) => Promise<GraphQLResponse>;

export interface GraphQLPagerOptions {
  readonly object: string;
  readonly query: string;
  /** Records per page (clamped to 200–2,000; default 2,000). */
  readonly pageSize?: number;
  /** The most records read (default {@link DEFAULT_UPPER_BOUND}); past it the pager stops with `truncated`. */
  readonly upperBound?: number;
  /** Applied to every record that is an object, after flattening (e.g. `withActivityParties`). */
  readonly prepare?: (record: Record<string, unknown>) => Record<string, unknown>;
}

/** Default upper bound of a query: the most records of one object read. */
export const DEFAULT_UPPER_BOUND = 100_000;
/** `first` with an upper bound: at least 200, at most 2,000 records per page. */
export const GRAPHQL_PAGE_SIZE = { min: 200, max: 2000 } as const;

const PSEUDO_SCHEME = 'salesforce-graphql:';

/** Status, headers and body of a runner's rejection, when it carries an HTTP status. */
function rejectionResponse(error: unknown): TransportResponse | undefined {
  const e = error as { status?: unknown; headers?: unknown; body?: unknown } | null;
  const status = typeof e?.status === 'number' ? e.status : Number.NaN;
  if (!Number.isInteger(status) || status < 400 || status > 599) return undefined;
  const headers: Record<string, string> = {};
  if (e?.headers !== null && typeof e?.headers === 'object') {
    for (const [k, v] of Object.entries(e.headers as Record<string, unknown>)) {
      if (typeof v === 'string') headers[k.toLowerCase()] = v;
    }
  }
  return { status, headers, body: e?.body };
}

/**
 * A runner as a `Transport`, so that core's `retrying` (Retry-After, seeded backoff, `maxDelayMs`, abortable waits)
 * applies unchanged: each run is a pseudo-request (`salesforce-graphql:<object>`, query and variables as its body);
 * a resolved run is a 200 whose body is the GraphQL response; a rejection with an HTTP `status` is that response; any
 * other rejection (an `Error` of the runner itself) passes through.
 */
export function runnerTransport(run: GraphQLRunner): Transport {
  return async (request) => {
    const { object, query, variables } = JSON.parse(request.body ?? '{}') as Omit<
      GraphQLRunRequest,
      'signal'
    >;
    try {
      const body = await untilAborted(
        run({ object, query, variables, ...(request.signal ? { signal: request.signal } : {}) }),
        request.signal,
      );
      return { status: 200, headers: {}, body };
    } catch (error) {
      checkAborted(request.signal);
      const response = rejectionResponse(error);
      if (response) return response;
      throw error;
    }
  };
}

/** The enum-like codes of GraphQL errors (`extensions.errorType` / `classification` / `errorCode`), never messages. */
export function graphqlErrorCodes(errors: readonly GraphQLError[] | null | undefined): string[] {
  const codes = new Set<string>();
  for (const error of errors ?? []) {
    const ext = error?.extensions;
    for (const key of ['errorType', 'classification', 'errorCode', 'code']) {
      const code = enumCode(ext?.[key]);
      if (code) codes.add(code);
    }
  }
  return [...codes];
}

/** The Salesforce error code of an error body (`[{ errorCode, message }]`), if enum-like. */
export function restErrorCode(body: unknown): string | undefined {
  const first = Array.isArray(body) ? body[0] : body;
  return enumCode((first as { errorCode?: unknown } | null)?.errorCode);
}

function statusFailure(object: string, response: TransportResponse): AdapterError {
  const code =
    restErrorCode(response.body) ?? graphqlErrorCodes((response.body as GraphQLResponse)?.errors)[0];
  const what = `the GraphQL query for ${object} failed${code ? ` with ${code}` : ''} (${response.status})`;
  if (response.status === 429) {
    return new AdapterError('rate-limited', `${what}: still rate-limited after retrying`, 429);
  }
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    return new AdapterError(
      'rate-limited',
      `${what}: the org's API request limit is used up`,
      response.status,
    );
  }
  if (response.status === 401 || response.status === 403) {
    return new AdapterError(
      'unauthorized',
      `${what}: the session was refused, or the user may not read ${object}`,
      response.status,
    );
  }
  return new AdapterError('http', what, response.status);
}

/**
 * Pages one object through a GraphQL runner: `first` / `after` / `upperBound`, until `pageInfo.hasNextPage` is
 * false. Nodes are flattened (`flattenNode`: `{ value }` wrappers read) and prepared; `totalCount` is the total.
 * Positions are `endCursor`s (the pages' `next`), so resume tokens continue exactly there; a cursor the API already
 * returned stops with `AdapterError('paging')`. A response with `errors` and no connection is an `AdapterError`
 * naming the errors' codes, never their messages. When `totalCount` is above the upper bound, the last page carries a
 * `truncated` warning.
 */
export function graphqlPager(
  run: GraphQLRunner,
  options: GraphQLPagerOptions,
  retry: RetryOptions | false = {},
): Pager {
  const base = runnerTransport(run);
  // A runner's own Error (not an HTTP status) is not retried: it is a bug or a wire that cannot answer.
  const transport = retry === false ? base : retrying(base, { retryNetworkErrors: false, ...retry });
  const { object, query, prepare } = options;
  const first = Math.max(
    GRAPHQL_PAGE_SIZE.min,
    Math.min(GRAPHQL_PAGE_SIZE.max, Math.round(options.pageSize ?? GRAPHQL_PAGE_SIZE.max)),
  );
  const upperBound = Math.max(first, Math.round(options.upperBound ?? DEFAULT_UPPER_BOUND));
  return async function* ({ cursor, signal }) {
    let after: string | null = cursor ?? null;
    const seen = new Set<string>(after === null ? [] : [after]);
    for (;;) {
      checkAborted(signal);
      const variables: GraphQLPageVariables = { first, after, upperBound };
      const response = await transport({
        method: 'POST',
        url: `${PSEUDO_SCHEME}${encodeURIComponent(object)}`,
        body: JSON.stringify({ object, query, variables }),
        ...(signal ? { signal } : {}),
      });
      checkAborted(signal);
      if (response.status < 200 || response.status > 299) throw statusFailure(object, response);
      const body = response.body as GraphQLResponse | null | undefined;
      const connection = (body?.data?.uiapi?.query?.[object] ?? undefined) as UiapiConnection | undefined;
      if (!connection || !Array.isArray(connection.edges)) {
        const codes = graphqlErrorCodes(body?.errors);
        const errorCount = Array.isArray(body?.errors) ? body.errors.length : 0;
        if (errorCount > 0) {
          if (codes.includes('REQUEST_LIMIT_EXCEEDED')) {
            throw new AdapterError(
              'rate-limited',
              `the GraphQL query for ${object} failed with REQUEST_LIMIT_EXCEEDED: the org's API request limit is used up`,
            );
          }
          throw new AdapterError(
            'http',
            `the GraphQL query for ${object} returned ${errorCount} error${errorCount === 1 ? '' : 's'}${codes.length > 0 ? ` (${codes.join(', ')})` : ''} and no records: a field it reads may not exist in this org or be hidden from the user`,
          );
        }
        throw new AdapterError(
          'format',
          `the GraphQL response has no uiapi.query.${object}.edges (is the query the one for ${object}?)`,
        );
      }
      const records = connection.edges.map((edge: unknown) => {
        const record =
          edge !== null && typeof edge === 'object' && !Array.isArray(edge)
            ? flattenNode((edge as { node?: unknown }).node)
            : edge;
        return prepare && record !== null && typeof record === 'object' && !Array.isArray(record)
          ? prepare(record as Record<string, unknown>)
          : record;
      });
      const total = typeof connection.totalCount === 'number' ? connection.totalCount : undefined;
      const pageInfo = connection.pageInfo as Partial<UiapiConnection['pageInfo']> | undefined;
      let next: string | undefined;
      if (pageInfo?.hasNextPage === true) {
        if (typeof pageInfo.endCursor !== 'string' || pageInfo.endCursor === '') {
          throw new AdapterError(
            'paging',
            `the GraphQL response for ${object} says there is a next page but gives no endCursor`,
          );
        }
        next = pageInfo.endCursor;
        if (seen.has(next)) {
          throw new AdapterError(
            'paging',
            `the GraphQL response for ${object} returned a cursor it had already returned; stopping instead of looping`,
          );
        }
        seen.add(next);
      }
      const warnings: AdapterWarning[] = [];
      if (next === undefined && total !== undefined && total > upperBound) {
        warnings.push({
          code: 'truncated',
          object,
          message: `${total} ${object} records match, but a GraphQL query pages through at most ${upperBound} (upperBound); the rest were not read`,
        });
      }
      const page: RawPage = {
        records,
        ...(next !== undefined ? { next } : {}),
        ...(total !== undefined ? { total } : {}),
        ...(warnings.length > 0 ? { warnings } : {}),
      };
      yield page;
      if (next === undefined) return;
      after = next;
    }
  };
}
