import type { IngestReport } from '@crm-lens/core';
import {
  type DatasetHandle,
  type Engine,
  type Progress,
  type ScoreRequest,
  type ScoreSummary,
  toEngineError,
} from '@crm-lens/engine';
import { ContextEvent } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ConfigError, dataInput, ingestOptions } from '../data/data-input.js';
import { type DataInput, DataSession } from './data-session.js';
import {
  type DataError,
  type DataProvider,
  type DataState,
  type DataStatus,
  dataContext,
  idleState,
} from './data-state.js';
import {
  containsComposed,
  findProvider,
  onProviderConnected,
  type ProviderElement,
} from './provider-registry.js';

/** A widget that takes its data from a provider. */
export interface DataHost extends ReactiveControllerHost, HTMLElement {
  /** An explicit provider (wins over `source`, `src` and the context). */
  provider?: DataProvider | undefined;
  /** The id of a `<lens-data>` to link to (wins over `src` and the context). */
  source?: string | undefined;
  /** A file for the widget alone (`<lens-churn-list src="orders.csv">`): loaded by a data source of its own. */
  src?: string | undefined;
  /** Core's preset for `src` (e.g. `online-retail`). */
  preset?: string | undefined;
}

/** What a task gets: everything it needs for an engine call, and the signal that cancels it. */
export interface TaskContext {
  readonly engine: Engine;
  readonly dataset: DatasetHandle;
  readonly request: ScoreRequest;
  readonly summary: ScoreSummary;
  readonly signal: AbortSignal;
}

export interface DataControllerOptions {
  /**
   * Called when a new result is ready (a new dataset or scoring: `state.revision` changed) and when the
   * provider changes, before the host re-renders; widgets start their own engine calls here.
   */
  readonly onData?: (state: DataState) => void;
  /**
   * The widget's own scoring request (added for `<lens-value-pyramid>`'s `current-threshold` /
   * `potential-threshold`): given the provider's request, return the request this widget needs, or undefined
   * for the provider's. Read before every host update. When it differs from the provider's, the controller
   * scores the dataset with it itself (the engine caches each request's scoring), reports `loading` (with
   * progress) meanwhile and `error` when it fails (an exception thrown here is an `invalid-request` error), and
   * then `summary`, `request` and every `run` use the widget's scoring; `onData` fires once it is ready (read
   * `controller.summary`, not `state.summary`, there).
   */
  readonly request?: (provided: ScoreRequest) => ScoreRequest | undefined;
}

/** The widget's own scoring, when its request differs from the provider's (`DataControllerOptions.request`). */
interface OwnScoring {
  readonly key: string;
  readonly request?: ScoreRequest;
  readonly abort: AbortController;
  summary?: ScoreSummary;
  progress?: Progress;
  error?: DataError;
}

/** The canonical JSON of a scoring request (key order does not matter), to compare two requests. */
function requestKey(request: ScoreRequest): string {
  const sort = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sort);
    if (typeof value !== 'object' || value === null) return value;
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, sort(record[key])]),
    );
  };
  return JSON.stringify(sort(request));
}

/** How the controller found its provider (for diagnostics and tests); `own`: the widget's own `src`. */
export type ProviderLink = 'property' | 'source' | 'own' | 'context' | 'none';

/**
 * How every widget gets its data. It finds the provider — the host's `.provider`, else the `<lens-data>` whose id
 * is the host's `source`, else a data source of the widget's own when it has a `src` (and `preset`), else the
 * closest `<lens-data>` around it (context) — subscribes to it, re-renders the host on every change, and runs
 * the widget's own engine calls with cancellation.
 *
 * ```ts
 * private readonly data = new DataController(this, { onData: () => this.fetch() });
 * private async fetch() {
 *   const page = await this.data.run(({ engine, dataset, request, signal }) =>
 *     engine.churnList(dataset, request, query, { signal }));
 *   if (page) this.rows = page.rows; // undefined: superseded or failed (then status is 'error')
 * }
 * ```
 */
export class DataController implements ReactiveController {
  private provider: DataProvider | undefined;
  private link: ProviderLink = 'none';
  private unsubscribe: (() => void) | undefined;
  private stopWaiting: (() => void) | undefined;
  private resolvedFor:
    | {
        provider: DataProvider | undefined;
        source: string | undefined;
        src: string | undefined;
        preset: string | undefined;
      }
    | undefined;
  /** The data source of the widget's own `src`, and what it loads. */
  private ownSource: { session: DataSession; key: string } | undefined;
  private current: DataState = idleState();
  private lastRevision = -1;
  private lastProvider: DataProvider | undefined;
  private readonly lanes = new Map<string, AbortController>();
  private taskError: DataError | undefined;
  /** The widget's own scoring (see `DataControllerOptions.request`), if its request differs from the provider's. */
  private ownScoring: OwnScoring | undefined;
  private connected = false;

  constructor(
    private readonly host: DataHost,
    private readonly options: DataControllerOptions = {},
  ) {
    host.addController(this);
  }

  // ---- What widgets read ---------------------------------------------------------------------------------

  /** The provider's current state. */
  get state(): DataState {
    return this.current;
  }

  /**
   * The widget's status: the provider's, except `error` when the widget's own last engine call failed, and
   * `idle` when no provider was found.
   */
  get status(): DataStatus {
    if (this.current.status !== 'ready') return this.current.status;
    if (this.ownScoring?.error || this.taskError) return 'error';
    if (this.ownScoring && !this.ownScoring.summary) return 'loading';
    return 'ready';
  }

  /** Why the status is `error` (the provider's error, or the widget's own call's). */
  get error(): DataError | undefined {
    return this.current.status === 'error' ? this.current.error : (this.ownScoring?.error ?? this.taskError);
  }

  get engine(): Engine | undefined {
    return this.current.engine;
  }

  get dataset(): DatasetHandle | undefined {
    return this.current.dataset;
  }

  /** The scoring summary (the widget's own scoring when it has its own request). */
  get summary(): ScoreSummary | undefined {
    return this.ownScoring ? this.ownScoring.summary : this.current.summary;
  }

  /** The scoring request the widget's calls use (its own, when it has one). */
  get request(): ScoreRequest {
    return this.ownScoring?.request ?? this.current.request;
  }

  get progress(): Progress | undefined {
    return this.ownScoring && !this.ownScoring.summary ? this.ownScoring.progress : this.current.progress;
  }

  get report(): IngestReport | undefined {
    return this.current.report;
  }

  /** The data's currency, when the source declares one. */
  get currency(): string | undefined {
    return this.current.currency;
  }

  /** How the provider was found. */
  get linkedBy(): ProviderLink {
    return this.link;
  }

  /** The `source` id this controller waits for (no such `<lens-data>` is connected yet). */
  get waitingFor(): string | undefined {
    return this.link === 'none' && this.host.source ? this.host.source : undefined;
  }

  /**
   * Run a widget's engine call with the current engine, dataset and request. A newer call in the same `lane`
   * aborts the older one (its promise resolves `undefined`); so does a new result from the provider. Resolves
   * `undefined` as well when there is no data yet or the call failed (the status is then `error`).
   */
  async run<T>(task: (context: TaskContext) => Promise<T>, lane = 'default'): Promise<T | undefined> {
    this.lanes.get(lane)?.abort();
    const { engine, dataset, status } = this.current;
    const { summary, request } = this;
    if (status !== 'ready' || !engine || !dataset || !summary) return undefined;
    const controller = new AbortController();
    this.lanes.set(lane, controller);
    try {
      const result = await task({ engine, dataset, request, summary, signal: controller.signal });
      if (controller.signal.aborted) return undefined;
      if (this.taskError) {
        this.taskError = undefined;
        this.host.requestUpdate();
      }
      return result;
    } catch (error) {
      if (controller.signal.aborted) return undefined;
      const engineError = toEngineError(error);
      if (engineError.code === 'aborted') return undefined;
      this.taskError = { code: engineError.code, message: engineError.message };
      this.host.requestUpdate();
      return undefined;
    } finally {
      if (this.lanes.get(lane) === controller) this.lanes.delete(lane);
    }
  }

  /** Abort the calls of one lane, or of every lane. */
  abort(lane?: string): void {
    if (lane !== undefined) {
      this.lanes.get(lane)?.abort();
      this.lanes.delete(lane);
      return;
    }
    for (const controller of this.lanes.values()) controller.abort();
    this.lanes.clear();
  }

  /** Reload the provider's data (the error state's "Try again"). */
  retry(): void {
    this.taskError = undefined;
    if (this.current.status === 'error') this.current.reload();
    else if (this.ownScoring?.error) this.syncRequest(true);
    else this.options.onData?.(this.current);
    this.host.requestUpdate();
  }

  // ---- Lifecycle -----------------------------------------------------------------------------------------

  hostConnected(): void {
    this.connected = true;
    this.resolve();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.detach();
    // The own data source tears down after a microtask unless the widget is connected again (a move).
    this.ownSource?.session.disconnect();
    this.abort();
    this.dropOwnScoring();
    this.resolvedFor = undefined;
    this.current = idleState();
    this.lastRevision = -1;
    this.lastProvider = undefined;
  }

  hostUpdate(): void {
    // `provider` or `source` changed since the provider was found: find it again.
    const resolved = this.resolvedFor;
    if (
      this.connected &&
      (resolved?.provider !== this.host.provider ||
        resolved?.source !== this.host.source ||
        resolved?.src !== this.host.src ||
        resolved?.preset !== this.host.preset)
    ) {
      this.resolve();
    }
    // The widget's own request may have changed (an attribute): score with it.
    if (this.options.request) this.syncRequest(false);
  }

  /**
   * Use the widget's own request (`DataControllerOptions.request`) when it differs from the provider's: start its
   * scoring, or go back to the provider's scoring and fire `onData`. `fresh`: the provider has a new result (or
   * this is a retry), so start over even when the request did not change.
   */
  private syncRequest(fresh: boolean): void {
    const state = this.current;
    if (state.status !== 'ready') return;
    const wanted = this.wantedRequest(state.request);
    if (!fresh && wanted?.key === this.ownScoring?.key) return;
    this.abort();
    this.taskError = undefined;
    this.dropOwnScoring();
    if (!wanted) {
      this.options.onData?.(state);
      this.host.requestUpdate();
      return;
    }
    const own: OwnScoring = { ...wanted, abort: new AbortController() };
    this.ownScoring = own;
    this.host.requestUpdate();
    const { engine, dataset } = state;
    if (own.error || !own.request || !engine || !dataset) return;
    const current = () => this.ownScoring === own && !own.abort.signal.aborted;
    engine
      .score(dataset, own.request, {
        signal: own.abort.signal,
        onProgress: (progress) => {
          if (!current()) return;
          own.progress = progress;
          this.host.requestUpdate();
        },
      })
      .then(
        (summary) => {
          if (!current()) return;
          own.summary = summary;
          this.options.onData?.(this.current);
          this.host.requestUpdate();
        },
        (error: unknown) => {
          if (!current()) return;
          const engineError = toEngineError(error);
          if (engineError.code === 'aborted') return;
          own.error = { code: engineError.code, message: engineError.message };
          this.host.requestUpdate();
        },
      );
  }

  /** The widget's own request, when it has one that differs from `provided` (or its error). */
  private wantedRequest(
    provided: ScoreRequest,
  ): { key: string; request?: ScoreRequest; error?: DataError } | undefined {
    if (!this.options.request) return undefined;
    let request: ScoreRequest | undefined;
    try {
      request = this.options.request(provided);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { key: `error:${message}`, error: { code: 'invalid-request', message } };
    }
    if (!request) return undefined;
    const key = requestKey(request);
    return key === requestKey(provided) ? undefined : { key, request };
  }

  private dropOwnScoring(): void {
    this.ownScoring?.abort.abort();
    this.ownScoring = undefined;
  }

  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.stopWaiting?.();
    this.stopWaiting = undefined;
    this.provider = undefined;
    this.link = 'none';
  }

  private resolve(): void {
    this.detach();
    const { provider, source, src, preset } = this.host;
    this.resolvedFor = { provider, source, src, preset };
    if (!src || provider || source) {
      this.ownSource?.session.disconnect();
      this.ownSource = undefined;
    }
    if (provider) {
      this.attach(provider, 'property');
      return;
    }
    if (source) {
      const found = findProvider(source, this.host);
      if (found) {
        this.attach(found, 'source');
        return;
      }
      // Not connected (or not defined) yet: wait for it.
      this.stopWaiting = onProviderConnected((candidate) => {
        if (candidate.id === source && this.host.source === source) this.attach(candidate, 'source');
      });
      this.update(idleState());
      return;
    }
    if (src) {
      this.attach(this.ownSession(src, preset), 'own');
      return;
    }
    let answered: DataProvider | undefined;
    this.host.dispatchEvent(
      new ContextEvent(dataContext, this.host, (value: DataProvider) => {
        answered = value;
      }),
    );
    if (answered) {
      this.attach(answered, 'context');
      return;
    }
    // No <lens-data> around us answered: perhaps it is not upgraded yet. Adopt the first one that connects
    // around us.
    this.stopWaiting = onProviderConnected((candidate: ProviderElement) => {
      if (!this.host.provider && !this.host.source && containsComposed(candidate, this.host)) {
        this.attach(candidate, 'context');
      }
    });
    this.update(idleState());
  }

  /** The widget's own data source for `src` (kept while `src` and `preset` stay the same). */
  private ownSession(src: string, preset: string | undefined): DataSession {
    const key = JSON.stringify([src, preset ?? '']);
    if (this.ownSource?.key !== key) {
      this.ownSource?.session.disconnect();
      const session = new DataSession(this.host);
      let input: DataInput | undefined;
      try {
        input = dataInput({ src }, ingestOptions({ preset, fields: {} }));
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        input = { kind: 'invalid', error: { code: 'invalid-request', message: error.message } };
      }
      session.setInput(input);
      this.ownSource = { session, key };
    }
    this.ownSource.session.connect();
    return this.ownSource.session;
  }

  private attach(provider: DataProvider, link: ProviderLink): void {
    this.detach();
    this.provider = provider;
    this.link = link;
    this.unsubscribe = provider.subscribeData((state) => this.update(state));
    this.update(provider.dataState);
  }

  private update(state: DataState): void {
    const changedProvider = this.provider !== this.lastProvider;
    this.current = state;
    if (state.status !== 'ready') {
      // The provider is reloading or failed: the widget's own calls are about old data.
      this.abort();
      this.dropOwnScoring();
      this.taskError = undefined;
    }
    if (state.status === 'ready' && (state.revision !== this.lastRevision || changedProvider)) {
      this.lastRevision = state.revision;
      this.lastProvider = this.provider;
      // Aborts the calls about the old result, then fires onData (or scores the widget's own request first).
      this.syncRequest(true);
    } else if (changedProvider) {
      this.lastProvider = this.provider;
      this.lastRevision = -1;
    }
    this.host.requestUpdate();
  }
}
