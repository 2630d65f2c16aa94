import type {
  CustomerScores,
  CustomerTable,
  IngestProgress,
  IngestReport,
  InteractionTable,
  TransactionTable,
} from '@crm-lens/core';
import { releaseProxy, transfer } from 'comlink';
import { buffersOf } from './buffers.js';
import { canonicalJson } from './canonical-json.js';
import { allCustomers, churnPage, customerColumns, namesByCode, upgradeIndex } from './customer-views.js';
import { EngineError, throwIfAborted, toWireError } from './errors.js';
import { loadInput, type ResidentTables } from './host-load.js';
import {
  type ChurnPage,
  type ChurnQuery,
  type CustomerColumns,
  type CustomerField,
  type DatasetHandle,
  type HostLoadInput,
  type LoadResult,
  type PingReply,
  PROTOCOL_VERSION,
  type Progress,
  type RejectionPage,
  type ScoreRequest,
  type ScoreSummary,
} from './protocol.js';
import { runScoring, toScoreOptions } from './run-scoring.js';
import { buildSummary, copySummary } from './score-summary.js';
import { type ProgressSink, SharedTask } from './shared-task.js';
import {
  validateChurnQuery,
  validateFields,
  validateIndex,
  validateScoreRequest,
  validateUpgrade,
} from './validate.js';

export type { ResidentTables } from './host-load.js';
export type { ProgressSink } from './shared-task.js';

/** A dataset resident in the host. */
interface Resident {
  readonly handle: DatasetHandle;
  readonly transactions: TransactionTable;
  readonly customers?: CustomerTable;
  readonly interactions?: InteractionTable;
  /** Display name per customer code; null when the dataset has no names (computed on first use). */
  names?: readonly (string | null)[] | null;
  /** The full ingestion report; the load result carries only its first rejected rows. */
  readonly report?: IngestReport;
}

/**
 * Rejected rows sent with a load result. A report can hold 100,000 of them (Online Retail rejects 135,080 rows
 * without a customer): decoding those on the page is a long task, so the rest are fetched by page.
 */
export const LOAD_REPORT_REJECTIONS = 200;

interface Scored {
  readonly scores: CustomerScores;
  readonly summary: ScoreSummary;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Tell a remote (comlink) progress sink that it is no longer needed; a plain function needs nothing. */
function release(sink: ProgressSink | undefined): void {
  try {
    const releaser = (sink as unknown as Record<symbol, unknown> | undefined)?.[releaseProxy];
    if (typeof releaser === 'function') releaser();
  } catch {
    // Already released, or its port is closed: nothing left to free.
  }
}

/**
 * The host side of an engine: what a worker exposes over comlink, and what the in-thread engine calls directly.
 *
 * - Datasets stay resident here, addressed by handle.
 * - Scoring results are cached per dataset and canonical request, and concurrent identical requests share one
 *   computation (several widgets asking the same thing compute once).
 * - Each call carries a `requestId` chosen by the caller, so that `cancel(requestId)` can stop it.
 * - Calls reject with a plain {@link WireError} (it crosses a boundary intact; the engines rethrow it as an
 *   EngineError); results that hold typed arrays are marked for transfer.
 */
export class EngineBackend {
  private readonly datasets = new Map<string, Resident>();
  private readonly scorings = new Map<string, SharedTask<Scored>>();
  private readonly requests = new Map<number, AbortController>();
  private nextDataset = 1;
  private disposed = false;
  private readonly maxScorings: number;

  /**
   * @param options.maxScorings - finished scorings kept per dataset (default 4): each holds every per-customer
   *   array of the scoring (about 250 bytes a customer), so a widget stepping through analysis dates must not
   *   keep them all.
   */
  constructor(options: { readonly maxScorings?: number } = {}) {
    this.maxScorings = Math.max(1, options.maxScorings ?? 4);
  }

  /** The handshake: answers at once with the protocol version. */
  ping(): PingReply {
    return { protocol: PROTOCOL_VERSION };
  }

  /** Cancel a running call (unknown or finished ids are ignored). */
  cancel(requestId: number): void {
    this.requests.get(requestId)?.abort();
  }

  load(requestId: number, input: HostLoadInput, onProgress?: ProgressSink): Promise<LoadResult> {
    return this.run(requestId, onProgress, async (signal, progress) => {
      const { tables, report } = await loadInput(input, signal, progress);
      throwIfAborted(signal);
      const handle = this.register(tables, report);
      if (!report) return { handle };
      const rejections = report.rejections.slice(0, LOAD_REPORT_REJECTIONS);
      return { handle, report: { ...report, rejections }, rejectionsKept: report.rejections.length };
    });
  }

  score(
    requestId: number,
    dataset: DatasetHandle,
    request: ScoreRequest = {},
    onProgress?: ProgressSink,
  ): Promise<ScoreSummary> {
    return this.run(requestId, onProgress, async (signal, _progress, sink) => {
      const { summary } = await this.scored(dataset, request, signal, sink);
      return copySummary(summary);
    });
  }

  customers(
    requestId: number,
    dataset: DatasetHandle,
    request: ScoreRequest,
    fields: readonly CustomerField[],
    index?: Int32Array,
    onProgress?: ProgressSink,
  ): Promise<CustomerColumns> {
    return this.run(requestId, onProgress, async (signal, _progress, sink) => {
      validateFields(fields);
      const resident = this.resident(dataset);
      if (index !== undefined) validateIndex(index, resident.transactions.customer.dictionary.length);
      const { scores } = await this.scored(dataset, request, signal, sink);
      return customerColumns(scores, this.names(resident), fields, index ?? allCustomers(scores.ids.length));
    });
  }

  churnList(
    requestId: number,
    dataset: DatasetHandle,
    request: ScoreRequest,
    query: ChurnQuery,
    onProgress?: ProgressSink,
  ): Promise<ChurnPage> {
    return this.run(requestId, onProgress, async (signal, _progress, sink) => {
      validateChurnQuery(query);
      const resident = this.resident(dataset);
      const { scores } = await this.scored(dataset, request, signal, sink);
      const names = this.names(resident);
      const page = churnPage(scores, names, query);
      return {
        total: page.total,
        offset: query.offset,
        rows: customerColumns(scores, names, query.fields, page.index, query.reasons === true),
      };
    });
  }

  upgradeCandidates(
    requestId: number,
    dataset: DatasetHandle,
    request: ScoreRequest,
    tier: 'gold' | 'iron' | 'lead',
    limit: number,
    fields: readonly CustomerField[],
    onProgress?: ProgressSink,
  ): Promise<CustomerColumns> {
    return this.run(requestId, onProgress, async (signal, _progress, sink) => {
      validateUpgrade(tier, limit);
      validateFields(fields);
      const resident = this.resident(dataset);
      const { scores } = await this.scored(dataset, request, signal, sink);
      return customerColumns(scores, this.names(resident), fields, upgradeIndex(scores, tier, limit));
    });
  }

  /** A page of the dataset's rejected rows (from the full ingestion report kept in the host). */
  rejections(
    requestId: number,
    dataset: DatasetHandle,
    offset: number,
    limit: number,
  ): Promise<RejectionPage> {
    return this.run(requestId, undefined, async () => {
      if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 0) {
        throw new EngineError('invalid-request', 'offset and limit must be whole numbers ≥ 0');
      }
      const kept = this.resident(dataset).report?.rejections ?? [];
      return { total: kept.length, offset, rows: kept.slice(offset, offset + limit) };
    });
  }

  /** Forget a dataset and its cached results; scorings of it still running reject with `unknown-dataset`. */
  drop(dataset: DatasetHandle): void {
    const id = dataset?.id;
    if (!this.datasets.delete(id)) return;
    const prefix = `${id}\u0000`;
    for (const [key, task] of this.scorings) {
      if (!key.startsWith(prefix)) continue;
      task.abort(new EngineError('unknown-dataset', `dataset ${id} was dropped`));
      this.scorings.delete(key);
    }
  }

  /** Stop everything and forget every dataset; later calls reject with `disposed`. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const reason = new EngineError('disposed', 'the engine was disposed');
    for (const controller of this.requests.values()) controller.abort(reason);
    for (const task of this.scorings.values()) task.abort(reason);
    this.requests.clear();
    this.scorings.clear();
    this.datasets.clear();
  }

  /** The canonical tables of a resident dataset (host-side only: never sent across a boundary by the engines). */
  tables(dataset: DatasetHandle): ResidentTables {
    const { transactions, customers, interactions } = this.resident(dataset);
    return {
      transactions,
      ...(customers ? { customers } : {}),
      ...(interactions ? { interactions } : {}),
    };
  }

  /** One call: register it for `cancel`, turn any failure into a WireError, mark the result's buffers for transfer. */
  private async run<T>(
    requestId: number,
    sink: ProgressSink | undefined,
    body: (
      signal: AbortSignal,
      progress: (p: IngestProgress, fraction?: number) => void,
      sink: ProgressSink | undefined,
    ) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    // Deliveries to a remote sink still under way: a result must not overtake its own last progress report.
    const deliveries = new Set<Promise<unknown>>();
    const tracked: ProgressSink | undefined = sink
      ? (report) => {
          try {
            const result = sink(report) as Promise<unknown> | undefined;
            if (typeof result?.then !== 'function') return;
            const delivery: Promise<unknown> = result.then(
              () => deliveries.delete(delivery),
              () => deliveries.delete(delivery),
            );
            deliveries.add(delivery);
          } catch {
            // Progress is advisory.
          }
        }
      : undefined;
    try {
      if (this.disposed) throw new EngineError('disposed', 'the engine was disposed');
      this.requests.set(requestId, controller);
      const progress = (p: IngestProgress, fraction?: number) =>
        tracked?.({
          stage: 'ingest',
          rows: p.rows,
          ...(fraction !== undefined && Number.isFinite(fraction) ? { fraction } : {}),
        });
      const result = await body(controller.signal, progress, tracked);
      await Promise.all(deliveries);
      throwIfAborted(controller.signal);
      return isObject(result) ? transfer(result, buffersOf(result)) : result;
    } catch (error) {
      // A plain object, not an Error: comlink passes it through with its code (an Error would lose it).
      throw toWireError(error);
    } finally {
      if (this.requests.get(requestId) === controller) this.requests.delete(requestId);
      release(sink);
    }
  }

  private resident(dataset: DatasetHandle): Resident {
    const resident = this.datasets.get(dataset?.id);
    if (!resident) {
      throw new EngineError(
        'unknown-dataset',
        `no dataset "${String(dataset?.id)}" in this engine (dropped?)`,
      );
    }
    return resident;
  }

  private names(resident: Resident): readonly (string | null)[] | undefined {
    resident.names ??= namesByCode(resident.transactions, resident.customers) ?? null;
    return resident.names ?? undefined;
  }

  private register(tables: ResidentTables, report?: IngestReport): DatasetHandle {
    const id = `d${this.nextDataset++}`;
    const handle: DatasetHandle = {
      id,
      transactions: tables.transactions.length,
      customers: tables.transactions.customer.dictionary.length,
    };
    this.datasets.set(id, { handle, ...tables, ...(report ? { report } : {}) });
    return handle;
  }

  /** The scoring of a dataset under a request: cached, shared by concurrent identical requests. */
  private scored(
    dataset: DatasetHandle,
    request: ScoreRequest,
    signal: AbortSignal,
    sink: ProgressSink | undefined,
  ): Promise<Scored> {
    const resident = this.resident(dataset);
    validateScoreRequest(request);
    const key = `${resident.handle.id}\u0000${canonicalJson(request)}`;
    let task = this.scorings.get(key);
    // A task everyone left is still winding down to its next checkpoint: start afresh, do not join it.
    if (!task || task.aborted) {
      const created = new SharedTask((taskSignal, progress) =>
        this.compute(resident, request, taskSignal, progress),
      );
      created.promise.then(
        () => this.evict(resident.handle.id),
        // Failures and cancellations are not cached: the next request computes afresh.
        () => {
          if (this.scorings.get(key) === created) this.scorings.delete(key);
        },
      );
      task = created;
    }
    // Most recently used last (a Map keeps insertion order), for eviction.
    this.scorings.delete(key);
    this.scorings.set(key, task);
    return task.join(signal, sink);
  }

  /** Keep at most `maxScorings` finished scorings of a dataset, dropping the least recently used. */
  private evict(datasetId: string): void {
    const prefix = `${datasetId}\u0000`;
    const finished = [...this.scorings].filter(([key, task]) => key.startsWith(prefix) && task.done);
    for (const [key] of finished.slice(0, Math.max(0, finished.length - this.maxScorings))) {
      this.scorings.delete(key);
    }
  }

  private async compute(
    resident: Resident,
    request: ScoreRequest,
    signal: AbortSignal,
    progress: (p: Progress) => void,
  ): Promise<Scored> {
    if (resident.transactions.length === 0) {
      throw new EngineError('invalid-request', `dataset ${resident.handle.id} has no transactions to score`);
    }
    const started = performance.now();
    let run: Awaited<ReturnType<typeof runScoring>>;
    try {
      run = await runScoring(resident.transactions, toScoreOptions(request, resident.interactions), {
        signal,
        onProgress: progress,
      });
    } catch (error) {
      // Core's RangeErrors name options or data the models cannot use (an asOf before every purchase, say).
      if (error instanceof RangeError)
        throw new EngineError('invalid-request', error.message, { cause: error });
      throw error;
    }
    const viewsStarted = performance.now();
    const summary = buildSummary(resident.handle.id, run.scores, run.timings, request.segmentMap);
    const now = performance.now();
    progress({ stage: 'done', fraction: 1 });
    return {
      scores: run.scores,
      summary: {
        ...summary,
        timings: { ...summary.timings, views: now - viewsStarted, total: now - started },
      },
    };
  }
}
