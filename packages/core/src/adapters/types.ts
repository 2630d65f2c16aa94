import type { TableKind } from '../schema/fields.js';

/**
 * The adapter contract: what every CRM adapter (`@crm-lens/adapter-*`) implements and what the host reads.
 *
 * An adapter is an async iterable of pages. Each page carries canonical rows (objects keyed by the canonical
 * field names of [the data model](../../../../docs/guide/data-model.md), values as the source gave them, so
 * ingestion parses and reports them), the warnings for records that could not be mapped, the progress so far,
 * and a resume token. Pages come from raw pagers over an injectable {@link Transport} (or a host SDK), and rows
 * from a declarative {@link ObjectMapping}.
 */

/** One HTTP request, as an adapter's pager builds it. */
export interface TransportRequest {
  readonly method: 'GET' | 'POST';
  /** Absolute URL, query string included. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Request body (JSON text for POST). */
  readonly body?: string;
  /**
   * How to return the response body: `json` (default) parses JSON responses and returns other content types as
   * text; `text` always returns text; `bytes` returns a `Uint8Array` (for CSV / gzip / Arrow files).
   */
  readonly responseType?: 'json' | 'text' | 'bytes';
  readonly signal?: AbortSignal;
}

/** What a transport hands back. Header names are lower-case. */
export interface TransportResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON, text or bytes (see `TransportRequest.responseType`). */
  readonly body: unknown;
}

/**
 * Sends one request. Injectable: the default is `fetchTransport()`; tests replay recorded pages; a host that
 * proxies (a token broker, a CRM's own fetch) wraps its own function. A transport rejects only when no
 * response arrived (network failure, abort); HTTP errors are responses with their status.
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** One page as a raw pager returns it: the source's records, untouched, and where the next page starts. */
export interface RawPage {
  readonly records: readonly unknown[];
  /** Opaque position of the next page (a cursor, offset, page number or URL); absent on the last page. */
  readonly next?: string;
  /** Total number of records, when the source says. */
  readonly total?: number;
  /** Warnings about the source rather than a record (e.g. `truncated`), passed on with the page. */
  readonly warnings?: readonly AdapterWarning[];
}

/** Where a raw pager starts, and its cancellation. */
export interface PagerStart {
  /** A `RawPage.next` from an earlier run; absent = from the first page. */
  readonly cursor?: string;
  readonly signal?: AbortSignal;
}

/** A raw pager: the host transport's (or SDK's) pages of one CRM object, from a position. */
export type Pager = (start: PagerStart) => AsyncIterable<RawPage>;

/** A canonical row: canonical field name → value as the source gave it (text, number or Date). */
export type CanonicalRow = Record<string, string | number | Date | undefined>;

/** Why a record was not (fully) mapped, or a row not converted. Never carries a record's content. */
export type AdapterWarningCode =
  /** The record is not an object (skipped). */
  | 'not-an-object'
  /** A required field is empty or absent (skipped). */
  | 'missing-required'
  /** A field's path leads to an object or an array, not a value (required: skipped; optional: left empty). */
  | 'not-a-value'
  /** An expression operand is not a number (required: skipped; optional: left empty). */
  | 'invalid-number'
  /** A delimited line could not be read as a record (skipped). */
  | 'malformed-line'
  /** A delimited line has more or fewer fields than the header (skipped). */
  | 'field-count'
  /** The source stops serving results before the end (e.g. a search API's result cap). */
  | 'truncated'
  /** `convertCurrency`: the row has no currency (left unconverted). */
  | 'missing-currency'
  /** `convertCurrency`: no rate for the row's currency (left unconverted). */
  | 'unknown-currency';

/**
 * A warning about one record. It names the record by position and CRM id only: no field values, so warnings can
 * be logged, shown and sent anywhere.
 */
export interface AdapterWarning {
  readonly code: AdapterWarningCode;
  /** The CRM object (or source) the record came from, e.g. `deals`. */
  readonly object: string;
  /** 1-based position of the record among the object's records, across pages. */
  readonly record?: number;
  /** The record's id in the CRM, when it has one. */
  readonly id?: string;
  /** The canonical field concerned. */
  readonly field?: string;
  /** A plain message; built from the mapping and codes, never from record values. */
  readonly message: string;
}

/** How far an adapter has read (counts are for the current object, cumulative across its pages). */
export interface AdapterProgress {
  readonly object: string;
  readonly table: TableKind;
  /** 0-based index of the object among the adapter's objects, and their number. */
  readonly step: number;
  readonly steps: number;
  readonly pages: number;
  /** Records received. Invariant: records = rows + skipped + filtered. */
  readonly records: number;
  readonly rows: number;
  /** Records not mapped (each has a warning). */
  readonly skipped: number;
  /** Records left out by the mapping's `where` filter (e.g. deals not won): expected, not warned. */
  readonly filtered: number;
  /** Total records of the object, when the source says. */
  readonly total?: number;
}

/** One page of canonical rows. */
export interface AdapterPage {
  readonly customers: readonly CanonicalRow[];
  readonly transactions: readonly CanonicalRow[];
  readonly interactions: readonly CanonicalRow[];
  readonly warnings: readonly AdapterWarning[];
  readonly progress: AdapterProgress;
  /**
   * Opaque token to continue after this page (`adapter.read({ resume })`); absent after the last page. Holds
   * positions (cursors, offsets, or the next page's URL for next-link paging) and counts: no headers and no
   * record values — so keep credentials out of URLs.
   */
  readonly resumeToken?: string;
}

export interface AdapterReadOptions {
  /** Stops reading: the iteration rejects with the signal's reason (an `AbortError`) and sends no more requests. */
  readonly signal?: AbortSignal;
  /** A `resumeToken` from an earlier page of the same adapter. */
  readonly resume?: string;
}

/** A source of canonical rows: a CRM adapter, the REST adapter, a host SDK. */
export interface Adapter {
  /** Adapter name, e.g. `hubspot`; resume tokens are bound to it. */
  readonly name: string;
  /** The CRM objects it reads, in order. */
  readonly objects: readonly string[];
  read(options?: AdapterReadOptions): AsyncIterable<AdapterPage>;
}
