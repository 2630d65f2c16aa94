import { describe, expect, it } from 'vitest';
import { fitBgNbd, fitGammaGamma, fitParetoNbd } from '../../src/clv/index.js';
import { loadCdnowSummaryFile } from './util/cdnow.js';
import { BG_NBD, GAMMA_GAMMA, PARETO_NBD } from './util/published.js';

// Fits on the published calibration summary (times in weeks rounded to 2 decimals), compared with the published
// parameters: BG/NBD within 0.5 % relative, Pareto/NBD and Gamma-Gamma within 1 %, log-likelihoods within 0.05.

function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('fits on cdnow_customers_summary_with_transactions.csv reproduce the literature', () => {
  const data = loadCdnowSummaryFile();

  it('BG/NBD (Fader, Hardie & Lee 2005)', () => {
    const fit = fitBgNbd(data);
    expect(fit.converged).toBe(true);
    expect(fit.n).toBe(2357);
    expect(relErr(fit.params.r, BG_NBD.r)).toBeLessThan(0.005);
    expect(relErr(fit.params.alpha, BG_NBD.alpha)).toBeLessThan(0.005);
    expect(relErr(fit.params.a, BG_NBD.a)).toBeLessThan(0.005);
    expect(relErr(fit.params.b, BG_NBD.b)).toBeLessThan(0.005);
    expect(Math.abs(fit.logLik - BG_NBD.logLik)).toBeLessThan(0.05);
    for (const se of Object.values(fit.standardErrors)) expect(se).toBeGreaterThan(0);
  });

  it('Pareto/NBD (note 009 likelihood)', () => {
    const fit = fitParetoNbd(data);
    expect(fit.converged).toBe(true);
    expect(relErr(fit.params.r, PARETO_NBD.r)).toBeLessThan(0.01);
    expect(relErr(fit.params.alpha, PARETO_NBD.alpha)).toBeLessThan(0.01);
    expect(relErr(fit.params.s, PARETO_NBD.s)).toBeLessThan(0.01);
    expect(relErr(fit.params.beta, PARETO_NBD.beta)).toBeLessThan(0.01);
    expect(Math.abs(fit.logLik - PARETO_NBD.logLik)).toBeLessThan(0.05);
  });

  it('Gamma-Gamma over the 946 repeat buyers (note 025)', () => {
    const fit = fitGammaGamma(data);
    expect(fit.converged).toBe(true);
    expect(fit.n).toBe(GAMMA_GAMMA.n);
    expect(relErr(fit.params.p, GAMMA_GAMMA.p)).toBeLessThan(0.01);
    expect(relErr(fit.params.q, GAMMA_GAMMA.q)).toBeLessThan(0.01);
    expect(relErr(fit.params.gamma, GAMMA_GAMMA.gamma)).toBeLessThan(0.01);
    expect(Math.abs(fit.logLik - GAMMA_GAMMA.logLik)).toBeLessThan(0.05);
  });
});
