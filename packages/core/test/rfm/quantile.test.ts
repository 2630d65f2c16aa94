import { describe, expect, it } from 'vitest';
import { levelOf, quantileType7, rfmPackageBreaks } from '../../src/rfm/index.js';

// mtcars$mpg (R datasets, Motor Trend 1974), sorted.
const MPG = [
  21, 21, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4,
  30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26, 30.4, 15.8, 19.7, 15, 21.4,
].sort((a, b) => a - b);

describe('quantileType7 (R quantile(x, p, type = 7))', () => {
  it('interpolates between order statistics', () => {
    // x = 1…5: index = 1 + 4p. p = 0.2 → 1.8 → 0.2·1 + 0.8·2 = 1.8; p = 0.4 → 2.6 → 0.4·2 + 0.6·3 = 2.6.
    expect(quantileType7([1, 2, 3, 4, 5], 0.2)).toBeCloseTo(1.8, 14);
    expect(quantileType7([1, 2, 3, 4, 5], 0.4)).toBeCloseTo(2.6, 14);
    // x = 1, 1, 1, 2, 10: p = 0.5 → index 3 → x₃ = 1; p = 0.8 → index 4.2 → 0.8·2 + 0.2·10 = 3.6.
    expect(quantileType7([1, 1, 1, 2, 10], 0.5)).toBe(1);
    expect(quantileType7([1, 1, 1, 2, 10], 0.8)).toBeCloseTo(3.6, 14);
    // Endpoints are the min and max; equal neighbours return the value untouched.
    expect(quantileType7([3, 7, 7, 9], 0)).toBe(3);
    expect(quantileType7([3, 7, 7, 9], 1)).toBe(9);
    expect(quantileType7([3, 7, 7, 9], 0.5)).toBe(7); // index 2.5 between x₂ = x₃ = 7
  });

  it('handles one value and none', () => {
    expect(quantileType7([4], 0.3)).toBe(4);
    expect(quantileType7([], 0.3)).toBeNaN();
  });

  it("reproduces R's quantiles of mtcars$mpg", () => {
    // n = 32, index = 1 + 31p. p = 0.2: 7.2 → x₇ = x₈ = 15.2; p = 0.4: 13.4 → 17.8 + 0.4·(18.1 − 17.8) = 17.92;
    // p = 0.6: 19.6 → x₁₉ = x₂₀ = 21; p = 0.8: 25.8 → 22.8 + 0.8·(24.4 − 22.8) = 24.08.
    expect([0.2, 0.4, 0.6, 0.8].map((p) => quantileType7(MPG, p))).toEqual([
      15.2,
      expect.closeTo(17.92, 12),
      21,
      expect.closeTo(24.08, 12),
    ]);
  });
});

describe('rfmPackageBreaks (the rfm package bins())', () => {
  it('matches the package test: bins(mtcars, "mpg", 5) == c(16.20, 18.92, 22.00, 25.08)', () => {
    // rsquaredacademy/rfm tests/testthat/test-utils.R
    const breaks = rfmPackageBreaks(MPG, 5);
    expect(breaks).toHaveLength(4);
    for (const [k, b] of [16.2, 18.92, 22, 25.08].entries()) expect(breaks[k]).toBeCloseTo(b, 12);
  });

  it('uses R seq() probabilities k·(1/n), not k/n, which moves whole numbers across a break', () => {
    // seq(0, 1, length.out = 6)[4] is 3 · 0.2 = 0.6000000000000001 in R. For the 11 values below, index =
    // 1 + 10 · 0.6000000000000001 = 7.000000000000001, so R interpolates x₇ = 3 and x₈ = 4 with h = 8.9e-16:
    // q₀.₆ = 3 + 8.9e-16 and the break is just above 4. Breaks: q₀.₂ = x₃ = 2 → 3, q₀.₄ = x₅ = 3 → 4,
    // 4 + 8.9e-16, q₀.₈ = x₉ = 4 → 5. A value of 4 is therefore below the third break: level 2 (score 3), where
    // exact k/n (break exactly 4) would give level 3.
    const x = [1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 6];
    const breaks = rfmPackageBreaks(x, 5);
    expect(breaks[0]).toBe(3);
    expect(breaks[1]).toBe(4);
    expect(breaks[2]).toBeGreaterThan(4);
    expect(breaks[2]).toBeLessThan(4 + 1e-12);
    expect(breaks[3]).toBe(5);
    expect(x.map((v) => levelOf(v, breaks) + 1)).toEqual([1, 1, 1, 1, 2, 2, 2, 3, 3, 5, 5]);
  });

  it('scores by the number of breaks at or below the value (intervals closed on the left)', () => {
    expect(levelOf(1, [2, 2, 2.4, 3.2])).toBe(0);
    expect(levelOf(2, [2, 2, 2.4, 3.2])).toBe(2);
    expect(levelOf(3, [2, 2, 2.4, 3.2])).toBe(3);
    expect(levelOf(9, [2, 2, 2.4, 3.2])).toBe(4);
  });
});
