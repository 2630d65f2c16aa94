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
  const n = x.length;
  const ids = new Map<number, number>();
  const values: number[] = [];
  const weights: number[] = [];
  const groupOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
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
  return { values: Float64Array.from(values), weight: Float64Array.from(weights), groupOf };
}
