/**
 * The part of the fixtures' check against `@hubspot/api-client` that the compiler cannot do: JSON modules widen
 * enum values to `string` (`test/util/fixtures.ts` checks everything else at compile time), so the values of the
 * SDK's enums are checked here, against lists that are themselves checked against those enums.
 */
import type * as v4 from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import type * as objects from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { describe, expect, it } from 'vitest';
import type { RateLimitError } from '../src/hubspot-types.js';
import { FIXTURES } from './util/fixtures.js';
import { type HubSpotWire, membersOf, type Wire } from './util/wire.js';

const BATCH_STATUS = membersOf<
  HubSpotWire<v4.BatchResponsePublicAssociationMultiWithLabelWithErrors>['status']
>()(['PENDING', 'PROCESSING', 'CANCELED', 'COMPLETE']);
const ASSOCIATION_CATEGORY = membersOf<HubSpotWire<v4.AssociationSpecWithLabel>['category']>()([
  'HUBSPOT_DEFINED',
  'USER_DEFINED',
  'INTEGRATOR_DEFINED',
]);
const FILTER_OPERATOR = membersOf<Wire<objects.FilterOperatorEnum>>()([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
]);
/** No SDK model: HubSpot's usage guidelines, as in `src/hubspot-types.ts`. */
const RATE_LIMIT_TYPE = membersOf<RateLimitError['errorType']>()(['RATE_LIMIT']);
const RATE_LIMIT_STATUS = membersOf<RateLimitError['status']>()(['error']);

/** Every `[parent key, key, value]` in a JSON tree (array items count as their array's key). */
function* entries(node: unknown, parent = ''): Generator<readonly [string, string, unknown]> {
  if (Array.isArray(node)) {
    for (const item of node) yield* entries(item, parent);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      yield [parent, key, value];
      yield* entries(value, key);
    }
  }
}

const exchanges = Object.entries(FIXTURES).flatMap(([file, fixture]) =>
  fixture.exchanges.map((exchange, index) => ({ at: `${file} #${index}`, ...exchange })),
);

describe('recorded fixtures: enum values of the SDK models', () => {
  it('every request is a GET or POST with a JSON response', () => {
    for (const { at, request, response } of exchanges) {
      expect(['GET', 'POST'], at).toContain(request.method);
      expect(response.headers['Content-Type'], at).toBe('application/json;charset=utf-8');
    }
  });

  it('v4 batch reads: status, and every association type’s category', () => {
    const batches = exchanges.filter((e) => e.request.url.includes('/crm/v4/associations/'));
    expect(batches).toHaveLength(4);
    let categories = 0;
    for (const { at, response } of batches) {
      expect(BATCH_STATUS, at).toContain((response.body as { status?: unknown }).status);
      for (const [parent, key, value] of entries(response.body)) {
        if (parent !== 'associationTypes' || key !== 'category') continue;
        categories++;
        expect(ASSOCIATION_CATEGORY, at).toContain(value);
      }
    }
    expect(categories).toBe(6);
  });

  it('v3 search requests: every filter operator', () => {
    const searches = exchanges.filter((e) => e.request.url.endsWith('/search'));
    expect(searches).toHaveLength(2);
    let operators = 0;
    for (const { at, request } of searches) {
      for (const [parent, key, value] of entries((request as { body?: unknown }).body)) {
        if (parent !== 'filters' || key !== 'operator') continue;
        operators++;
        expect(FILTER_OPERATOR, at).toContain(value);
      }
    }
    expect(operators).toBe(2);
  });

  it('429 bodies: status and errorType', () => {
    const limited = exchanges.filter((e) => e.response.status === 429);
    expect(limited).toHaveLength(3);
    for (const { at, response } of limited) {
      const body = response.body as { status?: unknown; errorType?: unknown };
      expect(RATE_LIMIT_STATUS, at).toContain(body.status);
      expect(RATE_LIMIT_TYPE, at).toContain(body.errorType);
    }
  });
});
