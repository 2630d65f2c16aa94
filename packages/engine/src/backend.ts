import type {
  AssociationRule,
  BasketBuildReport,
  CustomerScores,
  CustomerSegments,
  CustomerTable,
  FrequentItemsets,
  IngestProgress,
  IngestReport,
  InteractionTable,
  ItemLists,
  PurchaseOccasions,
  SequenceMining,
  SequenceRule,
  Suggestions,
  TransactionBaskets,
  TransactionSequences,
  TransactionTable,
} from '@crm-lens/core';
import { TIERS } from '@crm-lens/core';
import { transfer } from 'comlink';
import type { SegmentSource } from './analyses.js';
import { buffersOf } from './buffers.js';
import { canonicalJson } from './canonical-json.js';
import { allCustomers, churnPage, customerColumns, namesByCode, upgradeIndex } from './customer-views.js';
import { abortedError, EngineError, throwIfAborted, toWireError } from './errors.js';
import { loadInput, type ResidentTables } from './host-load.js';
import { type Analyses, loadAnalyses } from './load-analyses.js';
import {
  type ChurnPage,
  type ChurnQuery,
  type CohortsResult,
  type CustomerCard,
  type CustomerCardQuery,
  type CustomerColumns,
  type CustomerField,
  type DatasetHandle,
  type DrilldownQuery,
  type DrilldownResult,
  type HostLoadInput,
  type KpisResult,
  type LoadResult,
  type PeriodQuery,
  type PingReply,
  PROTOCOL_VERSION,
  type Progress,
  type RejectionPage,
  type RulesQuery,
  type RulesResult,
  type ScoreRequest,
  type ScoreSummary,
  type SegmentsQuery,
  type SegmentsResult,
  type SequencesQuery,
  type SequencesResult,
  type SuggestionsQuery,
  type SuggestionsResult,
  type SuggestionWire,
} from './protocol.js';
import { releaseSink, trackedSink } from './remote-sink.js';
import { runScoring, toScoreOptions } from './run-scoring.js';
import { drive } from './run-work.js';
import { buildSummary, copySummary } from './score-summary.js';
import { type ProgressSink, SharedTask } from './shared-task.js';
import {
  CARD_CROSS_SELL,
  MAX_POINTS,
  validateCardQuery,
  validateChurnQuery,
  validateCustomerId,
  validateDrilldownQuery,
  validateFields,
  validateIndex,
  validatePeriodQuery,
  validateRulesQuery,
  validateScoreRequest,
  validateSegmentsQuery,
  validateSequencesQuery,
  validateSuggestionsQuery,
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
  /** Customer code by id (built on first use). */
  codes?: Map<string, number>;
}

/** The baskets of a dataset under one exclusion list. */
interface BuiltBaskets {
  readonly baskets: TransactionBaskets;
  readonly report: BasketBuildReport;
}

/** The association rules of a dataset under one set of thresholds, with what they were mined from. */
interface MinedRules {
  readonly built: BuiltBaskets;
  readonly frequent: FrequentItemsets;
  readonly rules: readonly AssociationRule[];
}

/** The rule thresholds shared by `rules`, `suggestions` and the card's cross-sell. */
interface RuleKey {
  readonly minSupport: number;
  readonly minConfidence: number;
  readonly minLift?: number;
  readonly maxLength?: number;
  readonly exclude?: readonly string[];
}

/** Mined sequences and their rules. */
interface MinedSequences {
  readonly built: TransactionSequences;
  readonly mining: SequenceMining;
  readonly rules: readonly SequenceRule[];
}

/** Finished analysis results kept per dataset (baskets, itemsets, rules, segmentations, cohorts, …). */
const MAX_ANALYSES = 32;

/** An exclusion list as a cache key: sorted, without repeats. */
const normalList = (list: readonly string[] | undefined): string[] => [...new Set(list ?? [])].sort();

/** Core's RangeErrors name options or data a kernel cannot use: an `invalid-request` for the caller. */
function invalidOnRangeError<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof RangeError)
      throw new EngineError('invalid-request', error.message, { cause: error });
    throw error;
  }
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
  /** Issue-6 analyses and their intermediate results, by `dataset \0 kind \0 canonical query`. */
  private readonly analyses = new Map<string, SharedTask<unknown>>();
  private readonly requests = new Map<number, AbortController>();
  /** The issue-6 kernels (./analyses.js), loading or loaded: fetched on the first call that needs them. */
  private analysesLoading: Promise<Analyses> | undefined;
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

  /** Segments by clustering (k-means on the scoring's customer summary), with profiles, labels and a sample. */
  segments(
    requestId: number,
    dataset: DatasetHandle,
    request: ScoreRequest = {},
    query: SegmentsQuery = {},
    onProgress?: ProgressSink,
  ): Promise<SegmentsResult> {
    return this.run(requestId, onProgress, async (signal, _progress, sink) => {
      validateSegmentsQuery(query);
      const resident = this.resident(dataset);
      validateScoreRequest(request);
      const a = await this.analysisCode(signal);
      const value = query.value ?? 'revenue';
      const settings = { k: query.k ?? 'auto', seed: query.seed ?? 1, value };
      const key = `segments\u0000${canonicalJson(request)}\u0000${canonicalJson(settings)}`;
      const { scores, segments } = await this.cached(resident, key, signal, sink, async (s, progress) => {
        const { scores } = await this.scored(dataset, request, s, progress);
        progress({ stage: 'segments' });
        const values =
          value === 'clv'
            ? scores.clv
            : value === 'current'
              ? scores.current.value
              : scores.summary.netRevenue;
        const segments = await drive(
          a.segmentCustomersSteps(scores.summary, {
            k: settings.k,
            seed: settings.seed,
            value: values,
            tiers: { codes: scores.pyramid.tier, names: TIERS },
          }),
          s,
        );
        progress({ stage: 'done', fraction: 1 });
        // Keep what the scatter reads, not the whole scoring (which the scorings' cache may let go).
        const { recencyDays, frequency, netRevenue } = scores.summary;
        const source: SegmentSource = { asOf: scores.asOf, summary: { recencyDays, frequency, netRevenue } };
        return { scores: source, segments } as { scores: SegmentSource; segments: CustomerSegments };
      });
      return a.segmentsResult(resident.handle.id, scores, segments, value, query.points ?? MAX_POINTS);
    });
  }

  /** Association rules of the dataset's order baskets: the counts, and the best `limit` rules with item names. */
  rules(
    requestId: number,
    dataset: DatasetHandle,
    query: RulesQuery,
    onProgress?: ProgressSink,
  ): Promise<RulesResult> {
    return this.run(requestId, onProgress, async (signal, _progress, sink) => {
      validateRulesQuery(query);
      const resident = this.resident(dataset);
      const a = await this.analysisCode(signal);
      const mined = await this.minedRules(a, resident, query, signal, sink);
      sink?.({ stage: 'done', fraction: 1 });
      const { built, frequent, rules } = mined;
      return {
        dataset: resident.handle.id,
        baskets: a.basketReport(built.baskets, built.report),
        itemsets: frequent.itemsets.length,
        minCount: frequent.minCount,
        total: rules.length,
        rules: a.ruleColumns(rules, query.limit ?? 100, built.baskets.dictionary),
      };
    });
  }

  /** Next-product suggestions for some customers, each with the rule behind it. */
  suggestions(
    requestId: number,
    dataset: DatasetHandle,
    query: SuggestionsQuery,
    onProgress?: ProgressSink,
  ): Promise<SuggestionsResult> {
    return this.run(requestId, onProgress, async (signal, _progress, sink) => {
      validateSuggestionsQuery(query);
      const resident = this.resident(dataset);
      const codes = query.customerIds.map((id) => this.customerCode(resident, id));
      const a = await this.analysisCode(signal);
      const { mined, suggestions } = await this.suggested(a, resident, query, query.limit, signal, sink);
      sink?.({ stage: 'done', fraction: 1 });
      const dictionary = mined.built.baskets.dictionary;
      return {
        dataset: resident.handle.id,
        rules: mined.rules.length,
        customers: codes.map((c, i) => ({
          id: query.customerIds[i]!,
          index: c,
          suggestions: a
            .suggestionsOf(suggestions, mined.rules, c)
            .map((s) => a.suggestionWire(s, dictionary)),
        })),
      };
    });
  }

  /** Frequent sequences of the customers' orders (or days) and the sequence rules, with item names. */
  sequences(
    requestId: number,
    dataset: DatasetHandle,
    query: SequencesQuery,
    onProgress?: ProgressSink,
  ): Promise<SequencesResult> {
    return this.run(requestId, onProgress, async (signal, _progress, sink) => {
      validateSequencesQuery(query);
      const resident = this.resident(dataset);
      const a = await this.analysisCode(signal);
      const eventBy = query.eventBy ?? 'order';
      const exclude = normalList(query.exclude);
      const mining = {
        minSupport: query.minSupport,
        ...(query.maxGap !== undefined ? { maxGap: query.maxGap } : {}),
        ...(query.maxLength !== undefined ? { maxLength: query.maxLength } : {}),
      };
      const minConfidence = query.minConfidence ?? 0.8;
      const key = `sequences\u0000${canonicalJson({ eventBy, exclude, mining, minConfidence })}`;
      const mined = await this.cached(resident, key, signal, sink, async (s, progress) => {
        const built = await this.cached(
          resident,
          `sequence-database\u0000${canonicalJson({ eventBy, exclude })}`,
          s,
          progress,
          async (s2, p2) => {
            p2({ stage: 'sequence-database', fraction: 0 });
            return drive(
              a.sequencesFromTransactionsSteps(resident.transactions, { eventBy, excludeItems: exclude }),
              s2,
            );
          },
        );
        progress({ stage: 'sequences', fraction: 0.3 });
        const found = await drive(a.mineSequencesSteps(built.database, mining), s);
        progress({ stage: 'sequence-rules', fraction: 0.9 });
        const rules = invalidOnRangeError(() => a.sequenceRules(found.patterns, { minConfidence }));
        return { built, mining: found, rules } as MinedSequences;
      });
      sink?.({ stage: 'done', fraction: 1 });
      return a.sequencesResult(
        resident.handle.id,
        mined.built,
        mined.mining,
        mined.rules,
        query.limit ?? 100,
      );
    });
  }

  /** Cohort retention by calendar period: matrices as typed arrays, period labels. */
  cohorts(
    requestId: number,
    dataset: DatasetHandle,
    query: PeriodQuery,
    onProgress?: ProgressSink,
  ): Promise<CohortsResult> {
    return this.run(requestId, onProgress, async (signal, _progress, sink) => {
      validatePeriodQuery(query, 'cohorts');
      const resident = this.resident(dataset);
      const a = await this.analysisCode(signal);
      const options = { period: query.period, ...(query.asOf !== undefined ? { asOf: query.asOf } : {}) };
      const result = await this.cached(
        resident,
        `cohorts\u0000${canonicalJson(options)}`,
        signal,
        sink,
        async (s, progress) => {
          const occasions = await this.occasions(a, resident, s, progress);
          progress({ stage: 'cohorts', fraction: 0.5 });
          return drive(a.cohortRetentionSteps(occasions, options), s);
        },
      );
      sink?.({ stage: 'done', fraction: 1 });
      return a.cohortsResult(resident.handle.id, result);
    });
  }

  /** Loyalty indicators: repeat-purchase rate, retention, days between orders, and their series per period. */
  kpis(
    requestId: number,
    dataset: DatasetHandle,
    query: PeriodQuery,
    onProgress?: ProgressSink,
  ): Promise<KpisResult> {
    return this.run(requestId, onProgress, async (signal, _progress, sink) => {
      validatePeriodQuery(query, 'kpis');
      const resident = this.resident(dataset);
      const a = await this.analysisCode(signal);
      const options = { period: query.period, ...(query.asOf !== undefined ? { asOf: query.asOf } : {}) };
      const result = await this.cached(
        resident,
        `kpis\u0000${canonicalJson(options)}`,
        signal,
        sink,
        async (s, progress) => {
          const occasions = await this.occasions(a, resident, s, progress);
          progress({ stage: 'kpis', fraction: 0.5 });
          return drive(a.loyaltyIndicatorsSteps(occasions, options), s);
        },
      );
      sink?.({ stage: 'done', fraction: 1 });
      return a.kpisResult(resident.handle.id, result);
    });
  }

  /** Revenue, orders, customers (and, with the scoring, model outputs) per group of the `by` keys. */
  drilldown(
    requestId: number,
    dataset: DatasetHandle,
    request: ScoreRequest,
    query: DrilldownQuery,
    onProgress?: ProgressSink,
  ): Promise<DrilldownResult> {
    return this.run(requestId, onProgress, async (signal, _progress, sink) => {
      validateDrilldownQuery(query);
      const resident = this.resident(dataset);
      validateScoreRequest(request);
      const a = await this.analysisCode(signal);
      const models = query.models ?? true;
      const options = { by: query.by, filter: query.filter ?? {}, asOf: request.asOf };
      const key = `drilldown\u0000${canonicalJson(models ? request : { asOf: request.asOf })}\u0000${models}\u0000${canonicalJson(options)}`;
      const result = await this.cached(resident, key, signal, sink, async (s, progress) => {
        const scores = models ? (await this.scored(dataset, request, s, progress)).scores : undefined;
        progress({ stage: 'drilldown' });
        return drive(
          a.drilldownSteps(resident.transactions, {
            by: query.by,
            ...(query.filter ? { filter: query.filter } : {}),
            ...(scores ? { scores } : {}),
            ...(request.asOf !== undefined ? { asOf: request.asOf } : {}),
          }),
          s,
        );
      });
      sink?.({ stage: 'done', fraction: 1 });
      return a.drilldownResult(resident.handle.id, result);
    });
  }

  /** The 360° card of one customer: tier, RFM, CLV, P(alive), churn, next-order window, cross-sell. */
  customerCard(
    requestId: number,
    dataset: DatasetHandle,
    request: ScoreRequest,
    customerId: string,
    query: CustomerCardQuery = {},
    onProgress?: ProgressSink,
  ): Promise<CustomerCard> {
    return this.run(requestId, onProgress, async (signal, _progress, sink) => {
      validateCustomerId(customerId);
      validateCardQuery(query);
      const resident = this.resident(dataset);
      const c = this.customerCode(resident, customerId);
      const a = await this.analysisCode(signal);
      const { scores } = await this.scored(dataset, request, signal, sink);
      let crossSell: SuggestionWire[] | null = null;
      const { transactions } = resident;
      if (query.crossSell !== false && transactions.orderId && transactions.product) {
        const options = { ...CARD_CROSS_SELL, ...(query.crossSell ?? {}) };
        const { mined, suggestions } = await this.suggested(
          a,
          resident,
          options,
          options.limit,
          signal,
          sink,
        );
        const dictionary = mined.built.baskets.dictionary;
        crossSell = a.suggestionsOf(suggestions, mined.rules, c).map((s) => a.suggestionWire(s, dictionary));
      }
      sink?.({ stage: 'done', fraction: 1 });
      return a.customerCard(
        resident.handle.id,
        scores,
        c,
        this.names(resident)?.[c] ?? null,
        crossSell,
        request,
      );
    });
  }

  /** Forget a dataset and its cached results; scorings of it still running reject with `unknown-dataset`. */
  drop(dataset: DatasetHandle): void {
    const id = dataset?.id;
    if (!this.datasets.delete(id)) return;
    const prefix = `${id}\u0000`;
    for (const cache of [this.scorings, this.analyses] as Map<string, SharedTask<unknown>>[]) {
      for (const [key, task] of cache) {
        if (!key.startsWith(prefix)) continue;
        task.abort(new EngineError('unknown-dataset', `dataset ${id} was dropped`));
        cache.delete(key);
      }
    }
  }

  /** Stop everything and forget every dataset; later calls reject with `disposed`. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const reason = new EngineError('disposed', 'the engine was disposed');
    for (const controller of this.requests.values()) controller.abort(reason);
    for (const task of this.scorings.values()) task.abort(reason);
    for (const task of this.analyses.values()) task.abort(reason);
    this.requests.clear();
    this.scorings.clear();
    this.analyses.clear();
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
    // A result must not overtake its own last progress report (remote-sink.ts).
    const { sink: tracked, delivered } = trackedSink(sink);
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
      await delivered();
      throwIfAborted(controller.signal);
      return isObject(result) ? transfer(result, buffersOf(result)) : result;
    } catch (error) {
      // A plain object, not an Error: comlink passes it through with its code (an Error would lose it).
      throw toWireError(error);
    } finally {
      if (this.requests.get(requestId) === controller) this.requests.delete(requestId);
      releaseSink(sink);
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

  /**
   * The issue-6 kernels and result builders, loaded on the first call that needs them (scoring never does) and
   * kept. Concurrent calls share the one load; a failed load (a missing or stale file) rejects those calls with
   * `host-unavailable` and is tried again by the next call. A call cancelled meanwhile rejects at once.
   */
  private analysisCode(signal: AbortSignal): Promise<Analyses> {
    throwIfAborted(signal);
    let loading = this.analysesLoading;
    if (!loading) {
      const started: Promise<Analyses> = loadAnalyses().then((analyses) => {
        if (analyses.PROTOCOL_VERSION !== PROTOCOL_VERSION) {
          throw new Error(
            `it speaks protocol ${String(analyses.PROTOCOL_VERSION)}, expected ${PROTOCOL_VERSION} (a stale file?)`,
          );
        }
        return analyses;
      });
      loading = started.catch((error: unknown) => {
        if (this.analysesLoading === loading) this.analysesLoading = undefined;
        throw new EngineError(
          'host-unavailable',
          `the engine could not load its analyses module: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      });
      this.analysesLoading = loading;
    }
    // Settle with the load, or at once when the call is cancelled while the module is still on its way.
    return new Promise<Analyses>((resolve, reject) => {
      const onAbort = () => reject(abortedError(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      (loading as Promise<Analyses>)
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /**
   * An analysis result (or an intermediate one) of a dataset: computed once, shared by concurrent identical
   * requests, kept among the dataset's `MAX_ANALYSES` most recently used. Failures and cancellations are not kept.
   */
  private cached<T>(
    resident: Resident,
    kind: string,
    signal: AbortSignal,
    sink: ProgressSink | undefined,
    compute: (signal: AbortSignal, progress: (p: Progress) => void) => Promise<T>,
  ): Promise<T> {
    const datasetId = resident.handle.id;
    const key = `${datasetId}\u0000${kind}`;
    let task = this.analyses.get(key) as SharedTask<T> | undefined;
    if (!task || task.aborted) {
      const created = new SharedTask<T>(compute);
      created.promise.then(
        () => this.evictAnalyses(datasetId),
        () => {
          if (this.analyses.get(key) === created) this.analyses.delete(key);
        },
      );
      task = created;
    }
    this.analyses.delete(key);
    this.analyses.set(key, task as SharedTask<unknown>);
    return task.join(signal, sink);
  }

  private evictAnalyses(datasetId: string): void {
    const prefix = `${datasetId}\u0000`;
    const finished = [...this.analyses].filter(([key, task]) => key.startsWith(prefix) && task.done);
    for (const [key] of finished.slice(0, Math.max(0, finished.length - MAX_ANALYSES))) {
      this.analyses.delete(key);
    }
  }

  /** The customer code of an id (an `invalid-request` when the dataset has no such customer). */
  private customerCode(resident: Resident, id: string): number {
    if (!resident.codes) {
      const codes = new Map<string, number>();
      for (const [c, customer] of resident.transactions.customer.dictionary.entries()) codes.set(customer, c);
      resident.codes = codes;
    }
    const c = resident.codes.get(id);
    if (c === undefined) {
      throw new EngineError('invalid-request', `dataset ${resident.handle.id} has no customer "${id}"`);
    }
    return c;
  }

  /** The order baskets of a dataset under an exclusion list (built once). */
  private baskets(
    a: Analyses,
    resident: Resident,
    exclude: readonly string[],
    signal: AbortSignal,
    sink: ProgressSink | undefined,
  ): Promise<BuiltBaskets> {
    const { transactions } = resident;
    if (!transactions.orderId || !transactions.product) {
      throw new EngineError(
        'invalid-request',
        `dataset ${resident.handle.id} has no ${transactions.orderId ? 'product' : 'orderId'} column: baskets need order ids and products`,
      );
    }
    return this.cached(resident, `baskets\u0000${canonicalJson(exclude)}`, signal, sink, (s, progress) => {
      progress({ stage: 'baskets', fraction: 0 });
      return drive(a.basketsFromTransactionsSteps(transactions, { excludeProducts: exclude }), s);
    });
  }

  /** Baskets → frequent itemsets → association rules, each step cached on its own. */
  private minedRules(
    a: Analyses,
    resident: Resident,
    query: RuleKey,
    signal: AbortSignal,
    sink: ProgressSink | undefined,
  ): Promise<MinedRules> {
    const exclude = normalList(query.exclude);
    const mining = { minSupport: query.minSupport, maxLength: query.maxLength ?? 10 };
    const measures = { minConfidence: query.minConfidence, minLift: query.minLift ?? 0 };
    const itemsetsKey = `itemsets\u0000${canonicalJson({ exclude, mining })}`;
    return this.cached(
      resident,
      `rules\u0000${canonicalJson({ exclude, mining, measures })}`,
      signal,
      sink,
      async (s, progress) => {
        const built = await this.baskets(a, resident, exclude, s, progress);
        const frequent = await this.cached(resident, itemsetsKey, s, progress, (s2, p2) => {
          p2({ stage: 'itemsets', fraction: 0.3 });
          return drive(a.fpGrowthSteps(built.baskets, mining), s2);
        });
        progress({ stage: 'rules', fraction: 0.8 });
        const rules = await drive(a.associationRulesSteps(frequent, measures), s);
        return { built, frequent, rules };
      },
    );
  }

  /** Suggestions for every customer under the rules of `query` (cached per rules and limit). */
  private suggested(
    a: Analyses,
    resident: Resident,
    query: RuleKey,
    limit: number,
    signal: AbortSignal,
    sink: ProgressSink | undefined,
  ): Promise<{ mined: MinedRules; suggestions: Suggestions }> {
    const exclude = normalList(query.exclude);
    const key = {
      exclude,
      minSupport: query.minSupport,
      maxLength: query.maxLength ?? 10,
      minConfidence: query.minConfidence,
      minLift: query.minLift ?? 0,
      limit,
    };
    return this.cached(
      resident,
      `suggestions\u0000${canonicalJson(key)}`,
      signal,
      sink,
      async (s, progress) => {
        const mined = await this.minedRules(a, resident, query, s, progress);
        const items = await this.cached(
          resident,
          `customer-items\u0000${canonicalJson(exclude)}`,
          s,
          progress,
          (s2, p2) => {
            p2({ stage: 'customer-items', fraction: 0.85 });
            return drive(a.customerItemsSteps(mined.built.baskets), s2) as Promise<ItemLists>;
          },
        );
        progress({ stage: 'suggestions', fraction: 0.9 });
        const suggestions = await drive(a.suggestForCustomersSteps(mined.rules, items, { limit }), s);
        return { mined, suggestions };
      },
    );
  }

  /** The dataset's purchase occasions (one per customer and UTC day), shared by cohorts and KPIs. */
  private occasions(
    a: Analyses,
    resident: Resident,
    signal: AbortSignal,
    sink: ProgressSink | undefined,
  ): Promise<PurchaseOccasions> {
    return this.cached(resident, 'occasions', signal, sink, (s, progress) => {
      progress({ stage: 'occasions', fraction: 0 });
      return drive(a.purchaseOccasionsSteps(resident.transactions), s);
    });
  }
}
