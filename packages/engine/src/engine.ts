import type {
  ChurnPage,
  ChurnQuery,
  CohortsResult,
  CustomerCard,
  CustomerCardQuery,
  CustomerColumns,
  CustomerField,
  DatasetHandle,
  DrilldownQuery,
  DrilldownResult,
  HostKind,
  KpisResult,
  LoadInput,
  LoadResult,
  PeriodQuery,
  Progress,
  RejectionPage,
  RulesQuery,
  RulesResult,
  ScoreRequest,
  ScoreSummary,
  SegmentsQuery,
  SegmentsResult,
  SequencesQuery,
  SequencesResult,
  SuggestionsQuery,
  SuggestionsResult,
} from './protocol.js';

/** Per-call options: cancel with a signal, follow progress. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
}

/**
 * The one interface every widget and app talks to, whatever host runs the analytics. Results that several
 * callers need (the scoring of a dataset under the same options) are computed once per host and cached.
 * Rejections are EngineError (with a `code`); an aborted call rejects with code `aborted`.
 */
export interface Engine {
  /** Which host runs the analytics (for support and the `compute-host` attribute). */
  readonly host: HostKind;
  /** Move data into the host once; it stays there, addressed by the handle. */
  load(input: LoadInput, options?: CallOptions): Promise<LoadResult>;
  /** Score every customer (cached per dataset and request) and return the shared summary. */
  score(dataset: DatasetHandle, request?: ScoreRequest, options?: CallOptions): Promise<ScoreSummary>;
  /** Per-customer columns of the scoring (all customers, or those listed in `index`). */
  customers(
    dataset: DatasetHandle,
    request: ScoreRequest,
    fields: readonly CustomerField[],
    index?: Int32Array,
    options?: CallOptions,
  ): Promise<CustomerColumns>;
  /** One page of the churn-risk list: filtered, searched and sorted in the host. */
  churnList(
    dataset: DatasetHandle,
    request: ScoreRequest,
    query: ChurnQuery,
    options?: CallOptions,
  ): Promise<ChurnPage>;
  /** A tier's upgrade candidates, smallest gap to the next tier first. */
  upgradeCandidates(
    dataset: DatasetHandle,
    request: ScoreRequest,
    tier: 'gold' | 'iron' | 'lead',
    limit: number,
    fields: readonly CustomerField[],
    options?: CallOptions,
  ): Promise<CustomerColumns>;
  /** A page of the dataset's rejected rows (the load result carries only the first ones). */
  rejections(
    dataset: DatasetHandle,
    offset: number,
    limit: number,
    options?: CallOptions,
  ): Promise<RejectionPage>;
  /**
   * Segments by clustering the scoring's customer summary (core's `segmentCustomers`): profiles with names,
   * traits, medians and tier mix, the segment of every customer code, and a seeded sample for a scatter.
   */
  segments(
    dataset: DatasetHandle,
    request?: ScoreRequest,
    query?: SegmentsQuery,
    options?: CallOptions,
  ): Promise<SegmentsResult>;
  /** Association rules of the order baskets (FP-growth): counts, and the best `limit` rules with item names. */
  rules(dataset: DatasetHandle, query: RulesQuery, options?: CallOptions): Promise<RulesResult>;
  /** Next-product suggestions for the listed customers, each with the rule behind it. */
  suggestions(
    dataset: DatasetHandle,
    query: SuggestionsQuery,
    options?: CallOptions,
  ): Promise<SuggestionsResult>;
  /** Frequent sequences of the customers' orders (or days) and sequence rules, with item names. */
  sequences(dataset: DatasetHandle, query: SequencesQuery, options?: CallOptions): Promise<SequencesResult>;
  /** Cohort retention by calendar period (UTC). */
  cohorts(dataset: DatasetHandle, query: PeriodQuery, options?: CallOptions): Promise<CohortsResult>;
  /** Loyalty indicators and their series by calendar period (UTC). */
  kpis(dataset: DatasetHandle, query: PeriodQuery, options?: CallOptions): Promise<KpisResult>;
  /** A drill-down: measures per group of time, dimension and (with the scoring) customer keys. */
  drilldown(
    dataset: DatasetHandle,
    request: ScoreRequest,
    query: DrilldownQuery,
    options?: CallOptions,
  ): Promise<DrilldownResult>;
  /** The 360° card of one customer (an `invalid-request` when the dataset has no such id). */
  customerCard(
    dataset: DatasetHandle,
    request: ScoreRequest,
    customerId: string,
    query?: CustomerCardQuery,
    options?: CallOptions,
  ): Promise<CustomerCard>;
  /** Forget a dataset and its cached results. */
  drop(dataset: DatasetHandle): Promise<void>;
  /** Release the host (terminate the worker). Later calls reject with code `disposed`. */
  dispose(): Promise<void>;
}
