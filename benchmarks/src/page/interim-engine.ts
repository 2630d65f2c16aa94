/**
 * INTERIM engine: the page side of src/worker/pipeline-worker.ts, shaped like `@crm-lens/engine`'s `Engine`
 * (load / score / drop / dispose with a signal and progress). Deleted at the ENGINE SWITCH (bench-engine.ts).
 */
import type { CallOptions, DatasetHandle, LoadInput, ScoreRequest } from '../shared/engine-types.js';
import type { InterimLoadResult, InterimScoreResult } from '../worker/interim-protocol.js';
import type { BenchEngine } from './bench-engine.js';
import { columnarise } from './columnarise.js';
import { BenchCallError, type RpcCallOptions, WorkerRpc } from './worker-rpc.js';

function buffersOf(columns: Readonly<Record<string, unknown>>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const column of Object.values(columns)) {
    if (ArrayBuffer.isView(column)) buffers.add(column.buffer as ArrayBuffer);
    // Dictionary-coded text: its codes.
    else if (column && typeof column === 'object' && 'codes' in column && ArrayBuffer.isView(column.codes)) {
      buffers.add(column.codes.buffer as ArrayBuffer);
    }
  }
  return [...buffers];
}

export class InterimEngine implements BenchEngine {
  readonly host = 'module-worker (interim bench worker running core)';
  readonly #rpc: WorkerRpc;

  constructor(workerUrl: string) {
    this.#rpc = new WorkerRpc(new Worker(workerUrl, { type: 'module', name: 'crm-lens-bench-pipeline' }));
  }

  async load(input: LoadInput, options: CallOptions = {}): Promise<InterimLoadResult> {
    const rpc = this.#callOptions(options);
    switch (input.kind) {
      case 'columns': {
        const transfer = input.transfer ? buffersOf(input.columns) : [];
        const { columns } = input;
        return this.#rpc.call((id) => ({ type: 'load', id, columns, options: input.options }), transfer, rpc);
      }
      case 'rows': {
        const started = performance.now();
        const { columns, transfer } = await columnarise(input.rows);
        const columnarised = performance.now() - started;
        const result = await this.#rpc.call<InterimLoadResult>(
          (id) => ({ type: 'load', id, columns, options: input.options }),
          transfer,
          rpc,
        );
        return { ...result, timings: { columnarise: columnarised, ...result.timings } };
      }
      case 'bytes': {
        const { bytes } = input;
        const transfer = input.transfer ? [bytes.buffer as ArrayBuffer] : [];
        return this.#rpc.call((id) => ({ type: 'load', id, bytes, options: input.options }), transfer, rpc);
      }
      default:
        throw new BenchCallError('invalid-request', `the interim engine does not load ${input.kind}`);
    }
  }

  score(
    dataset: DatasetHandle,
    request: ScoreRequest = {},
    options: CallOptions = {},
  ): Promise<InterimScoreResult> {
    return this.#rpc.call(
      (id) => ({ type: 'score', id, dataset: dataset.id, request }),
      [],
      this.#callOptions(options),
    );
  }

  async drop(dataset: DatasetHandle): Promise<void> {
    await this.#rpc.call((id) => ({ type: 'drop', id, dataset: dataset.id }));
  }

  async dispose(): Promise<void> {
    this.#rpc.terminate();
  }

  #callOptions(options: CallOptions): RpcCallOptions {
    return {
      signal: options.signal,
      onProgress: options.onProgress,
      cancel: (id) => ({ type: 'cancel', id }),
    };
  }
}
