import { expose } from 'comlink';
import { EngineBackend, type WorkerLike } from '../../src/index.js';

/**
 * A stand-in for a Worker in Node: a MessageChannel whose far port exposes an EngineBackend, exactly as
 * engine.worker.ts does. Everything crosses it by structured clone and transfer, as with a real worker.
 */
export function channelWorker(backend = new EngineBackend()): WorkerLike & { terminated: boolean } {
  const { port1, port2 } = new MessageChannel();
  expose(backend, port1);
  const worker = Object.assign(port2, {
    terminated: false,
    terminate() {
      worker.terminated = true;
      port1.close();
      port2.close();
    },
  });
  return worker;
}
