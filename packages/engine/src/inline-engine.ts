import { EngineBackend } from './backend.js';
import { BackendEngine } from './backend-engine.js';
import { buffersOf } from './buffers.js';
import type { HostLoadInput, Progress } from './protocol.js';

/**
 * The engine in the page's own thread: for tests, server-side rendering, tiny data and pages that allow no
 * worker. Scoring and the reading of bytes yield to the page every few milliseconds; the ingestion of rows or
 * columns cannot yet (core reads them in one go). Input crosses the same (emulated) boundary as with a worker,
 * so code that works here works with a worker too: canonical tables are copied into the host, and buffers
 * handed over with `transfer: true` are detached from the caller.
 */
export class InlineEngine extends BackendEngine {
  readonly host = 'in-thread' as const;
  /** The host side, for tools and tests that need the resident tables (`backend.tables(handle)`). */
  readonly backend: EngineBackend;

  constructor(backend: EngineBackend = new EngineBackend()) {
    super(backend);
    this.backend = backend;
  }

  protected handOver(input: HostLoadInput): HostLoadInput {
    switch (input.kind) {
      // Tables stay resident: the host keeps its own copy (or the moved buffers).
      case 'tables':
        return structuredClone(input, { transfer: input.transfer ? buffersOf(input) : [] });
      // Ingestion only reads its input, so it needs no copy; a transfer still takes the buffers away.
      case 'columns':
      case 'bytes':
        return input.transfer ? structuredClone(input, { transfer: buffersOf(input) }) : input;
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
