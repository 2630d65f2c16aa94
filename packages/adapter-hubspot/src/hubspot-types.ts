/**
 * HubSpot's response and request models, as they are on the wire (dates are ISO 8601 text).
 *
 * Local mirrors of the models in `@hubspot/api-client` (`codegen/crm/objects/models/*`,
 * `codegen/crm/associations/v4/models/*`), so that the published package does not need the SDK. The SDK is a
 * dev dependency: `test/sdk-types.test.ts` asserts at compile time that each type here equals the JSON form of
 * its SDK model (`Wire<Model>` in `test/util/wire.ts`: `Date` → text, `_from` → `from`, `_in` → `in`, enums →
 * their values), so a drift fails the type check. Two deliberate, documented widenings: v4 `toObjectId` may be
 * a number and v4 `label` may be `null`, as HubSpot sends them.
 */

/** `NextPage`: the cursor of the next page (`link` is deprecated, HubSpot says to ignore it). */
export interface NextPage {
  readonly after: string;
  readonly link?: string;
}

export interface PreviousPage {
  readonly before: string;
  readonly link?: string;
}

/** `ForwardPaging`: absent on the last page. */
export interface ForwardPaging {
  readonly next?: NextPage;
}

export interface Paging {
  readonly next?: NextPage;
  readonly prev?: PreviousPage;
}

/** `SimplePublicObject`: one CRM record. Every property value is text or null. */
export interface SimplePublicObject {
  readonly id: string;
  readonly properties: Readonly<Record<string, string | null>>;
  readonly propertiesWithHistory?: Readonly<Record<string, readonly ValueWithTimestamp[]>>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly archived?: boolean;
  readonly archivedAt?: string;
  readonly objectWriteTraceId?: string;
}

export interface ValueWithTimestamp {
  readonly value: string;
  readonly timestamp: string;
  readonly sourceType: string;
  readonly sourceId?: string;
  readonly sourceLabel?: string;
  readonly updatedByUserId?: number;
}

/** `AssociatedId`: one associated record in a v3 object response (`type` e.g. `deal_to_company`). */
export interface AssociatedId {
  readonly id: string;
  readonly type: string;
}

/** `CollectionResponseAssociatedId`. */
export interface CollectionResponseAssociatedId {
  readonly results: readonly AssociatedId[];
  readonly paging?: Paging;
}

/** `SimplePublicObjectWithAssociations`: a record from `GET /crm/v3/objects/{type}?associations=…`. */
export interface SimplePublicObjectWithAssociations extends SimplePublicObject {
  /** Keyed by the associated object type as requested (`companies`, `contacts`). */
  readonly associations?: Readonly<Record<string, CollectionResponseAssociatedId>>;
}

/** `CollectionResponseSimplePublicObjectWithAssociationsForwardPaging`: `GET /crm/v3/objects/{type}`. */
export interface CollectionResponseSimplePublicObjectWithAssociationsForwardPaging {
  readonly results: readonly SimplePublicObjectWithAssociations[];
  readonly paging?: ForwardPaging;
}

/** `CollectionResponseWithTotalSimplePublicObjectForwardPaging`: `POST /crm/v3/objects/{type}/search`. */
export interface CollectionResponseWithTotalSimplePublicObjectForwardPaging {
  readonly total: number;
  readonly results: readonly SimplePublicObject[];
  readonly paging?: ForwardPaging;
}

/** `FilterOperatorEnum`. */
export type FilterOperator =
  | 'EQ'
  | 'NEQ'
  | 'LT'
  | 'LTE'
  | 'GT'
  | 'GTE'
  | 'BETWEEN'
  | 'IN'
  | 'NOT_IN'
  | 'HAS_PROPERTY'
  | 'NOT_HAS_PROPERTY'
  | 'CONTAINS_TOKEN'
  | 'NOT_CONTAINS_TOKEN';

export interface Filter {
  readonly propertyName: string;
  readonly operator: FilterOperator;
  readonly value?: string;
  readonly values?: readonly string[];
  readonly highValue?: string;
}

export interface FilterGroup {
  readonly filters: readonly Filter[];
}

/** `PublicObjectSearchRequest`. */
export interface PublicObjectSearchRequest {
  readonly query?: string;
  readonly limit?: number;
  readonly after?: string;
  readonly sorts?: readonly string[];
  readonly properties?: readonly string[];
  readonly filterGroups?: readonly FilterGroup[];
}

/** v4 `AssociationSpecWithLabel`. */
export interface AssociationSpecWithLabel {
  readonly category: 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';
  readonly typeId: number;
  readonly label?: string | null;
}

/** v4 `MultiAssociatedObjectWithLabel` (`toObjectId` is text in the spec; numbers are accepted too). */
export interface MultiAssociatedObjectWithLabel {
  readonly toObjectId: string | number;
  readonly associationTypes: readonly AssociationSpecWithLabel[];
}

export interface PublicObjectId {
  readonly id: string;
}

/** v4 `PublicAssociationMultiWithLabel` (the SDK's `_from` is `from` on the wire). */
export interface PublicAssociationMultiWithLabel {
  readonly from: PublicObjectId;
  readonly to: readonly MultiAssociatedObjectWithLabel[];
  /** Present only when the record has more associations than this response holds. */
  readonly paging?: Paging;
}

/** v4 `PublicFetchAssociationsBatchRequest` / `BatchInputPublicFetchAssociationsBatchRequest`. */
export interface BatchInputPublicFetchAssociationsBatchRequest {
  readonly inputs: readonly { readonly id: string; readonly after?: string }[];
}

export interface ErrorDetail {
  readonly message: string;
  readonly code?: string;
  readonly subCategory?: string;
  readonly in?: string;
  readonly context?: Readonly<Record<string, readonly string[]>>;
}

export interface StandardError {
  readonly status: string;
  readonly category: string;
  readonly message: string;
  readonly errors: readonly ErrorDetail[];
  readonly context: Readonly<Record<string, readonly string[]>>;
  readonly links: Readonly<Record<string, string>>;
  readonly id?: string;
  readonly subCategory?: unknown;
}

/**
 * `BatchResponsePublicAssociationMultiWithLabel` (200) and `…WithErrors` (207):
 * `POST /crm/v4/associations/{from}/{to}/batch/read`.
 */
export interface BatchResponsePublicAssociationMultiWithLabel {
  readonly status: 'PENDING' | 'PROCESSING' | 'CANCELED' | 'COMPLETE';
  readonly results: readonly PublicAssociationMultiWithLabel[];
  readonly startedAt: string;
  readonly completedAt: string;
  readonly requestedAt?: string;
  readonly links?: Readonly<Record<string, string>>;
  readonly numErrors?: number;
  readonly errors?: readonly StandardError[];
}

/** `CollectionResponseMultiAssociatedObjectWithLabelForwardPaging`: `GET /crm/v4/objects/{type}/{id}/associations/{toType}`. */
export interface CollectionResponseMultiAssociatedObjectWithLabelForwardPaging {
  readonly results: readonly MultiAssociatedObjectWithLabel[];
  readonly paging?: ForwardPaging;
}

/**
 * A 429's body, per HubSpot's API usage guidelines: `policyName` says which limit (`DAILY`, `SECONDLY`,
 * `TEN_SECONDLY_ROLLING`, …) was hit.
 */
export interface RateLimitError {
  readonly status: 'error';
  readonly message: string;
  readonly errorType: 'RATE_LIMIT';
  readonly correlationId: string;
  readonly policyName?: string;
  readonly requestId?: string;
}
