import { describe, expect, it } from 'vitest';
import {
  bgNbdNegLogLikObjective,
  type ClvIntervalOptions,
  clvInterval,
  collapseRfm,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaConditionalExpectedSpend,
  type PurchaseModel,
  summarizeCalibration,
} from '../../src/clv/index.js';
import { invertPositiveDefinite, numericHessian } from '../../src/math/index.js';
import { CDNOW_CALIBRATION_END, loadCdnowSample } from './util/cdnow.js';

// Parameter-uncertainty intervals of one customer's CLV on the CDNOW 1/10 sample's BG/NBD + Gamma-Gamma fits.

const summary = summarizeCalibration(loadCdnowSample(), {
  unit: 'week',
  calibrationEnd: CDNOW_CALIBRATION_END,
});
const purchase = fitBgNbd(summary);
const spend = fitGammaGamma({ x: summary.x, zbar: summary.zbar });
const purchaseModel: PurchaseModel = { kind: 'bg-nbd', params: purchase.params };
const fits = { purchase, purchaseModel, spend };
const OPTIONS: ClvIntervalOptions = { unit: 'week', horizon: { months: 12 }, annualDiscountRate: 0.1 };

/** A repeat buyer of the sample and their point CLV, as scoring computes it. */
const i = summary.x.findIndex((x) => x >= 3);
const customer = { x: summary.x[i]!, tx: summary.tx[i]!, T: summary.T[i]!, zbar: summary.zbar[i]! };
const pointClv = customerLifetimeValue(
  { x: [customer.x], tx: [customer.tx], T: [customer.T] },
  gammaGammaConditionalExpectedSpend(spend.params, [customer.x], customer.zbar),
  { ...OPTIONS, model: purchaseModel },
).clv[0]!;

function scaled<F extends { readonly covariance: Float64Array }>(fit: F, factor: number): F {
  return { ...fit, covariance: fit.covariance.map((v) => v * factor) };
}

describe('clvInterval', () => {
  it('is deterministic under a seed and differs between seeds', () => {
    const a = clvInterval(customer, fits, { ...OPTIONS, seed: 7 });
    const b = clvInterval(customer, fits, { ...OPTIONS, seed: 7 });
    const c = clvInterval(customer, fits, { ...OPTIONS, seed: 8 });
    expect(a).toEqual(b);
    expect(c.low).not.toBe(a.low);
    expect(a.level).toBe(0.9);
    expect(a.draws).toBe(500);
  });

  it('contains the point CLV on the CDNOW sample fit', () => {
    expect(purchase.covariance.every(Number.isFinite)).toBe(true);
    expect(spend.covariance.every(Number.isFinite)).toBe(true);
    const interval = clvInterval(customer, fits, OPTIONS);
    expect(interval.low).toBeLessThan(pointClv);
    expect(interval.high).toBeGreaterThan(pointClv);
    expect(interval.low).toBeGreaterThan(0);
  });

  it('narrows as the covariance shrinks and collapses to the point estimate at zero', () => {
    const wide = clvInterval(customer, fits, OPTIONS);
    const narrow = clvInterval(
      customer,
      { purchase: scaled(purchase, 0.1), purchaseModel, spend: scaled(spend, 0.1) },
      OPTIONS,
    );
    expect(narrow.high - narrow.low).toBeLessThan(0.5 * (wide.high - wide.low));
    const zero = clvInterval(
      customer,
      { purchase: scaled(purchase, 0), purchaseModel, spend: scaled(spend, 0) },
      OPTIONS,
    );
    expect(zero.low).toBeCloseTo(pointClv, 9);
    expect(zero.high).toBeCloseTo(pointClv, 9);
  });

  it('gives NaN bounds when a covariance is not defined', () => {
    const nan = { ...spend, covariance: spend.covariance.map(() => Number.NaN) };
    const interval = clvInterval(customer, { purchase, purchaseModel, spend: nan }, OPTIONS);
    expect(interval.draws).toBe(0);
    expect(interval.low).toBeNaN();
  });
});

describe('fit covariance', () => {
  it('is the inverse of a numerical Hessian of the negative log-likelihood in log-parameters', () => {
    const data = {
      x: [0, 1, 2, 5, 0, 3, 1, 7, 0, 2],
      tx: [0, 10, 20, 30, 0, 25, 5, 35, 0, 12],
      T: [40, 38, 36, 39, 30, 37, 20, 40, 25, 33],
    };
    const fit = fitBgNbd(data);
    const objective = bgNbdNegLogLikObjective(collapseRfm(data));
    const theta = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b].map(Math.log);
    const hessian = numericHessian((x, g) => {
      objective(x, g);
    }, theta);
    const expected = invertPositiveDefinite(hessian, 4)!;
    expect(fit.covariance).toHaveLength(16);
    for (let k = 0; k < 16; k++) {
      expect(Math.abs(fit.covariance[k]! - expected[k]!)).toBeLessThanOrEqual(
        1e-3 * Math.max(1, Math.abs(expected[k]!)),
      );
    }
    expect(Math.sqrt(fit.covariance[0]!) * fit.params.r).toBeCloseTo(fit.standardErrors.r, 10);
  });
});
