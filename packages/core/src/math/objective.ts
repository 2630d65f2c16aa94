/**
 * An objective for the minimisers: returns f(x) and writes ∇f(x) into `gradient` (same length as x).
 * A non-finite return value marks x as infeasible (e.g. overflow far from the optimum); line searches back off.
 */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;
