/**
 * The results the bench page hands back to Node (and `pnpm bench --json` prints). Plain JSON: numbers in
 * milliseconds unless the name says otherwise; `null` where a figure could not be measured.
 */

/** How the data reaches the worker. */
export type HandInMode = 'columns' | 'rows' | 'bytes';

/**
 * Which engine runs the pipeline: `interim`, the bench's own worker running core (until `@crm-lens/engine`
 * lands), or `engine`, `@crm-lens/engine`'s `createEngine({ hosts: ['module-worker'] })`.
 */
export type EngineChoice = 'interim' | 'engine';

/** What the page is asked to run (the Node side builds it from the command line). */
export interface SuiteConfig {
  readonly engine: EngineChoice;
  /** Synthetic customers (≈ 10.5 transactions each). */
  readonly customers: number;
  readonly seed: number;
  /** Repetitions of each measurement; medians are reported. */
  readonly runs: number;
  /** URL of the Online Retail file on the bench server, or null to skip it. */
  readonly onlineRetailUrl: string | null;
}

export interface ScaleConfig {
  readonly engine: EngineChoice;
  /** Customers in total, generated in chunks of `chunkCustomers` (each chunk its own seed). */
  readonly customers: number;
  readonly chunkCustomers: number;
  readonly seed: number;
}

/** Main-thread responsiveness over a time window (from hand-in to results). */
export interface MainThreadFigures {
  /** Longest `longtask` entry (PerformanceObserver, ≥ 50 ms by definition) overlapping the window; null if none. */
  readonly longestLongTaskMs: number | null;
  /** Whether it started during `load` (hand-in, ingestion) or `score`. */
  readonly longestLongTaskDuring: 'load' | 'score' | null;
  readonly longTasks: number;
  /**
   * Longest delay of a high-priority 10 ms timer loop beyond its 10 ms: about the longest task of any length
   * (a task cannot be interrupted; the delay adds at most the scheduling of the timer itself).
   */
  readonly longestBlockMs: number;
}

/** Worker memory, measured after a forced GC. */
export interface WorkerMemory {
  /** How it was measured. */
  readonly method: string;
  /** Bytes held by the worker before the data was handed in (runtime + code). */
  readonly beforeBytes: number;
  /** Bytes held with the data resident and scored. */
  readonly afterBytes: number;
  readonly transactions: number;
  /** afterBytes / transactions: what the target is about. */
  readonly bytesPerTransaction: number;
  /** (afterBytes − beforeBytes) / transactions. */
  readonly addedBytesPerTransaction: number;
  /** The parts, as reported (JS heap, ArrayBuffer backing stores, …). */
  readonly parts: Readonly<Record<string, number>>;
}

/** One load + score through the worker. */
export interface PipelineRun {
  /** Page wall time of `load` (hand-in, columnarising row objects, transfer, ingestion in the worker). */
  readonly loadMs: number;
  /** Page wall time of `score`. */
  readonly scoreMs: number;
  readonly totalMs: number;
  /** Per-stage times as measured in the worker (plus `columnarise` on the main thread, for row objects). */
  readonly stages: Readonly<Record<string, number>>;
  readonly mainThread: MainThreadFigures;
}

export interface PipelineResult {
  readonly mode: HandInMode;
  /** Which host ran it (`module-worker`, or the interim bench worker until the engine lands). */
  readonly host: string;
  /** Transactions and customers resident in the worker after ingestion. */
  readonly transactions: number;
  readonly customers: number;
  readonly runs: readonly PipelineRun[];
  /** Medians over the runs (the longest task: the maximum over the runs). */
  readonly median: PipelineRun;
  /** Worker memory after load + score (first run only). */
  readonly memory: WorkerMemory | null;
}

/** One implementation of the RFM per-customer summary (per customer: max date, count, sum of amount). */
export interface SummaryTiming {
  readonly name: string;
  /** Median over the runs, or null when skipped. */
  readonly ms: number | null;
  readonly runs: readonly number[];
  readonly where: string;
  readonly note?: string;
  /** Why it was not measured. */
  readonly skipped?: string;
  /** Groups (customers) in its result, as a check that all did the same work. */
  readonly groups?: number;
}

export interface DatasetResult {
  readonly key: 'synthetic' | 'online-retail';
  readonly title: string;
  readonly transactions: number;
  readonly customers: number;
  readonly pipelines: readonly PipelineResult[];
  /** Core's stage kernels called one by one in the bench worker on the same table (medians). */
  readonly kernels: Readonly<Record<string, number>>;
  /** Ours (core's summarizeCustomers) first, then the baselines. */
  readonly summary: readonly SummaryTiming[];
}

export interface SuiteResult {
  readonly userAgent: string;
  readonly crossOriginIsolated: boolean;
  /** Whether the longtask observer was available. */
  readonly longTaskObserver: boolean;
  /** All long tasks of the page during the suite, inside windows or not (data generation makes some). */
  readonly pageLongTasks: { readonly count: number; readonly longestMs: number | null };
  readonly runs: number;
  readonly datasets: readonly DatasetResult[];
  readonly wallMs: number;
}

export interface CancelResult {
  /** When `abort()` was called, ms after the score request. */
  readonly abortedAfterMs: number;
  /** The stage running when it was aborted. */
  readonly stageAtAbort: string;
  /** The error code the request rejected with (`aborted` expected). */
  readonly code: string;
  /** From `abort()` to the rejection. */
  readonly rejectLatencyMs: number;
  /** Round trip of a ping (a tiny load) right after: the worker still answers. */
  readonly pingMs: number | null;
  readonly ok: boolean;
}

export interface ScaleResult {
  readonly userAgent: string;
  readonly customers: number;
  readonly transactions: number;
  readonly generateMs: number;
  readonly host: string;
  readonly run: PipelineRun;
  readonly memory: WorkerMemory | null;
  /** Cross-check: the worker's bytes by `performance.measureUserAgentSpecificMemory()`. */
  readonly uaMemory: {
    readonly workerBytes: number | null;
    readonly pageTotalBytes: number | null;
    readonly note: string;
  };
  readonly progressEvents: number;
  readonly cancel: CancelResult;
}
