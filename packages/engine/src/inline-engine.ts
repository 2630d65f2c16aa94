import { EngineBackend } from './backend.js';
import { BackendEngine } from './backend-engine.js';
import { buffersOf, cloneInSteps } from './buffers.js';
import { throwIfAborted } from './errors.js';
import type { HostLoadInput, Progress } from './protocol.js';
import { yieldToHost } from './yield-to-host.js';

/**
 * The engine in the page's own thread: for tests, server-side rendering, tiny data and pages that allow no
 * worker. Ingestion, scoring and the copying of input into the host yield to the page every few milliseconds.
 * Input crosses the same (emulated) boundary as with a worker, so code that works here works with a worker too:
 * canonical tables are copied into the host, and buffers handed over with `transfer: true` are detached from the
 * caller (once the copy is done: the caller must leave its input alone until `load` settles).
 */
export class InlineEngine extends BackendEngine {
  readonly host = 'in-thread' as const;
  /** The host side, for tools and tests that need the resident tables (`backend.tables(handle)`). */
  readonly backend: EngineBackend;

  constructor(backend: EngineBackend = new EngineBackend()) {
    super(backend);
    this.backend = backend;
  }

  protected handOver(
    input: HostLoadInput,
    signal: AbortSignal | undefined,
  ): HostLoadInput | Promise<HostLoadInput> {
    // What a structured clone would give, copied a step at a time with the page's turn in between: one clone
    // of 100k rows' dictionaries (a string per distinct order id) is a task of 10–20 ms, growing with them.
    const copy = (transfer: ArrayBuffer[]) =>
      cloneInSteps(input, transfer, async () => {
        await yieldToHost();
        throwIfAborted(signal);
      });
    switch (input.kind) {
      // Tables stay resident: the host keeps its own copy (or the moved buffers).
      case 'tables':
        return copy(input.transfer ? buffersOf(input) : []);
      // Ingestion only reads its input, so it needs no copy; a transfer still takes the buffers away.
      case 'columns':
      case 'bytes':
        return input.transfer ? copy(buffersOf(input)) : input;
      default:
        return input;
    }
  }

  protected sink(onProgress: (progress: Progress) => void): (progress: Progress) => void {
    return onProgress;
  }

  protected release(): void {
    this.backend.dispose();
  }
}
