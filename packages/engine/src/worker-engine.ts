import { type Endpoint, proxy, transfer, wrap } from 'comlink';
import type { EngineBackend } from './backend.js';
import { BackendEngine } from './backend-engine.js';
import { buffersOf, withCopiedTypedArrays } from './buffers.js';
import { EngineError } from './errors.js';
import type { HostKind, HostLoadInput, Progress } from './protocol.js';

/** What a WorkerEngine talks to: a Worker, or any message endpoint that can be shut down. */
export interface WorkerLike extends Endpoint {
  terminate(): void;
}

/**
 * The engine in a Web Worker, over comlink: the worker (`engine.worker.ts`) exposes an EngineBackend (or, behind
 * the iframe host's port, a relay that speaks the same protocol). Data is moved in once: typed arrays are
 * transferred (copied first unless the caller passed `transfer: true`), row objects are columnarised here before
 * they go; results come back with their buffers transferred.
 */
export class WorkerEngine extends BackendEngine {
  readonly host: Exclude<HostKind, 'in-thread'>;

  constructor(
    private readonly worker: WorkerLike,
    host: Exclude<HostKind, 'in-thread'> = 'module-worker',
  ) {
    super(wrap<EngineBackend>(worker));
    this.host = host;
    // A worker that dies later (an uncaught error, out of memory) would leave calls hanging: fail them instead.
    const target = worker as Partial<Pick<Worker, 'addEventListener'>>;
    target.addEventListener?.('error', (event: Event) => {
      const message = (event as ErrorEvent).message || 'the worker failed';
      this.hostLost(new EngineError('host-unavailable', `the engine's worker stopped: ${message}`));
    });
  }

  protected handOver(input: HostLoadInput): HostLoadInput {
    switch (input.kind) {
      case 'tables':
      case 'columns':
      case 'bytes': {
        // The caller keeps its buffers unless it handed them over: send copies, moved rather than cloned again.
        const sent = input.transfer ? input : withCopiedTypedArrays(input);
        return transfer(sent, buffersOf(sent));
      }
      case 'encoded-rows':
        // Freshly columnarised: nobody else holds these buffers.
        return transfer(input, buffersOf(input));
      default:
        return input;
    }
  }

  protected sink(onProgress: (progress: Progress) => void): (progress: Progress) => void {
    return proxy(onProgress);
  }

  protected release(): void {
    this.worker.terminate();
  }
}
