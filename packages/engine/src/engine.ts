import type {
  ChurnPage,
  ChurnQuery,
  CustomerColumns,
  CustomerField,
  DatasetHandle,
  HostKind,
  LoadInput,
  LoadResult,
  Progress,
  RejectionPage,
  ScoreRequest,
  ScoreSummary,
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
  /** Forget a dataset and its cached results. */
  drop(dataset: DatasetHandle): Promise<void>;
  /** Release the host (terminate the worker). Later calls reject with code `disposed`. */
  dispose(): Promise<void>;
}
