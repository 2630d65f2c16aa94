import type { Progress, WireError } from '../shared/engine-types.js';

/** A rejection that crossed from a worker, with the engine's error code (`aborted`, `ingest`, `internal`, …). */
export class BenchCallError extends Error {
  override name = 'EngineError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Response =
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: WireError }
  | { readonly type: 'progress'; readonly id: number; readonly progress: Progress };

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress: ((progress: Progress) => void) | undefined;
}

export interface RpcCallOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: Progress) => void) | undefined;
  /** The message that cancels request `id` (sent when the signal aborts). */
  readonly cancel?: ((id: number) => unknown) | undefined;
}

/** Request/response over postMessage: each request carries an id; `result`, `error` and `progress` answer it. */
export class WorkerRpc {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  constructor(worker: Worker) {
    this.#worker = worker;
    worker.onmessage = (event: MessageEvent) => this.#receive(event.data as Response);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.#failAll(new BenchCallError('internal', `worker error: ${event.message || 'failed to load'}`));
    };
  }

  call<T>(
    request: (id: number) => unknown,
    transfer: Transferable[] = [],
    options: RpcCallOptions = {},
  ): Promise<T> {
    const id = this.#nextId++;
    const { signal, onProgress, cancel } = options;
    if (signal?.aborted) return Promise.reject(new BenchCallError('aborted', 'the request was cancelled'));
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      if (signal && cancel) {
        signal.addEventListener('abort', () => this.#worker.postMessage(cancel(id)), { once: true });
      }
      this.#worker.postMessage(request(id), transfer);
    });
  }

  terminate(): void {
    this.#worker.terminate();
    this.#failAll(new BenchCallError('disposed', 'the worker was terminated'));
  }

  #receive(message: Response): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    if (message.type === 'progress') {
      pending.onProgress?.(message.progress);
      return;
    }
    this.#pending.delete(message.id);
    if (message.type === 'result') pending.resolve(message.value);
    else pending.reject(new BenchCallError(message.error.code, message.error.message));
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
