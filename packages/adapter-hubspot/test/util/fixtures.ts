/**
 * The recorded fixtures, type-checked against `@hubspot/api-client`'s models: each file is imported as JSON and
 * must satisfy the wire form of the SDK model of its endpoint, so a fixture with a field of the wrong type, or
 * without a required one, does not compile (`tsc -p tsconfig.test.json`). Enum values are widened to `string`
 * in JSON modules; `test/fixtures.test.ts` checks those at run time.
 */

import type { Exchange } from '@crm-lens/testing';
import type * as v4 from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import type * as objects from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import type { RateLimitError } from '../../src/hubspot-types.js';
import companies from '../fixtures/companies.json' with { type: 'json' };
import contacts from '../fixtures/contacts.json' with { type: 'json' };
import dealsList from '../fixtures/deals-list.json' with { type: 'json' };
import dealsSearch from '../fixtures/deals-search.json' with { type: 'json' };
import engagements from '../fixtures/engagements.json' with { type: 'json' };
import rateLimits from '../fixtures/rate-limits.json' with { type: 'json' };
import type { HubSpotWire, Json, Recorded, RecordedFixture } from './wire.js';

/** `GET /crm/v3/objects/{type}`. */
export type ListPage = HubSpotWire<objects.CollectionResponseSimplePublicObjectWithAssociationsForwardPaging>;
/** `POST /crm/v3/objects/{type}/search`: request and response. */
export type SearchRequest = HubSpotWire<objects.PublicObjectSearchRequest>;
export type SearchPage = HubSpotWire<objects.CollectionResponseWithTotalSimplePublicObjectForwardPaging>;
/**
 * `POST /crm/v4/associations/{from}/{to}/batch/read`: request and response. The response is typed as the 207
 * model (`…WithErrors`), of which the 200 model is the subset without `numErrors` and `errors`.
 */
export type BatchReadRequest = HubSpotWire<v4.BatchInputPublicFetchAssociationsBatchRequest>;
export type BatchReadResponse = HubSpotWire<v4.BatchResponsePublicAssociationMultiWithLabelWithErrors>;

type ListExchange = Recorded<Json<ListPage>>;
type SearchExchange = Recorded<Json<SearchPage>, Json<SearchRequest>>;
type BatchReadExchange = Recorded<Json<BatchReadResponse>, Json<BatchReadRequest>>;
/** A 429 body: no SDK model describes it (HubSpot's usage guidelines do); checked against our own type. */
type RateLimitExchange = Recorded<Json<RateLimitError>>;

/** The recorded exchanges, as `replay` takes them (the check above is what the `satisfies` are for). */
const exchangesOf = (fixture: RecordedFixture<Recorded<unknown, unknown>>) =>
  fixture.exchanges as readonly Exchange[];

export const COMPANIES = exchangesOf(companies satisfies RecordedFixture<ListExchange>);
export const CONTACTS = exchangesOf(contacts satisfies RecordedFixture<ListExchange>);
export const DEALS = exchangesOf(dealsList satisfies RecordedFixture<ListExchange>);
export const ENGAGEMENTS = exchangesOf(engagements satisfies RecordedFixture<ListExchange>);
export const SEARCH = exchangesOf(dealsSearch satisfies RecordedFixture<SearchExchange | BatchReadExchange>);
export const RATE_LIMITS = exchangesOf(rateLimits satisfies RecordedFixture<RateLimitExchange>);

/** Every fixture file, for the run-time checks of `test/fixtures.test.ts`. */
export const FIXTURES = {
  'companies.json': companies,
  'contacts.json': contacts,
  'deals-list.json': dealsList,
  'deals-search.json': dealsSearch,
  'engagements.json': engagements,
  'rate-limits.json': rateLimits,
} as const;
