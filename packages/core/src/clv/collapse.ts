import { groupRows } from './group-rows.js';
import type { RfmInput } from './types.js';

/** Distinct (x, tx, T) rows with integer weights: what the likelihoods are evaluated on. */
export interface CollapsedRfm {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  /** Number of distinct rows. */
  readonly length: number;
  /** Number of customers represented (sum of weights). */
  readonly customers: number;
}

/**
 * Collapses identical (x, tx, T) rows into one row with a weight (Fader & Hardie's "RFM matrix" trick). With
 * day-resolution data many customers share a pattern (e.g. all one-time buyers of the same day), so the likelihood
 * is summed over far fewer rows. Keyed on the three numbers by a typed-array hash table ({@link groupRows}), O(n)
 * expected. Invalid rows (not 0 ≤ tx ≤ T, x < 0, non-finite, negative weight) throw a RangeError: silently dropping
 * them would bias the fit. Rows with weight 0 are dropped.
 */
export function collapseRfm(input: RfmInput): CollapsedRfm {
  const n = input.x.length;
  if (input.tx.length !== n || input.T.length !== n || (input.weight && input.weight.length !== n)) {
    throw new RangeError('x, tx, T (and weight) must have the same length');
  }
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = input.x[i] as number;
    const ti = input.tx[i] as number;
    const Ti = input.T[i] as number;
    const wi = input.weight ? (input.weight[i] as number) : 1;
    if (!(xi >= 0 && ti >= 0 && Ti >= ti && Number.isFinite(Ti) && wi >= 0 && Number.isFinite(wi))) {
      throw new RangeError(
        `invalid row ${i}: x=${xi}, tx=${ti}, T=${Ti}, weight=${wi} (need 0 ≤ tx ≤ T, x ≥ 0)`,
      );
    }
    x[i] = xi;
    tx[i] = ti;
    T[i] = Ti;
  }
  const { groupOf, firstRow, groups } = groupRows([x, tx, T]);
  const weight = new Float64Array(groups);
  let customers = 0;
  for (let i = 0; i < n; i++) {
    const wi = input.weight ? (input.weight[i] as number) : 1;
    const g = groupOf[i] as number;
    weight[g] = (weight[g] as number) + wi;
    customers += wi;
  }
  // Keep groups with positive weight.
  let rows = 0;
  const keep = new Int32Array(groups);
  for (let g = 0; g < groups; g++) if ((weight[g] as number) > 0) keep[rows++] = g;
  const outX = new Float64Array(rows);
  const outTx = new Float64Array(rows);
  const outT = new Float64Array(rows);
  const outW = new Float64Array(rows);
  for (let k = 0; k < rows; k++) {
    const g = keep[k] as number;
    const i = firstRow[g] as number;
    outX[k] = x[i] as number;
    outTx[k] = tx[i] as number;
    outT[k] = T[i] as number;
    outW[k] = weight[g] as number;
  }
  return { x: outX, tx: outTx, T: outT, weight: outW, length: rows, customers };
}
