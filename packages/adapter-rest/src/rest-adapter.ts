import {
  type Adapter,
  type AdapterStream,
  createAdapter,
  fetchTransport,
  type ObjectMapping,
  type Pager,
  type PageThroughOptions,
  type Paging,
  pageThrough,
  type RetryOptions,
  retrying,
  type Transport,
} from '@crm-lens/core';
import { type FileReadOptions, filePager } from './file-pager.js';

/** One endpoint or file and how its records map to one canonical table. */
export interface RestSource {
  /** Name of what it serves (`orders`, `customers`), used in warnings and progress. */
  readonly object: string;
  readonly url: string;
  /**
   * `json` (default): a JSON API, records at `records`, paged by `paging`. `file`: a data file — CSV, TSV,
   * whitespace-separated, JSON, JSON Lines or Arrow, gzip-compressed or not — read with core's ingestion reader
   * (columns become record keys).
   */
  readonly format?: 'json' | 'file';
  readonly mapping: ObjectMapping;
  /** `json`: path of the record array in each response (`data`, `results`); default `''`, the body itself. */
  readonly records?: string;
  /** `json`: path of a total record count, for progress. */
  readonly total?: string;
  /** `json`: how the API pages (default: one response). */
  readonly paging?: Paging;
  readonly method?: 'GET' | 'POST';
  /** `json` POST body; body paging parameters are merged into it. */
  readonly body?: Readonly<Record<string, unknown>>;
  /**
   * Extra request headers. Never put a secret here in a browser page: use a same-origin proxy or a token
   * broker that adds credentials server-side.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** `json`: stop after this many pages (previews); reading can resume from the last page's token. */
  readonly maxPages?: number;
  /** `json`: follow next links to another origin (default false). */
  readonly crossOrigin?: boolean;
  /** `file`: format, delimiter, header, encoding, records per page. */
  readonly file?: FileReadOptions;
  /** Expression operands written with a decimal comma. */
  readonly decimalComma?: boolean;
}

export interface RestAdapterOptions {
  /** Adapter name (default `rest`); resume tokens are bound to it. */
  readonly name?: string;
  /** Read in order; customers first, so their ids seed the shared customer code space. */
  readonly sources: readonly RestSource[];
  /** Default `fetchTransport()`. Tests replay recorded responses here. */
  readonly transport?: Transport;
  /** Retries of 429 / 502 / 503 / 504 (default `{}`: 5 retries, `Retry-After` honoured); `false` for none. */
  readonly retry?: RetryOptions | false;
}

/** The raw pager of one source (exported for adapters that reuse it with their own mapping). */
export function restPager(transport: Transport, source: RestSource): Pager {
  if (source.format === 'file') return filePager(transport, source.url, source.headers, source.file);
  return ({ cursor, signal }) => {
    const options: PageThroughOptions = {
      url: source.url,
      records: source.records ?? '',
      paging: source.paging ?? { kind: 'none' },
      ...(source.method ? { method: source.method } : {}),
      ...(source.body ? { body: source.body } : {}),
      ...(source.headers ? { headers: source.headers } : {}),
      ...(source.total !== undefined ? { total: source.total } : {}),
      ...(source.maxPages !== undefined ? { maxPages: source.maxPages } : {}),
      ...(source.crossOrigin ? { crossOrigin: true } : {}),
      ...(cursor !== undefined ? { cursor } : {}),
      ...(signal ? { signal } : {}),
    };
    return pageThrough(transport, options);
  };
}

/**
 * The generic adapter: data files and paged JSON APIs, each mapped declaratively to canonical rows.
 *
 * ```ts
 * const adapter = restAdapter({
 *   sources: [{
 *     object: 'orders',
 *     url: 'https://shop.example.com/api/orders?status=paid',
 *     records: 'data',
 *     paging: { kind: 'link-header' },
 *     mapping: { table: 'transactions', fields: { customerId: 'customer.id', date: 'paid_at', amount: 'total', currency: 'currency' } },
 *   }],
 * });
 * ```
 */
export function restAdapter(options: RestAdapterOptions): Adapter {
  const base = options.transport ?? fetchTransport();
  const transport = options.retry === false ? base : retrying(base, options.retry ?? {});
  const streams: AdapterStream[] = options.sources.map((source) => ({
    object: source.object,
    mapping: source.mapping,
    pages: restPager(transport, source),
    ...(source.decimalComma ? { decimalComma: true } : {}),
  }));
  return createAdapter(options.name ?? 'rest', streams);
}
