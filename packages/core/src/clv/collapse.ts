import { forChunks, runWork, type Work } from '../util/work.js';
import { groupRowsSteps } from './group-rows.js';
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
  return runWork(collapseRfmSteps(input));
}

/** Nominal cost per row of the checks and of the weighting; per group of the output. */
const CHECK_COST = 8;
const WEIGHT_COST = 6;
const GROUP_COST = 8;

/**
 * {@link collapseRfm} as cooperative work: yields the work done since its previous yield (nominal nanoseconds, see
 * `Work`) after every chunk of rows, and returns the same collapsed rows.
 */
export function* collapseRfmSteps(input: RfmInput): Work<CollapsedRfm> {
  const n = input.x.length;
  if (input.tx.length !== n || input.T.length !== n || (input.weight && input.weight.length !== n)) {
    throw new RangeError('x, tx, T (and weight) must have the same length');
  }
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  yield* forChunks(n, CHECK_COST, checkRows, { input, x, tx, T });
  const { groupOf, firstRow, groups } = yield* groupRowsSteps([x, tx, T]);
  const weights = { input, groupOf, weight: new Float64Array(groups), customers: 0 };
  yield* forChunks(n, WEIGHT_COST, addWeights, weights);
  const { weight, customers } = weights;
  // Keep groups with positive weight.
  const kept = { weight, keep: new Int32Array(groups), rows: 0 };
  yield* forChunks(groups, GROUP_COST, keepWeighted, kept);
  const rows = kept.rows;
  const out = {
    keep: kept.keep,
    firstRow,
    weight,
    x,
    tx,
    T,
    outX: new Float64Array(rows),
    outTx: new Float64Array(rows),
    outT: new Float64Array(rows),
    outW: new Float64Array(rows),
  };
  yield* forChunks(rows, GROUP_COST, copyGroups, out);
  return { x: out.outX, tx: out.outTx, T: out.outT, weight: out.outW, length: rows, customers };
}

/** Checks rows `from … to − 1` and copies them to Float64 columns. */
function checkRows(
  s: {
    readonly input: RfmInput;
    readonly x: Float64Array;
    readonly tx: Float64Array;
    readonly T: Float64Array;
  },
  from: number,
  to: number,
): void {
  const { input, x, tx, T } = s;
  for (let i = from; i < to; i++) {
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
}

function addWeights(
  s: {
    readonly input: RfmInput;
    readonly groupOf: Int32Array;
    readonly weight: Float64Array;
    customers: number;
  },
  from: number,
  to: number,
): void {
  const { input, groupOf, weight } = s;
  let customers = s.customers;
  for (let i = from; i < to; i++) {
    const wi = input.weight ? (input.weight[i] as number) : 1;
    const g = groupOf[i] as number;
    weight[g] = (weight[g] as number) + wi;
    customers += wi;
  }
  s.customers = customers;
}

function keepWeighted(
  s: { readonly weight: Float64Array; readonly keep: Int32Array; rows: number },
  from: number,
  to: number,
): void {
  const { weight, keep } = s;
  let rows = s.rows;
  for (let g = from; g < to; g++) if ((weight[g] as number) > 0) keep[rows++] = g;
  s.rows = rows;
}

function copyGroups(
  s: {
    readonly keep: Int32Array;
    readonly firstRow: Int32Array;
    readonly weight: Float64Array;
    readonly x: Float64Array;
    readonly tx: Float64Array;
    readonly T: Float64Array;
    readonly outX: Float64Array;
    readonly outTx: Float64Array;
    readonly outT: Float64Array;
    readonly outW: Float64Array;
  },
  from: number,
  to: number,
): void {
  const { keep, firstRow, weight, x, tx, T, outX, outTx, outT, outW } = s;
  for (let k = from; k < to; k++) {
    const g = keep[k] as number;
    const i = firstRow[g] as number;
    outX[k] = x[i] as number;
    outTx[k] = tx[i] as number;
    outT[k] = T[i] as number;
    outW[k] = weight[g] as number;
  }
}
