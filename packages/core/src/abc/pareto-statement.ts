import { assertFinite, positiveDescending } from './values.js';

/** "The top x % of customers bring y % of the value", as data and as an English sentence. */
export interface ParetoStatement {
  /** x, the share of customers (0…1). */
  readonly topCustomerShare: number;
  /** y, the share of positive value they hold (0…1); NaN when no value is positive. */
  readonly valueShare: number;
  /** x · N, the number of top customers (fractional when x · N is). */
  readonly customers: number;
  readonly sentence: string;
}

/**
 * The share of value held by the top `topCustomerShare` of customers (ranked by value, largest first; value
 * shares count positive value only). Between whole customers the concentration curve is linear, so for
 * fractional x · N the share is interpolated within the next customer's value.
 *
 * @throws {RangeError} on non-finite values or a share outside [0, 1]
 */
export function paretoStatement(values: ArrayLike<number>, topCustomerShare = 0.2): ParetoStatement {
  if (!(topCustomerShare >= 0 && topCustomerShare <= 1)) {
    throw new RangeError(`topCustomerShare must be in [0, 1], got ${topCustomerShare}`);
  }
  assertFinite(values);
  const sorted = positiveDescending(values);
  const n = sorted.length;
  let total = 0;
  for (let k = 0; k < n; k++) total += sorted[k]!;
  const customers = topCustomerShare * n;
  if (!(total > 0)) {
    return {
      topCustomerShare,
      valueShare: Number.NaN,
      customers,
      sentence: 'No customer has a positive value, so there is no value to concentrate.',
    };
  }
  const whole = Math.min(n, Math.floor(customers));
  let top = 0;
  for (let k = 0; k < whole; k++) top += sorted[k]!;
  if (whole < n) top += (customers - whole) * sorted[whole]!;
  const valueShare = whole === n ? 1 : top / total;
  return {
    topCustomerShare,
    valueShare,
    customers,
    sentence: `The top ${percent(topCustomerShare)} of customers bring ${percent(valueShare)} of the value.`,
  };
}

/** A share as a percentage with at most one decimal; never rounds a partial share to 0 % or 100 %. */
export function percent(share: number): string {
  let p = Math.round(share * 1000) / 10;
  if (share < 1 && p >= 100) p = 99.9;
  if (share > 0 && p <= 0) p = 0.1;
  return `${p}%`;
}
