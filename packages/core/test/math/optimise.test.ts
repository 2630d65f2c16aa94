import { describe, expect, it } from 'vitest';
import {
  centralDifferenceGradient,
  invertPositiveDefinite,
  lineSearchWolfe,
  logAddExp,
  logSubExp,
  logSumExp,
  minimizeBfgs,
  numericHessian,
} from '../../src/math/index.js';
import type { ObjectiveWithGradient } from '../../src/math/objective.js';

describe('log-space arithmetic', () => {
  it('adds and subtracts exponentials without overflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(Number.NEGATIVE_INFINITY, -5)).toBe(-5);
    expect(logSubExp(Math.log(5), Math.log(3))).toBeCloseTo(Math.log(2), 14);
    expect(logSubExp(2, 2)).toBe(Number.NEGATIVE_INFINITY);
    expect(logSumExp([800, 800, 800])).toBeCloseTo(800 + Math.log(3), 12);
    expect(logSumExp([])).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('minimizeBfgs', () => {
  it('finds the Rosenbrock minimum from the classic start (−1.2, 1)', () => {
    const rosen = (x: Float64Array, g: Float64Array): number => {
      const [a, b] = [x[0] as number, x[1] as number];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const res = minimizeBfgs(rosen, [-1.2, 1], { gradientTolerance: 1e-9 });
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 7);
    expect(res.x[1]).toBeCloseTo(1, 7);
    expect(res.iterations).toBeLessThan(100);
  });

  it('reports non-convergence honestly when the iteration budget is too small', () => {
    const quad = (x: Float64Array, g: Float64Array): number => {
      g[0] = 2 * (x[0] as number);
      g[1] = 2000 * (x[1] as number);
      return (x[0] as number) ** 2 + 1000 * (x[1] as number) ** 2;
    };
    const res = minimizeBfgs(quad, [5, 5], { maxIterations: 1 });
    expect(res.converged).toBe(false);
    expect(res.gradientNorm).toBeGreaterThan(1e-7);
  });
});

describe('numeric derivatives and inversion', () => {
  // f(x) = x₀² + 3 x₀ x₁ + 5 x₁² + x₂⁴ → Hessian at (1, 2, 1) is [[2, 3, 0], [3, 10, 0], [0, 0, 12]].
  const f = (x: Float64Array): number =>
    (x[0] as number) ** 2 +
    3 * (x[0] as number) * (x[1] as number) +
    5 * (x[1] as number) ** 2 +
    (x[2] as number) ** 4;
  const grad = (x: Float64Array, g: Float64Array): void => {
    g[0] = 2 * (x[0] as number) + 3 * (x[1] as number);
    g[1] = 3 * (x[0] as number) + 10 * (x[1] as number);
    g[2] = 4 * (x[2] as number) ** 3;
  };

  it('central differences reproduce the analytic gradient', () => {
    const g = new Float64Array(3);
    const x = Float64Array.from([1, 2, 1]);
    expect(centralDifferenceGradient(f, x, g)).toBeCloseTo(f(x), 14);
    expect(Array.from(g).map((v) => Number(v.toFixed(7)))).toEqual([8, 23, 4]);
  });

  it('numericHessian of the analytic gradient gives the exact Hessian, and its inverse', () => {
    const h = numericHessian(grad, [1, 2, 1]);
    const expected = [2, 3, 0, 3, 10, 0, 0, 0, 12];
    for (let i = 0; i < 9; i++) expect(h[i]).toBeCloseTo(expected[i] as number, 6);
    const inv = invertPositiveDefinite(h, 3);
    expect(inv).toBeDefined();
    // [[2,3],[3,10]]⁻¹ = [[10, −3], [−3, 2]] / 11
    expect(inv?.[0]).toBeCloseTo(10 / 11, 6);
    expect(inv?.[1]).toBeCloseTo(-3 / 11, 6);
    expect(inv?.[8]).toBeCloseTo(1 / 12, 6);
    expect(invertPositiveDefinite([1, 2, 2, 1], 2)).toBeUndefined();
  });
});

describe('line search near the optimum, where f is rounding noise', () => {
  it('accepts a step on the gradient (approximate Wolfe) when the Armijo test only sees noise', () => {
    // φ(α) falls by 5e-13 over the step, but every trial point carries +1e-9 of "rounding" that the start does
    // not: the sufficient-decrease test can never pass, as near the maximum of a likelihood summed over 10⁵ rows.
    const objective: ObjectiveWithGradient = (x, gradient) => {
      const a = x[0] as number;
      gradient[0] = 1e-12 * (a - 1);
      return 1e5 + 0.5e-12 * (a - 1) ** 2 + (a === 0 ? 0 : 1e-9);
    };
    const g0 = new Float64Array(1);
    const f0 = objective(Float64Array.of(0), g0);
    const xOut = new Float64Array(1);
    const gOut = new Float64Array(1);
    const result = lineSearchWolfe(objective, Float64Array.of(0), f0, g0, Float64Array.of(1), 1, xOut, gOut);
    expect(result.ok).toBe(true);
    expect(result.evaluations).toBe(1);
    expect(xOut[0]).toBe(1);
    expect(gOut[0]).toBe(0);
  });
});
