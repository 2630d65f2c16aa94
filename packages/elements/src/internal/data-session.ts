import type { DatasetOptions, IngestInput, IngestReport, TransactionTable } from '@crm-lens/core';
import {
  acquireEngine,
  type CreateEngineOptions,
  type DatasetHandle,
  type Engine,
  type LoadInput,
  type Progress,
  type RejectionPage,
  releaseEngine,
  type ScoreRequest,
  toEngineError,
} from '@crm-lens/engine';
import { LensDataErrorEvent } from '../events/data-error.js';
import { LensDataLoadEvent } from '../events/data-load.js';
import { LensProgressEvent } from '../events/progress.js';
import type { DataError, DataProvider, DataState, DataStatus } from './data-state.js';
import { yieldToPage } from './yield-to-page.js';

/**
 * What a session loads:
 * - `engine`: any engine load input (a URL, row objects, columns, bytes, canonical tables), ingested in the host;
 * - `invalid`: a configuration error to show;
 * - `local`: transactions with customers and/or interactions that are not canonical tables yet. The engine loads
 *   those only as canonical tables, so they are ingested here first (core's `ingestDataset`, loaded with
 *   `import()` on first use, yielding to the page every few thousand rows), then moved to the engine.
 */
export type DataInput =
  | { readonly kind: 'engine'; readonly input: LoadInput }
  /** A configuration mistake found before loading (an unknown preset, say): shown as the error state. */
  | { readonly kind: 'invalid'; readonly error: DataError }
  | {
      readonly kind: 'local';
      readonly transactions: IngestInput;
      readonly customers?: IngestInput;
      readonly interactions?: IngestInput;
      readonly options: DatasetOptions;
    };

/** How the session gets its engine. */
export interface EngineConfig {
  /** Use this engine (the session neither creates nor disposes it). */
  readonly engine?: Engine;
  /** Key of the page's shared engine (default `default`). */
  readonly key?: string;
  /** Options for creating the shared engine (only the first user's count). */
  readonly options?: CreateEngineOptions;
}

/** Stops a run when a newer one started or the session was torn down. */
class Superseded extends Error {}

const NO_REJECTIONS: RejectionPage = { total: 0, offset: 0, rows: [] };

/** A currency named by a report's mapping, when it is a constant (`"GBP" (constant)`). */
function mappedCurrency(report: IngestReport | undefined): string | undefined {
  const match = /^"([A-Za-z]{3})" \(constant\)$/.exec(report?.mapping.currency ?? '');
  return match?.[1]?.toUpperCase();
}

/** The canonical JSON of a request (key order does not matter). */
function requestKey(request: ScoreRequest): string {
  const sort = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => [k, sort(v)]),
        )
      : value;
  return JSON.stringify(sort(request));
}

/**
 * Loads one input into an engine and scores it, keeping a {@link DataState} that widgets subscribe to. Used by
 * `<lens-data>` (and by a widget that loads its own `src`).
 *
 * - The engine is the page's shared one (`acquireEngine`), acquired on first use and released on teardown, so
 *   the engine ends when its last user goes; or one given in `engine.engine`, which is never disposed here.
 * - A newer input or request aborts the run in progress (its AbortSignal reaches the engine).
 * - Teardown (on disconnect) aborts, drops the dataset from the engine and releases the engine. It waits for a
 *   microtask, so moving the element in the DOM (disconnect + connect in one task) keeps everything.
 */
export class DataSession implements DataProvider {
  /** Engine options for every session that is not given its own (e.g. a worker URL on a CDN). */
  static defaultEngineOptions: CreateEngineOptions | undefined;

  private input: DataInput | undefined;
  private request: ScoreRequest = {};
  private requestId = '{}';
  private currency: string | undefined;
  private engineConfig: EngineConfig = {};

  private connected = false;
  private enginePromise: Promise<Engine> | undefined;
  /** The engine, once its promise resolved. */
  private resolvedEngine: Engine | undefined;
  /** The engine promise was acquired from the shared pool (and must be released). */
  private acquired = false;
  private abort: AbortController | undefined;
  /** Bumped on every run and teardown: a run that sees another generation stops. */
  private generation = 0;
  /** Input loaded in the current dataset (to tell a rescore from a reload). */
  private loadedInput: DataInput | undefined;
  private dataset: DatasetHandle | undefined;
  private localReport: IngestReport | undefined;

  private state: DataState;
  private readonly listeners = new Set<(state: DataState) => void>();
  private revision = 0;

  /**
   * @param target - where the `lens-data-load`, `lens-data-error` and `lens-progress` events are dispatched
   */
  constructor(private readonly target: EventTarget) {
    this.state = this.makeState('idle');
  }

  get dataState(): DataState {
    return this.state;
  }

  /** How many listeners are subscribed (diagnostics: widgets unsubscribe when they go). */
  get subscriberCount(): number {
    return this.listeners.size;
  }

  subscribeData(listener: (state: DataState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Set what to load; `undefined` unloads. Starts loading when connected. */
  setInput(input: DataInput | undefined): void {
    if (input === this.input) return;
    this.input = input;
    if (this.connected) this.start();
  }

  /** Set the scoring request; rescoring only happens when it really changed. */
  setRequest(request: ScoreRequest): void {
    const id = requestKey(request);
    if (id === this.requestId) return;
    this.request = request;
    this.requestId = id;
    if (this.connected && this.input) this.start();
  }

  /** The data's currency when the source declares it (a `currency` attribute). */
  setCurrency(currency: string | undefined): void {
    if (currency === this.currency) return;
    this.currency = currency;
    this.publish(this.state.status, {});
  }

  /** How to get the engine; a change takes effect at the next connection. */
  setEngineConfig(config: EngineConfig): void {
    if (config.engine !== this.engineConfig.engine && this.connected) {
      this.engineConfig = config;
      this.releaseEngine();
      if (this.input) this.start(true);
      return;
    }
    this.engineConfig = config;
  }

  connect(): void {
    if (this.connected) return;
    this.connected = true;
    if (this.input && !this.loadedInput) this.start();
  }

  disconnect(): void {
    this.connected = false;
    queueMicrotask(() => {
      if (!this.connected) this.teardown();
    });
  }

  /** Load (and score) again. */
  reload(): void {
    if (this.connected && this.input) this.start(true);
  }

  /** The engine's host, once acquired (for the `compute-host` attribute). */
  get host(): string | undefined {
    return this.state.host;
  }

  private engine(): Promise<Engine> {
    if (!this.enginePromise) {
      const { engine, key, options } = this.engineConfig;
      const promise = engine
        ? Promise.resolve(engine)
        : acquireEngine(key ?? 'default', options ?? DataSession.defaultEngineOptions);
      this.acquired = !engine;
      this.enginePromise = promise;
      promise.then(
        (resolved) => {
          if (this.enginePromise === promise) this.resolvedEngine = resolved;
        },
        () => {
          // A failed start is not kept: the next run tries again.
          if (this.enginePromise === promise) this.enginePromise = undefined;
        },
      );
    }
    return this.enginePromise;
  }

  /** Drop the dataset and give the engine back (the shared engine ends with its last user). */
  private releaseEngine(): void {
    const promise = this.enginePromise;
    const acquired = this.acquired;
    const dataset = this.dataset;
    this.enginePromise = undefined;
    this.resolvedEngine = undefined;
    this.acquired = false;
    this.dataset = undefined;
    this.loadedInput = undefined;
    if (!promise) return;
    promise.then(
      async (engine) => {
        if (dataset) await engine.drop(dataset).catch(() => undefined);
        if (acquired) await releaseEngine(engine);
      },
      () => undefined,
    );
  }

  private teardown(): void {
    this.generation++;
    this.abort?.abort();
    this.abort = undefined;
    this.releaseEngine();
    this.localReport = undefined;
    this.publish('idle', { clear: true });
  }

  /** Start a run: a full load when the input changed (or `force`), else a rescore of the loaded dataset. */
  private start(force = false): void {
    const generation = ++this.generation;
    this.abort?.abort();
    const controller = new AbortController();
    this.abort = controller;
    const input = this.input;
    if (!input) {
      this.dropDataset();
      this.publish('idle', { clear: true });
      return;
    }
    const reload = force || input !== this.loadedInput || !this.dataset;
    void this.run(generation, controller.signal, input, reload);
  }

  private dropDataset(): void {
    const dataset = this.dataset;
    this.dataset = undefined;
    this.loadedInput = undefined;
    this.localReport = undefined;
    if (dataset && this.enginePromise) {
      this.enginePromise.then((engine) => engine.drop(dataset)).catch(() => undefined);
    }
  }

  private check(generation: number): void {
    if (generation !== this.generation) throw new Superseded();
  }

  private async run(generation: number, signal: AbortSignal, input: DataInput, reload: boolean) {
    const request = this.request;
    const onProgress = (progress: Progress) => {
      if (generation !== this.generation) return;
      this.publish('loading', { progress });
      this.target.dispatchEvent(new LensProgressEvent({ ...progress }));
    };
    try {
      if (input.kind === 'invalid') {
        this.dropDataset();
        this.publish('error', { clear: true });
        this.fail(input.error);
        return;
      }
      if (input.kind === 'engine' && input.input.kind === 'rows' && input.input.rows.length === 0) {
        this.dropDataset();
        this.publish('empty', { clear: true });
        return;
      }
      if (reload) {
        this.publish('loading', { clear: true });
        this.dropDataset();
        onProgress({ stage: 'engine' });
      } else {
        onProgress({ stage: 'summary', fraction: 0 });
      }
      const engine = await this.engine();
      this.check(generation);
      let report = this.state.report;
      if (reload) {
        const loaded = await this.load(engine, input, signal, onProgress);
        if (generation !== this.generation) {
          // Superseded while loading: the dataset is nobody's.
          engine.drop(loaded.handle).catch(() => undefined);
          throw new Superseded();
        }
        this.dataset = loaded.handle;
        this.loadedInput = input;
        report = loaded.report;
        this.publish('loading', { report, dataset: loaded.handle });
        if (loaded.handle.transactions === 0) {
          if (report && report.rejected > 0) {
            this.fail({
              code: 'no-valid-rows',
              message: `all ${report.rejected} rows were rejected`,
            });
          } else {
            this.publish('empty', {});
          }
          return;
        }
      }
      const dataset = this.dataset!;
      const summary = await engine.score(dataset, request, { signal, onProgress });
      this.check(generation);
      this.revision++;
      this.publish('ready', { summary });
      this.target.dispatchEvent(
        new LensDataLoadEvent({
          dataset,
          host: engine.host,
          total: report?.total ?? dataset.transactions,
          accepted: report?.accepted ?? dataset.transactions,
          rejected: report?.rejected ?? 0,
          rejectedByReason: { ...(report?.rejectedByReason ?? {}) } as Record<string, number>,
          summary,
        }),
      );
    } catch (error) {
      if (error instanceof Superseded || generation !== this.generation) return;
      const engineError = toEngineError(error);
      if (engineError.code === 'aborted') return;
      this.fail({ code: engineError.code, message: engineError.message });
    }
  }

  private async load(
    engine: Engine,
    input: DataInput,
    signal: AbortSignal,
    onProgress: (progress: Progress) => void,
  ): Promise<{ handle: DatasetHandle; report?: IngestReport }> {
    if (input.kind === 'invalid') throw new Superseded();
    if (input.kind === 'engine') {
      this.localReport = undefined;
      const result = await engine.load(input.input, { signal, onProgress });
      return { handle: result.handle, ...(result.report ? { report: result.report } : {}) };
    }
    // Local ingestion of transactions with customers/interactions, then a move of the canonical tables.
    const pause = async () => {
      await yieldToPage();
      if (signal.aborted) throw new Superseded();
    };
    const progress = (p: { rows: number }) => onProgress({ stage: 'ingest', rows: p.rows });
    // Loaded on first use: the ingestion code is large, and only this kind of input needs it on the page.
    const { ingestDataset } = await import('./local-ingest.js');
    if (signal.aborted) throw new Superseded();
    const dataset = await ingestDataset(
      {
        transactions: input.transactions,
        ...(input.customers !== undefined ? { customers: input.customers } : {}),
        ...(input.interactions !== undefined ? { interactions: input.interactions } : {}),
      },
      {
        transactions: { ...input.options.transactions, signal, pause, onProgress: progress },
        customers: { ...input.options.customers, signal, pause, onProgress: progress },
        interactions: { ...input.options.interactions, signal, pause, onProgress: progress },
      },
    );
    this.localReport = dataset.reports.transactions;
    const result = await engine.load(
      {
        kind: 'tables',
        transactions: dataset.transactions as TransactionTable,
        ...(dataset.customers ? { customers: dataset.customers } : {}),
        ...(dataset.interactions ? { interactions: dataset.interactions } : {}),
        transfer: true,
      },
      { signal },
    );
    return { handle: result.handle, report: dataset.reports.transactions };
  }

  private fail(error: DataError): void {
    this.publish('error', { error });
    this.target.dispatchEvent(new LensDataErrorEvent({ code: error.code, message: error.message }));
  }

  /** A page of the current load's rejected rows. */
  private rejections = async (offset: number, limit: number, signal?: AbortSignal) => {
    if (this.localReport) {
      const rows = this.localReport.rejections;
      return { total: rows.length, offset, rows: rows.slice(offset, offset + limit) };
    }
    const dataset = this.dataset;
    if (!dataset || !this.enginePromise || !this.state.report) return { ...NO_REJECTIONS, offset };
    const engine = await this.enginePromise;
    return engine.rejections(dataset, offset, limit, signal ? { signal } : {});
  };

  private publish(
    status: DataStatus,
    change: {
      readonly clear?: boolean;
      readonly progress?: Progress;
      readonly report?: IngestReport | undefined;
      readonly dataset?: DatasetHandle;
      readonly summary?: DataState['summary'];
      readonly error?: DataError;
    },
  ): void {
    const previous = this.state;
    const keep = !change.clear;
    const report = 'report' in change ? change.report : keep ? previous.report : undefined;
    const engine = this.resolvedEngine;
    const next: DataState = {
      ...this.makeState(status),
      ...(engine ? { engine, host: engine.host } : {}),
      ...((change.dataset ?? (keep ? previous.dataset : undefined))
        ? { dataset: change.dataset ?? previous.dataset! }
        : {}),
      ...(report ? { report } : {}),
      ...(status === 'loading' && change.progress
        ? { progress: change.progress }
        : status === 'loading' && keep && previous.progress
          ? { progress: previous.progress }
          : {}),
      ...(status === 'ready' ? { summary: change.summary ?? previous.summary! } : {}),
      ...(status === 'error' && change.error ? { error: change.error } : {}),
    };
    const currency = this.currency ?? mappedCurrency(next.report);
    this.state = currency ? { ...next, currency } : next;
    for (const listener of this.listeners) listener(this.state);
  }

  private makeState(status: DataStatus): DataState {
    return {
      status,
      request: this.request,
      revision: this.revision,
      rejections: this.rejections,
      reload: () => this.reload(),
    };
  }
}
