/**
 * Every type that crosses the boundary between a page and an engine host (in-thread, Web Worker or iframe).
 * Everything here is structured-cloneable: plain objects, strings, numbers and typed arrays — no functions,
 * no class instances. Typed arrays in results are transferred, never copied.
 */
import type {
  ColumnarInput,
  CustomerTable,
  IngestReport,
  InteractionTable,
  Rejection,
  TransactionIngestOptions,
  TransactionTable,
} from '@crm-lens/core';

/**
 * Where the analytics run: a module worker, a classic worker from a `blob:` URL, a hidden iframe on another
 * origin (the compute host page, which runs its own worker or its own thread), or the page's own thread.
 */
export type HostKind = 'module-worker' | 'blob-worker' | 'iframe' | 'in-thread';

/** Every host kind, in the order of the fullest fallback chain (for validating lists such as `hosts="…"`). */
export const HOST_KINDS: readonly HostKind[] = ['module-worker', 'blob-worker', 'iframe', 'in-thread'];

/** Ingestion options that can cross a thread boundary (the callbacks and the signal stay behind). */
export type WireIngestOptions = Omit<TransactionIngestOptions, 'signal' | 'onProgress' | 'onBytes'>;

/** Data for `load`. Data is moved into the host once and stays there, addressed by the returned handle. */
export type LoadInput =
  /** Canonical tables (typed arrays). Copied into the host unless `transfer: true` hands the buffers over. */
  | {
      readonly kind: 'tables';
      readonly transactions: TransactionTable;
      readonly customers?: CustomerTable;
      readonly interactions?: InteractionTable;
      readonly transfer?: boolean;
    }
  /** Row objects from the host page: columnarised on the calling thread in chunks (no long task), then moved. */
  | {
      readonly kind: 'rows';
      readonly rows: readonly Readonly<Record<string, unknown>>[];
      readonly options?: WireIngestOptions;
    }
  /** Columns (arrays or typed arrays) ingested in the host. Typed arrays are copied unless `transfer: true`. */
  | {
      readonly kind: 'columns';
      readonly columns: ColumnarInput;
      readonly options?: WireIngestOptions;
      readonly transfer?: boolean;
    }
  /** File bytes (CSV/TSV/JSON/Arrow, gzip or not), parsed in the host. Copied unless `transfer: true`. */
  | {
      readonly kind: 'bytes';
      readonly bytes: Uint8Array;
      readonly options?: WireIngestOptions;
      readonly transfer?: boolean;
    }
  /** A URL fetched and parsed in the host (relative URLs resolve against the page). */
  | { readonly kind: 'url'; readonly url: string; readonly options?: WireIngestOptions };

/** A dataset resident in the host. */
export interface DatasetHandle {
  readonly id: string;
  readonly transactions: number;
  readonly customers: number;
}

export interface LoadResult {
  readonly handle: DatasetHandle;
  /**
   * The data-quality report (absent for canonical tables, which were checked when they were built). Its
   * `rejections` hold only the first rejected rows; `Engine.rejections` pages through all that were kept.
   */
  readonly report?: IngestReport;
  /** How many rejected rows the host kept (see `report.rejectionsTruncated` for whether more were counted). */
  readonly rejectionsKept?: number;
}

/** One page of a dataset's rejected rows. */
export interface RejectionPage {
  /** Rejected rows kept in the host (all pages). */
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly Rejection[];
}

/** Scoring options that can cross a thread boundary (see core's ScoreOptions). */
export interface ScoreRequest {
  /** Analysis date as epoch ms (default: the last transaction day). */
  readonly asOf?: number;
  readonly unit?: 'day' | 'week' | 'month';
  readonly horizon?: {
    readonly days?: number;
    readonly weeks?: number;
    readonly months?: number;
    readonly years?: number;
  };
  readonly annualDiscountRate?: number;
  readonly model?: 'bg-nbd' | 'pareto-nbd';
  readonly currentMonths?: number;
  readonly thresholds?: {
    readonly current?: ThresholdWire;
    readonly potential?: ThresholdWire;
  };
  /**
   * The RFM segment map, in priority order (a customer belongs to the first segment whose ranges hold all three
   * scores; customers no segment holds are "Others"). Default: core's `DEFAULT_SEGMENT_MAP`, the R rfm
   * package's ten segments. Checked with core's `validateSegmentMap` against the 1…5 scores: names must be
   * unique and non-empty, ranges whole numbers within 1…5 and not reversed (overlaps and gaps are allowed).
   */
  readonly segmentMap?: readonly SegmentRuleWire[];
}

/** One segment of a segment map as plain data (core's `SegmentRule`): inclusive `[min, max]` score ranges. */
export interface SegmentRuleWire {
  readonly name: string;
  readonly r: readonly [min: number, max: number];
  readonly f: readonly [min: number, max: number];
  readonly m: readonly [min: number, max: number];
}

export type ThresholdWire =
  | { readonly kind: 'median' }
  | { readonly kind: 'percentile'; readonly p: number }
  | { readonly kind: 'absolute'; readonly value: number };

/** A progress report of a long request. */
export interface Progress {
  /** What is running: 'ingest', 'summary', 'rfm', 'abc', 'bg-nbd', 'gamma-gamma', 'clv', 'pyramid', 'churn', … */
  readonly stage: string;
  /** Share done in [0, 1] over the whole request, when known. */
  readonly fraction?: number;
  /** Rows processed (ingestion). */
  readonly rows?: number;
}

/** Error codes that cross the boundary (an EngineError on the calling side). */
export type EngineErrorCode =
  | 'aborted'
  | 'ingest'
  | 'unknown-dataset'
  | 'invalid-request'
  | 'host-unavailable'
  | 'disposed'
  | 'internal';

export interface WireError {
  readonly name: 'EngineError';
  readonly code: EngineErrorCode;
  readonly message: string;
}

/** A fitted model, summarised. */
export interface FitSummary {
  readonly model: 'bg-nbd' | 'pareto-nbd' | 'gamma-gamma';
  readonly params: Readonly<Record<string, number>>;
  readonly standardErrors: Readonly<Record<string, number>>;
  readonly logLik: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly n: number;
}

/** The small, shared result of scoring a dataset: what the summary views (pyramid, heatmap, KPIs) draw. */
export interface ScoreSummary {
  readonly dataset: string;
  readonly asOf: number;
  readonly unit: 'day' | 'week' | 'month';
  readonly horizonUnits: number;
  readonly customers: number;
  /** Customers with a purchase on or before asOf. */
  readonly scored: number;
  readonly fits: { readonly purchase: FitSummary; readonly spend: FitSummary };
  readonly pyramid: {
    readonly thresholds: { readonly current: number; readonly potential: number };
    readonly tiers: readonly {
      readonly tier: 'platinum' | 'gold' | 'iron' | 'lead';
      readonly customers: number;
      readonly customerShare: number;
      readonly currentValue: number;
      readonly currentShare: number;
      readonly potentialValue: number;
      readonly potentialShare: number;
    }[];
  };
  readonly abc: {
    readonly classes: readonly {
      readonly label: string;
      readonly customers: number;
      readonly value: number;
      readonly customerShare: number;
      readonly valueShare: number;
    }[];
    readonly gini: number;
    readonly statement: {
      readonly topCustomerShare: number;
      readonly valueShare: number;
      readonly sentence: string;
    };
    /** Lorenz (concentration) curve points: share of customers → share of value. */
    readonly curve: { readonly customerShare: Float64Array; readonly valueShare: Float64Array };
  };
  readonly segments: readonly {
    readonly name: string;
    readonly customers: number;
    readonly revenue: number;
  }[];
  /** R × F cells (R and F scores 1…n). */
  readonly heatmap: readonly {
    readonly r: number;
    readonly f: number;
    readonly customers: number;
    readonly meanMonetary: number;
    readonly revenueShare: number;
    readonly segments: readonly string[];
  }[];
  readonly churn: {
    readonly bands: { readonly low: number; readonly medium: number; readonly high: number };
    readonly cutoffs: { readonly medium: number; readonly high: number };
    readonly populationIntervalDays: number;
    readonly valueAtRisk: number;
  };
  /** Milliseconds per stage, as measured in the host. */
  readonly timings: Readonly<Record<string, number>>;
}

/** Per-customer fields a view can ask for. */
export type CustomerField =
  | 'recencyDays'
  | 'frequency'
  | 'monetary'
  | 'r'
  | 'f'
  | 'm'
  | 'segment'
  | 'abc'
  | 'x'
  | 'tx'
  | 'T'
  | 'pAlive'
  | 'expectedPurchases'
  | 'expectedSpend'
  | 'clv'
  | 'currentValue'
  | 'tier'
  | 'churnScore'
  | 'churnBand'
  | 'valueAtRisk'
  | 'usualIntervalDays'
  | 'silenceDays'
  | 'lastPurchase';

/** A compact columnar slice of customers: one typed array per requested field, aligned with `index`/`ids`. */
export interface CustomerColumns {
  /** Customer codes (positions in the dataset's customer dictionary). */
  readonly index: Int32Array;
  readonly ids: readonly string[];
  /** Display names, when the dataset has a customers table with names. */
  readonly names?: readonly (string | null)[];
  readonly columns: Readonly<Partial<Record<CustomerField, Float64Array | Uint8Array | Int32Array>>>;
  /** Segment names (for the `segment` codes), tiers, bands and ABC labels, to decode the code columns. */
  readonly labels: {
    readonly segment: readonly string[];
    readonly tier: readonly string[];
    readonly churnBand: readonly string[];
    readonly abc: readonly string[];
  };
  /** Churn reasons per row, when asked for (code, figures and English text). */
  readonly reasons?: readonly (readonly {
    readonly code: string;
    readonly values: Readonly<Record<string, number>>;
    readonly text: string;
  }[])[];
}

export interface ChurnQuery {
  readonly bands?: readonly ('low' | 'medium' | 'high')[];
  readonly tiers?: readonly ('platinum' | 'gold' | 'iron' | 'lead')[];
  /** Case-insensitive substring of the id or name. */
  readonly search?: string;
  /** Sort key, descending (default valueAtRisk). */
  readonly sort?: 'valueAtRisk' | 'churnScore' | 'clv';
  readonly offset: number;
  readonly limit: number;
  readonly fields: readonly CustomerField[];
  /** Also return each row's churn reasons (`rows.reasons`). */
  readonly reasons?: boolean;
}

export interface ChurnPage {
  /** Rows matching the filter (all pages). */
  readonly total: number;
  readonly offset: number;
  readonly rows: CustomerColumns;
}

/**
 * Version of the host protocol. A worker that answers the handshake with another version (a stale cached
 * worker bundle, say) is rejected, and the next host of the fallback chain is tried.
 */
export const PROTOCOL_VERSION = 1;

/** The handshake answer of a host. */
export interface PingReply {
  readonly protocol: number;
  /** Where a relaying host computes: the iframe compute host's own worker or thread (absent elsewhere). */
  readonly host?: HostKind;
}

/**
 * One column of row objects after columnarisation on the calling thread, in a form that crosses a thread
 * boundary cheaply: typed arrays (transferred) wherever the column's values allow, so that row objects are
 * never structured-cloned. `missing` marks rows whose cell was null or undefined (1 = missing).
 */
export type WireColumn =
  /** Every present value is a number. */
  | { readonly kind: 'number'; readonly values: Float64Array; readonly missing?: Uint8Array }
  /** Every present value is a Date; the values are its epoch milliseconds. */
  | { readonly kind: 'date'; readonly values: Float64Array; readonly missing?: Uint8Array }
  /** Every present value is a string: dictionary codes, −1 = missing. */
  | { readonly kind: 'text'; readonly codes: Int32Array; readonly dictionary: readonly string[] }
  /** Mixed or other types: the cells as they were (structured-cloned). */
  | { readonly kind: 'values'; readonly values: readonly unknown[] };

/** Row objects, columnarised: the columns in the order in which their keys first occur in the rows. */
export interface EncodedRows {
  readonly length: number;
  readonly columns: readonly { readonly name: string; readonly column: WireColumn }[];
}

/**
 * What a host's `load` receives: a {@link LoadInput} whose row objects were already columnarised by the
 * caller (kind `encoded-rows`), so that no row object crosses the boundary.
 */
export type HostLoadInput =
  | Exclude<LoadInput, { readonly kind: 'rows' }>
  | { readonly kind: 'encoded-rows'; readonly rows: EncodedRows; readonly options?: WireIngestOptions };

// ───────────────────────────── Issue 6: segments, cross-sell, sequences, cohorts, KPIs, drill-down, card ─────

/** What `Engine.segments` clusters on and how (core's `segmentCustomers` on the scoring's customer summary). */
export interface SegmentsQuery {
  /** Number of segments, or `'auto'` (default): chosen by silhouette in 2 … 10. */
  readonly k?: number | 'auto';
  /** Seed of the k-means++ draws, the silhouette sample and the scatter sample (default 1). */
  readonly seed?: number;
  /** The value behind the value shares: net revenue (default), the scoring's CLV, or its current value. */
  readonly value?: 'revenue' | 'clv' | 'current';
  /** Points of the scatter sample, 0 … 5,000 (default 5,000; all clustered customers when fewer). */
  readonly points?: number;
}

/** Where a clustered segment stands against all clustered customers (the basis of its name). */
export interface SegmentTraitsWire {
  readonly recency: 'recent' | 'lapsed';
  readonly frequency: 'none' | 'one-time' | 'occasional' | 'frequent';
  readonly spend: 'high' | 'low';
}

/** One segment of `Engine.segments`: core's `SegmentProfile` as plain data. */
export interface SegmentProfileWire {
  /** Segment number (the code in `labels`), 0 = largest. */
  readonly segment: number;
  readonly name: string;
  readonly traits: SegmentTraitsWire;
  readonly customers: number;
  readonly customerShare: number;
  /** Sum of the value column (see `SegmentsResult.value`) over the segment. */
  readonly value: number;
  readonly valueShare: number;
  readonly medianRecencyDays: number;
  readonly medianFrequency: number;
  readonly medianMonetary: number;
  /** Customers per value-pyramid tier (platinum, gold, iron, lead), with their share of the segment. */
  readonly tierMix: readonly { readonly tier: string; readonly customers: number; readonly share: number }[];
  /** Customers of the segment without a tier. */
  readonly untiered: number;
}

/** The result of `Engine.segments`. */
export interface SegmentsResult {
  readonly dataset: string;
  /** The scoring's analysis date (the customer summary clustered is the scoring's). */
  readonly asOf: number;
  readonly k: number;
  readonly seed: number;
  readonly value: 'revenue' | 'clv' | 'current';
  /** One profile per segment, in segment order (largest first). */
  readonly profiles: readonly SegmentProfileWire[];
  /** The clustered customers together. */
  readonly population: {
    readonly customers: number;
    readonly value: number;
    readonly medianRecencyDays: number;
    readonly medianFrequency: number;
    readonly medianMonetary: number;
  };
  /** Mean silhouette of the segmentation (on a seeded sample of 5,000 when `silhouetteSampled`). */
  readonly silhouette: number;
  readonly silhouetteSampled: boolean;
  /** With `k: 'auto'`, every k tried (for a silhouette or elbow chart); empty for a fixed k. */
  readonly candidates: readonly {
    readonly k: number;
    readonly silhouette: number;
    readonly inertia: number;
    readonly converged: boolean;
  }[];
  readonly clustered: number;
  readonly excluded: {
    readonly notIncluded: number;
    readonly noPurchase: number;
    readonly nonFinite: number;
  };
  /** Segment per customer code (the dataset's customer dictionary), −1 when not clustered. */
  readonly labels: Int32Array;
  /** Segment names by segment code (`profiles[i].name`), to decode `labels` and `points.segment`. */
  readonly names: readonly string[];
  /**
   * A seeded uniform sample of the clustered customers (all of them when at most `points`), in customer-code
   * order, for the scatter: raw recency (days), frequency (occasions), monetary (net revenue) and segment.
   */
  readonly points: {
    readonly customer: Int32Array;
    readonly recencyDays: Float64Array;
    readonly frequency: Float64Array;
    readonly monetary: Float64Array;
    readonly segment: Int32Array;
  };
}

/** The baskets of a dataset: one per order, the products of its rows (core's `basketsFromTransactions`). */
export interface BasketOptionsWire {
  /** Product ids to leave out of every basket (e.g. Online Retail's `POST`, `DOT`, `M`). */
  readonly exclude?: readonly string[];
}

/** Query of `Engine.rules`: FP-growth, then association rules (single-item consequents). */
export interface RulesQuery extends BasketOptionsWire {
  /** Minimum support of an itemset, a fraction of the baskets in (0, 1]. */
  readonly minSupport: number;
  /** Minimum confidence, in [0, 1]. */
  readonly minConfidence: number;
  /** Minimum lift (default 0: none; 1 keeps positively associated rules only). */
  readonly minLift?: number;
  /** Largest itemset, a whole number ≥ 2 (default 10). */
  readonly maxLength?: number;
  /** Rules returned, best first (default 100, at most 10,000); `total` counts them all. */
  readonly limit?: number;
}

/** How the baskets were built (core's `BasketBuildReport`) and how many there are. */
export interface BasketReportWire {
  readonly baskets: number;
  /** Distinct products in the baskets. */
  readonly items: number;
  readonly rows: number;
  readonly rowsUsed: number;
  readonly rowsWithoutOrder: number;
  readonly rowsWithoutProduct: number;
  readonly returnRows: number;
  readonly excludedRows: number;
  readonly duplicateItems: number;
  readonly ordersWithoutItems: number;
  readonly customerConflicts: number;
}

/** Association rules, columnar: rule `i` is `antecedent[i] ⇒ consequent[i]` with its measures at `i`. */
export interface RuleColumns {
  readonly length: number;
  /** Item names (product ids) of each rule's antecedent and consequent, in item-code order. */
  readonly antecedent: readonly (readonly string[])[];
  readonly consequent: readonly (readonly string[])[];
  /** Baskets holding antecedent and consequent together. */
  readonly count: Int32Array;
  readonly support: Float64Array;
  readonly confidence: Float64Array;
  readonly lift: Float64Array;
  readonly leverage: Float64Array;
  /** `Infinity` at confidence 1. */
  readonly conviction: Float64Array;
}

export interface RulesResult {
  readonly dataset: string;
  readonly baskets: BasketReportWire;
  /** Frequent itemsets found (every size). */
  readonly itemsets: number;
  /** The smallest basket count that is frequent. */
  readonly minCount: number;
  /** Rules that pass the thresholds (all of them, not only those returned). */
  readonly total: number;
  /** The first `limit` rules in core's order: lift, confidence, support (descending), then item codes. */
  readonly rules: RuleColumns;
}

/** Query of `Engine.suggestions`: the rules of {@link RulesQuery}, applied to some customers. */
export interface SuggestionsQuery extends BasketOptionsWire {
  readonly customerIds: readonly string[];
  /** Suggestions per customer, a whole number 0 … 100. */
  readonly limit: number;
  readonly minSupport: number;
  readonly minConfidence: number;
  readonly minLift?: number;
  readonly maxLength?: number;
}

/** One next-product suggestion, with the rule behind it. */
export interface SuggestionWire {
  /** The suggested item (product id). */
  readonly item: string;
  /** The rule's confidence × lift. */
  readonly score: number;
  readonly rule: {
    readonly antecedent: readonly string[];
    readonly consequent: readonly string[];
    readonly support: number;
    readonly confidence: number;
    readonly lift: number;
  };
}

export interface SuggestionsResult {
  readonly dataset: string;
  /** Rules the suggestions were drawn from. */
  readonly rules: number;
  /** One entry per requested id, in the order asked. */
  readonly customers: readonly {
    readonly id: string;
    /** Customer code in the dataset. */
    readonly index: number;
    /** Best first (score, then rule order, then item code). */
    readonly suggestions: readonly SuggestionWire[];
  }[];
}

/** Query of `Engine.sequences`: customers' histories as sequences of events, mined SPADE-style. */
export interface SequencesQuery {
  /** Minimum support, a fraction of the customers (sequences) in (0, 1]. */
  readonly minSupport: number;
  /** Maximum gap between consecutive elements: in orders (`eventBy: 'order'`, 1 = the next order) or days. */
  readonly maxGap?: number;
  /** Largest number of elements of a pattern (default: no limit). */
  readonly maxLength?: number;
  /** Minimum confidence of the sequence rules, in [0, 1] (default 0.8, arulesSequences'). */
  readonly minConfidence?: number;
  /** An event is an order (default) or a UTC day of purchases. */
  readonly eventBy?: 'order' | 'day';
  /** Patterns and rules returned, each (default 100, at most 10,000). */
  readonly limit?: number;
  /** Product ids to leave out. */
  readonly exclude?: readonly string[];
}

export interface SequencesResult {
  readonly dataset: string;
  readonly eventBy: 'order' | 'day';
  /** Customers with a sequence: the support denominator. */
  readonly sequences: number;
  /** Rows used and left out, by reason (core's `TransactionSequencesReport`). */
  readonly report: {
    readonly rows: number;
    readonly rowsUsed: number;
    readonly invalidRows: number;
    readonly returnRows: number;
    readonly rowsWithoutItem: number;
    readonly excludedRows: number;
    readonly rowsWithoutOrder: number;
    readonly duplicateItems: number;
    readonly customersWithoutSequence: number;
  };
  readonly minCount: number;
  /** Frequent patterns in all. */
  readonly totalPatterns: number;
  /** The first `limit` patterns by support, then size (core's order). Elements are sets of item names. */
  readonly patterns: readonly {
    readonly elements: readonly (readonly string[])[];
    readonly support: number;
    readonly count: number;
    readonly maximal: boolean;
  }[];
  /** Sequence rules in all. */
  readonly totalRules: number;
  /** The first `limit` rules by confidence, then lift. */
  readonly rules: readonly {
    readonly lhs: readonly (readonly string[])[];
    readonly rhs: readonly (readonly string[])[];
    readonly support: number;
    readonly count: number;
    readonly confidence: number;
    readonly lift: number;
  }[];
}

/** Calendar periods (UTC) of cohorts and loyalty indicators. */
export type PeriodWire = 'month' | 'quarter' | 'year' | 'week';

/** Query of `Engine.cohorts` and `Engine.kpis`. */
export interface PeriodQuery {
  readonly period: PeriodWire;
  /** Analysis date, epoch ms: later orders are ignored (default: the latest order's day). */
  readonly asOf?: number;
}

/** Cohort retention (core's `CohortRetention`): matrices row-major `cohorts × periods`. */
export interface CohortsResult {
  readonly dataset: string;
  readonly period: PeriodWire;
  readonly cohorts: number;
  readonly periods: number;
  /** Period label of each cohort: `1997-01`, `1997-Q1`, `1997`, or a week's Monday `1997-01-06`. */
  readonly labels: readonly string[];
  /** Start of each cohort's period, epoch ms (UTC midnight). */
  readonly cohortStart: Float64Array;
  readonly size: Int32Array;
  /** Cohort i's customers active j periods later: `active[i * periods + j]`. */
  readonly active: Int32Array;
  /** `active / size`; NaN for cells not yet observed and empty cohorts. */
  readonly retention: Float64Array;
  /** Customer-weighted retention per periods-since. */
  readonly overall: Float64Array;
  readonly customers: number;
  readonly lastDay: number;
  readonly partialLastPeriod: boolean;
}

/** Loyalty indicators (core's `LoyaltyIndicators`), the series as typed arrays. */
export interface KpisResult {
  readonly dataset: string;
  readonly period: PeriodWire;
  readonly customers: number;
  readonly repeatCustomers: number;
  readonly repeatPurchaseRate: number;
  readonly averageDaysBetweenOrders: number;
  readonly medianDaysBetweenOrders: number;
  readonly pooledDaysBetweenOrders: number;
  readonly retentionRate: number;
  readonly lastDay: number;
  readonly partialLastPeriod: boolean;
  readonly series: {
    readonly length: number;
    readonly labels: readonly string[];
    readonly start: Float64Array;
    readonly activeCustomers: Int32Array;
    readonly newCustomers: Int32Array;
    readonly returningCustomers: Int32Array;
    readonly retainedCustomers: Int32Array;
    readonly retentionRate: Float64Array;
    readonly orders: Int32Array;
    readonly meanDaysBetweenOrders: Float64Array;
    readonly repeatPurchaseRate: Float64Array;
  };
}

/** Keys a drill-down groups or filters by (core's `DrillKey`). */
export type DrillKeyWire =
  | 'year'
  | 'quarter'
  | 'month'
  | 'week'
  | 'day'
  | 'region'
  | 'category'
  | 'channel'
  | 'product'
  | 'currency'
  | 'tier'
  | 'segment'
  | 'churnBand';

/** A filter value: a code as the key columns give it, a label (`'2011-Q2'`, `'United Kingdom'`), or null. */
export type DrillFilterValueWire = number | string | null;

/** Query of `Engine.drilldown`. */
export interface DrilldownQuery {
  /** Grouping keys, outermost first (`[]`: one group of all rows kept). */
  readonly by: readonly DrillKeyWire[];
  readonly filter?: { readonly [K in DrillKeyWire]?: DrillFilterValueWire | readonly DrillFilterValueWire[] };
  /**
   * Read the scoring of `request` (default true): adds CLV, mean churn risk, value at risk and the tier mix per
   * group, and the keys tier, segment (RFM) and churnBand. Without it the dataset is not scored.
   */
  readonly models?: boolean;
}

/** Measures of a set of rows (core's `DrillTotals`). */
export interface DrillTotalsWire {
  readonly revenue: number;
  readonly grossRevenue: number;
  readonly returns: number;
  readonly orders: number;
  readonly customers: number;
  readonly transactions: number;
  readonly clv?: number;
  readonly meanChurnRisk?: number;
  readonly valueAtRisk?: number;
  readonly tierMix?: Int32Array;
}

/** A drill-down (core's `DrillResult`): one row per non-empty group, columnar, in drilling order. */
export interface DrilldownResult {
  readonly dataset: string;
  readonly by: readonly DrillKeyWire[];
  readonly length: number;
  /** One column per key of `by`: per group a code, a label and (time keys) the period's start. */
  readonly keys: readonly {
    readonly key: DrillKeyWire;
    readonly kind: 'time' | 'dimension' | 'customer';
    readonly codes: Int32Array;
    readonly labels: readonly string[];
    readonly start?: Float64Array;
  }[];
  readonly revenue: Float64Array;
  readonly grossRevenue: Float64Array;
  readonly returns: Float64Array;
  readonly orders: Int32Array;
  readonly customers: Int32Array;
  readonly transactions: Int32Array;
  readonly clv?: Float64Array;
  readonly meanChurnRisk?: Float64Array;
  readonly valueAtRisk?: Float64Array;
  /** Row-major `length × tierMixLabels.length`. */
  readonly tierMix?: Int32Array;
  /** Columns of `tierMix`: the tiers top first, then `(none)`. */
  readonly tierMixLabels: readonly string[];
  readonly total: DrillTotalsWire;
  readonly rows: {
    readonly total: number;
    readonly afterAsOf: number;
    readonly filteredOut: number;
    readonly kept: number;
  };
  readonly ordersCountedBy: 'orderId' | 'customer-day' | 'mixed';
  readonly asOf?: number;
}

/** Options of `Engine.customerCard`. */
export interface CustomerCardQuery {
  /**
   * The cross-sell suggestions of the card: the rules of these thresholds (defaults: minSupport 0.01,
   * minConfidence 0.2, limit 3), or `false` for none. Datasets without orders and products get none.
   */
  readonly crossSell?:
    | false
    | {
        readonly limit?: number;
        readonly minSupport?: number;
        readonly minConfidence?: number;
        readonly minLift?: number;
        readonly maxLength?: number;
        readonly exclude?: readonly string[];
      };
}

/** The 360° card of one customer: the scoring's figures for them, decoded, and their cross-sell suggestions. */
export interface CustomerCard {
  readonly dataset: string;
  readonly id: string;
  /** Customer code in the dataset. */
  readonly index: number;
  readonly name: string | null;
  readonly asOf: number;
  /** Whether the customer has a purchase on or before asOf (otherwise most figures are NaN / null). */
  readonly scored: boolean;
  readonly tier: 'platinum' | 'gold' | 'iron' | 'lead' | null;
  readonly abc: string | null;
  readonly rfm: {
    readonly r: number;
    readonly f: number;
    readonly m: number;
    /** The R × F × M cell, e.g. `'543'` (`''` when unscored). */
    readonly cell: string;
    /** The RFM segment's name (of the request's segment map), null when unscored. */
    readonly segment: string | null;
    readonly recencyDays: number;
    readonly frequency: number;
    readonly monetary: number;
  };
  readonly clv: number;
  /**
   * 90 % interval of `clv` from the uncertainty of the fitted model parameters only (core's `clvInterval`, 500
   * draws, seed 1) — not the customer's own purchase-to-purchase variability. Null when the customer is not in the
   * models' calibration or the fits give no covariance.
   */
  readonly clvInterval: {
    readonly low: number;
    readonly high: number;
    readonly level: number;
    readonly draws: number;
  } | null;
  readonly expectedPurchases: number;
  readonly expectedSpend: number;
  readonly currentValue: number;
  readonly pAlive: number;
  readonly churn: {
    readonly score: number;
    readonly band: 'low' | 'medium' | 'high' | null;
    readonly valueAtRisk: number;
    readonly reasons: readonly {
      readonly code: string;
      readonly values: Readonly<Record<string, number>>;
      readonly text: string;
    }[];
  };
  /** First and last purchase day, epoch ms (NaN without a purchase). */
  readonly firstPurchase: number;
  readonly lastPurchase: number;
  /** The usual interval between purchases, days (own intervals shrunk toward the population's). */
  readonly usualIntervalDays: number;
  readonly silenceDays: number;
  /**
   * When the next order is due: from the last purchase until last purchase + the usual interval (the window in
   * which churn scoring does not count the customer overdue); `overdueDays` = days past `to` at asOf (0 if not
   * yet due). Null when the customer has no purchase or no usual interval.
   */
  readonly nextOrder: {
    readonly from: number;
    readonly to: number;
    readonly overdueDays: number;
  } | null;
  /** Cross-sell suggestions (null when not asked for or the dataset has no orders and products). */
  readonly crossSell: readonly SuggestionWire[] | null;
}
