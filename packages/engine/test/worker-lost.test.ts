import { describe, expect, it } from 'vitest';
import { EngineError, WorkerEngine } from '../src/index.js';

/** A worker that never answers and can fail: an EventTarget with postMessage/terminate. */
class SilentWorker extends EventTarget {
  terminated = false;
  postMessage(): void {}
  terminate(): void {
    this.terminated = true;
  }
  start(): void {}
}

describe('WorkerEngine when its worker dies', () => {
  it('fails calls in flight and every later call with host-unavailable', async () => {
    const worker = new SilentWorker();
    const engine = new WorkerEngine(worker as never, 'module-worker');
    const handle = { id: 'd1', transactions: 0, customers: 0 };
    const inFlight = engine.score(handle);
    const error = new Event('error') as Event & { message?: string };
    Object.defineProperty(error, 'message', { value: 'out of memory' });
    worker.dispatchEvent(error);
    await expect(inFlight).rejects.toMatchObject({
      name: 'EngineError',
      code: 'host-unavailable',
      message: "the engine's worker stopped: out of memory",
    });
    await expect(engine.score(handle)).rejects.toBeInstanceOf(EngineError);
    await expect(engine.score(handle)).rejects.toMatchObject({ code: 'host-unavailable' });
    await engine.dispose();
    expect(worker.terminated).toBe(true);
  });
});
