import { forChunks, runWork, type Work } from '../util/work.js';

/**
 * Rows grouped by their x value. The gamma-function terms of the BTYD likelihoods depend on x only, so they are
 * evaluated once per distinct x (a few hundred at most) instead of once per row.
 */
export interface XGroups {
  /** Distinct x values. */
  readonly values: Float64Array;
  /** Sum of row weights per distinct x. */
  readonly weight: Float64Array;
  /** Group index of each row. */
  readonly groupOf: Int32Array;
}

export function groupByX(x: ArrayLike<number>, weight: ArrayLike<number> | undefined): XGroups {
  return runWork(groupByXSteps(x, weight));
}

/** Nominal cost per row (a Map lookup). */
const ROW_COST = 40;

/** {@link groupByX} in chunks of rows, reporting its work (see `Work`). */
export function* groupByXSteps(x: ArrayLike<number>, weight: ArrayLike<number> | undefined): Work<XGroups> {
  const s: Grouping = {
    x,
    weight,
    ids: new Map(),
    values: [],
    weights: [],
    groupOf: new Int32Array(x.length),
  };
  yield* forChunks(x.length, ROW_COST, groupRange, s);
  return { values: Float64Array.from(s.values), weight: Float64Array.from(s.weights), groupOf: s.groupOf };
}

interface Grouping {
  readonly x: ArrayLike<number>;
  readonly weight: ArrayLike<number> | undefined;
  /** Group of each distinct x. */
  readonly ids: Map<number, number>;
  readonly values: number[];
  readonly weights: number[];
  readonly groupOf: Int32Array;
}

function groupRange(s: Grouping, from: number, to: number): void {
  const { x, weight, ids, values, weights, groupOf } = s;
  for (let i = from; i < to; i++) {
    const xi = x[i] as number;
    let g = ids.get(xi);
    if (g === undefined) {
      g = values.length;
      ids.set(xi, g);
      values.push(xi);
      weights.push(0);
    }
    groupOf[i] = g;
    weights[g] = (weights[g] as number) + (weight ? (weight[i] as number) : 1);
  }
}
