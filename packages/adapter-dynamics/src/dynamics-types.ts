/**
 * The parts of the Power Apps component framework (PCF) API and of Dataverse's Web API responses that the adapter
 * uses, written out structurally so that the adapter's declarations do not need the vendor's type package. They are
 * the shapes of `@types/powerapps-component-framework` (`ComponentFramework.WebApi`, `WebApi.RetrieveMultipleResponse`,
 * `PropertyTypes.DataSet`, `PropertyHelper.DataSetApi.EntityRecord` / `Paging` / `Column`): the contract tests assign
 * the vendor's own types to these, so a change there that the adapter cannot take fails the type check.
 */

/** One Dataverse record as the Web API returns it: attribute logical names (and annotations) → values. */
export interface DataverseEntity {
  // The vendor types say `any`; values are JSON (text, numbers, booleans, null, objects for $expand).
  readonly [attribute: string]: unknown;
}

/**
 * What `context.webAPI.retrieveMultipleRecords` resolves with: the page's records and, when there are more than
 * `maxPageSize`, `nextLink`, the URL of the next page (its query string goes back in as `options`).
 */
export interface RetrieveMultipleResponse {
  readonly entities: readonly DataverseEntity[];
  readonly nextLink?: string;
}

/**
 * The Web API's own JSON for a collection (`GET [org]/api/data/v9.2/accounts?…`): `value` and
 * `@odata.nextLink`. The adapter reads it too, for hosts that hand over the raw response.
 */
export interface ODataCollectionResponse {
  readonly '@odata.context'?: string;
  readonly value: readonly DataverseEntity[];
  readonly '@odata.nextLink'?: string;
}

/** `context.webAPI`, or anything with its `retrieveMultipleRecords` (tests pass a stand-in replaying pages). */
export interface DynamicsWebApi {
  /**
   * @param entityType the table's logical name (`account`, `salesorder`, …; not the entity set name)
   * @param options OData system query options (`?$select=…&$filter=…`), or the query string of a `nextLink`
   * @param maxPageSize records per page (Dataverse: at most 5,000)
   */
  retrieveMultipleRecords(
    entityType: string,
    options?: string,
    maxPageSize?: number,
  ): Promise<RetrieveMultipleResponse | ODataCollectionResponse>;
}

/**
 * What a failed `context.webAPI` call rejects with. The PCF type package does not describe it; in model-driven apps
 * it is the client API's error object: `errorCode` (Dataverse's error code, e.g. `0x80072322` / −2147015902 for a
 * service protection limit) and `message`, sometimes `code`, `title`, `raw`. The adapter also reads an HTTP-like
 * `status` and `headers` (with `Retry-After`) when a host passes them. Messages are never repeated by the adapter:
 * they may name records or users.
 */
export interface DynamicsErrorResponse {
  readonly errorCode?: number | string;
  readonly code?: number | string;
  readonly message?: string;
  readonly title?: string;
  readonly raw?: string;
  readonly status?: number;
  readonly statusCode?: number;
  readonly httpStatusCode?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A lookup's value in a dataset record (`ComponentFramework.EntityReference`). */
export interface DatasetEntityReference {
  readonly id: { readonly guid: string };
  readonly etn?: string | undefined;
  readonly name: string;
}

/** A lookup's value as `LookupValue` (`{ id, name, entityType }`), the other form a dataset may give. */
export interface DatasetLookupValue {
  readonly id: string;
  readonly name?: string | undefined;
  readonly entityType: string;
}

/** One record of a dataset (`PropertyHelper.DataSetApi.EntityRecord`). */
export interface DatasetRecord {
  getRecordId(): string;
  getValue(
    columnName: string,
  ):
    | string
    | Date
    | number
    | number[]
    | boolean
    | DatasetEntityReference
    | DatasetEntityReference[]
    | DatasetLookupValue
    | DatasetLookupValue[]
    | null
    | undefined;
  getFormattedValue(columnName: string): string | null | undefined;
}

/** A dataset column (`PropertyHelper.DataSetApi.Column`): the parts the adapter reads. */
export interface DatasetColumn {
  readonly name: string;
  readonly dataType?: string;
  readonly alias?: string;
}

/** A dataset's paging (`PropertyHelper.DataSetApi.Paging`). */
export interface DatasetPaging {
  /** −1 (or absent) when the host does not know. */
  readonly totalResultCount?: number;
  readonly pageSize?: number;
  readonly hasNextPage: boolean;
  loadNextPage(loadOnlyNewPage?: boolean): void;
  loadExactPage?(pageNumber: number): void;
  setPageSize(pageSize: number): void;
  reset(): void;
}

/**
 * The records of the view (or subgrid) a dataset control is bound to: `context.parameters.<name>`
 * (`ComponentFramework.PropertyTypes.DataSet`). New data arrives in the control's next `updateView`.
 */
export interface DynamicsDataSet {
  readonly loading: boolean;
  readonly error: boolean;
  readonly errorMessage?: string;
  readonly columns: readonly DatasetColumn[];
  readonly sortedRecordIds: readonly string[];
  readonly records: { readonly [id: string]: DatasetRecord };
  readonly paging: DatasetPaging;
  addColumn?: ((name: string, entityAlias?: string) => void) | undefined;
  getTargetEntityType(): string;
  refresh(): void;
}
