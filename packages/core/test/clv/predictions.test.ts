import { describe, expect, it } from 'vitest';
import type { BgNbdParams, ParetoNbdParams } from '../../src/clv/index.js';
import {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdProbabilityNoPurchase,
  fitGammaGamma,
  gammaGammaConditionalExpectedSpend,
  gammaGammaMeanSpend,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdExpectedPurchases,
  paretoNbdLogA0,
  paretoNbdProbabilityAlive,
  paretoNbdProbabilityNoPurchase,
} from '../../src/clv/index.js';
import { logBeta } from '../../src/math/index.js';
import { loadCdnowSummaryFile } from './util/cdnow.js';
import { BTYD_BG_NBD, BTYD_PARETO_NBD, LIFETIMES_GAMMA_GAMMA_SPEND } from './util/published.js';
import { roundingBound, sevenDigitUnit } from './util/tolerance.js';

// Published predictions are compared with a tolerance made of (a) the printing precision of the published value
// (one unit of R's 7th significant digit) and (b) how far the printed, rounded parameters can move the prediction
// (first-order bound, see roundingBound). Nothing is compared with our own earlier output.

const one = (x: number, tx: number, T: number) => ({ x: [x], tx: [tx], T: [T] });

describe('BG/NBD predictions against the BTYD walkthrough', () => {
  const { params, paramHalfWidth } = BTYD_BG_NBD;
  const tol = (published: number, f: (p: BgNbdParams) => number) =>
    sevenDigitUnit(published) + roundingBound(f, params, paramHalfWidth);

  it('expected purchases of a new customer in 52 weeks', () => {
    const f = (p: BgNbdParams) => bgNbdExpectedPurchases(p, 52);
    expect(Math.abs(f(params) - BTYD_BG_NBD.expectation52)).toBeLessThanOrEqual(
      tol(BTYD_BG_NBD.expectation52, f),
    );
  });

  it('customer 1516: conditional expectation (52 weeks) and P(alive)', () => {
    const c = BTYD_BG_NBD.customer1516;
    const e = (p: BgNbdParams) => bgNbdConditionalExpectedPurchases(p, one(c.x, c.tx, c.T), 52)[0] as number;
    const a = (p: BgNbdParams) => bgNbdProbabilityAlive(p, one(c.x, c.tx, c.T))[0] as number;
    expect(Math.abs(e(params) - c.expected52)).toBeLessThanOrEqual(tol(c.expected52, e));
    expect(Math.abs(a(params) - c.pAlive)).toBeLessThanOrEqual(tol(c.pAlive, a));
  });

  it('the increasing-frequency paradox values (t.x = 20, T = 39, 52 weeks)', () => {
    for (const { x, expected } of BTYD_BG_NBD.paradox) {
      const e = (p: BgNbdParams) => bgNbdConditionalExpectedPurchases(p, one(x, 20, 39), 52)[0] as number;
      expect(Math.abs(e(params) - expected)).toBeLessThanOrEqual(tol(expected, e));
    }
  });
});

describe('Pareto/NBD predictions against the BTYD walkthrough (parameters printed to 3 decimals)', () => {
  const { params, paramHalfWidth } = BTYD_PARETO_NBD;
  const tol = (published: number, f: (p: ParetoNbdParams) => number) =>
    sevenDigitUnit(published) + roundingBound(f, params, paramHalfWidth);

  it('expected purchases of a new customer in 52 weeks', () => {
    const f = (p: ParetoNbdParams) => paretoNbdExpectedPurchases(p, 52);
    expect(Math.abs(f(params) - BTYD_PARETO_NBD.expectation52)).toBeLessThanOrEqual(
      tol(BTYD_PARETO_NBD.expectation52, f),
    );
  });

  it('customer 1516 and the paradox values', () => {
    const c = BTYD_PARETO_NBD.customer1516;
    const e = (p: ParetoNbdParams) =>
      paretoNbdConditionalExpectedPurchases(p, one(c.x, c.tx, c.T), 52)[0] as number;
    const a = (p: ParetoNbdParams) => paretoNbdProbabilityAlive(p, one(c.x, c.tx, c.T))[0] as number;
    expect(Math.abs(e(params) - c.expected52)).toBeLessThanOrEqual(tol(c.expected52, e));
    expect(Math.abs(a(params) - c.pAlive)).toBeLessThanOrEqual(tol(c.pAlive, a));
    for (const { x, expected } of BTYD_PARETO_NBD.paradox) {
      const f = (p: ParetoNbdParams) =>
        paretoNbdConditionalExpectedPurchases(p, one(x, 20, 39), 52)[0] as number;
      expect(Math.abs(f(params) - expected)).toBeLessThanOrEqual(tol(expected, f));
    }
  });
});

describe('Gamma-Gamma expected spend against the lifetimes README', () => {
  it('reproduces conditional_expected_average_profit for customers 1, 2, 3, 6, 9', () => {
    const data = loadCdnowSummaryFile();
    const fit = fitGammaGamma(data);
    const spend = gammaGammaConditionalExpectedSpend(fit.params, data.x, data.zbar);
    for (const { id, value } of LIFETIMES_GAMMA_GAMMA_SPEND) {
      const i = data.id.indexOf(id);
      // Printed to 6 decimals; both are the MLE of the same likelihood on the same file: one unit of the last decimal.
      expect(Math.abs((spend[i] as number) - value)).toBeLessThanOrEqual(1e-6);
    }
  });

  it('is the population mean without repeat purchases and a credibility-weighted mean otherwise', () => {
    const params = { p: 6.25, q: 3.74, gamma: 15.44 };
    const mean = gammaGammaMeanSpend(params);
    const [none, some] = gammaGammaConditionalExpectedSpend(params, [0, 4], [Number.NaN, 50]);
    expect(none).toBeCloseTo(mean, 12);
    const weight = (params.p * 4) / (params.p * 4 + params.q - 1);
    expect(some).toBeCloseTo((1 - weight) * mean + weight * 50, 12);
    expect(gammaGammaMeanSpend({ p: 1, q: 0.9, gamma: 1 })).toBeNaN();
  });
});

describe('mathematical identities of the predictions', () => {
  const bg: BgNbdParams = { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 };
  const pn: ParetoNbdParams = { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 };
  const customers = { x: [0, 1, 3, 12, 40], tx: [0, 5, 30, 37, 38.5], T: [39, 38, 39, 39, 39] };

  it('BG/NBD: P(alive) = 1 when x = 0, in (0, 1) otherwise', () => {
    const p = bgNbdProbabilityAlive(bg, customers);
    expect(p[0]).toBe(1);
    for (let i = 1; i < 5; i++) {
      expect(p[i]).toBeGreaterThan(0);
      expect(p[i]).toBeLessThan(1);
    }
  });

  it('expectations are 0 at t = 0, increase with t, and start at the mean rate r/α', () => {
    for (const t of [0, 1e-3, 1, 10, 52, 520, 5200]) {
      expect(bgNbdExpectedPurchases(bg, t)).toBeGreaterThanOrEqual(0);
    }
    expect(bgNbdExpectedPurchases(bg, 0)).toBe(0);
    expect(paretoNbdExpectedPurchases(pn, 0)).toBe(0);
    expect(bgNbdExpectedPurchases(bg, 1e-6) / 1e-6).toBeCloseTo(bg.r / bg.alpha, 6);
    expect(paretoNbdExpectedPurchases(pn, 1e-6) / 1e-6).toBeCloseTo(pn.r / pn.alpha, 6);
    let prevBg = 0;
    let prevPn = 0;
    let prevCond: Float64Array = new Float64Array(5);
    for (const t of [1, 5, 26, 52, 104, 520]) {
      const eb = bgNbdExpectedPurchases(bg, t);
      const ep = paretoNbdExpectedPurchases(pn, t);
      expect(eb).toBeGreaterThan(prevBg);
      expect(ep).toBeGreaterThan(prevPn);
      const cond = bgNbdConditionalExpectedPurchases(bg, customers, t);
      for (let i = 0; i < 5; i++) expect(cond[i]).toBeGreaterThan(prevCond[i] as number);
      prevBg = eb;
      prevPn = ep;
      prevCond = cond;
    }
  });

  it('a brand-new customer (x = tx = T = 0) has the unconditional expectation', () => {
    const fresh = one(0, 0, 0);
    expect(bgNbdConditionalExpectedPurchases(bg, fresh, 52)[0]).toBeCloseTo(
      bgNbdExpectedPurchases(bg, 52),
      12,
    );
    expect(paretoNbdConditionalExpectedPurchases(pn, fresh, 52)[0]).toBeCloseTo(
      paretoNbdExpectedPurchases(pn, 52),
      12,
    );
  });

  it('P(no purchase in t) is 1 at t = 0 and never increases with t', () => {
    for (const noPurchase of [
      (t: number) => bgNbdProbabilityNoPurchase(bg, customers, t),
      (t: number) => paretoNbdProbabilityNoPurchase(pn, customers, t),
    ]) {
      const atZero = noPurchase(0);
      for (let i = 0; i < 5; i++) expect(atZero[i]).toBeCloseTo(1, 14);
      let prev: Float64Array = atZero;
      for (const t of [1, 10, 100, 1000]) {
        const p = noPurchase(t);
        // Non-increasing: for heavy buyers it reaches its floor in double precision early on.
        for (let i = 0; i < 5; i++) expect(p[i]).toBeLessThanOrEqual(prev[i] as number);
        prev = p;
      }
    }
  });

  it('P(no purchase) agrees with the alive/dead decomposition over the posterior (independent formulas)', () => {
    // BG/NBD: an alive customer buys again at rate λ ~ Gamma(r+x, α+T), so
    //   P0 = 1 − P(alive) + P(alive) · ((α+T)/(α+T+t))^(r+x); as t → ∞ only the dead never buy: 1 − P(alive).
    const aliveBg = bgNbdProbabilityAlive(bg, customers);
    for (const t of [26, 1e40]) {
      const p = bgNbdProbabilityNoPurchase(bg, customers, t);
      for (let i = 0; i < 5; i++) {
        const pa = aliveBg[i] as number;
        const A = bg.alpha + (customers.T[i] as number);
        const expected = 1 - pa + pa * (A / (A + t)) ** (bg.r + (customers.x[i] as number));
        expect(Math.abs((p[i] as number) - expected)).toBeLessThan(1e-12);
      }
    }
    // Pareto/NBD: alive with posterior λ ~ Gamma(r+x, A), μ ~ Gamma(s, B), A = α+T, B = β+T; no purchase in (0, t]
    // means dying first (∫₀ᵗ μ e^(−u(λ+μ)) du) or surviving t without buying (e^(−(λ+μ)t)), so
    //   P0 = 1 − P(alive) + P(alive) [ (A/(A+t))^(r+x) (B/(B+t))^s + ∫₀ᵗ (A/(A+u))^(r+x) (s/B) (B/(B+u))^(s+1) du ].
    // The integral is done by Simpson's rule after v = B/(B+u), y = v^s (smooth on [0, 1]).
    const aliveP = paretoNbdProbabilityAlive(pn, customers);
    for (const t of [26, 1e40]) {
      const p = paretoNbdProbabilityNoPurchase(pn, customers, t);
      for (let i = 0; i < 5; i++) {
        const x = customers.x[i] as number;
        const A = pn.alpha + (customers.T[i] as number);
        const B = pn.beta + (customers.T[i] as number);
        const yMin = (B / (B + t)) ** pn.s; // u = t
        const m = 100000;
        let sum = 0;
        for (let k = 0; k <= m; k++) {
          const y = yMin + ((1 - yMin) * k) / m;
          const v = y ** (1 / pn.s);
          const w = k === 0 || k === m ? 1 : k % 2 === 1 ? 4 : 2;
          sum += w * ((A * v) / (A * v + B * (1 - v))) ** (pn.r + x);
        }
        const dieFirst = (sum * (1 - yMin)) / (3 * m);
        const survive = (A / (A + t)) ** (pn.r + x) * (B / (B + t)) ** pn.s;
        const pa = aliveP[i] as number;
        const expected = 1 - pa + pa * (survive + dieFirst);
        expect(Math.abs((p[i] as number) - expected)).toBeLessThan(1e-9);
      }
    }
  });

  it('BG/NBD P(no purchase) for x = 0 is the NBD zero term ((α+T)/(α+T+t))^r', () => {
    const p = bgNbdProbabilityNoPurchase(bg, one(0, 0, 30), 12)[0] as number;
    expect(p).toBeCloseTo(((bg.alpha + 30) / (bg.alpha + 42)) ** bg.r, 14);
  });

  it('P(no purchase) equals the likelihood ratio L(x, tx, T + t) / L(x, tx, T)', () => {
    const later = bgNbdLogLikelihood(bg, { ...customers, T: customers.T.map((T) => T + 26) });
    const now = bgNbdLogLikelihood(bg, customers);
    const p = bgNbdProbabilityNoPurchase(bg, customers, 26);
    for (let i = 0; i < 5; i++)
      expect(p[i]).toBeCloseTo(Math.exp((later[i] as number) - (now[i] as number)), 12);
  });

  it('is continuous through the removable singularities a = 1 (BG/NBD) and s = 1 (Pareto/NBD)', () => {
    const c = one(3, 20, 39);
    const at = (a: number) => bgNbdConditionalExpectedPurchases({ ...bg, a }, c, 52)[0] as number;
    expect(at(1)).toBeCloseTo(0.5 * (at(1 - 1e-5) + at(1 + 1e-5)), 8);
    const ps = (s: number) => paretoNbdConditionalExpectedPurchases({ ...pn, s }, c, 52)[0] as number;
    expect(ps(1)).toBeCloseTo(0.5 * (ps(1 - 1e-6) + ps(1 + 1e-6)), 8);
  });

  it('matches an independent integral over the posterior, also for heavy buyers (note 027 #NUM! case)', () => {
    // Given alive with (λ, p), expected purchases in t are (1 − e^(−λpt))/p; posterior λ ~ Gamma(r+x, α+T) and
    // p ~ Beta(a, b+x) given alive, so E = P(alive) · E_p[(1 − ((α+T)/(α+T+pt))^(r+x)) / p]. The p-integral is
    // done by Simpson's rule after u = p^a (removes the p^(a−1) singularity) — no ₂F₁ involved.
    const reference = (x: number, tx: number, T: number, t: number): number => {
      const { r, alpha, a, b } = bg;
      const f = (p: number) =>
        p === 0 ? ((r + x) * t) / (alpha + T) : -Math.expm1((r + x) * -Math.log1p((p * t) / (alpha + T))) / p;
      const m = 200000;
      let sum = 0;
      for (let k = 0; k <= m; k++) {
        const u = k / m;
        const p = u ** (1 / a);
        const w = k === 0 || k === m ? 1 : k % 2 === 1 ? 4 : 2;
        sum += w * f(p) * (1 - p) ** (b + x - 1);
      }
      const integral = sum / (3 * m) / (a * Math.exp(logBeta(a, b + x)));
      return (bgNbdProbabilityAlive(bg, one(x, tx, T))[0] as number) * integral;
    };
    for (const [x, tx, T, t] of [
      [0, 0, 39, 52],
      [2, 30.43, 38.86, 39],
      [12, 37, 39, 104],
      [200, 38.9, 39, 52],
      [800, 38.99, 39, 52],
    ] as const) {
      const e = bgNbdConditionalExpectedPurchases(bg, one(x, tx, T), t)[0] as number;
      expect(Number.isFinite(e)).toBe(true);
      expect(Math.abs(e - reference(x, tx, T, t)) / e).toBeLessThan(1e-6);
    }
  });

  it('Pareto/NBD A₀ equals (r+s+x) ∫ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ over [tx, T], in both ₂F₁ branches', () => {
    // Composite Simpson rule on a log-spaced variable as an independent reference.
    const integral = (
      r: number,
      alpha: number,
      s: number,
      beta: number,
      x: number,
      tx: number,
      T: number,
    ) => {
      const m = 20000;
      const h = (T - tx) / m;
      let sum = 0;
      for (let k = 0; k <= m; k++) {
        const tau = tx + k * h;
        const w = k === 0 || k === m ? 1 : k % 2 === 1 ? 4 : 2;
        sum += w * (alpha + tau) ** -(r + x) * (beta + tau) ** -(s + 1);
      }
      return ((r + s + x) * (sum * h)) / 3;
    };
    for (const [r, alpha, s, beta, x, tx, T] of [
      [0.55, 10.6, 0.61, 11.7, 2, 10, 39], // α < β
      [0.55, 14, 0.61, 9, 2, 10, 39], // α ≥ β
      [0.3, 200, 0.8, 0.5, 0, 0, 52], // α ≫ β: ₂F₁ argument near 1
      [0.3, 0.2, 0.8, 90, 5, 1, 52], // β ≫ α
    ] as const) {
      const logA0 = paretoNbdLogA0(r, alpha, s, beta, x, tx, T);
      const ref = integral(r, alpha, s, beta, x, tx, T);
      expect(Math.abs(Math.exp(logA0) - ref) / ref).toBeLessThan(1e-9);
    }
    expect(paretoNbdLogA0(0.5, 10, 0.6, 11, 3, 39, 39)).toBe(Number.NEGATIVE_INFINITY);
  });
});
