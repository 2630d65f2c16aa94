import type { Work } from '../util/work.js';

/**
 * An objective for the minimisers: returns f(x) and writes ∇f(x) into `gradient` (same length as x).
 * A non-finite return value marks x as infeasible (e.g. overflow far from the optimum); line searches back off.
 */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

/**
 * {@link ObjectiveWithGradient} as cooperative work: an evaluation over many rows reports its work as it goes
 * (see `Work`), so a minimiser built on it can pause inside an evaluation.
 */
export type SteppedObjective = (x: Float64Array, gradient: Float64Array) => Work<number>;

/** A plain objective as a stepped one that never pauses. */
export function steppedObjective(objective: ObjectiveWithGradient): SteppedObjective {
  // biome-ignore lint/correctness/useYield: an evaluation without pauses
  return function* (x, gradient) {
    return objective(x, gradient);
  };
}
