import type { MainThreadFigures } from '../shared/results.js';

interface Task {
  readonly start: number;
  readonly duration: number;
}

const longTasks: Task[] = [];
let observer: PerformanceObserver | undefined;

function collect(entries: readonly PerformanceEntry[]): void {
  for (const entry of entries) longTasks.push({ start: entry.startTime, duration: entry.duration });
}

/** Start recording `longtask` entries (buffered: the ones before this call too). False where unsupported. */
export function observeLongTasks(): boolean {
  if (observer) return true;
  if (!PerformanceObserver.supportedEntryTypes.includes('longtask')) return false;
  observer = new PerformanceObserver((list) => collect(list.getEntries()));
  observer.observe({ type: 'longtask', buffered: true });
  return true;
}

/**
 * Every long task of the page so far, windows or not (data generation makes some): shows that the observer
 * works, so that "none" inside a window means none.
 */
export function pageLongTasks(): { count: number; longestMs: number | null } {
  if (observer) collect(observer.takeRecords());
  return {
    count: longTasks.length,
    longestMs: longTasks.length === 0 ? null : Math.max(...longTasks.map((task) => task.duration)),
  };
}

const PROBE_MS = 10;

interface PostTaskScheduler {
  postTask(
    callback: () => void,
    options: { priority: 'user-blocking'; delay: number; signal?: AbortSignal },
  ): Promise<void>;
}

/**
 * A 10 ms timer at the highest task priority (`scheduler.postTask` 'user-blocking'; setTimeout elsewhere), so it
 * is delayed only by the task running when it falls due, not by queued work of lower priority (such as the
 * `scheduler.yield()` continuations of chunked work). Returns a cancel function.
 */
function every10ms(tick: () => void): () => void {
  const scheduler = (globalThis as { scheduler?: Partial<PostTaskScheduler> }).scheduler;
  const controller = new AbortController();
  if (typeof scheduler?.postTask === 'function') {
    const post = scheduler.postTask.bind(scheduler);
    const loop = () => {
      tick();
      if (!controller.signal.aborted) schedule();
    };
    const schedule = () => {
      post(loop, { priority: 'user-blocking', delay: PROBE_MS, signal: controller.signal }).catch(
        () => undefined,
      );
    };
    schedule();
    return () => controller.abort();
  }
  let timer = setTimeout(function loop() {
    tick();
    timer = setTimeout(loop, PROBE_MS);
  }, PROBE_MS);
  return () => clearTimeout(timer);
}

/**
 * Watches the main thread from construction to `finish()`: the long tasks that overlap the window, and the
 * longest delay of a high-priority 10 ms timer loop (which sees blocks below the 50 ms long-task threshold too).
 */
export class MainThreadWindow {
  readonly #from = performance.now();
  #last = this.#from;
  #longestBlock = 0;
  readonly #stop = every10ms(() => this.#tick());

  /** End the window; `loadedAt` (when `load` resolved) tells whether the longest task fell in load or score. */
  finish(loadedAt = Number.POSITIVE_INFINITY): MainThreadFigures {
    const to = performance.now();
    this.#stop();
    this.#longestBlock = Math.max(this.#longestBlock, to - this.#last - PROBE_MS);
    if (observer) collect(observer.takeRecords());
    const inside = longTasks.filter((task) => task.start < to && task.start + task.duration > this.#from);
    const longest = inside.reduce<Task | undefined>(
      (a, b) => (a && a.duration >= b.duration ? a : b),
      undefined,
    );
    return {
      longestLongTaskMs: longest ? longest.duration : null,
      longestLongTaskDuring: longest ? (longest.start < loadedAt ? 'load' : 'score') : null,
      longTasks: inside.length,
      longestBlockMs: Math.max(0, this.#longestBlock),
    };
  }

  #tick(): void {
    const now = performance.now();
    this.#longestBlock = Math.max(this.#longestBlock, now - this.#last - PROBE_MS);
    this.#last = now;
  }
}
