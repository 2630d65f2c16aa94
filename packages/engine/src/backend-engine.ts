import type { EngineBackend, ProgressSink } from './backend.js';
import { columnariseRows } from './columnarise.js';
import type { CallOptions, Engine } from './engine.js';
import { abortedError, EngineError, toEngineError } from './errors.js';
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
  HostLoadInput,
  KpisResult,
  LoadInput,
  LoadResult,
  PeriodQuery,
  PingReply,
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

type Methods =
  | 'ping'
  | 'cancel'
  | 'load'
  | 'score'
  | 'customers'
  | 'churnList'
  | 'upgradeCandidates'
  | 'rejections'
  | 'segments'
  | 'rules'
  | 'suggestions'
  | 'sequences'
  | 'cohorts'
  | 'kpis'
  | 'drilldown'
  | 'customerCard'
  | 'drop';

/** The backend as a caller reaches it: directly (in-thread) or through comlink (every answer a promise). */
export type BackendPort = {
  [K in Methods]: (
    ...args: Parameters<EngineBackend[K]>
  ) => Promise<Awaited<ReturnType<EngineBackend[K]>>> | Awaited<ReturnType<EngineBackend[K]>>;
};

interface CallContext {
  readonly id: number;
  /** The caller's progress callback as the backend receives it (proxied across a boundary). */
  readonly sink: ProgressSink | undefined;
  /** The caller's progress callback for work done on the calling side. */
  readonly progress: ((progress: Progress) => void) | undefined;
  readonly signal: AbortSignal | undefined;
}

/** Relative URLs are the page's: resolve them here, since a worker would resolve them against its own script. */
function absoluteUrl(url: string): string {
  const base =
    (globalThis as { document?: { baseURI?: string } }).document?.baseURI ?? globalThis.location?.href;
  try {
    return new URL(url, base).href;
  } catch {
    throw new EngineError(
      'invalid-request',
      `"${url}" is not a URL (and there is no page to resolve it against)`,
    );
  }
}

/**
 * The calling side of every engine: request ids, AbortSignal → `cancel(id)`, progress, rows columnarised on
 * the calling thread, errors rethrown as EngineError, disposal. Subclasses say how input crosses to the host
 * (copied, moved) and how a progress callback does.
 */
export abstract class BackendEngine implements Engine {
  abstract readonly host: HostKind;
  private nextRequest = 1;
  private readonly pending = new Set<(error: EngineError) => void>();
  private disposed = false;
  /** Set when the host died after it was accepted (a crashed worker): every call fails with it. */
  private lost: EngineError | undefined;

  protected constructor(private readonly port: BackendPort) {}

  /**
   * The input as the host must receive it: buffers copied, or moved when the caller said `transfer: true`. An
   * in-thread host may take several tasks to copy it (then `signal` stops it between them).
   */
  protected abstract handOver(
    input: HostLoadInput,
    signal: AbortSignal | undefined,
  ): HostLoadInput | Promise<HostLoadInput>;
  /** The progress callback in a form that reaches it from the host. */
  protected abstract sink(onProgress: (progress: Progress) => void): ProgressSink;
  /** Release the host (terminate the worker, drop the data). */
  protected abstract release(): void;

  /**
   * A `url` load as the host receives it (its URL already absolute): by default the host fetches it. A host on
   * another origin (the iframe) overrides this to fetch on the page, with the page's cookies and CSP.
   */
  protected fetchInput(
    input: Extract<LoadInput, { readonly kind: 'url' }>,
    _signal: AbortSignal | undefined,
  ): HostLoadInput | Promise<HostLoadInput> {
    return input;
  }

  /** The host's handshake answer (used to accept a host). */
  async ping(): Promise<PingReply> {
    this.assertLive();
    try {
      return await this.port.ping();
    } catch (error) {
      throw toEngineError(error);
    }
  }

  load(input: LoadInput, options?: CallOptions): Promise<LoadResult> {
    return this.call(options, async ({ id, sink, progress, signal }) => {
      if (typeof input !== 'object' || input === null) {
        throw new EngineError('invalid-request', 'load needs an input object');
      }
      let hostInput: HostLoadInput;
      if (input.kind === 'rows') {
        if (!Array.isArray(input.rows))
          throw new EngineError('invalid-request', 'rows must be an array of objects');
        // Row objects never cross the boundary: they become typed columns here, a slice at a time.
        const { rows } = await columnariseRows(input.rows, {
          ...(signal ? { signal } : {}),
          // Columnarising is the first half of the request (ingestion in the host is the second).
          onProgress: (done, total) => progress?.({ stage: 'columnarise', fraction: (0.5 * done) / total }),
        });
        hostInput = { kind: 'encoded-rows', rows, ...(input.options ? { options: input.options } : {}) };
      } else if (input.kind === 'url') {
        hostInput = await this.fetchInput({ ...input, url: absoluteUrl(input.url) }, signal);
      } else {
        hostInput = input;
      }
      const handed = this.handOver(hostInput, signal);
      return this.port.load(id, handed instanceof Promise ? await handed : handed, sink);
    });
  }

  /**
   * Load input already in the form a host receives (row objects columnarised): for a relay that serves another
   * engine's calls, such as the iframe compute host (engine-relay.ts). Apps call {@link load}.
   */
  loadHostInput(input: HostLoadInput, options?: CallOptions): Promise<LoadResult> {
    return this.call(options, async ({ id, sink, signal }) => {
      if (typeof input !== 'object' || input === null) {
        throw new EngineError('invalid-request', 'load needs an input object');
      }
      const handed = this.handOver(input, signal);
      return this.port.load(id, handed instanceof Promise ? await handed : handed, sink);
    });
  }

  score(dataset: DatasetHandle, request: ScoreRequest = {}, options?: CallOptions): Promise<ScoreSummary> {
    return this.call(options, ({ id, sink }) => this.port.score(id, dataset, request, sink));
  }

  customers(
    dataset: DatasetHandle,
    request: ScoreRequest,
    fields: readonly CustomerField[],
    index?: Int32Array,
    options?: CallOptions,
  ): Promise<CustomerColumns> {
    return this.call(options, ({ id, sink }) =>
      // The caller keeps its index array: the host gets a copy.
      this.port.customers(id, dataset, request, fields, index?.slice(), sink),
    );
  }

  churnList(
    dataset: DatasetHandle,
    request: ScoreRequest,
    query: ChurnQuery,
    options?: CallOptions,
  ): Promise<ChurnPage> {
    return this.call(options, ({ id, sink }) => this.port.churnList(id, dataset, request, query, sink));
  }

  upgradeCandidates(
    dataset: DatasetHandle,
    request: ScoreRequest,
    tier: 'gold' | 'iron' | 'lead',
    limit: number,
    fields: readonly CustomerField[],
    options?: CallOptions,
  ): Promise<CustomerColumns> {
    return this.call(options, ({ id, sink }) =>
      this.port.upgradeCandidates(id, dataset, request, tier, limit, fields, sink),
    );
  }

  rejections(
    dataset: DatasetHandle,
    offset: number,
    limit: number,
    options?: CallOptions,
  ): Promise<RejectionPage> {
    return this.call(options, ({ id }) => this.port.rejections(id, dataset, offset, limit));
  }

  segments(
    dataset: DatasetHandle,
    request: ScoreRequest = {},
    query: SegmentsQuery = {},
    options?: CallOptions,
  ): Promise<SegmentsResult> {
    return this.call(options, ({ id, sink }) => this.port.segments(id, dataset, request, query, sink));
  }

  rules(dataset: DatasetHandle, query: RulesQuery, options?: CallOptions): Promise<RulesResult> {
    return this.call(options, ({ id, sink }) => this.port.rules(id, dataset, query, sink));
  }

  suggestions(
    dataset: DatasetHandle,
    query: SuggestionsQuery,
    options?: CallOptions,
  ): Promise<SuggestionsResult> {
    return this.call(options, ({ id, sink }) => this.port.suggestions(id, dataset, query, sink));
  }

  sequences(dataset: DatasetHandle, query: SequencesQuery, options?: CallOptions): Promise<SequencesResult> {
    return this.call(options, ({ id, sink }) => this.port.sequences(id, dataset, query, sink));
  }

  cohorts(dataset: DatasetHandle, query: PeriodQuery, options?: CallOptions): Promise<CohortsResult> {
    return this.call(options, ({ id, sink }) => this.port.cohorts(id, dataset, query, sink));
  }

  kpis(dataset: DatasetHandle, query: PeriodQuery, options?: CallOptions): Promise<KpisResult> {
    return this.call(options, ({ id, sink }) => this.port.kpis(id, dataset, query, sink));
  }

  drilldown(
    dataset: DatasetHandle,
    request: ScoreRequest,
    query: DrilldownQuery,
    options?: CallOptions,
  ): Promise<DrilldownResult> {
    return this.call(options, ({ id, sink }) => this.port.drilldown(id, dataset, request, query, sink));
  }

  customerCard(
    dataset: DatasetHandle,
    request: ScoreRequest,
    customerId: string,
    query: CustomerCardQuery = {},
    options?: CallOptions,
  ): Promise<CustomerCard> {
    return this.call(options, ({ id, sink }) =>
      this.port.customerCard(id, dataset, request, customerId, query, sink),
    );
  }

  async drop(dataset: DatasetHandle): Promise<void> {
    this.assertLive();
    try {
      await this.port.drop(dataset);
    } catch (error) {
      throw toEngineError(error);
    }
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const error = new EngineError('disposed', 'the engine was disposed');
    for (const fail of [...this.pending]) fail(error);
    this.release();
  }

  private assertLive(): void {
    if (this.disposed) throw new EngineError('disposed', 'the engine was disposed');
    if (this.lost) throw this.lost;
  }

  /** The host is gone (e.g. the worker crashed): fail the calls in flight and every later one. */
  protected hostLost(error: EngineError): void {
    if (this.lost || this.disposed) return;
    this.lost = error;
    for (const fail of [...this.pending]) fail(error);
  }

  /**
   * One request: a fresh id, the signal wired to `cancel(id)` (the caller is released at once; the host stops
   * at its next check), progress delivered only until the call settles, every failure an EngineError.
   */
  private call<T>(
    options: CallOptions | undefined,
    invoke: (context: CallContext) => T | Promise<T>,
  ): Promise<T> {
    if (this.disposed) return Promise.reject(new EngineError('disposed', 'the engine was disposed'));
    if (this.lost) return Promise.reject(this.lost);
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(abortedError(signal));
    const id = this.nextRequest++;
    let settled = false;
    const onProgress = options?.onProgress;
    const progress = onProgress
      ? (p: Progress) => {
          if (!settled) onProgress(p);
        }
      : undefined;

    return new Promise<T>((resolve, reject) => {
      const finish = () => {
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        this.pending.delete(fail);
      };
      const fail = (error: unknown) => {
        if (settled) return;
        finish();
        reject(toEngineError(error));
      };
      const onAbort = () => {
        if (settled) return;
        try {
          const sent = this.port.cancel(id) as Promise<void> | undefined;
          sent?.then(undefined, () => undefined);
        } catch {
          // The host is gone; the caller is released below all the same.
        }
        fail(abortedError(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.add(fail);
      let running: Promise<T>;
      try {
        running = Promise.resolve(
          invoke({ id, sink: progress ? this.sink(progress) : undefined, progress, signal }),
        );
      } catch (error) {
        fail(error);
        return;
      }
      running.then((value) => {
        if (settled) return;
        finish();
        resolve(value);
      }, fail);
    });
  }
}
