import { abortedError } from './errors.js';
import type { Progress } from './protocol.js';

export type ProgressSink = (progress: Progress) => unknown;

/**
 * One computation awaited by any number of callers (widgets asking the same thing): each caller joins with its
 * own signal and progress sink. A caller that cancels stops waiting at once; the computation itself is aborted
 * only when no caller is left waiting for it.
 */
export class SharedTask<T> {
  readonly promise: Promise<T>;
  private readonly controller = new AbortController();
  private readonly sinks = new Set<ProgressSink>();
  private waiting = 0;
  private settled = false;
  private last: Progress | undefined;

  constructor(run: (signal: AbortSignal, onProgress: (progress: Progress) => void) => Promise<T>) {
    // Started a microtask later, so that the caller that creates the task has joined it (with its progress
    // sink) before the first report.
    this.promise = Promise.resolve().then(() =>
      run(this.controller.signal, (progress) => {
        this.last = progress;
        for (const sink of this.sinks) send(sink, progress);
      }),
    );
    const done = () => {
      this.settled = true;
    };
    this.promise.then(done, done);
  }

  get done(): boolean {
    return this.settled;
  }

  /** Aborted and not yet settled: it will fail, so a new caller must start afresh rather than join it. */
  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  /** Abort the computation for everyone (the dataset was dropped, the host disposed). */
  abort(reason: unknown): void {
    if (!this.settled) this.controller.abort(reason);
  }

  /** Wait for the result as one more caller. */
  join(signal: AbortSignal | undefined, sink?: ProgressSink): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortedError(signal));
    if (this.settled) return this.promise;
    this.waiting++;
    if (sink) {
      this.sinks.add(sink);
      // A late joiner learns where the computation stands.
      if (this.last) send(sink, this.last);
    }
    return new Promise<T>((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        this.waiting--;
        if (sink) this.sinks.delete(sink);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        leave();
        reject(abortedError(signal));
        if (this.waiting === 0) this.abort(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.promise.then(
        (value) => {
          leave();
          resolve(value);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }
}

/** Progress is advisory: a sink that throws (or a remote one whose port closed) never fails the computation. */
function send(sink: ProgressSink, progress: Progress): void {
  try {
    const result = sink(progress) as Promise<unknown> | undefined;
    if (typeof result?.then === 'function') result.then(undefined, () => undefined);
  } catch {
    // ignored, see above
  }
}
