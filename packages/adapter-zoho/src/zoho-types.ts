/**
 * The parts of Zoho CRM's widget JS SDK (`ZohoEmbededAppSDK.min.js`, global `ZOHO`) and of its record responses
 * that the adapter uses. Zoho publishes no npm package or type definitions for the SDK, so these are written from
 * the SDK's own source and JSDoc (github.com/ZohoDevelopers/embeddedApp-js-sdk, `lib/ZohoCrmHelper.js`,
 * `lib/ZSDK.js`) and the CRM REST API's Get Records reference (`data` + `info`).
 */

/** `info` of a record list: `page` / `per_page` / `count` / `more_records`; v3+ adds page tokens. */
export interface ZohoPageInfo {
  readonly per_page?: number;
  /** Records in this page. */
  readonly count?: number;
  readonly page?: number;
  readonly more_records?: boolean;
  /** v3+: token of the next page (needed past 2,000 records; valid for a day). */
  readonly next_page_token?: string | null;
  readonly previous_page_token?: string | null;
  readonly page_token_expiry?: string | null;
  readonly sort_by?: string;
  readonly sort_order?: string;
}

/** A lookup field's value (`Account_Name`, `Contact_Name`, `Who_Id`, `What_Id`, `Owner`): `{ name, id }`. */
export interface ZohoLookup {
  readonly id: string;
  readonly name?: string | null;
}

/** One record: field API names → values (`null` for empty fields), `id` as text. */
export interface ZohoRecord {
  readonly id: string;
  readonly [field: string]: unknown;
}

/** What `getAllRecords` / `searchRecord` / `getRelatedRecords` resolve with (nothing at all when there are no records). */
export interface ZohoRecordsResponse {
  readonly data: readonly unknown[];
  readonly info?: ZohoPageInfo;
}

/**
 * An error the CRM API answers with (`{ code, details, message, status: "error" }`). Through the SDK a failed call
 * rejects with the host's failure payload; its exact shape is not documented (see docs/adapters/zoho.md), so the
 * adapter also reads an HTTP-like `status` / `headers` when the host gives them.
 */
export interface ZohoApiError {
  readonly code?: string;
  readonly status?: string | number;
  readonly message?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** `ZOHO.CRM.API.getAllRecords(config)`. */
export interface GetAllRecordsConfig {
  /** Module API name: `Accounts`, `Contacts`, `Deals`, `Calls`, `Events` (Meetings), `Tasks`, `Cases`, … */
  readonly Entity: string;
  readonly page?: number;
  readonly per_page?: number;
  readonly sort_order?: 'asc' | 'desc';
  readonly sort_by?: string;
  /** Comma-separated field API names (v3+ needs them; v2 returns every field without). */
  readonly fields?: string;
  readonly cvid?: string;
  readonly converted?: string;
  readonly approved?: string;
  /** v3+: continue past 2,000 records (not in the SDK's JSDoc; passed through to the API). */
  readonly page_token?: string;
}

/** `ZOHO.CRM.API.searchRecord(config)`. */
export interface SearchRecordConfig {
  readonly Entity: string;
  readonly Type: 'email' | 'phone' | 'word' | 'criteria';
  readonly Query: string;
  readonly page?: number;
  readonly per_page?: number;
  readonly delay?: boolean;
}

/** `ZOHO.CRM.API.getRelatedRecords(config)`. */
export interface GetRelatedRecordsConfig {
  readonly Entity: string;
  readonly RecordID: string;
  readonly RelatedList: string;
  readonly page?: number;
  readonly per_page?: number;
}

/** The SDK calls the adapter makes: `ZOHO.CRM.API`, or a stand-in with the same methods. */
export interface ZohoCrmApi {
  getAllRecords(config: GetAllRecordsConfig): Promise<unknown>;
  searchRecord?(config: SearchRecordConfig): Promise<unknown>;
  getRelatedRecords?(config: GetRelatedRecordsConfig): Promise<unknown>;
}

/** What `PageLoad` hands the widget (the record in view, for record-level locations). */
export interface ZohoPageLoadData {
  readonly Entity?: string;
  readonly EntityId?: string | readonly string[];
  readonly [key: string]: unknown;
}

/** The global `ZOHO` object of the widget SDK (the parts the widget page uses). */
export interface ZohoGlobal {
  readonly embeddedApp: {
    on(event: 'PageLoad', handler: (data: ZohoPageLoadData) => void): void;
    on(event: string, handler: (data: unknown) => void): void;
    init(): Promise<unknown> | undefined;
  };
  readonly CRM: { readonly API: ZohoCrmApi };
}
