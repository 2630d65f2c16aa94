import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestTransactions, PRESETS, quantileType7, scoreCustomers, TIERS } from '../../src/index.js';
import { BG_NBD, GAMMA_GAMMA } from '../clv/util/published.js';

const DATA = new URL('../../../../../shared/data/cdnow/', import.meta.url);
const rel = (value: number, expected: number) => Math.abs(value / expected - 1);

describe('scoreCustomers on CDNOW_sample.txt through the real ingestion', async () => {
  const { table, report } = await ingestTransactions(createReadStream(new URL('CDNOW_sample.txt', DATA)), {
    ...PRESETS['cdnow-sample']!.options,
    now: Date.UTC(2026, 0, 1),
  });
  const scores = scoreCustomers(table, { asOf: Date.UTC(1997, 8, 30), unit: 'week' });

  it('ingests all 6,919 rows of 2,357 customers', () => {
    expect(report).toMatchObject({ total: 6919, accepted: 6919, customers: 2357 });
  });

  it('reproduces the published BG/NBD and Gamma-Gamma fits (weeks, calibration ending 1997-09-30)', () => {
    const bg = scores.fits.purchase.params as { r: number; alpha: number; a: number; b: number };
    expect(scores.fits.purchase.converged).toBe(true);
    expect(rel(bg.r, BG_NBD.r)).toBeLessThan(0.005);
    expect(rel(bg.alpha, BG_NBD.alpha)).toBeLessThan(0.005);
    expect(rel(bg.a, BG_NBD.a)).toBeLessThan(0.005);
    expect(rel(bg.b, BG_NBD.b)).toBeLessThan(0.005);
    expect(Math.abs(scores.fits.purchase.logLik - BG_NBD.logLik)).toBeLessThan(0.05);
    const gg = scores.fits.spend.params;
    expect(scores.fits.spend.n).toBe(GAMMA_GAMMA.n);
    expect(rel(gg.p, GAMMA_GAMMA.p)).toBeLessThan(0.01);
    expect(rel(gg.q, GAMMA_GAMMA.q)).toBeLessThan(0.01);
    expect(rel(gg.gamma, GAMMA_GAMMA.gamma)).toBeLessThan(0.01);
  });

  it('gives each customer the published summary inputs (x, t_x, T)', () => {
    const lines = readFileSync(new URL('cdnow_customers_summary.csv', DATA), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    expect(lines).toHaveLength(2357);
    for (const line of lines) {
      const [id, frequency, recency, T] = line.split(',').map(Number) as [number, number, number, number];
      const c = scores.ids.indexOf(String(id));
      expect(scores.x[c]).toBe(frequency);
      expect(Math.abs(scores.tx[c]! - recency)).toBeLessThan(0.006);
      expect(Math.abs(scores.T[c]! - T)).toBeLessThan(0.006);
    }
  });

  it('places every scored customer in one tier, with median thresholds computed independently', () => {
    const n = scores.ids.length;
    const current = [...scores.current.value].sort((a, b) => a - b);
    const clv = [...scores.clv].sort((a, b) => a - b);
    expect(scores.pyramid.thresholds.current).toBeCloseTo(quantileType7(current, 0.5), 9);
    expect(scores.pyramid.thresholds.potential).toBeCloseTo(quantileType7(clv, 0.5), 9);
    expect(scores.pyramid.tiers.reduce((s, t) => s + t.customers, 0)).toBe(n);
    for (let c = 0; c < n; c++) {
      const tier = TIERS[scores.pyramid.tier[c]!];
      const highCurrent = scores.current.value[c]! > scores.pyramid.thresholds.current;
      const highPotential = scores.clv[c]! > scores.pyramid.thresholds.potential;
      expect(tier).toBe(
        highCurrent ? (highPotential ? 'platinum' : 'gold') : highPotential ? 'iron' : 'lead',
      );
    }
  });

  it('keeps the per-customer outputs in range and consistent', () => {
    for (let c = 0; c < scores.ids.length; c++) {
      expect(scores.pAlive[c]).toBeGreaterThanOrEqual(0);
      expect(scores.pAlive[c]).toBeLessThanOrEqual(1);
      // One-time buyers are never "certainly alive" in the churn score's eyes: BG/NBD says 1, churn ignores it.
      if (scores.x[c] === 0) expect(scores.pAlive[c]).toBe(1);
      expect(scores.clv[c]).toBeGreaterThan(0);
      expect(scores.churn.score[c]).toBeGreaterThanOrEqual(0);
      expect(scores.churn.score[c]).toBeLessThanOrEqual(1);
      expect(scores.churn.valueAtRisk[c]).toBeCloseTo(scores.clv[c]! * scores.churn.score[c]!, 9);
      expect(scores.expectedSpend[c]).toBeGreaterThan(0);
    }
    expect(scores.rfm.scored).toBe(2357);
    expect(scores.segments.totals.reduce((s, t) => s + t.customers, 0)).toBe(2357);
  });
});
