import { DAY_MS, type DateInput, toEpochMs, utcDayStart } from './dates.js';

/**
 * The purchase process: BG/NBD heterogeneity (Fader, Hardie & Lee 2005). While alive, a customer buys at a
 * Poisson rate λ per day; after every repeat purchase the customer drops out for good with probability p.
 * Across customers λ ~ Gamma(r, α) and p ~ Beta(a, b).
 */
export interface PurchaseProcessOptions {
  /** Shape r of the purchase-rate distribution λ ~ Gamma(r, α). Default 0.8 (r < 1: many rare buyers, a few very frequent ones). */
  r?: number;
  /** Rate α of λ ~ Gamma(r, α), in days (mean λ = r / α purchases a day). Default 14 (mean λ ≈ 0.057/day). */
  alpha?: number;
  /** Beta(a, b) shape a of the dropout probability p. Default 0.8. */
  a?: number;
  /** Beta(a, b) shape b of the dropout probability p (mean p = a / (a + b)). Default 8 (mean p ≈ 0.091). */
  b?: number;
}

/**
 * Spend per order: Gamma-Gamma heterogeneity (Fader, Hardie & Lee 2005, "RFM and CLV"). A customer's orders are
 * z ~ Gamma(p, ν) (mean p / ν), and across customers ν ~ Gamma(q, γ); the mean order value is p·γ / (q − 1).
 */
export interface SpendOptions {
  /** Shape p of each order value z ~ Gamma(p, ν). Default 6. */
  p?: number;
  /** Shape q of the customers' spend rate ν ~ Gamma(q, γ); must be > 1 for a finite mean. Default 4. */
  q?: number;
  /** Rate γ of ν ~ Gamma(q, γ). Default 30 (mean order value 6 · 30 / 3 = 60). */
  gamma?: number;
}

/**
 * Options of {@link generateDataset} and its parts. Every option has a default; all output is seeded.
 * Each customer's first purchase is uniform over the window; with the defaults a customer makes ≈ 10.1 purchases
 * on average (≈ 10.6 transaction rows with returns), so 100,000 customers give ≈ 1.06M rows.
 */
export interface DatasetOptions {
  /** Number of customers. Default 1000. */
  customers?: number;
  /** Seed, read as a 32-bit integer. Same seed and options → identical output. Default 1. */
  seed?: number;
  /** First day of the observation window (`YYYY-MM-DD` UTC, epoch ms or Date; the UTC day is used). Default `2023-01-01`. */
  start?: DateInput;
  /** Last day of the window, inclusive: nothing is dated on or after the next UTC midnight. Default `2024-12-31`. */
  end?: DateInput;
  /** Purchase-rate and dropout heterogeneity (BG/NBD). Defaults: r 0.8, α 14, a 0.8, b 8 (≈ 10 orders a customer). */
  purchases?: PurchaseProcessOptions;
  /**
   * A simpler way to say how fast customers leave: the mean dropout probability after each repeat purchase,
   * E[p] = a / (a + b).
   * When given, `purchases.b` is derived as a · (1 − churnRate) / churnRate (keeping `a`). Default: not used.
   */
  churnRate?: number;
  /** Spend per order heterogeneity (Gamma-Gamma). Defaults: p 6, q 4, γ 30 (mean order value 60). */
  spend?: SpendOptions;
  /**
   * Share of orders that get a later partial return: a row with a negative amount (a share of one line's units,
   * at most all of them), the same order id, product and channel, 1–30 days after the order. Returns that would
   * fall after `end` are not emitted. Default 0.05.
   */
  returnRate?: number;
  /**
   * Mean number of lines (rows) per order. 1 (default) gives one row per order; above 1 an order has
   * 1 + Poisson(basketSize − 1) lines of distinct products sharing the order id, date and channel, and the
   * order value is split across them (for basket / cross-selling analysis).
   */
  basketSize?: number;
  /** Number of products (`P0001`, …), popular by Zipf's law. Default 200. */
  products?: number;
  /**
   * Number of product categories (`Books`, `Music`, `Electronics`, … then `Category 21`, …); product k is in
   * category k mod categories. Default 12.
   */
  categories?: number;
  /**
   * Customer regions, the first most common (weights 1, 1/2, 1/3, …); orders carry their customer's region.
   * Default `North`, `South`, `East`, `West`, `Central`.
   */
  regions?: readonly string[];
  /**
   * Customer segments: a label drawn independently of behaviour (weights 1, 1/2, 1/3, …).
   * Default `Consumer`, `Small Business`, `Enterprise`.
   */
  segments?: readonly string[];
  /**
   * Sales channels. Each customer prefers one (weights 1, 1/2, …) and uses it for 80% of orders, any channel at
   * random otherwise. Default `online`, `store`, `phone`, `partner`.
   */
  channels?: readonly string[];
  /**
   * Service interactions per customer per year (a Poisson process from the customer's creation until the end of
   * the window, or 30 days after the customer drops out). Default 1.5.
   */
  interactionRate?: number;
  /** Share of interactions that are complaints (the rest: ticket, call, email, visit). Default 0.1. */
  complaintShare?: number;
  /**
   * Complaints are this many times as likely from 90 days before a customer drops out onwards (at most a 0.9 share),
   * so "complained recently" predicts churn. 1 turns the link off. Default 4.
   */
  complaintLift?: number;
}

export const DEFAULT_REGIONS: readonly string[] = ['North', 'South', 'East', 'West', 'Central'];
export const DEFAULT_SEGMENTS: readonly string[] = ['Consumer', 'Small Business', 'Enterprise'];
export const DEFAULT_CHANNELS: readonly string[] = ['online', 'store', 'phone', 'partner'];

/** Options with every default filled in and checked. */
export interface ResolvedDatasetOptions {
  readonly customers: number;
  readonly seed: number;
  /** Epoch ms of the first day's UTC midnight. */
  readonly start: number;
  /** Epoch ms of the UTC midnight after the last day: every date is < this. */
  readonly endExclusive: number;
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
  readonly spendP: number;
  readonly spendQ: number;
  readonly spendGamma: number;
  readonly returnRate: number;
  readonly basketSize: number;
  readonly products: number;
  readonly categories: number;
  readonly regions: readonly string[];
  readonly segments: readonly string[];
  readonly channels: readonly string[];
  readonly interactionRate: number;
  readonly complaintShare: number;
  readonly complaintLift: number;
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value))
    throw new RangeError(`${name} must be a finite number > 0, not ${value}`);
  return value;
}

function share(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be between 0 and 1, not ${value}`);
  return value;
}

function count(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`${name} must be an integer ≥ ${min}, not ${value}`);
  return value;
}

function list(name: string, values: readonly string[]): readonly string[] {
  if (values.length === 0) throw new RangeError(`${name} must not be empty`);
  return values;
}

/** Fill in defaults and check ranges (RangeError on bad values). */
export function resolveDatasetOptions(options: DatasetOptions = {}): ResolvedDatasetOptions {
  const start = utcDayStart(toEpochMs(options.start ?? '2023-01-01', 'start'));
  const endExclusive = utcDayStart(toEpochMs(options.end ?? '2024-12-31', 'end')) + DAY_MS;
  if (endExclusive <= start) throw new RangeError('end must not be before start');
  const purchases = options.purchases ?? {};
  const a = positive('purchases.a', purchases.a ?? 0.8);
  let b = positive('purchases.b', purchases.b ?? 8);
  if (options.churnRate !== undefined) {
    const churn = options.churnRate;
    if (!(churn > 0 && churn < 1))
      throw new RangeError(`churnRate must be between 0 and 1 (exclusive), not ${churn}`);
    b = (a * (1 - churn)) / churn;
  }
  const spend = options.spend ?? {};
  const basketSize = options.basketSize ?? 1;
  if (!(basketSize >= 1) || !Number.isFinite(basketSize))
    throw new RangeError(`basketSize must be ≥ 1, not ${basketSize}`);
  const complaintLift = options.complaintLift ?? 4;
  if (!(complaintLift >= 1) || !Number.isFinite(complaintLift)) {
    throw new RangeError(`complaintLift must be ≥ 1, not ${complaintLift}`);
  }
  const interactionRate = options.interactionRate ?? 1.5;
  if (!(interactionRate >= 0) || !Number.isFinite(interactionRate)) {
    throw new RangeError(`interactionRate must be ≥ 0, not ${interactionRate}`);
  }
  return {
    customers: count('customers', options.customers ?? 1000, 0),
    seed: options.seed ?? 1,
    start,
    endExclusive,
    r: positive('purchases.r', purchases.r ?? 0.8),
    alpha: positive('purchases.alpha', purchases.alpha ?? 14),
    a,
    b,
    spendP: positive('spend.p', spend.p ?? 6),
    spendQ: positive('spend.q', spend.q ?? 4),
    spendGamma: positive('spend.gamma', spend.gamma ?? 30),
    returnRate: share('returnRate', options.returnRate ?? 0.05),
    basketSize,
    products: count('products', options.products ?? 200, 1),
    categories: count('categories', options.categories ?? 12, 1),
    regions: list('regions', options.regions ?? DEFAULT_REGIONS),
    segments: list('segments', options.segments ?? DEFAULT_SEGMENTS),
    channels: list('channels', options.channels ?? DEFAULT_CHANNELS),
    interactionRate,
    complaintShare: share('complaintShare', options.complaintShare ?? 0.1),
    complaintLift,
  };
}

/** Random stream numbers: each part of the dataset draws from its own stream, so parts can be made alone. */
export const STREAM = { customers: 1, transactions: 2, interactions: 3, messyCsv: 4 } as const;
