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

/** Where the analytics run. */
export type HostKind = 'module-worker' | 'blob-worker' | 'in-thread';

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
