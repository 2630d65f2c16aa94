import type { FieldMapping } from './mapping.js';
import type { ValueOptions } from './read-rows.js';
import type { ReadOptions } from './record-source.js';
import type { ReturnsPolicy } from './report.js';

/** Progress of a running ingestion. */
export interface IngestProgress {
  readonly table: 'transactions' | 'customers' | 'interactions' | 'summary';
  /** Records processed so far. */
  readonly rows: number;
  /** Input bytes read so far (compressed bytes for gzip), when reading bytes. */
  readonly bytes?: number;
}

/** Options shared by every table's ingestion. */
export interface IngestOptions extends ReadOptions, ValueOptions {
  /** Canonical field → source column / expression / constant. */
  mapping?: FieldMapping;
  /** Reference time for the `future-date` warning (default: now). Pass it for reproducible reports. */
  now?: number | Date;
  /** Customer ids known to exist (e.g. the customers table): rows for other ids get `unknown-customer`. */
  knownCustomers?: readonly string[];
  /** Keep at most this many rejected rows in detail (all are counted; default 100,000). */
  maxRejections?: number;
  signal?: AbortSignal;
  onProgress?: (progress: IngestProgress) => void;
  /**
   * Awaited every 4,096 rows and after every batch, every 16,384 rows while the keys of row objects are read
   * (before the first row), and every few milliseconds of work while the table is built (duplicate check,
   * columns). An in-thread host passes a function that yields to the event loop (a macrotask), so ingestion never
   * blocks the page for long; the signal is checked after each pause. Where it pauses does not change the result.
   */
  pause?: () => Promise<void>;
}

/** Options for transactions. */
export interface TransactionIngestOptions extends IngestOptions {
  /**
   * Returns/refunds (negative amounts) and cancellations: `net` (default) keeps them, so they are netted against
   * the customer's purchases; `exclude` removes them (counted as rejected with an `excluded-*` code). Either way
   * they are counted in the report.
   */
  returns?: ReturnsPolicy;
  /** An order id starting with this text marks a cancellation (Online Retail: `C`). */
  cancellationPrefix?: string;
}

export function nowMs(now: number | Date | undefined): number {
  if (now === undefined) return Date.now();
  return typeof now === 'number' ? now : now.getTime();
}
