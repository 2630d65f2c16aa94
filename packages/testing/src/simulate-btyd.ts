import { createRandom } from './random.js';

/** BG/NBD truth: λ ~ Gamma(shape r, rate α); dropout probability after each repeat purchase p ~ Beta(a, b). */
export interface SimBgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** Pareto/NBD truth: λ ~ Gamma(r, α); exponential lifetime with rate μ ~ Gamma(s, β) (rates α, β). */
export interface SimParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

/** Gamma-Gamma truth: each purchase's value ~ Gamma(p, ν) (rate ν), per customer ν ~ Gamma(q, γ). */
export interface SimGammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

export interface SimulateBtydOptions {
  readonly seed: number;
  readonly customers: number;
  readonly model:
    | { readonly kind: 'bg-nbd'; readonly params: SimBgNbdParams }
    | { readonly kind: 'pareto-nbd'; readonly params: SimParetoNbdParams };
  /** Spend model; without it every purchase is worth 1. */
  readonly spend?: SimGammaGammaParams;
  /** Calibration end, in model time units after time 0. */
  readonly calibrationLength: number;
  /** First purchases are uniform on [0, acquisitionPeriod) (units); default 0 (everyone starts at time 0). */
  readonly acquisitionPeriod?: number;
  /** Holdout period after the calibration end (units); default 0. */
  readonly holdoutLength?: number;
  /**
   * Also return the purchases as a transaction table (one row per purchase, first purchases included, rows in
   * customer order): time 0 is `start` (epoch ms) and one model unit is `unitMs` milliseconds.
   */
  readonly transactions?: { readonly start: number; readonly unitMs: number };
}

/** Structurally a `TransactionTable` of @crm-lens/core (this package does not depend on core). */
export interface SimulatedTransactions {
  readonly kind: 'transactions';
  readonly length: number;
  readonly customer: { readonly codes: Int32Array; readonly dictionary: readonly string[] };
  readonly date: Float64Array;
  readonly amount: Float64Array;
}

/** The true per-customer summary (continuous time, units of the model) and latent values. */
export interface SimulatedBtyd {
  /** Repeat purchases in calibration. */
  readonly x: Float64Array;
  /** Time of the last calibration purchase since the first (0 when x = 0). */
  readonly tx: Float64Array;
  /** Time from the first purchase to the calibration end. */
  readonly T: Float64Array;
  /** Mean value of the repeat calibration purchases (NaN when x = 0). */
  readonly zbar: Float64Array;
  /** Purchases in the holdout period (after calibration end, up to calibrationLength + holdoutLength). */
  readonly holdoutX: Float64Array;
  /** First purchase time (units after time 0). */
  readonly birth: Float64Array;
  /** Latent purchase rate λ per customer. */
  readonly lambda: Float64Array;
  /** Latent dropout: p (BG/NBD) or μ (Pareto/NBD). */
  readonly dropout: Float64Array;
  /** 1 if the customer is still alive at the calibration end. */
  readonly aliveAtCalibrationEnd: Uint8Array;
  readonly transactions: SimulatedTransactions | undefined;
}

/**
 * Seeded simulation of customers from the BG/NBD or Pareto/NBD generative story (with optional Gamma-Gamma spend),
 * for parameter-recovery tests and benchmarks. Same options → same output on every platform.
 *
 * BG/NBD: purchases arrive as a Poisson process with rate λ; after each repeat purchase the customer drops out with
 * probability p (never after the first). Pareto/NBD: purchases at rate λ until an exponential lifetime with rate μ
 * ends. Times are continuous; x, tx, T follow the models' definitions exactly, so the fitted model is the true one.
 */
export function simulateBtyd(options: SimulateBtydOptions): SimulatedBtyd {
  const n = options.customers;
  const random = createRandom(options.seed);
  const acquisition = options.acquisitionPeriod ?? 0;
  const holdout = options.holdoutLength ?? 0;
  const calEnd = options.calibrationLength;
  if (!(calEnd > acquisition)) throw new RangeError('calibrationLength must exceed acquisitionPeriod');

  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const zbar = new Float64Array(n);
  const holdoutX = new Float64Array(n);
  const birth = new Float64Array(n);
  const lambda = new Float64Array(n);
  const dropout = new Float64Array(n);
  const alive = new Uint8Array(n);
  const wantRows = options.transactions !== undefined;
  const rowCustomer: number[] = [];
  const rowTime: number[] = [];
  const rowAmount: number[] = [];

  const model = options.model;
  const spend = options.spend;
  for (let i = 0; i < n; i++) {
    const b = acquisition > 0 ? acquisition * random.next() : 0;
    const Ti = calEnd - b;
    const horizon = Ti + holdout;
    const lam = random.gamma(model.params.r, model.params.alpha);
    const nu = spend ? random.gamma(spend.q, spend.gamma) : 1;
    const value = (): number => (spend ? random.gamma(spend.p, nu) : 1);
    birth[i] = b;
    lambda[i] = lam;
    T[i] = Ti;

    // First purchase at time 0 (relative to birth). Its value is drawn even when no rows are wanted, so the same
    // seed gives the same customers with or without the transaction list.
    const firstValue = value();
    if (wantRows) {
      rowCustomer.push(i);
      rowTime.push(b);
      rowAmount.push(firstValue);
    }
    let count = 0;
    let last = 0;
    let sum = 0;
    let hold = 0;
    let t = 0;
    let isAlive = true;
    let deathTime = Number.POSITIVE_INFINITY;
    if (model.kind === 'bg-nbd') {
      const p = random.beta(model.params.a, model.params.b);
      dropout[i] = p;
      for (;;) {
        t += random.exponential(lam);
        if (t > horizon) break;
        const v = value();
        if (t <= Ti) {
          count++;
          last = t;
          sum += v;
        } else {
          hold++;
        }
        if (wantRows) {
          rowCustomer.push(i);
          rowTime.push(b + t);
          rowAmount.push(v);
        }
        if (random.next() < p) {
          deathTime = t;
          break;
        }
      }
      isAlive = !(deathTime <= Ti);
    } else {
      const mu = random.gamma(model.params.s, model.params.beta);
      dropout[i] = mu;
      deathTime = random.exponential(mu);
      const end = Math.min(horizon, deathTime);
      for (;;) {
        t += random.exponential(lam);
        if (t > end) break;
        const v = value();
        if (t <= Ti) {
          count++;
          last = t;
          sum += v;
        } else {
          hold++;
        }
        if (wantRows) {
          rowCustomer.push(i);
          rowTime.push(b + t);
          rowAmount.push(v);
        }
      }
      isAlive = deathTime > Ti;
    }
    x[i] = count;
    tx[i] = last;
    zbar[i] = count > 0 ? sum / count : Number.NaN;
    holdoutX[i] = hold;
    alive[i] = isAlive ? 1 : 0;
  }

  let transactions: SimulatedTransactions | undefined;
  if (options.transactions !== undefined) {
    const { start, unitMs } = options.transactions;
    const rows = rowCustomer.length;
    const codes = Int32Array.from(rowCustomer);
    const date = new Float64Array(rows);
    for (let k = 0; k < rows; k++) date[k] = start + (rowTime[k] as number) * unitMs;
    const dictionary: string[] = new Array<string>(n);
    for (let i = 0; i < n; i++) dictionary[i] = `c${i}`;
    transactions = {
      kind: 'transactions',
      length: rows,
      customer: { codes, dictionary },
      date,
      amount: Float64Array.from(rowAmount),
    };
  }
  return {
    x,
    tx,
    T,
    zbar,
    holdoutX,
    birth,
    lambda,
    dropout,
    aliveAtCalibrationEnd: alive,
    transactions,
  };
}
