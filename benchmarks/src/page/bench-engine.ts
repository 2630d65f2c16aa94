/**
 * What the bench needs of an engine: the subset of `@crm-lens/engine`'s `Engine` it calls. `Engine` satisfies
 * it as is (its `load` returns a LoadResult, its `score` a ScoreSummary with `timings`).
 */
import type { CallOptions, DatasetHandle, LoadInput, ScoreRequest } from '../shared/engine-types.js';
import type { EngineChoice } from '../shared/results.js';
import { InterimEngine } from './interim-engine.js';

export interface BenchEngine {
  /** Which host runs the analytics. */
  readonly host: string;
  load(
    input: LoadInput,
    options?: CallOptions,
  ): Promise<{ readonly handle: DatasetHandle; readonly timings?: Readonly<Record<string, number>> }>;
  score(
    dataset: DatasetHandle,
    request?: ScoreRequest,
    options?: CallOptions,
  ): Promise<{ readonly timings: Readonly<Record<string, number>> }>;
  drop(dataset: DatasetHandle): Promise<void>;
  dispose(): Promise<void>;
}

export interface BenchHost {
  readonly engine: BenchEngine;
  /** A part of the URL of the worker that holds the data, to find it through DevTools for the memory figure. */
  readonly workerUrl: string;
}

let choice: EngineChoice = 'interim';

/** Which engine {@link createBenchEngine} makes from now on. */
export function chooseEngine(engine: EngineChoice): void {
  choice = engine;
}

/**
 * A fresh engine in a fresh module worker.
 *
 * ══ ENGINE SWITCH ══ `engine` (`pnpm bench --engine`) is `@crm-lens/engine`'s createEngine with its real
 * worker, see engine-host.ts; it is loaded as a separate bundle, built only when asked for, so that the suite
 * does not depend on the engine while it is being written. To make it the only path once the engine has landed:
 * import `createEngineHost` from './engine-host.js' statically and return it here; build `engine.worker.js`
 * always and drop `pipeline-worker.js` (src/node/build.ts); delete interim-engine.ts, columnarise.ts and
 * src/worker/{pipeline-worker,interim-protocol}.ts, and the `--engine` flag. Nothing else changes
 * (the wire types already come from '@crm-lens/engine', src/shared/engine-types.ts): the stages come from
 * ScoreSummary.timings either way, and the engine columnarises row objects itself.
 */
export async function createBenchEngine(): Promise<BenchHost> {
  if (choice === 'engine') {
    // A runtime URL: esbuild leaves this import alone, the driver serves the bundle.
    const url = new URL('engine-host.js', location.href).href;
    const module = (await import(url)) as { createEngineHost(): Promise<BenchHost> };
    return module.createEngineHost();
  }
  const workerUrl = new URL('pipeline-worker.js', location.href).href;
  return { engine: new InterimEngine(workerUrl), workerUrl };
}

/** A round trip through the engine (a one-row load, then drop): proves the host answers. Milliseconds. */
export async function ping(engine: BenchEngine): Promise<number> {
  const started = performance.now();
  const { handle } = await engine.load({
    kind: 'columns',
    columns: { customerId: ['ping'], date: [Date.UTC(2024, 0, 1)], amount: [1] },
  });
  await engine.drop(handle);
  return performance.now() - started;
}
