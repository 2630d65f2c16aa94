/**
 * The parts of Salesforce's responses the adapter reads, written from Salesforce's documentation (no SDK is a
 * dependency): the UI API GraphQL schema as the `lightning/graphql` wire adapter and `POST /services/data/vXX.0/graphql`
 * return it (GraphQL API Developer Guide: "Query Record Objects", "Paginate Results", "Paginate with Upper-Bound
 * Limit"), the REST API's `query` resource (REST API Developer Guide: "Execute a SOQL Query", "Status Codes and Error
 * Responses"), and the OAuth 2.0 web server flow with PKCE ("OAuth 2.0 Web Server Flow for Web App Integration",
 * "Code Challenge and Verifier").
 */

/** A UI API field value: `Name { value displayValue }`. `value` is `null` for an empty field. */
export interface UiapiFieldValue<T = unknown> {
  readonly value: T | null;
  readonly displayValue?: string | null;
  readonly label?: string | null;
}

/** `pageInfo` of a record connection (GraphQL Cursor Connections Specification, forward paging only). */
export interface UiapiPageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
  readonly hasPreviousPage?: boolean;
  readonly startCursor?: string | null;
}

/** One edge: the record (`node`: `Id`, field values wrapped in `{ value }`, parent records nested). */
export interface UiapiEdge {
  readonly node: unknown;
  readonly cursor?: string;
}

/** A record connection, e.g. `uiapi.query.Account`. */
export interface UiapiConnection {
  readonly edges: readonly UiapiEdge[];
  readonly pageInfo: UiapiPageInfo;
  /** Records matching the query in all (asked for with `totalCount`). */
  readonly totalCount?: number;
  readonly pageResultCount?: number;
}

/** One GraphQL error (GraphQL Response specification; Salesforce adds `extensions.errorType`). */
export interface GraphQLError {
  readonly message: string;
  readonly locations?: readonly { readonly line: number; readonly column: number }[] | null;
  readonly path?: readonly (string | number)[] | null;
  readonly extensions?: Readonly<Record<string, unknown>> | null;
}

/** What a GraphQL query returns: `{ data: { uiapi: { query: { Account: … } } }, errors }`. */
export interface GraphQLResponse {
  readonly data?: {
    readonly uiapi?: { readonly query?: Readonly<Record<string, UiapiConnection | null>> | null } | null;
  } | null;
  readonly errors?: readonly GraphQLError[] | null;
}

/** `attributes` of a REST record: its sObject type and URL. */
export interface SObjectAttributes {
  readonly type: string;
  readonly url?: string;
}

/** One record of a SOQL result: field API names → values, parent records nested (`Order: { EffectiveDate }`). */
export interface SObjectRecord {
  readonly attributes?: SObjectAttributes;
  readonly [field: string]: unknown;
}

/** `GET /services/data/vXX.0/query?q=…` and `GET nextRecordsUrl`. */
export interface SoqlQueryResult {
  readonly totalSize: number;
  readonly done: boolean;
  readonly records: readonly SObjectRecord[];
  /** `/services/data/vXX.0/query/01gxx0000000001-2000`; absent when `done`. */
  readonly nextRecordsUrl?: string;
}

/** An error of the REST API: the body is an array of these. */
export interface SalesforceApiError {
  readonly message: string;
  /** `INVALID_FIELD`, `INVALID_SESSION_ID`, `REQUEST_LIMIT_EXCEEDED`, `MALFORMED_QUERY`, … */
  readonly errorCode: string;
  readonly fields?: readonly string[];
}

/** The token endpoint's answer to an authorization-code exchange. */
export interface SalesforceTokenResponse {
  readonly access_token: string;
  /** The org's own URL (`https://mydomain.my.salesforce.com`): the REST API is called there. */
  readonly instance_url: string;
  /** The identity URL of the user. */
  readonly id: string;
  readonly token_type: string;
  /** Milliseconds since the epoch, as text. */
  readonly issued_at: string;
  readonly signature?: string;
  readonly scope?: string;
  /** Only when the connected app grants `refresh_token`; the helpers here never keep it. */
  readonly refresh_token?: string;
  readonly id_token?: string;
}

/** The token endpoint's error (`{ error: 'invalid_grant', error_description }`). */
export interface OAuthErrorResponse {
  readonly error: string;
  readonly error_description?: string;
}
