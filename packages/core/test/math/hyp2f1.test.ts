import { describe, expect, it } from 'vitest';
import { hyp2f1, hyp2f1Series, logGamma, logHyp2f1 } from '../../src/math/index.js';

function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('hyp2f1 against closed forms', () => {
  it('₂F₁(1, 1; 2; z) = −ln(1 − z)/z, from z = −50 to 0.999', () => {
    for (const z of [-50, -5, -0.9, -0.5, -1e-3, 1e-4, 0.1, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999]) {
      expect(relErr(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-13);
    }
  });

  it('₂F₁(a, b; b; z) = (1 − z)^(−a)', () => {
    for (const [a, b, z] of [
      [0.3, 2.5, 0.4],
      [2.7, 0.9, 0.93],
      [1.5, 4, -3],
      [-2.5, 1.2, 0.97],
    ] as const) {
      expect(relErr(hyp2f1(a, b, b, z), (1 - z) ** -a)).toBeLessThan(1e-13);
    }
  });

  it('₂F₁(½, ½; 3/2; z²) = arcsin(z)/z and ₂F₁(½, 1; 3/2; −z²) = arctan(z)/z', () => {
    for (const z of [0.1, 0.5, 0.9, 0.96, 0.99, 0.999]) {
      expect(relErr(hyp2f1(0.5, 0.5, 1.5, z * z), Math.asin(z) / z)).toBeLessThan(1e-13);
    }
    for (const z of [0.1, 1, 3, 30]) {
      expect(relErr(hyp2f1(0.5, 1, 1.5, -z * z), Math.atan(z) / z)).toBeLessThan(1e-13);
    }
  });

  it('₂F₁(1, b; 2; z) = ((1 − z)^(1−b) − 1)/((b − 1) z)', () => {
    for (const b of [0.3, 1.7, 3.7, 12.5]) {
      for (const z of [0.2, 0.6, 0.92, 0.98]) {
        const expected = ((1 - z) ** (1 - b) - 1) / ((b - 1) * z);
        expect(relErr(hyp2f1(1, b, 2, z), expected)).toBeLessThan(1e-12);
      }
    }
  });

  it('terminates as a polynomial when a is a negative integer', () => {
    const [b, c, z] = [1.3, 2.2, 0.7];
    const expected =
      1 -
      (3 * b * z) / c +
      (3 * b * (b + 1) * z * z) / (c * (c + 1)) -
      (b * (b + 1) * (b + 2) * z ** 3) / (c * (c + 1) * (c + 2));
    expect(relErr(hyp2f1(-3, b, c, z), expected)).toBeLessThan(1e-14);
  });

  it('z = 1 follows Gauss’s theorem', () => {
    const [a, b, c] = [0.4, 0.7, 2.3];
    const expected = Math.exp(logGamma(c) + logGamma(c - a - b) - logGamma(c - a) - logGamma(c - b));
    expect(relErr(hyp2f1(a, b, c, 1), expected)).toBeLessThan(1e-13);
    expect(relErr(hyp2f1(a, b, c, 0.999999), expected)).toBeLessThan(1e-5);
  });

  it('logHyp2f1 stays finite where the value overflows', () => {
    // ₂F₁(150, b; b; 0.95) = 0.05^(−150) ≈ e^449.
    expect(relErr(logHyp2f1(150, 3, 3, 0.95), -150 * Math.log(0.05))).toBeLessThan(1e-13);
    // Large a and b with c below a + b (the BG/NBD conditional expectation for heavy buyers): compare with Euler's
    // identity written out, ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z), where c − b = 0 makes the
    // second factor exactly 1.
    expect(relErr(logHyp2f1(300.25, 400, 400, 0.9), -300.25 * Math.log(0.1))).toBeLessThan(1e-13);
  });

  it('agrees with the plain Gauss series above z = 0.9, where the connection formula or Euler form is used', () => {
    // The plain series converges there too (slowly), so it is an independent reference.
    for (const [a, b, c] of [
      [0.8, 2.3, 2.9],
      [3.3, 1.2, 5.05],
      [10.5, 11.6, 11.2],
      [0.25, 2.4, 2.2],
    ] as const) {
      for (const z of [0.9 + 1e-9, 0.93, 0.97, 0.99]) {
        const ref = hyp2f1Series(a, b, c, z);
        expect(relErr(hyp2f1(a, b, c, z), ref.sign * Math.exp(ref.logAbs))).toBeLessThan(1e-13);
      }
    }
  });
});
