import { transfer } from 'comlink';
import type { BackendEngine, BackendPort } from './backend-engine.js';
import { buffersOf } from './buffers.js';
import type { CallOptions, Engine } from './engine.js';
import { EngineError, toWireError } from './errors.js';
import { PROTOCOL_VERSION } from './protocol.js';
import { releaseSink, trackedSink } from './remote-sink.js';
import type { ProgressSink } from './shared-task.js';

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;

/**
 * The backend protocol (what a WorkerEngine calls over comlink: request ids, `cancel(id)`, progress sinks)
 * served by an Engine: how the iframe compute host (iframe-host.ts) lets the page's engine drive the engine it
 * started for itself — in its own module worker, or in its own thread.
 *
 * - Every call gets its own AbortController, so that `cancel(id)` reaches the engine inside.
 * - Results come back with their buffers transferred (they are this side's own copies), after the last
 *   progress report was delivered.
 * - Failures cross as plain WireErrors, with their codes (as the EngineBackend does).
 * - A `url` load is refused: the page fetches URLs itself (with its own cookies and CSP) and sends the bytes, so
 *   an embedding page cannot make the host page fetch with the host origin's credentials.
 *
 * A plain object of closures: comlink lets the caller reach any property path of what is exposed, and there
 * is nothing here but the protocol's methods.
 */
export function relayEngine(started: Promise<Engine>): BackendPort {
  const controllers = new Map<number, AbortController>();
  // The engine's failure to start answers every call, the ping first (never an unhandled rejection here).
  started.catch(() => undefined);

  async function run<T>(
    requestId: number,
    sink: ProgressSink | undefined,
    invoke: (engine: Engine, options: CallOptions) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    controllers.set(requestId, controller);
    const { sink: tracked, delivered } = trackedSink(sink);
    try {
      const engine = await started;
      const result = await invoke(engine, {
        signal: controller.signal,
        ...(tracked ? { onProgress: tracked } : {}),
      });
      await delivered();
      return isObject(result) ? transfer(result, buffersOf(result)) : result;
    } catch (error) {
      // A plain object, not an Error: comlink passes it through with its code.
      throw toWireError(error);
    } finally {
      if (controllers.get(requestId) === controller) controllers.delete(requestId);
      releaseSink(sink);
    }
  }

  return {
    async ping() {
      let engine: Engine;
      try {
        engine = await started;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw toWireError(
          new EngineError(
            'host-unavailable',
            `the iframe compute host could not start its engine: ${reason}`,
          ),
        );
      }
      return { protocol: PROTOCOL_VERSION, host: engine.host };
    },
    cancel(requestId) {
      controllers.get(requestId)?.abort();
    },
    load(requestId, input, sink) {
      return run(requestId, sink, (engine, options) => {
        if (!isObject(input)) throw new EngineError('invalid-request', 'load needs an input object');
        if (input.kind === 'url') {
          throw new EngineError(
            'invalid-request',
            'the iframe compute host does not fetch URLs: the page fetches them and sends the bytes',
          );
        }
        // By shape, not instanceof: the in-thread engine may come from another bundle (compute-inline.js).
        const inner = engine as Partial<Pick<BackendEngine, 'loadHostInput'>>;
        if (typeof inner.loadHostInput !== 'function') {
          throw new EngineError('internal', 'the iframe compute host needs an engine that takes host input');
        }
        // The buffers arrived here by transfer: this side's own, so they move on without another copy.
        const owned = input.kind === 'encoded-rows' ? input : { ...input, transfer: true };
        return inner.loadHostInput.call(engine, owned, options);
      });
    },
    score(requestId, dataset, request, sink) {
      return run(requestId, sink, (engine, options) => engine.score(dataset, request, options));
    },
    customers(requestId, dataset, request, fields, index, sink) {
      return run(requestId, sink, (engine, options) =>
        engine.customers(dataset, request, fields, index, options),
      );
    },
    churnList(requestId, dataset, request, query, sink) {
      return run(requestId, sink, (engine, options) => engine.churnList(dataset, request, query, options));
    },
    upgradeCandidates(requestId, dataset, request, tier, limit, fields, sink) {
      return run(requestId, sink, (engine, options) =>
        engine.upgradeCandidates(dataset, request, tier, limit, fields, options),
      );
    },
    rejections(requestId, dataset, offset, limit) {
      return run(requestId, undefined, (engine, options) =>
        engine.rejections(dataset, offset, limit, options),
      );
    },
    segments(requestId, dataset, request, query, sink) {
      return run(requestId, sink, (engine, options) => engine.segments(dataset, request, query, options));
    },
    rules(requestId, dataset, query, sink) {
      return run(requestId, sink, (engine, options) => engine.rules(dataset, query, options));
    },
    suggestions(requestId, dataset, query, sink) {
      return run(requestId, sink, (engine, options) => engine.suggestions(dataset, query, options));
    },
    sequences(requestId, dataset, query, sink) {
      return run(requestId, sink, (engine, options) => engine.sequences(dataset, query, options));
    },
    cohorts(requestId, dataset, query, sink) {
      return run(requestId, sink, (engine, options) => engine.cohorts(dataset, query, options));
    },
    kpis(requestId, dataset, query, sink) {
      return run(requestId, sink, (engine, options) => engine.kpis(dataset, query, options));
    },
    drilldown(requestId, dataset, request, query, sink) {
      return run(requestId, sink, (engine, options) => engine.drilldown(dataset, request, query, options));
    },
    customerCard(requestId, dataset, request, customerId, query, sink) {
      return run(requestId, sink, (engine, options) =>
        engine.customerCard(dataset, request, customerId, query, options),
      );
    },
    async drop(dataset) {
      try {
        await (await started).drop(dataset);
      } catch (error) {
        throw toWireError(error);
      }
    },
  };
}
