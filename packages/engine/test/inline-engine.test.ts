import { CHURN_BANDS, ingestTransactions, NO_BAND, TIERS } from '@crm-lens/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChurnQuery, CustomerColumns, DatasetHandle, ScoreSummary } from '../src/index.js';
import { InlineEngine } from '../src/index.js';
import { AS_OF, CDNOW_OPTIONS, cdnowBytes, coreReference } from './util/cdnow.js';

const REQUEST = { asOf: AS_OF, unit: 'week' } as const;

describe('InlineEngine on the CDNOW sample, checked against core on its own', async () => {
  const reference = await coreReference({ asOf: AS_OF, unit: 'week' });
  const { scores } = reference;
  const engine = new InlineEngine();
  let handle: DatasetHandle;
  let summary: ScoreSummary;

  beforeAll(async () => {
    const loaded = await engine.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS });
    handle = loaded.handle;
    summary = await engine.score(handle, REQUEST);
  });

  it('loads the bytes through core ingestion and returns its report', async () => {
    const direct = await ingestTransactions(cdnowBytes(), CDNOW_OPTIONS);
    expect(handle).toMatchObject({ transactions: 6919, customers: 2357 });
    const { report } = await engine.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS });
    expect({ ...report, durationMs: 0 }).toEqual({ ...direct.report, durationMs: 0 });
  });

  it('fits exactly the BG/NBD and Gamma-Gamma parameters core fits on the same table', () => {
    const { purchase, spend } = scores.fits;
    expect(summary.fits.purchase).toEqual({
      model: 'bg-nbd',
      params: { ...purchase.params },
      standardErrors: { ...purchase.standardErrors },
      logLik: purchase.logLik,
      converged: purchase.converged,
      iterations: purchase.iterations,
      n: purchase.n,
    });
    expect(summary.fits.spend.params).toEqual({ ...spend.params });
    expect(summary.fits.spend.logLik).toBe(spend.logLik);
    expect(summary).toMatchObject({ asOf: AS_OF, unit: 'week', horizonUnits: scores.horizonUnits });
  });

  it('counts customers per tier as core assigns them', () => {
    const counts = TIERS.map((_, t) => scores.pyramid.tier.filter((code) => code === t).length);
    expect(summary.pyramid.tiers.map((t) => t.tier)).toEqual([...TIERS]);
    expect(summary.pyramid.tiers.map((t) => t.customers)).toEqual(counts);
    expect(summary.pyramid.thresholds).toEqual(scores.pyramid.thresholds);
    expect(summary.customers).toBe(2357);
    expect(summary.scored).toBe(scores.scored.reduce((s, v) => s + v, 0));
  });

  it('summarises ABC, the concentration curve, segments, heatmap and churn bands from the scores', () => {
    const revenue = Array.from(scores.summary.netRevenue, (v) => Math.max(0, v));
    const n = revenue.length;
    // Gini by its definition: mean absolute difference over twice the mean.
    let pairs = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) pairs += Math.abs(revenue[i]! - revenue[j]!);
    const total = revenue.reduce((s, v) => s + v, 0);
    expect(summary.abc.gini).toBeCloseTo(pairs / (2 * n * total), 10);
    expect(summary.abc.classes.map((k) => k.customers)).toEqual(scores.abc.classes.map((k) => k.customers));

    // The curve: share of value held by the top k customers, at the sampled k.
    const sorted = [...revenue].sort((a, b) => b - a);
    const { customerShare, valueShare } = summary.abc.curve;
    expect(customerShare.length).toBeLessThanOrEqual(201);
    expect([customerShare[0], valueShare[0]]).toEqual([0, 0]);
    expect([customerShare.at(-1), valueShare.at(-1)]).toEqual([1, 1]);
    for (let p = 0; p < customerShare.length; p++) {
      const k = Math.round(customerShare[p]! * n);
      const top = sorted.slice(0, k).reduce((s, v) => s + v, 0);
      expect(valueShare[p]).toBeCloseTo(top / total, 9);
    }
    const top20 =
      sorted.slice(0, Math.floor(0.2 * n)).reduce((s, v) => s + v, 0) +
      (0.2 * n - Math.floor(0.2 * n)) * sorted[Math.floor(0.2 * n)]!;
    expect(summary.abc.statement.valueShare).toBeCloseTo(top20 / total, 9);

    expect(summary.segments.reduce((s, seg) => s + seg.customers, 0)).toBe(scores.rfm.scored);
    for (const cell of summary.heatmap) {
      let count = 0;
      for (let c = 0; c < n; c++) if (scores.rfm.r[c] === cell.r && scores.rfm.f[c] === cell.f) count++;
      expect(cell.customers).toBe(count);
    }

    const bands = CHURN_BANDS.map((_, b) => scores.churn.band.filter((code) => code === b).length);
    expect([summary.churn.bands.low, summary.churn.bands.medium, summary.churn.bands.high]).toEqual(bands);
    const atRisk = Array.from(scores.churn.valueAtRisk).filter(Number.isFinite);
    expect(summary.churn.valueAtRisk).toBeCloseTo(
      atRisk.reduce((s, v) => s + v, 0),
      6,
    );
    expect(Object.keys(summary.timings)).toEqual(
      expect.arrayContaining(['summary', 'purchase-model', 'churn', 'total']),
    );
  });

  it('returns per-customer columns equal to core’s arrays, in the requested typed arrays', async () => {
    const columns = await engine.customers(handle, REQUEST, [
      'clv',
      'pAlive',
      'tier',
      'churnBand',
      'segment',
      'r',
      'lastPurchase',
    ]);
    expect(columns.ids).toEqual(scores.ids);
    expect(columns.columns.clv).toEqual(scores.clv);
    expect(columns.columns.pAlive).toEqual(scores.pAlive);
    expect(columns.columns.tier).toEqual(scores.pyramid.tier);
    expect(columns.columns.churnBand).toEqual(scores.churn.band);
    expect(columns.columns.segment).toEqual(scores.segments.segment);
    expect(columns.columns.r).toEqual(scores.rfm.r);
    expect(columns.columns.lastPurchase).toEqual(scores.summary.lastPurchase);
    expect(columns.labels.segment).toEqual(scores.segments.names);
    expect(columns.names).toBeUndefined();

    const some = await engine.customers(handle, REQUEST, ['clv'], Int32Array.of(5, 0, 2356));
    expect(some.ids).toEqual([scores.ids[5], scores.ids[0], scores.ids[2356]]);
    expect(Array.from(some.columns.clv!)).toEqual([scores.clv[5], scores.clv[0], scores.clv[2356]]);
  });

  describe('churnList', () => {
    let all: CustomerColumns;
    beforeAll(async () => {
      all = await engine.customers(handle, REQUEST, [
        'valueAtRisk',
        'churnScore',
        'clv',
        'churnBand',
        'tier',
      ]);
    });

    /** The list computed from `customers()` output: filter, sort descending (NaN last, ties by id), page. */
    function expected(query: ChurnQuery): { total: number; ids: string[] } {
      const key = all.columns[query.sort ?? 'valueAtRisk'] as Float64Array;
      const band = all.columns.churnBand!;
      const tier = all.columns.tier!;
      const score = all.columns.churnScore!;
      const rows = all.ids
        .map((id, c) => ({ id, c }))
        .filter(({ c }) => band[c] !== NO_BAND && !Number.isNaN(score[c]))
        .filter(({ c }) => !query.bands || query.bands.includes(CHURN_BANDS[band[c]!]!))
        .filter(({ c }) => !query.tiers || query.tiers.includes(TIERS[tier[c]!]!))
        .filter(({ id }) => !query.search || id.toLowerCase().includes(query.search.toLowerCase()));
      rows.sort((a, b) => {
        const ka = key[a.c]!;
        const kb = key[b.c]!;
        if (Number.isNaN(ka) !== Number.isNaN(kb)) return Number.isNaN(ka) ? 1 : -1;
        if (ka !== kb && !Number.isNaN(ka)) return kb - ka;
        return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      });
      return {
        total: rows.length,
        ids: rows.slice(query.offset, query.offset + query.limit).map((r) => r.id),
      };
    }

    const queries: ChurnQuery[] = [
      { offset: 0, limit: 20, fields: ['valueAtRisk'] },
      { offset: 40, limit: 25, fields: ['valueAtRisk', 'churnBand'] },
      { bands: ['high'], offset: 0, limit: 50, fields: ['churnScore'], sort: 'churnScore' },
      {
        bands: ['medium', 'high'],
        tiers: ['platinum', 'gold'],
        offset: 5,
        limit: 10,
        fields: ['clv'],
        sort: 'clv',
      },
      { search: '12', offset: 0, limit: 30, fields: ['tier'] },
      { tiers: ['lead'], offset: 10_000, limit: 10, fields: [] },
    ];
    for (const query of queries) {
      it(`pages, filters and sorts like an independent filter + sort (${JSON.stringify(query)})`, async () => {
        const page = await engine.churnList(handle, REQUEST, query);
        const want = expected(query);
        expect(page.total).toBe(want.total);
        expect(page.offset).toBe(query.offset);
        expect(page.rows.ids).toEqual(want.ids);
        for (const field of query.fields) {
          const source =
            all.columns[field] ?? (await engine.customers(handle, REQUEST, [field])).columns[field]!;
          expect(Array.from(page.rows.columns[field]!)).toEqual(
            Array.from(page.rows.index, (c) => source[c]),
          );
        }
      });
    }

    it('sorts equal keys by id and returns churn reasons when asked', async () => {
      const page = await engine.churnList(handle, REQUEST, {
        offset: 0,
        limit: 2357,
        fields: ['valueAtRisk'],
        reasons: true,
      });
      const key = page.rows.columns.valueAtRisk!;
      for (let k = 1; k < page.rows.ids.length; k++) {
        if (key[k] === key[k - 1]) expect(page.rows.ids[k - 1]! < page.rows.ids[k]!).toBe(true);
      }
      expect(page.rows.reasons).toHaveLength(page.rows.ids.length);
      page.rows.index.forEach((c, k) => {
        expect(page.rows.reasons![k]).toEqual(
          scores.churn.reasons[c]!.map(({ code, values, text }) => ({ code, values, text })),
        );
      });
    });
  });

  it('ranks upgrade candidates by their gap to the next tier, smallest first', async () => {
    const all = await engine.customers(handle, REQUEST, ['tier', 'currentValue', 'clv']);
    const { current: tc, potential: tp } = summary.pyramid.thresholds;
    for (const tier of ['gold', 'iron', 'lead'] as const) {
      const code = TIERS.indexOf(tier);
      const gaps: { c: number; gap: number }[] = [];
      all.columns.tier!.forEach((t, c) => {
        if (t !== code) return;
        const toCurrent = tc - all.columns.currentValue![c]!;
        const toPotential = tp - all.columns.clv![c]!;
        gaps.push({
          c,
          gap: tier === 'gold' ? toPotential : tier === 'iron' ? toCurrent : Math.min(toCurrent, toPotential),
        });
      });
      gaps.sort((a, b) => a.gap - b.gap || a.c - b.c);
      const got = await engine.upgradeCandidates(handle, REQUEST, tier, 15, ['tier', 'clv']);
      expect(got.index).toHaveLength(15);
      expect(Array.from(got.index)).toEqual(gaps.slice(0, 15).map((g) => g.c));
      expect(Array.from(got.columns.tier!)).toEqual(new Array(got.index.length).fill(code));
    }
  });
});
