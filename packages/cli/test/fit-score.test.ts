import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './util/cli.js';

const CDNOW = fileURLToPath(new URL('../../../../shared/data/cdnow/', import.meta.url));
const rel = (value: number, expected: number) => Math.abs(value / expected - 1);

describe('crm-lens fit', () => {
  it('fits BG/NBD on CDNOW_sample.txt to the published parameters', async () => {
    const { code, out } = await cli(
      'fit',
      'bgnbd',
      join(CDNOW, 'CDNOW_sample.txt'),
      '--preset',
      'cdnow-sample',
      '--unit',
      'week',
      '--calibration-end',
      '1997-09-30',
      '--json',
    );
    expect(code).toBe(0);
    const fit = JSON.parse(out);
    expect(fit).toMatchObject({ model: 'bgnbd', unit: 'week', n: 2357, converged: true });
    expect(fit.source.calibrationEnd).toBe('1997-09-30');
    const published = { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 };
    for (const [k, v] of Object.entries(published)) expect(rel(fit.params[k], v)).toBeLessThan(0.005);
    expect(Math.abs(fit.logLik - -9582.43)).toBeLessThan(0.05);
    for (const k of Object.keys(published)) expect(fit.standardErrors[k]).toBeGreaterThan(0);
  });

  it('fits Pareto/NBD and Gamma-Gamma from a summary table', async () => {
    const file = join(CDNOW, 'cdnow_customers_summary_with_transactions.csv');
    const pareto = JSON.parse((await cli('fit', 'paretonbd', file, '--summary', '--json')).out);
    for (const [k, v] of Object.entries({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 })) {
      expect(rel(pareto.params[k], v)).toBeLessThan(0.01);
    }
    expect(Math.abs(pareto.logLik - -9594.98)).toBeLessThan(0.05);
    const gg = await cli('fit', 'gammagamma', file, '--summary');
    expect(gg.code).toBe(0);
    expect(gg.out).toMatch(/data\s+946 customers/);
    expect(gg.out).toMatch(/p\s+6\.24\d\d/);
    expect(gg.out).toMatch(/q\s+3\.74\d\d/);
    expect(gg.out).toMatch(/gamma\s+15\.4\d\d/);
  });

  it('reads the lifetimes column names (frequency, recency, T)', async () => {
    const { code, out } = await cli(
      'fit',
      'bgnbd',
      join(CDNOW, 'cdnow_customers_summary.csv'),
      '--summary',
      '--json',
    );
    expect(code).toBe(0);
    expect(rel(JSON.parse(out).params.r, 0.2426)).toBeLessThan(0.005);
  });

  it('explains wrong calls', async () => {
    const noModel = await cli('fit', 'kmeans', 'x.csv');
    expect(noModel.code).toBe(2);
    expect(noModel.err).toContain('fit needs a model: bgnbd, paretonbd, gammagamma (got "kmeans")');
    const noSpend = await cli('fit', 'gammagamma', join(CDNOW, 'cdnow_customers_summary.csv'), '--summary');
    expect(noSpend.code).toBe(2);
    expect(noSpend.err).toContain('gammagamma needs mean repeat spend');
  });
});

describe('crm-lens score', () => {
  it('prints one CSV row per customer with every documented column', async () => {
    const { code, out } = await cli(
      'score',
      join(CDNOW, 'CDNOW_sample.txt'),
      '--preset',
      'cdnow-sample',
      '--as-of',
      '1997-09-30',
      '--csv',
    );
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe(
      'id,recency,frequency,monetary,r,f,m,segment,abc,x,t_x,T,p_alive,expected_purchases,expected_spend,clv,current_value,tier,churn_score,churn_band,reasons,value_at_risk',
    );
    expect(lines).toHaveLength(2358);
    // Customer 1 of the sample: first purchase 1997-01-01, repeat purchases on 1997-01-18 and 1997-08-02.
    const one = lines.find((l) => l.startsWith('1,'))!.split(',');
    expect(one.slice(0, 3)).toEqual(['1', '59', '3']);
    expect(one[9]).toBe('2');
    expect(Number(one[10])).toBeCloseTo(30.4286, 3);
    expect(Number(one[11])).toBeCloseTo(38.8571, 3);
  });

  it('prints fits, tiers and customers as JSON', async () => {
    const { out } = await cli(
      'score',
      join(CDNOW, 'CDNOW_sample.txt'),
      '--preset',
      'cdnow-sample',
      '--as-of',
      '1997-09-30',
      '--horizon',
      '52w',
      '--json',
    );
    const json = JSON.parse(out);
    expect(json.horizon).toEqual({ weeks: 52 });
    expect(json.customers).toHaveLength(2357);
    expect(json.pyramid.tiers.map((t: { tier: string }) => t.tier)).toEqual([
      'platinum',
      'gold',
      'iron',
      'lead',
    ]);
    expect(json.fits.purchase.model).toBe('bg-nbd');
  });

  it('explains bad flags', async () => {
    const bad = await cli(
      'score',
      join(CDNOW, 'CDNOW_sample.txt'),
      '--preset',
      'cdnow-sample',
      '--horizon',
      'soon',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--horizon takes a span such as 12m, 52w, 365d or 1y, got "soon"');
  });
});
