import type { LoadInput, Progress } from '../shared/engine-types.js';
import type {
  HandInMode,
  MainThreadFigures,
  PipelineResult,
  PipelineRun,
  WorkerMemory,
} from '../shared/results.js';
import { median } from '../shared/stats.js';
import { type BenchEngine, createBenchEngine, ping } from './bench-engine.js';
import { collectPageGarbage, log, sampleWorkerMemory, workerMemory } from './bridge.js';
import { MainThreadWindow } from './main-thread.js';

export interface PipelineCase {
  readonly mode: HandInMode;
  /** A fresh input for each run (a copy of the host's data: transferred buffers are gone after a run). */
  input(): LoadInput;
}

/** Hand the data in and score it, watching the main thread from the hand-in to the results. */
export async function loadAndScore(
  engine: BenchEngine,
  input: LoadInput,
  onProgress?: (progress: Progress) => void,
): Promise<{ run: PipelineRun; handle: { id: string; transactions: number; customers: number } }> {
  const window = new MainThreadWindow();
  const started = performance.now();
  const loaded = await engine.load(input, onProgress ? { onProgress } : {});
  const loadedAt = performance.now();
  const scored = await engine.score(loaded.handle, {}, onProgress ? { onProgress } : {});
  const ended = performance.now();
  const mainThread = window.finish(loadedAt);
  return {
    run: {
      loadMs: loadedAt - started,
      scoreMs: ended - loadedAt,
      totalMs: ended - started,
      stages: { ...loaded.timings, ...scored.timings },
      mainThread,
    },
    handle: loaded.handle,
  };
}

function medianRun(runs: readonly PipelineRun[]): PipelineRun {
  const keys = [...new Set(runs.flatMap((run) => Object.keys(run.stages)))];
  const stages = Object.fromEntries(
    keys.map((key) => [key, median(runs.flatMap((run) => run.stages[key] ?? []))]),
  );
  const worst = runs
    .map((run) => run.mainThread)
    .reduce((a, b) => ((a.longestLongTaskMs ?? -1) >= (b.longestLongTaskMs ?? -1) ? a : b));
  const mainThread: MainThreadFigures = {
    longestLongTaskMs: worst.longestLongTaskMs,
    longestLongTaskDuring: worst.longestLongTaskDuring,
    longTasks: Math.max(...runs.map((run) => run.mainThread.longTasks)),
    longestBlockMs: Math.max(...runs.map((run) => run.mainThread.longestBlockMs)),
  };
  return {
    loadMs: median(runs.map((run) => run.loadMs)),
    scoreMs: median(runs.map((run) => run.scoreMs)),
    totalMs: median(runs.map((run) => run.totalMs)),
    stages,
    mainThread,
  };
}

/** The error with where it happened in front of its message (and its `code`, if it has one). */
export function withContext(error: unknown, where: string): Error {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`${where}: ${typeof code === 'string' ? `[${code}] ` : ''}${message}`, { cause: error });
}

/** `runs` × (fresh engine → load → score → dispose); worker memory on the first run. */
export async function runPipeline(what: PipelineCase, runs: number, label: string): Promise<PipelineResult> {
  const results: PipelineRun[] = [];
  let memory: WorkerMemory | null = null;
  let host = '';
  let dataset = { transactions: 0, customers: 0 };
  for (let r = 0; r < runs; r++) {
    const { engine, workerUrl } = await createBenchEngine();
    host = engine.host;
    try {
      await ping(engine);
      const before = r === 0 ? await sampleWorkerMemory(workerUrl) : null;
      const input = what.input();
      await collectPageGarbage();
      const { run, handle } = await loadAndScore(engine, input).catch((error: unknown) => {
        throw withContext(error, `${label}, ${what.mode}, run ${r + 1}`);
      });
      dataset = { transactions: handle.transactions, customers: handle.customers };
      if (r === 0) memory = workerMemory(before, await sampleWorkerMemory(workerUrl), handle.transactions);
      results.push(run);
      log(
        `  ${label}, ${what.mode}, run ${r + 1}/${runs}: load ${run.loadMs.toFixed(0)} ms + score ${run.scoreMs.toFixed(0)} ms`,
      );
    } finally {
      await engine.dispose();
    }
  }
  return { mode: what.mode, host, ...dataset, runs: results, median: medianRun(results), memory };
}
