import { describe, expect, it } from 'vitest';
import {
  cumulativeTracking,
  evaluateHoldout,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  summarizeCalibration,
} from '../../src/clv/index.js';
import {
  CDNOW_CALIBRATION_END,
  CDNOW_OBSERVATION_END,
  loadCdnowSample,
  loadCdnowSummaryFile,
} from './util/cdnow.js';
import { BG_NBD, BTYD_BG_NBD, GAMMA_GAMMA, PARETO_NBD } from './util/published.js';
import { roundingBound, sevenDigitUnit } from './util/tolerance.js';

// CDNOW_sample.txt summarised by summarizeCalibration (weeks, calibration end 1997-09-30 inclusive, holdout to
// 1998-06-30), checked against the published summary file and the published fits / holdout tables.

function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('CDNOW 1/10 sample through summarizeCalibration', () => {
  const table = loadCdnowSample();
  const summary = summarizeCalibration(table, {
    unit: 'week',
    calibrationEnd: CDNOW_CALIBRATION_END,
    observationEnd: CDNOW_OBSERVATION_END,
  });

  it('covers all 2,357 customers and excludes none', () => {
    expect(summary.length).toBe(2357);
    expect(summary.counts).toEqual({
      customers: 2357,
      included: 2357,
      firstPurchaseAfterCalibration: 0,
      noPurchaseOccasion: 0,
      invalidRows: 0,
      droppedReturnGroups: 0,
    });
    // 273 days of holdout = 39 weeks, as in the BTYD walkthrough (T.star = 39).
    expect(summary.holdoutLength).toBeCloseTo(39, 12);
  });

  it('matches the published summary per customer (x exactly, tx and T ±0.005 weeks, zbar ±0.01)', () => {
    const file = loadCdnowSummaryFile();
    const row = new Map(summary.ids.map((id, i) => [id, i]));
    let repeatBuyers = 0;
    for (let k = 0; k < file.id.length; k++) {
      const i = row.get(file.id[k] as string);
      expect(i, `customer ${file.id[k]}`).toBeDefined();
      const j = i as number;
      expect(summary.x[j]).toBe(file.x[k]);
      expect(Math.abs((summary.tx[j] as number) - (file.tx[k] as number))).toBeLessThanOrEqual(0.005);
      expect(Math.abs((summary.T[j] as number) - (file.T[k] as number))).toBeLessThanOrEqual(0.005);
      if ((file.x[k] as number) > 0) {
        repeatBuyers++;
        expect(Math.abs((summary.zbar[j] as number) - (file.zbar[k] as number))).toBeLessThanOrEqual(0.01);
      } else {
        expect(summary.zbar[j]).toBeNaN();
      }
    }
    expect(repeatBuyers).toBe(946);
    // The rule for the calibration end: first purchase 1997-01-01 → T = 272 days (the end date counts as its start).
    const first = summary.ids.indexOf('1');
    expect(summary.T[first]).toBeCloseTo(272 / 7, 12);
  });

  it('BG/NBD, Pareto/NBD and Gamma-Gamma fits on it reproduce the published parameters', () => {
    const bg = fitBgNbd(summary);
    expect(bg.converged).toBe(true);
    expect(relErr(bg.params.r, BG_NBD.r)).toBeLessThan(0.005);
    expect(relErr(bg.params.alpha, BG_NBD.alpha)).toBeLessThan(0.005);
    expect(relErr(bg.params.a, BG_NBD.a)).toBeLessThan(0.005);
    expect(relErr(bg.params.b, BG_NBD.b)).toBeLessThan(0.005);
    expect(Math.abs(bg.logLik - BG_NBD.logLik)).toBeLessThan(0.05);

    const pn = fitParetoNbd(summary);
    expect(pn.converged).toBe(true);
    expect(relErr(pn.params.r, PARETO_NBD.r)).toBeLessThan(0.01);
    expect(relErr(pn.params.alpha, PARETO_NBD.alpha)).toBeLessThan(0.01);
    expect(relErr(pn.params.s, PARETO_NBD.s)).toBeLessThan(0.01);
    expect(relErr(pn.params.beta, PARETO_NBD.beta)).toBeLessThan(0.01);
    expect(Math.abs(pn.logLik - PARETO_NBD.logLik)).toBeLessThan(0.05);

    const gg = fitGammaGamma(summary);
    expect(gg.converged).toBe(true);
    expect(gg.n).toBe(946);
    expect(relErr(gg.params.p, GAMMA_GAMMA.p)).toBeLessThan(0.01);
    expect(relErr(gg.params.q, GAMMA_GAMMA.q)).toBeLessThan(0.01);
    expect(relErr(gg.params.gamma, GAMMA_GAMMA.gamma)).toBeLessThan(0.01);
    expect(Math.abs(gg.logLik - GAMMA_GAMMA.logLik)).toBeLessThan(0.05);
  });

  it('holdout counts and conditional expectations by frequency match the BTYD walkthrough table', () => {
    const model = { kind: 'bg-nbd', params: BTYD_BG_NBD.params } as const;
    const holdoutX = summary.holdoutX as Float64Array;
    const evaluation = evaluateHoldout(model, { ...summary, holdoutX }, summary.holdoutLength as number);
    const published = BTYD_BG_NBD.holdout;
    evaluation.buckets.forEach((bucket, k) => {
      expect(bucket.customers).toBe(published.customers[k]);
      // Actual means are exact ratios of counts, printed to 7 significant digits.
      const actual = published.actual[k] as number;
      expect(Math.abs(bucket.actual - actual)).toBeLessThanOrEqual(sevenDigitUnit(actual) / 2);
      // Expected means: printed precision plus what the 7-digit printing of the parameters can move them by.
      const expected = published.expected[k] as number;
      const members = Array.from(summary.x.keys()).filter((i) => Math.min(summary.x[i] as number, 7) === k);
      const bucketMean = (params: typeof BTYD_BG_NBD.params): number => {
        const e = evaluateHoldout({ kind: 'bg-nbd', params }, { ...summary, holdoutX }, 39).expected;
        return members.reduce((s, i) => s + (e[i] as number), 0) / members.length;
      };
      const tolerance =
        sevenDigitUnit(expected) + roundingBound(bucketMean, BTYD_BG_NBD.params, BTYD_BG_NBD.paramHalfWidth);
      expect(Math.abs(bucket.expected - expected)).toBeLessThanOrEqual(tolerance);
    });
    expect(evaluation.mae).toBeGreaterThan(0);
    expect(evaluation.totalActual).toBe(Array.from(holdoutX).reduce((s, v) => s + v, 0));
  });

  it('cumulative tracking matches the BTYD walkthrough (weeks 20–25 of 78)', () => {
    const model = { kind: 'bg-nbd', params: BTYD_BG_NBD.params } as const;
    const options = {
      unit: 'week',
      calibrationEnd: CDNOW_CALIBRATION_END,
      observationEnd: CDNOW_OBSERVATION_END,
    } as const;
    const tracking = cumulativeTracking(table, model, options);
    expect(tracking.actual.length).toBe(78);
    expect(tracking.calibrationPeriods).toBe(39);
    expect(tracking.origin).toBe(Date.UTC(1997, 0, 1));
    const published = BTYD_BG_NBD.cumulative;
    published.weeks.forEach((week, k) => {
      expect(tracking.actual[week - 1]).toBe(published.actual[k]);
      const expected = published.expected[k] as number;
      const at = (params: typeof BTYD_BG_NBD.params): number =>
        cumulativeTracking(table, { kind: 'bg-nbd', params }, options).expected[week - 1] as number;
      const tolerance =
        sevenDigitUnit(expected) + roundingBound(at, BTYD_BG_NBD.params, BTYD_BG_NBD.paramHalfWidth);
      expect(Math.abs((tracking.expected[week - 1] as number) - expected)).toBeLessThanOrEqual(tolerance);
    });
    // Cumulative series never decrease, and the total at week 78 is every repeat occasion of the sample.
    for (let p = 1; p < 78; p++) {
      expect(tracking.actual[p]).toBeGreaterThanOrEqual(tracking.actual[p - 1] as number);
      expect(tracking.expected[p]).toBeGreaterThanOrEqual(tracking.expected[p - 1] as number);
    }
    const totalRepeats =
      Array.from(summary.x).reduce((s, v) => s + v, 0) +
      Array.from(summary.holdoutX as Float64Array).reduce((s, v) => s + v, 0);
    expect(tracking.actual[77]).toBe(totalRepeats);
  });
});
