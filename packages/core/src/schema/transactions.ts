import type { DictColumn } from './columns.js';

/**
 * Canonical transactions: one row per purchase line (or order), columnar.
 *
 * `customer.dictionary` lists every customer id that occurs; `customer.codes[i]` is row i's customer index, so
 * the number of customers is `customer.dictionary.length` and per-customer arrays have that length.
 * A negative `amount` is a return or refund; how returns were treated is recorded in the ingestion report.
 */
export interface TransactionTable {
  readonly kind: 'transactions';
  /** Number of rows. */
  readonly length: number;
  /** Customer id, dictionary-encoded (required). */
  readonly customer: DictColumn;
  /** Transaction time, epoch milliseconds UTC (required). */
  readonly date: Float64Array;
  /** Net amount in `currency`; negative = return/refund (required). */
  readonly amount: Float64Array;
  readonly orderId?: DictColumn;
  readonly quantity?: Float64Array;
  readonly unitPrice?: Float64Array;
  /** Cost of goods for the row, when known (margin = amount − cost). */
  readonly cost?: Float64Array;
  /** Product id / SKU. */
  readonly product?: DictColumn;
  readonly category?: DictColumn;
  readonly region?: DictColumn;
  readonly channel?: DictColumn;
  readonly currency?: DictColumn;
}
