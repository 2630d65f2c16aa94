import type { Work } from '@crm-lens/core';
import { EngineError, throwIfAborted } from './errors.js';
import { yieldToHost } from './yield-to-host.js';

/** Work between two yields to the host (as for scoring): the page never sees a long task in-thread. */
const SLICE_MS = 8;

/**
 * Drive one of core's cooperative `…Steps` kernels to its result: it reports after every chunk of work (about
 * 0.25 ms); between reports the request's signal is checked, and once a slice of work is done the host gets a
 * macrotask (input and paint in a page, `cancel` messages in a worker).
 */
export async function drive<R>(work: Work<R>, signal: AbortSignal): Promise<R> {
  throwIfAborted(signal);
  let slice = performance.now();
  for (;;) {
    let step: IteratorResult<number, R>;
    try {
      step = work.next();
    } catch (error) {
      // Core's RangeErrors name options or data the kernel cannot use (checked when it is first stepped).
      if (error instanceof RangeError) {
        throw new EngineError('invalid-request', error.message, { cause: error });
      }
      throw error;
    }
    if (step.done) return step.value;
    throwIfAborted(signal);
    const now = performance.now();
    if (now - slice >= SLICE_MS) {
      await yieldToHost();
      throwIfAborted(signal);
      slice = performance.now();
    }
  }
}
