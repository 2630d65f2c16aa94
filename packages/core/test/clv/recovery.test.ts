import { describe, expect, it } from 'vitest';
// Relative import: the package index (wired by the maintainer) does not export the simulator yet.
import { simulateBtyd } from '../../../testing/src/simulate-btyd.js';
import { fitBgNbd, fitGammaGamma, fitParetoNbd } from '../../src/clv/index.js';

// Parameter recovery. Rule: every fitted parameter lies within 3 standard errors of the truth,
// |θ̂ − θ| ≤ 3 · SE(θ̂), with SE from the fit's Hessian (delta method). The seeds are fixed (deterministic
// simulation); the rule would fail by chance for a correct fitter with probability ≈ 0.3 % per parameter.

function expectWithin3Se<K extends string>(
  estimate: Readonly<Record<K, number>>,
  se: Readonly<Record<K, number>>,
  truth: Readonly<Record<K, number>>,
): void {
  for (const key of Object.keys(truth) as K[]) {
    const z = Math.abs(estimate[key] - truth[key]) / se[key];
    expect(se[key], `SE of ${key}`).toBeGreaterThan(0);
    expect(z, `${key}: estimate ${estimate[key]}, truth ${truth[key]}, SE ${se[key]}`).toBeLessThanOrEqual(3);
  }
}

describe('parameter recovery from simulated customers', () => {
  it('BG/NBD (100k customers) and Gamma-Gamma (their repeat buyers)', () => {
    // Weekly units, customers acquired uniformly over 12 weeks, calibration ends at week 52 (T between 40 and 52).
    const bg = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    const spend = { p: 6, q: 4, gamma: 15 };
    const sim = simulateBtyd({
      seed: 20240917,
      customers: 100_000,
      model: { kind: 'bg-nbd', params: bg },
      spend,
      calibrationLength: 52,
      acquisitionPeriod: 12,
    });
    const fit = fitBgNbd(sim);
    expect(fit.converged).toBe(true);
    expect(fit.n).toBe(100_000);
    expectWithin3Se(fit.params, fit.standardErrors, bg);

    const gg = fitGammaGamma(sim);
    expect(gg.converged).toBe(true);
    expect(gg.n).toBeGreaterThan(30_000);
    expectWithin3Se(gg.params, gg.standardErrors, spend);
  });

  it('Pareto/NBD (10k customers)', () => {
    const pn = { r: 0.55, alpha: 10, s: 0.6, beta: 12 };
    const sim = simulateBtyd({
      seed: 20240918,
      customers: 10_000,
      model: { kind: 'pareto-nbd', params: pn },
      calibrationLength: 52,
      acquisitionPeriod: 12,
    });
    const fit = fitParetoNbd(sim);
    expect(fit.converged).toBe(true);
    expectWithin3Se(fit.params, fit.standardErrors, pn);
  });
});
