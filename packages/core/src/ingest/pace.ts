import { runWork, sliceWork, type Work } from '../util/work.js';
import { abortError } from './read-rows.js';

/**
 * One pause of an ingestion between two steps of its work: the caller's `pause` hook, then a check of the
 * signal (an aborted ingestion stops there with an `aborted` error).
 */
export type Pace = () => Promise<void>;

/** The pace of an ingestion with these options; undefined when they give no `pause` hook (nothing pauses). */
export function pacer(options: {
  readonly pause?: () => Promise<void>;
  readonly signal?: AbortSignal;
}): Pace | undefined {
  const { pause, signal } = options;
  if (!pause) return undefined;
  return async () => {
    await pause();
    if (signal?.aborted) throw abortError(signal);
  };
}

/**
 * Run `work` to its result: without a pace at once, with one pausing after every slice of about SLICE_WORK
 * units (counted, not timed: the same input pauses at the same points every time). The result is the same.
 */
export async function runPaced<R>(work: Work<R>, pace: Pace | undefined): Promise<R> {
  if (!pace) return runWork(work);
  const slices = sliceWork(work);
  for (;;) {
    const step = slices.next();
    if (step.done) return step.value;
    await pace();
  }
}
