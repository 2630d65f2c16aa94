import { forChunks, runWork, type Work } from '../util/work.js';
import { at, checkLength } from './broadcast.js';
import { groupRowsSteps } from './group-rows.js';
import { expectationShape, type PurchaseModel, probabilityAliveSteps } from './model.js';
import { DAYS_PER_YEAR, daysPerUnit, type Horizon, horizonToDays, type TimeUnit } from './time-units.js';
import type { RfmArrays } from './types.js';

export interface ClvOptions {
  /** Fitted purchase model (its rates are per `unit`). */
  readonly model: PurchaseModel;
  /** Time unit the model was fitted in. */
  readonly unit: TimeUnit;
  /** Forecast horizon from the calibration end, in calendar terms, e.g. `{ months: 12 }`. */
  readonly horizon: Horizon;
  /** Discounting period; default `{ months: 1 }` (30.4375 days). The last period is cut at the horizon. */
  readonly step?: Horizon;
  /** Annual discount rate, e.g. 0.1 for 10 % a year (compounded, see {@link customerLifetimeValue}). */
  readonly annualDiscountRate: number;
  /** Profit margin applied to spend (default 1: CLV in revenue). */
  readonly margin?: number;
}

export interface ClvResult {
  /** Discounted value per customer over the horizon. */
  readonly clv: Float64Array;
  /** Undiscounted expected purchases per customer over the horizon. */
  readonly expectedPurchases: Float64Array;
  /** Number of discounting periods. */
  readonly periods: number;
  /** Horizon in model units. */
  readonly horizonUnits: number;
}

/**
 * Discounted expected customer value over a finite horizon:
 *
 *   CLV_i = margin · spend_i · Σ_k (E_i[X(T, T+t_k)] − E_i[X(T, T+t_{k−1})]) · (1 + d)^(−t_k / year)
 *
 * where t_k is the end of period k (periods of `step`, the last one ending at the horizon), E_i the model's
 * conditional expectation for customer i, spend_i the expected spend per purchase (e.g. Gamma-Gamma's conditional
 * expectation) and d the annual discount rate. Discounting compounds annually and is applied at the END of each
 * period (a purchase during month 1 is discounted by (1+d)^(−30.4375/365.25)); a year is 365.25 days, a month
 * 30.4375 days (never a hidden 30-day month). Equivalent per-unit rate: (1 + d)^(unit days / 365.25) − 1.
 * As `step` shrinks the sum tends to ∫ e^(−δt) dE[X(T, T+t)] over the horizon with δ = ln(1 + d) per year — the
 * continuously discounted form behind DERT (Fader, Hardie & Lee 2005), truncated at the horizon.
 */
export function customerLifetimeValue(
  data: RfmArrays,
  spend: number | ArrayLike<number>,
  options: ClvOptions,
): ClvResult {
  return runWork(customerLifetimeValueSteps(data, spend, options));
}

/** Nominal cost per customer of discounting one period. */
const DISCOUNT_COST = 3;

/**
 * {@link customerLifetimeValue} as cooperative work: each period's expectations are computed range of customers
 * by range, yielding the work done since the previous yield (nominal nanoseconds, see `Work`); returns the same
 * values.
 */
export function* customerLifetimeValueSteps(
  data: RfmArrays,
  spend: number | ArrayLike<number>,
  options: ClvOptions,
): Work<ClvResult> {
  const n = data.x.length;
  checkLength(spend, n, 'spend');
  const unitDays = daysPerUnit(options.unit);
  const horizonDays = horizonToDays(options.horizon);
  const stepDays = horizonToDays(options.step ?? { months: 1 });
  if (!(stepDays > 0)) throw new RangeError('step must be a positive span');
  const d = options.annualDiscountRate;
  if (!(d > -1) || !Number.isFinite(d))
    throw new RangeError('annualDiscountRate must be a finite number > −1');
  const margin = options.margin ?? 1;
  // Guard against float noise making e.g. 12 months / 1 month = 12.000000000000002 periods.
  const periods = horizonDays === 0 ? 0 : Math.ceil(horizonDays / stepDays - 1e-9);

  // E_i[X(T, T+t)] = P(alive)_i · shape(x_i, T_i, t) in both models, and shape does not depend on tx: the
  // discounted sum of shape increments is computed once per distinct (x, T) — far fewer than customers, as T has
  // day resolution — and each customer's P(alive) once, not once per period.
  const groups = yield* groupRowsSteps([asFloat64(data.x), asFloat64(data.T)]);
  const shapes: ShapeSums = {
    model: options.model,
    x: gather(data.x, groups.firstRow),
    T: gather(data.T, groups.firstRow),
    t: 0,
    factor: 0,
    discounted: new Float64Array(groups.groups),
    previous: new Float64Array(groups.groups),
  };
  for (let k = 1; k <= periods; k++) {
    const endDays = Math.min(k * stepDays, horizonDays);
    shapes.t = endDays / unitDays;
    shapes.factor = (1 + d) ** (-endDays / DAYS_PER_YEAR);
    yield* forChunks(groups.groups, SHAPE_COST[options.model.kind], addShapePeriod, shapes);
  }
  const alive = yield* probabilityAliveSteps(options.model, data);
  const perCustomer: PerCustomer = {
    groupOf: groups.groupOf,
    alive,
    discounted: shapes.discounted,
    total: shapes.previous,
    margin,
    spend,
    clv: new Float64Array(n),
    expectedPurchases: new Float64Array(n),
  };
  yield* forChunks(n, DISCOUNT_COST, scaleByCustomer, perCustomer);
  const { clv, expectedPurchases } = perCustomer;
  return { clv, expectedPurchases, periods, horizonUnits: horizonDays / unitDays };
}

/** Nominal cost per distinct (x, T) of one period's expectation shape (BG/NBD needs a ₂F₁ series). */
const SHAPE_COST = { 'bg-nbd': 500, 'pareto-nbd': 60 } as const;

/** Distinct (x, T) rows and their running discounted sum of shape increments. */
interface ShapeSums {
  readonly model: PurchaseModel;
  readonly x: Float64Array;
  readonly T: Float64Array;
  /** End of the current period, in model units. */
  t: number;
  /** Discount factor at the end of the current period. */
  factor: number;
  readonly discounted: Float64Array;
  /** Shape at the end of the previous period (after the last period: at the horizon). */
  readonly previous: Float64Array;
}

function addShapePeriod(s: ShapeSums, from: number, to: number): void {
  const { model, x, T, t, factor, discounted, previous } = s;
  for (let g = from; g < to; g++) {
    const current = expectationShape(model, t, x[g] as number, T[g] as number);
    discounted[g] = (discounted[g] as number) + (current - (previous[g] as number)) * factor;
    previous[g] = current;
  }
}

interface PerCustomer {
  readonly groupOf: Int32Array;
  readonly alive: Float64Array;
  readonly discounted: Float64Array;
  readonly total: Float64Array;
  readonly margin: number;
  readonly spend: number | ArrayLike<number>;
  readonly clv: Float64Array;
  readonly expectedPurchases: Float64Array;
}

/** CLV and expected purchases of customers `from … to − 1` from their (x, T) group's sums and their P(alive). */
function scaleByCustomer(s: PerCustomer, from: number, to: number): void {
  const { groupOf, alive, discounted, total, margin, spend, clv, expectedPurchases } = s;
  for (let i = from; i < to; i++) {
    const g = groupOf[i] as number;
    const p = alive[i] as number;
    clv[i] = (discounted[g] as number) * p * margin * at(spend, i);
    expectedPurchases[i] = (total[g] as number) * p;
  }
}

function asFloat64(values: ArrayLike<number>): Float64Array {
  return values instanceof Float64Array ? values : Float64Array.from(values);
}

function gather(values: ArrayLike<number>, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]!]!;
  return out;
}
