/**
 * A computation that can pause: a generator that now and then yields the work it has done since its previous
 * yield, in work units, and returns its result. Kernels report after every chunk of rows (or every likelihood
 * evaluation), so a caller can stop between any two reports; {@link sliceWork} coalesces reports into slices.
 *
 * A work unit is a nominal nanosecond: each kernel reports its rows times a per-row cost measured on a 2-core
 * laptop, so counting is deterministic (no clock reads) and a slice takes about as long as its units say.
 */
export type Work<R> = Generator<number, R, void>;

/**
 * Work between two checkpoints: ≈ 2 ms once compiled, under 10 ms while the JIT still warms up on a first run, so
 * a page stays responsive; pauses stay rare enough to be cheap.
 */
export const SLICE_WORK = 2_000_000;

/** The most a kernel does between two reports, so no slice overshoots {@link SLICE_WORK} by much. */
export const REPORT_WORK = SLICE_WORK / 8;

/** Rows per chunk of a loop whose rows cost `cost` units each: chunks of about {@link REPORT_WORK}. */
export function chunkRows(cost: number): number {
  return Math.max(1, Math.floor(REPORT_WORK / cost));
}

/** Rows of the first chunk of a pass; the next ones are full. */
export const FIRST_CHUNK = 256;

/**
 * The size of chunk number `k` (0-based) of a pass whose full chunks hold `full` rows: a short first chunk, so
 * a kernel's first call runs to its end in the interpreter and V8 has seen all of it when it optimises. (A long
 * first call is compiled mid-loop, before the code after the loop has run, and that code then deoptimises at
 * every exit from the loop: hundreds of times in a fit.)
 */
export function rampChunk(k: number, full: number): number {
  return k === 0 ? Math.min(full, FIRST_CHUNK) : full;
}

/** Runs a computation to completion, ignoring its reports: the synchronous form of every `…Steps` function. */
export function runWork<R>(work: Work<R>): R {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** Coalesces reports: yields the work done since the previous yield once it reaches `budget`. */
export function* sliceWork<R>(work: Work<R>, budget = SLICE_WORK): Work<R> {
  let done = 0;
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    done += step.value;
    if (done >= budget) {
      yield done;
      done = 0;
    }
  }
}

/**
 * Runs `kernel(state, from, to)` on consecutive ranges of `0 … n − 1` and reports each range's cost. Kernels are
 * module-level functions with their inputs and running totals in `state`: V8 optimises such a function early and
 * shares the code between calls, whereas a loop in a closure made inside a generator (or in a generator's own
 * body) can run unoptimised, ~10× slower, through a whole first run.
 */
export function* forChunks<S>(
  n: number,
  cost: number,
  kernel: (state: S, from: number, to: number) => void,
  state: S,
): Work<void> {
  const full = chunkRows(cost);
  for (let from = 0, k = 0; from < n; k++) {
    const to = Math.min(n, from + rampChunk(k, full));
    kernel(state, from, to);
    yield (to - from) * cost;
    from = to;
  }
}
