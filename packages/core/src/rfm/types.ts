/**
 * How one of R, F, M is turned into a score 1…n (higher = better: more recent, more frequent, more spend).
 *
 * - `'rfm-package'` (default, n = 5): the rule of the R package rfm (see {@link rfmPackageBreaks}): breaks at
 *   R's type-7 quantiles + 1, intervals closed on the left. Equal values always get equal scores; where quantiles
 *   coincide (many customers with one purchase) a score level stays empty.
 * - `'ntile'`: equal-count ranks like `dplyr::ntile`: customers sorted by value, ties broken by customer id
 *   (code-unit order), rank k of N (0-based) gets `floor(n·k / N) + 1`; for recency the order is reversed.
 *   Equal values may get different scores.
 * - `'breaks'`: custom thresholds b₁ < … < bₙ₋₁; a value x falls in the level of the number of thresholds ≤ x
 *   (intervals `[bₖ, bₖ₊₁)`, as in the rfm package's custom bins), so n = thresholds + 1.
 */
export type ScoreRule =
  | { readonly method: 'rfm-package'; readonly n?: number }
  | { readonly method: 'ntile'; readonly n?: number }
  | { readonly method: 'breaks'; readonly breaks: readonly number[] };

/** The name of a {@link ScoreRule}. */
export type ScoreMethod = ScoreRule['method'];

/** Per-customer R, F, M inputs; a {@link CustomerSummary} has all of them. */
export interface RfmScoreInput {
  /** Customer ids (for deterministic tie-breaks and output). */
  readonly ids: readonly string[];
  /** Days since the last purchase; NaN marks a customer without purchase, who is not scored. */
  readonly recencyDays: ArrayLike<number>;
  /** Purchase occasions in the window. */
  readonly frequency: ArrayLike<number>;
  /** Net revenue in the window. */
  readonly netRevenue: ArrayLike<number>;
}

/** Options of {@link scoreRfm}. */
export interface RfmScoreOptions {
  /** Monetary value: total net revenue in the window (default) or mean net revenue per purchase occasion. */
  readonly monetary?: 'total' | 'mean';
  /** Rule for all three dimensions unless overridden in `rules` (default `{ method: 'rfm-package', n: 5 }`). */
  readonly rule?: ScoreRule;
  /** Per-dimension rules. */
  readonly rules?: {
    readonly recency?: ScoreRule;
    readonly frequency?: ScoreRule;
    readonly monetary?: ScoreRule;
  };
}

/** One score level of one dimension: which values it holds. */
export interface ScoreLevel {
  readonly score: number;
  readonly customers: number;
  /** Smallest value among its customers (NaN when empty). */
  readonly min: number;
  /** Largest value among its customers (NaN when empty). */
  readonly max: number;
}

/** How one dimension was scored. */
export interface DimensionScoring {
  readonly method: ScoreMethod;
  /** Number of score levels. */
  readonly n: number;
  /**
   * Thresholds b₁ ≤ … ≤ bₙ₋₁ (empty for `'ntile'`): with t = number of thresholds ≤ x, frequency and monetary
   * score t + 1, recency scores n − t.
   */
  readonly breaks: readonly number[];
  /** Levels 1…n with their customer counts and value ranges. */
  readonly levels: readonly ScoreLevel[];
}

/** RFM values and scores per customer (index = customer code). */
export interface RfmScores {
  readonly ids: readonly string[];
  readonly length: number;
  readonly recencyDays: Float64Array;
  readonly frequency: Float64Array;
  /** The monetary value that was scored (total or mean, see `monetaryMeasure`). */
  readonly monetary: Float64Array;
  /** Net revenue in the window, for revenue shares. */
  readonly netRevenue: Float64Array;
  readonly monetaryMeasure: 'total' | 'mean';
  /** Recency score 1…n (n = most recent); 0 = not scored (no purchase). */
  readonly r: Uint8Array;
  /** Frequency score 1…n; 0 = not scored. */
  readonly f: Uint8Array;
  /** Monetary score 1…n; 0 = not scored. */
  readonly m: Uint8Array;
  /** Customers with scores. */
  readonly scored: number;
  /** Customers without a purchase (NaN recency): left unscored, score 0. */
  readonly unscored: number;
  /** How each dimension was scored: rule, breaks and levels. */
  readonly scoring: {
    readonly recency: DimensionScoring;
    readonly frequency: DimensionScoring;
    readonly monetary: DimensionScoring;
  };
}
