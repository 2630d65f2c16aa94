import type { DatasetHandle, Progress } from '../shared/engine-types.js';
import type { CancelResult, ScaleConfig, ScaleResult } from '../shared/results.js';
import { type BenchEngine, chooseEngine, createBenchEngine, ping } from './bench-engine.js';
import { collectPageGarbage, log, sampleWorkerMemory, workerMemory } from './bridge.js';
import { observeLongTasks } from './main-thread.js';
import { loadAndScore } from './pipeline.js';
import { COLUMN_OPTIONS, concatColumns, generateSynthetic, type HostColumns } from './synthetic.js';
import { measureUaMemory } from './ua-memory.js';
import { yieldToMain } from './yield-to-main.js';

/** `customers` synthetic customers in chunks (each chunk its own seed, customer numbers shifted). */
async function generate(config: ScaleConfig): Promise<HostColumns> {
  const chunks: HostColumns[] = [];
  const count = Math.ceil(config.customers / config.chunkCustomers);
  let rows = 0;
  for (let k = 0; k < count; k++) {
    const customers = Math.min(config.chunkCustomers, config.customers - k * config.chunkCustomers);
    const chunk = generateSynthetic(customers, config.seed + k, k * config.chunkCustomers).columns;
    chunks.push(chunk);
    rows += chunk.date.length;
    log(`  generated ${k + 1}/${count} chunks: ${rows.toLocaleString('en')} transactions`);
    await yieldToMain();
  }
  return concatColumns(chunks);
}

/** Prints ingestion progress every million rows and each scoring stage as it starts. */
function progressPrinter(): { onProgress: (progress: Progress) => void; count: () => number } {
  let events = 0;
  let nextRows = 1_000_000;
  const started = performance.now();
  return {
    onProgress: (progress) => {
      events++;
      const elapsed = `${((performance.now() - started) / 1000).toFixed(1)} s`;
      if (progress.stage === 'ingest') {
        if ((progress.rows ?? 0) >= nextRows) {
          log(`  ingest: ${(progress.rows ?? 0).toLocaleString('en')} rows (${elapsed})`);
          nextRows += 1_000_000;
        }
        return;
      }
      const share = progress.fraction === undefined ? '' : ` ${(progress.fraction * 100).toFixed(0)}%`;
      log(`  score: ${progress.stage}${share} (${elapsed})`);
    },
    count: () => events,
  };
}

/**
 * Score again under another request (so no cached result answers it), abort half-way through the time the
 * first scoring took, and check the request rejects with `aborted` and the worker still answers.
 */
async function cancelTest(
  engine: BenchEngine,
  handle: DatasetHandle,
  scoreMs: number,
): Promise<CancelResult> {
  const controller = new AbortController();
  let stage = 'start';
  const delay = Math.max(50, scoreMs / 2);
  const started = performance.now();
  let abortedAt = Number.NaN;
  let stageAtAbort = '';
  const timer = setTimeout(() => {
    abortedAt = performance.now();
    stageAtAbort = stage;
    log(`  cancel: abort() after ${(abortedAt - started).toFixed(0)} ms, during ${stage}`);
    controller.abort();
  }, delay);
  let code = 'resolved';
  try {
    await engine.score(
      handle,
      { asOf: Date.UTC(2024, 9, 31) },
      {
        signal: controller.signal,
        onProgress: (progress) => {
          stage = progress.stage;
        },
      },
    );
  } catch (error) {
    code = String((error as { code?: unknown }).code ?? (error as Error).name);
  }
  clearTimeout(timer);
  const rejectedAt = performance.now();
  let pingMs: number | null = null;
  try {
    pingMs = await ping(engine);
  } catch (error) {
    log(`  cancel: the worker did not answer a ping: ${(error as Error).message}`);
  }
  const result: CancelResult = {
    abortedAfterMs: Number.isNaN(abortedAt) ? rejectedAt - started : abortedAt - started,
    stageAtAbort,
    code,
    rejectLatencyMs: Number.isNaN(abortedAt) ? Number.NaN : rejectedAt - abortedAt,
    pingMs,
    ok: code === 'aborted' && pingMs !== null,
  };
  log(
    `  cancel: rejected with "${code}" ${result.rejectLatencyMs.toFixed(0)} ms after abort(); ping ${pingMs === null ? 'failed' : `${pingMs.toFixed(1)} ms`}`,
  );
  return result;
}

/** The 10M-transaction case: generate, hand in as columns, load and score with progress, memory, cancel. */
export async function runScale(config: ScaleConfig): Promise<ScaleResult> {
  chooseEngine(config.engine);
  observeLongTasks();
  log(
    `scale: ${config.customers.toLocaleString('en')} customers (${config.chunkCustomers.toLocaleString('en')} per seed), generating on the page…`,
  );
  const generateStarted = performance.now();
  const columns = await generate(config);
  const generateMs = performance.now() - generateStarted;
  const transactions = columns.date.length;
  const { engine, workerUrl } = await createBenchEngine();
  try {
    await ping(engine);
    const before = await sampleWorkerMemory(workerUrl);
    log(
      `scale: handing ${transactions.toLocaleString('en')} transactions to the worker (columns, transferred)`,
    );
    await collectPageGarbage();
    const progress = progressPrinter();
    const { run, handle } = await loadAndScore(
      engine,
      { kind: 'columns', columns, options: COLUMN_OPTIONS, transfer: true },
      progress.onProgress,
    );
    log(`scale: load ${(run.loadMs / 1000).toFixed(1)} s, score ${(run.scoreMs / 1000).toFixed(1)} s`);
    const memory = workerMemory(before, await sampleWorkerMemory(workerUrl), handle.transactions);
    log('scale: cross-checking with performance.measureUserAgentSpecificMemory()…');
    const uaMemory = await measureUaMemory(new URL(workerUrl).pathname);
    const cancel = await cancelTest(engine, handle, run.scoreMs);
    return {
      userAgent: navigator.userAgent,
      customers: handle.customers,
      transactions: handle.transactions,
      generateMs,
      host: engine.host,
      run,
      memory,
      uaMemory,
      progressEvents: progress.count(),
      cancel,
    };
  } finally {
    await engine.dispose();
  }
}
