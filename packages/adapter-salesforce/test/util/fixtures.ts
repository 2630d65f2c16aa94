import { readFileSync } from 'node:fs';
import type { Exchange, Fixture } from '@crm-lens/testing';
import {
  type GraphQLResponse,
  type GraphQLRunner,
  type GraphQLRunRequest,
  type SalesforceObject,
  salesforceGraphQLQuery,
} from '../../src/index.js';

export const INSTANCE = 'https://acme.my.salesforce.com';

/** A fixture's exchanges; GraphQL requests' `$crmLens<Object>` placeholders replaced by the generated query text. */
export function load(name: string): Exchange[] {
  const fixture = JSON.parse(
    readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'),
  ) as Fixture;
  return fixture.exchanges.map((exchange) => {
    const body = exchange.request.body as { query?: unknown } | undefined;
    if (typeof body?.query !== 'string' || !body.query.startsWith('$crmLens')) return exchange;
    const object = body.query.slice('$crmLens'.length) as SalesforceObject;
    return {
      ...exchange,
      request: { ...exchange.request, body: { ...body, query: salesforceGraphQLQuery(object) } },
    };
  });
}

/** The object a GraphQL exchange queries (from its operation name). */
function objectOf(exchange: Exchange): string | undefined {
  const query = (exchange.request.body as { query?: string } | undefined)?.query ?? '';
  return /^query crmLens(\w+)\(/.exec(query)?.[1];
}

/**
 * A runner that answers like the `lightning/graphql` wire adapter, from recorded GraphQL exchanges: it resolves with
 * the response body (`{ data, errors }`) for the request's object and variables, and rejects with `{ status,
 * headers }` for an error status. Every request is recorded.
 */
export function wireRunner(exchanges: readonly Exchange[]) {
  const remaining = exchanges.map((e) => e.times ?? Number.POSITIVE_INFINITY);
  const requests: GraphQLRunRequest[] = [];
  const run: GraphQLRunner = async (request) => {
    requests.push(request);
    const index = exchanges.findIndex((e, i) => {
      const body = e.request.body as { query: string; variables: unknown };
      return (
        remaining[i]! > 0 &&
        objectOf(e) === request.object &&
        body.query === request.query &&
        JSON.stringify(body.variables) === JSON.stringify(request.variables)
      );
    });
    if (index < 0) {
      throw new Error(`no recorded GraphQL page for ${request.object} ${JSON.stringify(request.variables)}`);
    }
    remaining[index]!--;
    const { status, headers = {}, body } = exchanges[index]!.response;
    if (status !== 200) throw Object.assign(new Error(`status ${status}`), { status, headers, body });
    return structuredClone(body) as GraphQLResponse;
  };
  return { run, requests };
}
