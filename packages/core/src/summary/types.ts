import type { PurchaseOccasions } from '../clv/occasions.js';
/**
 * What counts as one purchase occasion (the unit of frequency):
 * - `'day'`: one UTC calendar day of a customer (same-day rows merged);
 * - `'order'`: one order (`orderId`) of a customer; rows without an order id are orders of their own;
 * - `'row'`: one row.
 *
 * In each case only purchases count: see {@link CustomerSummary} for when a day, order or row is one.
 */
export type PurchaseOccasion = 'day' | 'order' | 'row';

/** Options of {@link summarizeCustomers}. */
export interface SummarizeCustomersOptions {
  /**
   * The analysis date, epoch milliseconds UTC. Only its UTC calendar day matters: every row on or before that
   * day (up to 23:59:59.999 UTC) is used, rows on later days are ignored and counted in `stats.rowsAfterAsOf`.
   */
  readonly asOf: number;
  /**
   * Trailing window in whole days for frequency and monetary values: only occasions whose UTC day (the day of
   * their earliest row) lies in `[asOfDay − windowDays + 1, asOfDay]`, the `windowDays` days ending on and
   * including the analysis day, count toward `frequency`, `rows` and the revenue columns. First/last purchase and recency always look at the whole
   * history up to `asOf`. Omit for no window (all history).
   */
  readonly windowDays?: number;
  /**
   * Merge a customer's rows of the same UTC day into one purchase occasion (default `true`, the convention of the
   * customer-base literature, e.g. the CDNOW summaries). When `false`, an occasion is an order if the table has
   * `orderId`, else a row.
   */
  readonly mergeSameDay?: boolean;
  /**
   * Also return the purchase occasions (`occasions`: days per customer, CSR), as `purchaseOccasions` of the rows up
   * to `asOf` gives them — for day occasions without a window; scoring reuses them instead of grouping the rows a
   * second time. Default false.
   */
  readonly recordOccasions?: boolean;
}

/** Row and customer counts that explain what {@link summarizeCustomers} used and what it left out. */
export interface SummaryStats {
  /** Rows in the table. */
  readonly rows: number;
  /** Rows counted toward frequency and monetary values (on or before `asOf` and inside the window). */
  readonly rowsUsed: number;
  /** Rows dated on a UTC day after `asOf`'s day: ignored. */
  readonly rowsAfterAsOf: number;
  /** Rows on or before `asOf` whose occasion lies before the window: used for recency only. */
  readonly rowsBeforeWindow: number;
  /** Rows with a non-finite date or amount or a customer code outside the dictionary: ignored. */
  readonly rowsInvalid: number;
  /** Customers with no purchase occasion on or before `asOf` (`hasPurchase` is 0, recency NaN). */
  readonly customersWithoutPurchase: number;
  /** Customers with a purchase on or before `asOf` but none inside the window (frequency 0). */
  readonly customersWithoutPurchaseInWindow: number;
}

/**
 * Per-customer purchase summary, columnar: index `c` of every array is the customer with code `c`, whose id is
 * `ids[c]`. Every customer of the dictionary is present, including those without a purchase (flagged by
 * `hasPurchase`, never dropped).
 *
 * A purchase occasion is a day (order, row) whose net amount is positive (beyond floating-point rounding: more
 * than 1e-9 of its gross amount), or whose rows are all exactly 0 (free items, as in CDNOW, where the literature
 * counts them). Days that hold only returns, or whose returns cancel or exceed the purchases (net ≤ 0), are not
 * purchases, but their rows and amounts still count in `rows` and the revenue columns. An occasion's time is the
 * time of its earliest row.
 */
export interface CustomerSummary {
  /** Customer ids, `table.customer.dictionary` (shared, not copied). */
  readonly ids: readonly string[];
  /** Number of customers. */
  readonly length: number;
  /** The analysis date as given (epoch ms). */
  readonly asOf: number;
  /** UTC day number (days since 1970-01-01) of `asOf`. */
  readonly asOfDay: number;
  /** The window length in days, or `undefined` for all history. */
  readonly windowDays: number | undefined;
  /** First UTC day inside the window (`asOfDay − windowDays + 1`), or `-Infinity` without a window. */
  readonly windowStartDay: number;
  /** The occasion rule that was applied. */
  readonly occasion: PurchaseOccasion;
  /** Time of the first purchase occasion on or before `asOf` (epoch ms), NaN if none. */
  readonly firstPurchase: Float64Array;
  /** Time of the last purchase occasion on or before `asOf` (epoch ms), NaN if none. */
  readonly lastPurchase: Float64Array;
  /**
   * Whole UTC days from the last purchase's day to `asOf`'s day: `asOfDay − utcDayNumber(lastPurchase)`, so a purchase
   * on the analysis day has recency 0 and one the day before has recency 1. NaN if the customer has no purchase.
   */
  readonly recencyDays: Float64Array;
  /** Purchase occasions inside the window. */
  readonly frequency: Int32Array;
  /** Transaction rows inside the window (purchases and returns). */
  readonly rows: Int32Array;
  /** Sum of all amounts inside the window (gross revenue − returns). */
  readonly netRevenue: Float64Array;
  /** Sum of the positive amounts inside the window. */
  readonly grossRevenue: Float64Array;
  /** Sum of the negative amounts inside the window, as a positive number. */
  readonly returns: Float64Array;
  /** 1 if the customer has at least one purchase occasion on or before `asOf`, else 0. */
  readonly hasPurchase: Uint8Array;
  /** What was used and what was left out. */
  readonly stats: SummaryStats;
  /** The purchase occasions, when asked for with `recordOccasions` (day occasions, no window). */
  readonly occasions?: PurchaseOccasions;
}
