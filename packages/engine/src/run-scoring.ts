import {
  type CustomerScores,
  type InteractionTable,
  SCORE_STAGES,
  type ScoreOptions,
  scoreCustomersSteps,
  type TransactionTable,
} from '@crm-lens/core';
import { throwIfAborted } from './errors.js';
import type { Progress, ScoreRequest } from './protocol.js';
import { yieldToHost } from './yield-to-host.js';

export interface ScoringControl {
  readonly signal: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
}

export interface ScoringRun {
  readonly scores: CustomerScores;
  /** Milliseconds per stage; stages that ran without a checkpoint between them share one key, `a+b+c`. */
  readonly timings: Record<string, number>;
}

/** Work between two yields to the host: short enough that the page never sees a long task in-thread. */
const SLICE_MS = 8;

/**
 * Drive core's stepwise scoring. Core yields the name of the running stage at checkpoints (once as a stage
 * starts, and again every few milliseconds of work inside a long one). At each checkpoint: add the stretch
 * since the last one to the stage's time, report progress when a new stage starts (stage index / stages),
 * stop if the request was cancelled, and once a slice of work is done yield a macrotask (input and paint in
 * the page, `cancel` messages in a worker). Time spent waiting for the host is no stage's.
 *
 * Where core runs several stages without a checkpoint between them, their time is recorded together under the
 * names joined with `+`.
 */
export async function runScoring(
  table: TransactionTable,
  options: ScoreOptions,
  control: ScoringControl,
): Promise<ScoringRun> {
  const { signal, onProgress } = control;
  const stages: readonly string[] = SCORE_STAGES;
  const timings: Record<string, number> = {};
  const add = (from: number, until: number, ms: number): void => {
    if (until <= from) return;
    const key = stages.slice(from, until).join('+');
    timings[key] = (timings[key] ?? 0) + ms;
  };
  // The index of the stage named last (−1: none yet), the start of the current stretch and of the slice.
  let last = -1;
  let mark = performance.now();
  let slice = mark;

  throwIfAborted(signal);
  const steps = scoreCustomersSteps(table, options);
  for (;;) {
    const step = steps.next();
    const now = performance.now();
    if (step.done) {
      add(Math.max(last, 0), stages.length, now - mark);
      return { scores: step.value, timings };
    }
    const index = stages.indexOf(step.value);
    if (index >= 0) {
      // The stretch since the last checkpoint ran the stage named last, and any core did not name on the way.
      if (last >= 0 || index > 0) add(Math.max(last, 0), Math.max(index, last + 1), now - mark);
      if (index > last) {
        last = index;
        onProgress?.({ stage: step.value, fraction: index / stages.length });
      }
    }
    mark = now;
    throwIfAborted(signal);
    if (now - slice >= SLICE_MS) {
      await yieldToHost();
      throwIfAborted(signal);
      mark = slice = performance.now();
    }
  }
}

/** A wire request as core's scoring options (the interactions of the dataset feed churn). */
export function toScoreOptions(request: ScoreRequest, interactions?: InteractionTable): ScoreOptions {
  const { thresholds } = request;
  return {
    ...(request.asOf !== undefined ? { asOf: request.asOf } : {}),
    ...(request.unit !== undefined ? { unit: request.unit } : {}),
    ...(request.horizon !== undefined ? { horizon: request.horizon } : {}),
    ...(request.annualDiscountRate !== undefined ? { annualDiscountRate: request.annualDiscountRate } : {}),
    ...(request.model !== undefined ? { model: request.model } : {}),
    ...(request.currentMonths !== undefined ? { currentMonths: request.currentMonths } : {}),
    ...(thresholds
      ? {
          pyramid: {
            ...(thresholds.current ? { current: thresholds.current } : {}),
            ...(thresholds.potential ? { potential: thresholds.potential } : {}),
          },
        }
      : {}),
    ...(request.segmentMap !== undefined ? { segmentMap: request.segmentMap } : {}),
    ...(interactions ? { interactions } : {}),
  };
}
