import {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  bgNbdProbabilityNoPurchase,
} from './bg-nbd-predict.js';
import {
  paretoNbdConditionalExpectedPurchases,
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
