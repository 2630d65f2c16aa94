import {
  type Adapter,
  type AdapterStream,
  type CollectedDataset,
  type CollectOptions,
  collectAdapter,
  createAdapter,
  fetchTransport,
  type ObjectMapping,
  type RetryOptions,
  retrying,
  type Transport,
} from '@crm-lens/core';
import { type GraphQLRunner, graphqlPager } from './graphql-pager.js';
import { graphqlQuery } from './graphql-query.js';
import {
  ACTIVITY_OBJECTS,
  isSalesforcePreset,
  SALESFORCE_PRESETS,
  type SalesforceCustomerObject,
  type SalesforceInteractionObject,
  type SalesforceObject,
  type SalesforcePreset,
  type SalesforceTransactionObject,
  salesforceMapping,
  withActivityParties,
} from './presets.js';
import {
  bearerTransport,
  checkInstanceUrl,
  DEFAULT_API_VERSION,
  graphqlHttpRunner,
  type SalesforceConnection,
  salesforceErrors,
  soqlPager,
  soqlQuery,
  type TokenProvider,
} from './rest.js';

/** REST mode: a page outside Salesforce with an access token (OAuth PKCE: `beginPkceLogin` / `completePkceLogin`). */
export interface SalesforceRestOptions {
  /** The org's URL (the token response's `instance_url`). */
  readonly instanceUrl: string;
  /** The access token, or a function returning the current one (`() => session.token()`). */
  readonly token: TokenProvider;
  /** REST API version without the `v` (default {@link DEFAULT_API_VERSION}). */
  readonly apiVersion?: string;
  /** Default `fetchTransport()` (no cookies); tests replay recorded pages here. */
  readonly transport?: Transport;
  /**
   * `soql` (default): `GET /query?q=SELECT …` paged by `nextRecordsUrl`. `graphql`: the same GraphQL queries as in an
   * LWC, posted to `/graphql` (fields hidden from the user come back empty instead of failing the query).
   */
  readonly api?: 'soql' | 'graphql';
}

export interface SalesforceAdapterOptions {
  /**
   * In-org mode (a Lightning Web Component): runs one GraphQL query. The LWC re-issues its
   * `@wire(graphql, { query, variables })` with the next cursor and resolves with the wire's value.
   */
  readonly graphql?: GraphQLRunner;
  /** REST mode (external pages). Give exactly one of `graphql` and `rest`. */
  readonly rest?: SalesforceRestOptions;
  /** The object set (default `opportunities`); `customers` / `transactions` / `interactions` override parts. */
  readonly preset?: SalesforcePreset;
  readonly customers?: readonly SalesforceCustomerObject[];
  readonly transactions?: readonly SalesforceTransactionObject[];
  /** `[]` for none. */
  readonly interactions?: readonly SalesforceInteractionObject[];
  /** GraphQL records per page (200–2,000, default 2,000). SOQL pages are Salesforce's (up to 2,000). */
  readonly pageSize?: number;
  /** GraphQL: the most records read per object (default 100,000); past it, a `truncated` warning. */
  readonly upperBound?: number;
  /**
   * Ask for `CurrencyIsoCode` (default true). GraphQL asks for it `@optional`, so single-currency orgs are fine;
   * SOQL fails with `INVALID_FIELD` in a single-currency org: pass `false` there.
   */
  readonly multiCurrency?: boolean;
  /**
   * GraphQL: mark fields a record can do without `@optional` (default true). The `lightning/uiGraphQLApi` module
   * does not support the directive: pass `false` with it.
   */
  readonly optionalFields?: boolean;
  /** Retries of 429 / 5xx (core's `RetryOptions`: default 5, `Retry-After` honoured); `false` for none. */
  readonly retry?: RetryOptions | false;
  /** Replace a preset mapping per object; the fields it reads are queried automatically. */
  readonly mappings?: Readonly<Partial<Record<SalesforceObject, ObjectMapping>>>;
}

/** The objects an adapter with these options reads, in order (customers first). */
export function salesforceObjects(
  options: Pick<SalesforceAdapterOptions, 'preset' | 'customers' | 'transactions' | 'interactions'> = {},
): SalesforceObject[] {
  const preset = options.preset ?? 'opportunities';
  if (!isSalesforcePreset(preset)) {
    throw new TypeError(
      `unknown Salesforce preset "${String(preset)}"; the presets are: ${Object.keys(SALESFORCE_PRESETS).join(', ')}`,
    );
  }
  const set = SALESFORCE_PRESETS[preset];
  return [
    ...(options.customers ?? set.customers),
    ...(options.transactions ?? set.transactions),
    ...(options.interactions ?? set.interactions),
  ];
}

/** The mapping an adapter with these options uses for `object`. */
export function mappingFor(
  object: SalesforceObject,
  options: Pick<SalesforceAdapterOptions, 'mappings'> = {},
): ObjectMapping {
  return options.mappings?.[object] ?? salesforceMapping(object);
}

/**
 * The GraphQL query text for `object` with these options: what an LWC's `gql` document for the object must say
 * (examples/salesforce-lwc keeps static copies, checked against this in the adapter's tests).
 */
export function salesforceGraphQLQuery(
  object: SalesforceObject,
  options: Pick<SalesforceAdapterOptions, 'mappings' | 'multiCurrency' | 'optionalFields'> = {},
): string {
  return graphqlQuery(object, mappingFor(object, options), {
    ...(options.multiCurrency !== undefined ? { multiCurrency: options.multiCurrency } : {}),
    ...(options.optionalFields !== undefined ? { optionalFields: options.optionalFields } : {}),
  });
}

/**
 * Read a Salesforce org into canonical rows: Accounts and Contacts (customers), won Opportunities or activated
 * Orders / OrderItems (transactions), Tasks, Events and Cases (interactions).
 *
 * In an LWC, with the GraphQL wire adapter (cursor paging by `pageInfo.endCursor`):
 *
 * ```ts
 * const adapter = salesforceAdapter({ graphql: (request) => component.runQuery(request) });
 * ```
 *
 * On an external page, with the REST API and a PKCE sign-in:
 *
 * ```ts
 * const adapter = salesforceAdapter({ rest: { instanceUrl: session.instanceUrl, token: () => session.token() } });
 * const { input, warnings } = await collectAdapter(adapter, { signal });
 * ```
 */
export function salesforceAdapter(options: SalesforceAdapterOptions): Adapter {
  if ((options.graphql === undefined) === (options.rest === undefined)) {
    throw new TypeError(
      'salesforceAdapter needs exactly one of `graphql` (in an LWC) and `rest` (external pages)',
    );
  }
  const objects = salesforceObjects(options);
  const retry = options.retry ?? {};
  let run = options.graphql;
  let connection: SalesforceConnection | undefined;
  if (options.rest) {
    const rest = options.rest;
    const base = rest.transport ?? fetchTransport();
    const apiVersion = (rest.apiVersion ?? DEFAULT_API_VERSION).replace(/^v/, '');
    const instanceUrl = checkInstanceUrl(rest.instanceUrl);
    // The token is read once per request, outside the retries (a missing token is not a network failure).
    if (rest.api === 'graphql') {
      // Statuses are retried by the GraphQL pager (the runner's rejections carry them); network failures here.
      const transport = retry === false ? base : retrying(base, { ...retry, retryStatuses: [] });
      run = graphqlHttpRunner({ instanceUrl, apiVersion, transport: bearerTransport(transport, rest.token) });
    } else {
      const transport = retry === false ? base : retrying(base, retry);
      connection = {
        instanceUrl,
        apiVersion,
        transport: salesforceErrors(bearerTransport(transport, rest.token)),
      };
    }
  }
  const stream = (object: SalesforceObject): AdapterStream => {
    const mapping = mappingFor(object, options);
    const prepare = ACTIVITY_OBJECTS.has(object) ? withActivityParties : undefined;
    if (connection) {
      const soql = soqlQuery(object, mapping, {
        ...(options.multiCurrency !== undefined ? { multiCurrency: options.multiCurrency } : {}),
      });
      return { object, mapping, pages: soqlPager(connection, soql, prepare) };
    }
    const query = salesforceGraphQLQuery(object, options);
    return {
      object,
      mapping,
      pages: graphqlPager(
        run!,
        {
          object,
          query,
          ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
          ...(options.upperBound !== undefined ? { upperBound: options.upperBound } : {}),
          ...(prepare ? { prepare } : {}),
        },
        retry,
      ),
    };
  };
  return createAdapter('salesforce', objects.map(stream));
}

/** Read the org to the end (`collectAdapter` over `salesforceAdapter(options)`). */
export function collectSalesforce(
  options: SalesforceAdapterOptions & CollectOptions,
): Promise<CollectedDataset> {
  const { signal, resume, onPage, maxWarnings, ...adapterOptions } = options;
  return collectAdapter(salesforceAdapter(adapterOptions), {
    ...(signal ? { signal } : {}),
    ...(resume !== undefined ? { resume } : {}),
    ...(onPage ? { onPage } : {}),
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
  });
}
