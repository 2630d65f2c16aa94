import { describe, expect, it } from 'vitest';
import { digamma, gammaSign, logBeta, logGamma } from '../../src/math/index.js';

const EULER_GAMMA = 0.5772156649015329;

function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('logGamma', () => {
  it('matches closed forms to ~1e-14 relative', () => {
    expect(relErr(logGamma(0.5), Math.log(Math.sqrt(Math.PI)))).toBeLessThan(1e-14);
    expect(relErr(logGamma(1.5), Math.log(Math.sqrt(Math.PI) / 2))).toBeLessThan(1e-14);
    expect(relErr(logGamma(-0.5), Math.log(2 * Math.sqrt(Math.PI)))).toBeLessThan(1e-14);
    expect(relErr(logGamma(10), Math.log(362880))).toBeLessThan(1e-14);
    // Published values (Abramowitz & Stegun / DLMF tables).
    expect(relErr(logGamma(0.1), 2.252712651734206)).toBeLessThan(1e-14);
    expect(relErr(logGamma(100), 359.1342053695754)).toBeLessThan(1e-14);
  });

  it('is exactly 0 (to rounding) at 1 and 2', () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(2e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(2e-15);
  });

  it('equals ln n! for integers (sum of logs) up to 170', () => {
    let lnFact = 0;
    for (let n = 1; n <= 170; n++) {
      lnFact += Math.log(n);
      if (n >= 3) expect(relErr(logGamma(n + 1), lnFact)).toBeLessThan(1e-14);
    }
  });

  it('satisfies ln Γ(x + 1) − ln Γ(x) = ln x', () => {
    // The difference of two values of size |ln Γ(x)| carries their rounding (~1e-16 · |ln Γ(x)|) as absolute error.
    for (const x of [1e-6, 0.003, 0.25, 0.7, 3.3, 17.9, 250.5, 1e5]) {
      const tolerance = 4e-16 * Math.max(1, Math.abs(logGamma(x)), Math.abs(Math.log(x))) * 10;
      expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x))).toBeLessThan(tolerance);
    }
  });

  it('behaves like −ln x − γx near zero and is infinite at poles', () => {
    const x = 1e-8;
    expect(relErr(logGamma(x), -Math.log(x) - EULER_GAMMA * x)).toBeLessThan(1e-14);
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
  });

  it('gammaSign follows the sign of Γ', () => {
    expect(gammaSign(2.5)).toBe(1);
    expect(gammaSign(-0.5)).toBe(-1);
    expect(gammaSign(-1.5)).toBe(1);
    expect(gammaSign(-2.5)).toBe(-1);
    expect(gammaSign(-2)).toBeNaN();
  });
});

describe('digamma', () => {
  it('matches known values', () => {
    expect(relErr(digamma(1), -EULER_GAMMA)).toBeLessThan(1e-14);
    expect(relErr(digamma(0.5), -EULER_GAMMA - 2 * Math.LN2)).toBeLessThan(1e-14);
    // ψ(10) = H₉ − γ
    let h9 = 0;
    for (let k = 1; k <= 9; k++) h9 += 1 / k;
    expect(relErr(digamma(10), h9 - EULER_GAMMA)).toBeLessThan(1e-14);
    // ψ(−1/2) = ψ(3/2) (reflection: cot(−π/2) = 0) = 2 − γ − 2 ln 2
    expect(relErr(digamma(-0.5), 2 - EULER_GAMMA - 2 * Math.LN2)).toBeLessThan(1e-13);
    expect(digamma(0)).toBeNaN();
  });

  it('is the derivative of logGamma', () => {
    for (const x of [0.05, 0.8, 2.4, 13, 400]) {
      const h = 1e-5 * x;
      const fd = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
      expect(relErr(digamma(x), fd)).toBeLessThan(1e-8);
    }
  });

  it('satisfies ψ(x + 1) = ψ(x) + 1/x', () => {
    for (const x of [0.01, 0.6, 5.5, 9.99, 10.01, 1234.5]) {
      expect(digamma(x + 1)).toBeCloseTo(digamma(x) + 1 / x, 12);
    }
  });
});

describe('logBeta', () => {
  it('matches B(a, b) closed forms', () => {
    expect(logBeta(1, 1)).toBeCloseTo(0, 14);
    expect(relErr(logBeta(2, 3), Math.log(1 / 12))).toBeLessThan(1e-14);
    expect(relErr(logBeta(0.5, 0.5), Math.log(Math.PI))).toBeLessThan(1e-14);
  });
});
