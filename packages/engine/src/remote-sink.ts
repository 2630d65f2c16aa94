import { releaseProxy } from 'comlink';
import type { ProgressSink } from './shared-task.js';

/** Tell a remote (comlink) progress sink that it is no longer needed; a plain function needs nothing. */
export function releaseSink(sink: ProgressSink | undefined): void {
  try {
    const releaser = (sink as unknown as Record<symbol, unknown> | undefined)?.[releaseProxy];
    if (typeof releaser === 'function') releaser();
  } catch {
    // Already released, or its port is closed: nothing left to free.
  }
}

/**
 * A progress sink that keeps track of its deliveries still under way. A remote (comlink) sink answers every call
 * with a promise, and its reports travel on a port of their own: a result sent on the request's port could
 * overtake the last report, so the result waits for `delivered()` first. Progress is advisory: a failing delivery
 * is ignored.
 */
export function trackedSink(sink: ProgressSink | undefined): {
  readonly sink: ProgressSink | undefined;
  delivered(): Promise<unknown>;
} {
  const deliveries = new Set<Promise<unknown>>();
  const tracked: ProgressSink | undefined = sink
    ? (report) => {
        try {
          const result = sink(report) as Promise<unknown> | undefined;
          if (typeof result?.then !== 'function') return;
          const delivery: Promise<unknown> = result.then(
            () => deliveries.delete(delivery),
            () => deliveries.delete(delivery),
          );
          deliveries.add(delivery);
        } catch {
          // Progress is advisory.
        }
      }
    : undefined;
  return { sink: tracked, delivered: () => Promise.all(deliveries) };
}
