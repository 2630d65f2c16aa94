import type { IngestReport } from '@crm-lens/core';
import type {
  DatasetHandle,
  Engine,
  HostKind,
  Progress,
  RejectionPage,
  ScoreRequest,
  ScoreSummary,
} from '@crm-lens/engine';
import { createContext } from '@lit/context';

/** Where a data source (and a widget) is: nothing to load, working, nothing to show, failed, or ready. */
export type DataStatus = 'idle' | 'loading' | 'empty' | 'error' | 'ready';

/** A failure: the engine's error code (or `no-valid-rows`, `no-provider`) and a message. */
export interface DataError {
  readonly code: string;
  readonly message: string;
}

/**
 * A snapshot of a data source: a new object on every change (compare by identity). Widgets read the engine,
 * the dataset handle and the scoring request from here and make their own engine calls with them.
 */
export interface DataState {
  readonly status: DataStatus;
  /** The engine holding the dataset (once acquired). */
  readonly engine?: Engine;
  /** Which host computes (for support). */
  readonly host?: HostKind;
  /** The dataset resident in the engine (after a successful load). */
  readonly dataset?: DatasetHandle;
  /** The scoring request every view uses (the engine caches the scoring per request). */
  readonly request: ScoreRequest;
  /** The scoring summary (when ready). */
  readonly summary?: ScoreSummary;
  /** The data-quality report of the last load (absent for canonical tables). */
  readonly report?: IngestReport;
  /** The last progress report while loading. */
  readonly progress?: Progress;
  /** Why the status is `error`. */
  readonly error?: DataError;
  /** The data's currency (ISO 4217), when the source says (a `currency` attribute or a constant mapping). */
  readonly currency?: string;
  /** Grows with every new result (a new dataset or a new scoring): views refetch when it changes. */
  readonly revision: number;
  /** A page of the last load's rejected rows (from the engine, or kept on the page for local ingestion). */
  rejections(offset: number, limit: number, signal?: AbortSignal): Promise<RejectionPage>;
  /** Load and score again (after an error, say). */
  reload(): void;
}

/** Something widgets can take their data from: `<lens-data>`, or a widget's own `src`. */
export interface DataProvider {
  readonly dataState: DataState;
  /** Call `listener` with every new state; returns the unsubscribe function. */
  subscribeData(listener: (state: DataState) => void): () => void;
}

/**
 * The context `<lens-data>` provides to the widgets inside it. A private symbol: two copies of crm-lens on one
 * page never answer each other's requests.
 */
export const dataContext = createContext<DataProvider>(Symbol('crm-lens.data-provider'));

const NO_REJECTIONS: RejectionPage = { total: 0, offset: 0, rows: [] };

/** The state of a source that has nothing to load. */
export function idleState(revision = 0): DataState {
  return {
    status: 'idle',
    request: {},
    revision,
    rejections: (offset) => Promise.resolve({ ...NO_REJECTIONS, offset }),
    reload: () => undefined,
  };
}
