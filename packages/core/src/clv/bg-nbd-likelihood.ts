import { digamma } from '../math/digamma.js';
import { logGamma } from '../math/log-gamma.js';
import type { ObjectiveWithGradient, SteppedObjective } from '../math/objective.js';
import { forChunks, runWork, type Work } from '../util/work.js';
import type { CollapsedRfm } from './collapse.js';
import { groupRowsSteps } from './group-rows.js';
import type { BgNbdParams, RfmArrays } from './types.js';
import { groupByXSteps } from './x-groups.js';

/**
 * BG/NBD log-likelihood of each customer (Fader, Hardie & Lee 2005, eq. 6, in logs):
 *
 *   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b) + ln[ (α+T)^−(r+x) + 1{x>0} a/(b+x−1) (α+tx)^−(r+x) ]
 *
 * The bracket is combined with log-add-exp: both powers underflow for heavy buyers long before their ratio matters.
 */
export function bgNbdLogLikelihood(params: BgNbdParams, data: RfmArrays): Float64Array {
  const { r, alpha, a, b } = params;
  const n = data.x.length;
  const out = new Float64Array(n);
  const base = r * Math.log(alpha) - logGamma(r) + logGamma(a + b) - logGamma(b);
  for (let i = 0; i < n; i++) {
    const x = data.x[i] as number;
    const tx = data.tx[i] as number;
    const T = data.T[i] as number;
    const l3 = -(r + x) * Math.log(alpha + T);
    let bracket = l3;
    if (x > 0) {
      const l4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
      bracket = l3 > l4 ? l3 + Math.log1p(Math.exp(l4 - l3)) : l4 + Math.log1p(Math.exp(l3 - l4));
    }
    out[i] = base + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x) + bracket;
  }
  return out;
}

/**
 * Negative BG/NBD log-likelihood summed over weighted rows, with its analytic gradient with respect to
 * θ = (ln r, ln α, ln a, ln b). Optimising log-parameters keeps them positive without constraints.
 *
 * With π₄ = share of the "dropped out after the last purchase" term in the bracket and π₃ = 1 − π₄:
 *   ∂/∂r = ψ(r+x) − ψ(r) + ln α − π₃ ln(α+T) − π₄ ln(α+tx)
 *   ∂/∂α = r/α − (r+x) [π₃/(α+T) + π₄/(α+tx)]
 *   ∂/∂a = ψ(a+b) − ψ(a+b+x) + π₄/a
 *   ∂/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − π₄/(b+x−1)
 *
 * Why it is fast: gamma/digamma terms depend on x alone (computed per distinct x); ln(α+T), ln(α+tx) are computed
 * once per distinct T and tx value (few with day-resolution data); customers with x = 0 only contribute
 * −r ln(α+T), so they are pre-aggregated by T and never visited per evaluation. What remains per repeat-buyer row is
 * one exp and one log1p.
 */
export function bgNbdNegLogLikObjective(data: CollapsedRfm): ObjectiveWithGradient {
  const objective = runWork(bgNbdNegLogLikObjectiveSteps(data));
  return (theta, gradient) => runWork(objective(theta, gradient));
}

/** Nominal cost per row of the set-up passes, and per repeat-buyer row of an evaluation. */
const SETUP_COST = 10;
const ROW_COST = 60;

/**
 * {@link bgNbdNegLogLikObjective} as cooperative work: the set-up reports its work (see `Work`) and returns the
 * objective as a {@link SteppedObjective}, whose evaluations report theirs every chunk of repeat-buyer rows.
 * Values and gradients are identical: the row sums run in the same order, chunk after chunk. Evaluations share
 * scratch arrays, so one must finish before the next starts (as in a minimiser).
 */
export function* bgNbdNegLogLikObjectiveSteps(data: CollapsedRfm): Work<SteppedObjective> {
  const { x, tx, T, weight, length } = data;
  const groups = yield* groupByXSteps(x, weight);
  const gx = groups.values;
  const gw = groups.weight;
  const k = gx.length;
  const totalWeight = data.customers;

  // Distinct T (all rows) and tx (repeat buyers) values.
  const tGroups = yield* groupRowsSteps([T]);
  const uT = new Float64Array(tGroups.groups);
  for (let g = 0; g < tGroups.groups; g++) uT[g] = T[tGroups.firstRow[g] as number] as number;
  const split: Split = {
    x,
    weight,
    groupOfT: tGroups.groupOf,
    zeroWeightByT: new Float64Array(tGroups.groups),
    repeatRows: 0,
  };
  yield* forChunks(length, SETUP_COST, splitRows, split);
  const { zeroWeightByT, repeatRows } = split;
  const repeat: RepeatRows = {
    x,
    tx,
    weight,
    groupOfX: groups.groupOf,
    groupOfT: tGroups.groupOf,
    rw: new Float64Array(repeatRows),
    rx: new Float64Array(repeatRows),
    rGroupX: new Int32Array(repeatRows),
    rGroupT: new Int32Array(repeatRows),
    rTx: new Float64Array(repeatRows),
    next: 0,
  };
  yield* forChunks(length, SETUP_COST, pickRepeatRows, repeat);
  const txGroups = yield* groupRowsSteps([repeat.rTx]);
  const uTx = new Float64Array(txGroups.groups);
  for (let g = 0; g < txGroups.groups; g++) uTx[g] = repeat.rTx[txGroups.firstRow[g] as number] as number;
  const rows: BracketRows = {
    ...repeat,
    rGroupTx: txGroups.groupOf,
    logA4: new Float64Array(k), // ln a − ln(b + x − 1) per distinct x
    invB: new Float64Array(k), // 1 / (b + x − 1)
    lnAT: new Float64Array(uT.length),
    invAT: new Float64Array(uT.length),
    lnATx: new Float64Array(uTx.length),
    invATx: new Float64Array(uTx.length),
    // NaN, not 0: the fields hold doubles from the start, so their representation (and the object's map) never
    // changes under the optimised kernel.
    r: Number.NaN,
    ll: Number.NaN,
    dR: Number.NaN,
    dAlpha: Number.NaN,
    sumPi4: Number.NaN,
    sumPi4InvB: Number.NaN,
  };
  const { logA4, invB, lnAT, invAT, lnATx, invATx } = rows;

  return function* (theta, gradient) {
    const r = Math.exp(theta[0] as number);
    const alpha = Math.exp(theta[1] as number);
    const a = Math.exp(theta[2] as number);
    const b = Math.exp(theta[3] as number);
    if (!Number.isFinite(r + alpha + a + b) || r === 0 || alpha === 0 || a === 0 || b === 0)
      return Number.NaN;
    const lnAlpha = Math.log(alpha);
    const lnA = Math.log(a);

    // Per distinct x: constants and digamma terms, weighted.
    let ll = totalWeight * (r * lnAlpha - logGamma(r) + logGamma(a + b) - logGamma(b));
    const psiAB = digamma(a + b);
    let dR = totalWeight * (lnAlpha - digamma(r));
    let dAlpha = (totalWeight * r) / alpha;
    let dA = totalWeight * psiAB;
    let dB = totalWeight * (psiAB - digamma(b));
    for (let g = 0; g < k; g++) {
      const xg = gx[g] as number;
      const w = gw[g] as number;
      ll += w * (logGamma(r + xg) + logGamma(b + xg) - logGamma(a + b + xg));
      const psiABX = digamma(a + b + xg);
      dR += w * digamma(r + xg);
      dA -= w * psiABX;
      dB += w * (digamma(b + xg) - psiABX);
      if (xg > 0) {
        logA4[g] = lnA - Math.log(b + xg - 1);
        invB[g] = 1 / (b + xg - 1);
      }
    }

    // Per distinct T: logs, and the whole contribution of the x = 0 customers.
    for (let g = 0; g < uT.length; g++) {
      const aT = alpha + (uT[g] as number);
      const l = Math.log(aT);
      lnAT[g] = l;
      invAT[g] = 1 / aT;
      const w0 = zeroWeightByT[g] as number;
      if (w0 > 0) {
        ll -= w0 * r * l;
        dR -= w0 * l;
        dAlpha -= (w0 * r) / aT;
      }
    }
    for (let g = 0; g < uTx.length; g++) {
      const aTx = alpha + (uTx[g] as number);
      lnATx[g] = Math.log(aTx);
      invATx[g] = 1 / aTx;
    }

    // Per repeat-buyer row, chunk by chunk, the sums carried in `rows`.
    rows.r = r;
    rows.ll = ll;
    rows.dR = dR;
    rows.dAlpha = dAlpha;
    rows.sumPi4 = 0;
    rows.sumPi4InvB = 0;
    yield* forChunks(repeatRows, ROW_COST, addBrackets, rows);
    dA += rows.sumPi4 / a;
    dB -= rows.sumPi4InvB;

    // Chain rule to log-parameters, sign flip for minimisation.
    gradient[0] = -rows.dR * r;
    gradient[1] = -rows.dAlpha * alpha;
    gradient[2] = -dA * a;
    gradient[3] = -dB * b;
    return -rows.ll;
  };
}

/** Inputs and outputs of {@link splitRows}. */
interface Split {
  readonly x: Float64Array;
  readonly weight: Float64Array;
  readonly groupOfT: Int32Array;
  /** Weight of the x = 0 rows per distinct T. */
  readonly zeroWeightByT: Float64Array;
  repeatRows: number;
}

/** Counts repeat-buyer rows and sums the weight of the others by T. */
function splitRows(s: Split, from: number, to: number): void {
  const { x, weight, groupOfT, zeroWeightByT } = s;
  let repeatRows = s.repeatRows;
  for (let i = from; i < to; i++) {
    if ((x[i] as number) > 0) repeatRows++;
    else {
      const g = groupOfT[i] as number;
      zeroWeightByT[g] = (zeroWeightByT[g] as number) + (weight[i] as number);
    }
  }
  s.repeatRows = repeatRows;
}

/** The repeat-buyer rows, compacted: weight, x, their x and T groups, tx. */
interface RepeatRows {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly weight: Float64Array;
  readonly groupOfX: Int32Array;
  readonly groupOfT: Int32Array;
  readonly rw: Float64Array;
  readonly rx: Float64Array;
  readonly rGroupX: Int32Array;
  readonly rGroupT: Int32Array;
  readonly rTx: Float64Array;
  /** Next free position. */
  next: number;
}

function pickRepeatRows(s: RepeatRows, from: number, to: number): void {
  const { x, tx, weight, groupOfX, groupOfT, rw, rx, rGroupX, rGroupT, rTx } = s;
  let j = s.next;
  for (let i = from; i < to; i++) {
    if ((x[i] as number) > 0) {
      rw[j] = weight[i] as number;
      rx[j] = x[i] as number;
      rGroupX[j] = groupOfX[i] as number;
      rGroupT[j] = groupOfT[i] as number;
      rTx[j] = tx[i] as number;
      j++;
    }
  }
  s.next = j;
}

/**
 * Repeat-buyer rows with the per-group terms of the current parameters, and the sums over rows carried from
 * chunk to chunk: ll, ∂/∂r, ∂/∂α, Σ w π₄ and Σ w π₄ / (b+x−1).
 */
interface BracketRows extends RepeatRows {
  readonly rGroupTx: Int32Array;
  readonly logA4: Float64Array;
  readonly invB: Float64Array;
  readonly lnAT: Float64Array;
  readonly invAT: Float64Array;
  readonly lnATx: Float64Array;
  readonly invATx: Float64Array;
  r: number;
  ll: number;
  dR: number;
  dAlpha: number;
  sumPi4: number;
  sumPi4InvB: number;
}

/** Adds repeat-buyer rows `from … to − 1`: the bracket and its π-weighted derivatives. */
function addBrackets(s: BracketRows, from: number, to: number): void {
  const { rw, rx, rGroupX, rGroupT, rGroupTx, logA4, invB, lnAT, invAT, lnATx, invATx, r } = s;
  let { ll, dR, dAlpha, sumPi4, sumPi4InvB } = s;
  for (let j = from; j < to; j++) {
    const w = rw[j] as number;
    const rxj = r + (rx[j] as number);
    const gT = rGroupT[j] as number;
    const gTx = rGroupTx[j] as number;
    const gX = rGroupX[j] as number;
    const lT = lnAT[gT] as number;
    const lTx = lnATx[gTx] as number;
    const l3 = -rxj * lT;
    const l4 = (logA4[gX] as number) - rxj * lTx;
    let bracket: number;
    let pi4: number;
    if (l3 > l4) {
      const e = Math.exp(l4 - l3);
      bracket = l3 + Math.log1p(e);
      pi4 = e / (1 + e);
    } else {
      const e = Math.exp(l3 - l4);
      bracket = l4 + Math.log1p(e);
      pi4 = 1 / (1 + e);
    }
    const pi3 = 1 - pi4;
    ll += w * bracket;
    dR -= w * (pi3 * lT + pi4 * lTx);
    dAlpha -= w * rxj * (pi3 * (invAT[gT] as number) + pi4 * (invATx[gTx] as number));
    sumPi4 += w * pi4;
    sumPi4InvB += w * pi4 * (invB[gX] as number);
  }
  s.ll = ll;
  s.dR = dR;
  s.dAlpha = dAlpha;
  s.sumPi4 = sumPi4;
  s.sumPi4InvB = sumPi4InvB;
}
