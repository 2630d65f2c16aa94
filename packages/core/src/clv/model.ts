import type { Work } from '../util/work.js';
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectationShape,
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  bgNbdProbabilityNoPurchase,
} from './bg-nbd-predict.js';
import { checkLength } from './broadcast.js';
import { argRange, perCustomerSteps, rfmRange } from './customer-chunks.js';
import {
  paretoNbdConditionalExpectedPurchases,
  paretoNbdExpectationShape,
  paretoNbdExpectedPurchases,
  paretoNbdProbabilityAlive,
  paretoNbdProbabilityNoPurchase,
} from './pareto-nbd-predict.js';
import type { BgNbdParams, ParetoNbdParams, RfmArrays } from './types.js';

/** A fitted purchase-count model, so CLV and holdout code can work with either. */
export type PurchaseModel =
  | { readonly kind: 'bg-nbd'; readonly params: BgNbdParams }
  | { readonly kind: 'pareto-nbd'; readonly params: ParetoNbdParams };

/** E[X(T, T + t) | x, tx, T] under the model. */
export function conditionalExpectedPurchases(
  model: PurchaseModel,
  data: RfmArrays,
  t: number | ArrayLike<number>,
): Float64Array {
  return model.kind === 'bg-nbd'
    ? bgNbdConditionalExpectedPurchases(model.params, data, t)
    : paretoNbdConditionalExpectedPurchases(model.params, data, t);
}

/**
 * E[X(T, T + t) | x, tx, T] / P(alive at T) under the model. Both models factor their conditional expectation so,
 * and this part depends on (x, T) only: CLV evaluates it once per distinct (x, T) and each customer's P(alive) once.
 */
export function expectationShape(model: PurchaseModel, t: number, x: number, T: number): number {
  return model.kind === 'bg-nbd'
    ? bgNbdExpectationShape(model.params, t, x, T)
    : paretoNbdExpectationShape(model.params, t, x, T);
}

/** E[X(t)] for a newly acquired customer under the model. */
export function expectedPurchases(model: PurchaseModel, t: number): number {
  return model.kind === 'bg-nbd'
    ? bgNbdExpectedPurchases(model.params, t)
    : paretoNbdExpectedPurchases(model.params, t);
}

/** P(alive at T | x, tx, T) under the model. */
export function probabilityAlive(model: PurchaseModel, data: RfmArrays): Float64Array {
  return model.kind === 'bg-nbd'
    ? bgNbdProbabilityAlive(model.params, data)
    : paretoNbdProbabilityAlive(model.params, data);
}

/** P(no purchase in (T, T + t] | x, tx, T) under the model. */
export function probabilityNoPurchase(
  model: PurchaseModel,
  data: RfmArrays,
  t: number | ArrayLike<number>,
): Float64Array {
  return model.kind === 'bg-nbd'
    ? bgNbdProbabilityNoPurchase(model.params, data, t)
    : paretoNbdProbabilityNoPurchase(model.params, data, t);
}

// Cooperative forms: the same values, computed for ranges of customers with the work reported in between (see
// `Work`). Nominal costs per customer: Pareto/NBD needs ₂F₁ series where BG/NBD needs a few logarithms (and one
// ₂F₁ for expected purchases).
const BG_NBD_COST = { alive: 100, expected: 550, noPurchase: 200 };
const PARETO_NBD_COST = { alive: 700, expected: 800, noPurchase: 1500 };

function costOf(model: PurchaseModel, what: keyof typeof BG_NBD_COST): number {
  return (model.kind === 'bg-nbd' ? BG_NBD_COST : PARETO_NBD_COST)[what];
}

/** {@link conditionalExpectedPurchases} as cooperative work, range of customers by range. */
export function conditionalExpectedPurchasesSteps(
  model: PurchaseModel,
  data: RfmArrays,
  t: number | ArrayLike<number>,
): Work<Float64Array> {
  checkLength(t, data.x.length, 't');
  return perCustomerSteps(data.x.length, costOf(model, 'expected'), (from, to) =>
    conditionalExpectedPurchases(model, rfmRange(data, from, to), argRange(t, from, to)),
  );
}

/** {@link probabilityAlive} as cooperative work, range of customers by range. */
export function probabilityAliveSteps(model: PurchaseModel, data: RfmArrays): Work<Float64Array> {
  return perCustomerSteps(data.x.length, costOf(model, 'alive'), (from, to) =>
    probabilityAlive(model, rfmRange(data, from, to)),
  );
}

/** {@link probabilityNoPurchase} as cooperative work, range of customers by range. */
export function probabilityNoPurchaseSteps(
  model: PurchaseModel,
  data: RfmArrays,
  t: number | ArrayLike<number>,
): Work<Float64Array> {
  checkLength(t, data.x.length, 't');
  return perCustomerSteps(data.x.length, costOf(model, 'noPurchase'), (from, to) =>
    probabilityNoPurchase(model, rfmRange(data, from, to), argRange(t, from, to)),
  );
}
