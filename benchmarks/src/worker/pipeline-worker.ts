/**
 * INTERIM pipeline worker: runs core directly, standing in for `@crm-lens/engine`'s worker (`engine.worker.ts`)
 * until the engine implementation lands. It keeps ingested tables resident, addressed by a handle, and times
 * each stretch between the stages `scoreCustomersSteps` yields. ENGINE SWITCH: delete this file,
 * interim-protocol.ts and page/interim-engine.ts; see page/bench-engine.ts.
 */
import {
  IngestError,
  type IngestInput,
  ingestTransactions,
  SCORE_STAGES,
  type ScoreOptions,
  scoreCustomersSteps,
  type TransactionTable,
} from '@crm-lens/core';
import type { EngineErrorCode, ScoreRequest, WireError } from '../shared/engine-types.js';
import {
  type InterimLoadResult,
  type InterimRequest,
  type InterimResponse,
  type InterimScoreResult,
  isEncodedStrings,
  type WireColumn,
} from './interim-protocol.js';
import { nextTask, workerScope } from './worker-scope.js';

class Aborted extends Error {}

const datasets = new Map<string, TransactionTable>();
const controllers = new Map<number, AbortController>();
let datasetCount = 0;

function post(message: InterimResponse): void {
  workerScope.postMessage(message);
}

function decodeColumns(columns: Readonly<Record<string, WireColumn>>): Record<string, ArrayLike<unknown>> {
  const out: Record<string, ArrayLike<unknown>> = {};
  for (const [name, column] of Object.entries(columns)) {
    if (!isEncodedStrings(column)) {
      out[name] = column;
      continue;
    }
    const { codes, dictionary } = column;
    const values = new Array<string | null>(codes.length);
    for (let i = 0; i < codes.length; i++) values[i] = codes[i]! < 0 ? null : dictionary[codes[i]!]!;
    out[name] = values;
  }
  return out;
}

async function load(request: Extract<InterimRequest, { type: 'load' }>, signal: AbortSignal) {
  const started = performance.now();
  let input: IngestInput;
  if (request.bytes) input = request.bytes;
  else if (request.columns) input = decodeColumns(request.columns);
  else throw new IngestError('option', 'load needs columns or bytes');
  const decoded = performance.now();
  const { table } = await ingestTransactions(input, {
    ...request.options,
    signal,
    onProgress: (progress) =>
      post({ type: 'progress', id: request.id, progress: { stage: 'ingest', rows: progress.rows } }),
  });
  const id = `d${++datasetCount}`;
  datasets.set(id, table);
  const timings: Record<string, number> = { ingest: performance.now() - decoded };
  if (request.columns && decoded - started > 0.05) timings.decode = decoded - started;
  const result: InterimLoadResult = {
    handle: { id, transactions: table.length, customers: table.customer.dictionary.length },
    timings,
  };
  return result;
}

function scoreOptions(request: ScoreRequest): ScoreOptions {
  return {
    ...(request.asOf === undefined ? {} : { asOf: request.asOf }),
    ...(request.unit === undefined ? {} : { unit: request.unit }),
    ...(request.horizon === undefined ? {} : { horizon: request.horizon }),
    ...(request.annualDiscountRate === undefined ? {} : { annualDiscountRate: request.annualDiscountRate }),
    ...(request.model === undefined ? {} : { model: request.model }),
    ...(request.currentMonths === undefined ? {} : { currentMonths: request.currentMonths }),
  };
}

/** Work between two yields to the event loop (a cancel message gets in then), as the engine does. */
const SLICE_MS = 8;

/**
 * Step core's `scoreCustomersSteps`: it names the running stage at every checkpoint (as a stage starts, and
 * every few milliseconds inside a long one), so the stretch between two checkpoints belongs to the stage named
 * last, and a stage's time is the sum of its stretches. Time spent yielding is no stage's.
 */
async function score(request: Extract<InterimRequest, { type: 'score' }>, signal: AbortSignal) {
  const table = datasets.get(request.dataset);
  if (!table) throw Object.assign(new Error(`no dataset ${request.dataset}`), { code: 'unknown-dataset' });
  const stages: readonly string[] = SCORE_STAGES;
  const steps = scoreCustomersSteps(table, scoreOptions(request.request));
  const timings: Record<string, number> = {};
  let current: string | undefined;
  let mark = performance.now();
  let slice = mark;
  for (;;) {
    const step = steps.next();
    const now = performance.now();
    if (current !== undefined) timings[current] = (timings[current] ?? 0) + (now - mark);
    if (step.done) {
      let scored = 0;
      for (const flag of step.value.scored) scored += flag;
      const result: InterimScoreResult = { timings, customers: step.value.ids.length, scored };
      return result;
    }
    if (step.value !== current) {
      current = step.value;
      post({
        type: 'progress',
        id: request.id,
        progress: { stage: current, fraction: stages.indexOf(current) / stages.length },
      });
    }
    mark = now;
    if (now - slice >= SLICE_MS) {
      await nextTask();
      if (signal.aborted) throw new Aborted('the request was cancelled');
      mark = slice = performance.now();
    }
  }
}

function wireError(error: unknown): WireError {
  let code: EngineErrorCode = 'internal';
  if (error instanceof Aborted) code = 'aborted';
  else if (error instanceof IngestError) code = error.code === 'aborted' ? 'aborted' : 'ingest';
  else if (typeof (error as { code?: unknown }).code === 'string')
    code = (error as { code: EngineErrorCode }).code;
  const message = error instanceof Error ? error.message : String(error);
  return { name: 'EngineError', code, message };
}

async function handle(request: InterimRequest): Promise<void> {
  if (request.type === 'cancel') {
    controllers.get(request.id)?.abort();
    return;
  }
  const controller = new AbortController();
  controllers.set(request.id, controller);
  try {
    let value: unknown;
    if (request.type === 'load') value = await load(request, controller.signal);
    else if (request.type === 'score') value = await score(request, controller.signal);
    else value = datasets.delete(request.dataset);
    post({ type: 'result', id: request.id, value });
  } catch (error) {
    post({ type: 'error', id: request.id, error: wireError(error) });
  } finally {
    controllers.delete(request.id);
  }
}

workerScope.onmessage = (event: MessageEvent) => {
  void handle(event.data as InterimRequest);
};
