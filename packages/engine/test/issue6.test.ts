// The issue-6 analyses through the Engine: each result is core's, decoded; bad queries are `invalid-request`;
// an abort stops the host's work; identical calls compute once.
import * as core from '@crm-lens/core';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DatasetHandle, EngineError, InlineEngine, type Progress } from '../src/index.js';
import { AS_OF, CDNOW_OPTIONS, cdnowBytes } from './util/cdnow.js';
import { retailTable } from './util/retail.js';

// Count the runs of core's kernels, whoever starts them, and whether each ran to its end.
const runs: { name: string; finished: boolean }[] = [];
vi.mock('@crm-lens/core', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@crm-lens/core')>();
  const counted = <A extends unknown[], Y, R>(name: string, steps: (...args: A) => Generator<Y, R, void>) =>
    function* (...args: A): Generator<Y, R, void> {
      const run = { name, finished: false };
      runs.push(run);
      const result = yield* steps(...args);
      run.finished = true;
      return result;
    };
  return {
    ...actual,
    basketsFromTransactionsSteps: counted('baskets', actual.basketsFromTransactionsSteps),
    fpGrowthSteps: counted('fpGrowth', actual.fpGrowthSteps),
    associationRulesSteps: counted('rules', actual.associationRulesSteps),
    customerItemsSteps: counted('customerItems', actual.customerItemsSteps),
    suggestForCustomersSteps: counted('suggest', actual.suggestForCustomersSteps),
    segmentCustomersSteps: counted('segments', actual.segmentCustomersSteps),
    sequencesFromTransactionsSteps: counted('sequenceDatabase', actual.sequencesFromTransactionsSteps),
    mineSequencesSteps: counted('mineSequences', actual.mineSequencesSteps),
    purchaseOccasionsSteps: counted('occasions', actual.purchaseOccasionsSteps),
    cohortRetentionSteps: counted('cohorts', actual.cohortRetentionSteps),
    loyaltyIndicatorsSteps: counted('kpis', actual.loyaltyIndicatorsSteps),
    drilldownSteps: counted('drilldown', actual.drilldownSteps),
    scoreCustomersSteps: counted('score', actual.scoreCustomersSteps),
  };
});
const started = (name: string) => runs.filter((r) => r.name === name).length;

const REQUEST = { asOf: AS_OF };
const RETAIL_AS_OF = Date.UTC(2011, 11, 9);
const RULES = { minSupport: 0.02, minConfidence: 0.3, exclude: ['POST'] };

let engine: InlineEngine;
let cdnow: DatasetHandle;
let retail: DatasetHandle;
let cdnowTable: core.TransactionTable;
let cdnowScores: core.CustomerScores;
const retailRows = retailTable();
let retailScores: core.CustomerScores;

beforeAll(async () => {
  engine = new InlineEngine();
  cdnow = (await engine.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS })).handle;
  retail = (await engine.load({ kind: 'tables', transactions: retailRows })).handle;
  cdnowTable = (await core.ingestTransactions(cdnowBytes(), CDNOW_OPTIONS)).table;
  cdnowScores = core.scoreCustomers(cdnowTable, REQUEST);
  retailScores = core.scoreCustomers(retailRows, { asOf: RETAIL_AS_OF });
});

beforeEach(() => {
  runs.length = 0;
});

/** Core's rules pipeline on the retail table. */
function coreRules(query: {
  minSupport: number;
  minConfidence: number;
  minLift?: number;
  maxLength?: number;
}) {
  const { baskets, report } = core.basketsFromTransactions(retailRows, { excludeProducts: ['POST'] });
  const frequent = core.fpGrowth(baskets, { minSupport: query.minSupport, maxLength: query.maxLength ?? 10 });
  const rules = core.associationRules(frequent, {
    minConfidence: query.minConfidence,
    minLift: query.minLift ?? 0,
  });
  return { baskets, report, frequent, rules };
}

async function rejection(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe('segments', () => {
  it('is core segmentCustomers on the scoring summary, with labels, names and a sample', async () => {
    const result = await engine.segments(cdnow, REQUEST, { k: 4, value: 'clv', seed: 3 });
    const reference = core.segmentCustomers(cdnowScores.summary, {
      k: 4,
      seed: 3,
      value: cdnowScores.clv,
      tiers: { codes: cdnowScores.pyramid.tier, names: core.TIERS },
    });
    expect(result.k).toBe(4);
    expect(result.labels).toEqual(reference.segment);
    expect(result.names).toEqual(reference.profiles.map((p) => p.name));
    expect(result.silhouette).toBe(reference.silhouette);
    expect(result.candidates).toEqual([]);
    expect(result.profiles).toEqual(
      reference.profiles.map((p) => ({
        segment: p.segment,
        name: p.name,
        traits: p.traits,
        customers: p.customers,
        customerShare: p.customerShare,
        value: p.value,
        valueShare: p.valueShare,
        medianRecencyDays: p.medianRecencyDays,
        medianFrequency: p.medianFrequency,
        medianMonetary: p.medianMonetary,
        tierMix: p.tierMix,
        untiered: p.untiered,
      })),
    );
    expect(result.clustered).toBe(reference.clustered);
    // CDNOW's sample has fewer clustered customers than 5,000: every one is a point, in code order.
    expect(result.points.customer.length).toBe(reference.clustered);
    for (let i = 0; i < result.points.customer.length; i++) {
      const c = result.points.customer[i]!;
      expect(result.points.segment[i]).toBe(reference.segment[c]);
      expect(result.points.recencyDays[i]).toBe(cdnowScores.summary.recencyDays[c]);
      expect(result.points.frequency[i]).toBe(cdnowScores.summary.frequency[c]);
      expect(result.points.monetary[i]).toBe(cdnowScores.summary.netRevenue[c]);
    }
  });

  it("chooses k by silhouette with k: 'auto' and samples at most `points`, reproducibly", async () => {
    const result = await engine.segments(cdnow, REQUEST, { points: 500 });
    const reference = core.segmentCustomers(cdnowScores.summary, {
      tiers: { codes: cdnowScores.pyramid.tier, names: core.TIERS },
    });
    expect(result.k).toBe(reference.k);
    expect(result.value).toBe('revenue');
    expect(result.candidates.map((c) => c.k)).toEqual(reference.candidates.map((c) => c.k));
    expect(result.profiles.map((p) => p.value)).toEqual(reference.profiles.map((p) => p.value));
    expect(result.points.customer.length).toBe(500);
    expect([...result.points.customer]).toEqual([...result.points.customer].sort((a, b) => a - b));
    const again = await engine.segments(cdnow, REQUEST, { points: 500 });
    expect(again.points.customer).toEqual(result.points.customer);
  });
});

describe('rules', () => {
  it('is core fpGrowth + associationRules on the order baskets, decoded', async () => {
    const result = await engine.rules(retail, { ...RULES, limit: 5 });
    const reference = coreRules(RULES);
    expect(reference.rules.length).toBeGreaterThan(5);
    expect(result.total).toBe(reference.rules.length);
    expect(result.itemsets).toBe(reference.frequent.itemsets.length);
    expect(result.minCount).toBe(reference.frequent.minCount);
    expect(result.baskets).toMatchObject({ baskets: reference.baskets.length, ...reference.report });
    expect(result.rules.length).toBe(5);
    reference.rules.slice(0, 5).forEach((rule, i) => {
      expect(result.rules.antecedent[i]).toEqual(
        core.itemNames(rule.antecedent, reference.baskets.dictionary),
      );
      expect(result.rules.consequent[i]).toEqual(
        core.itemNames(rule.consequent, reference.baskets.dictionary),
      );
      expect(result.rules.support[i]).toBe(rule.support);
      expect(result.rules.confidence[i]).toBe(rule.confidence);
      expect(result.rules.lift[i]).toBe(rule.lift);
      expect(result.rules.count[i]).toBe(rule.count);
    });
    expect(result.rules.antecedent.flat()).not.toContain('POST');
  });

  it('rejects datasets without orders and products, and bad thresholds', async () => {
    const noProducts = await rejection(engine.rules(cdnow, RULES));
    expect(noProducts.code).toBe('invalid-request');
    expect(noProducts.message).toMatch(/orderId|product/);
    for (const [query, message] of [
      [{ minConfidence: 0.5 }, /minSupport/],
      [{ minSupport: 0, minConfidence: 0.5 }, /minSupport must be a number in \(0, 1\]/],
      [{ minSupport: 0.1, minConfidence: 1.5 }, /minConfidence/],
      [{ minSupport: 0.1, minConfidence: 0.5, limit: -1 }, /limit/],
      [{ minSupport: 0.1, minConfidence: 0.5, exclude: 'POST' }, /exclude/],
      [{ minSupport: 0.1, minConfidence: 0.5, maxLength: 1 }, /maxLength/],
      [{ minSupport: 0.1, minConfidence: 0.5, top: 3 }, /unknown rules option "top"/],
    ] as const) {
      const error = await rejection(engine.rules(retail, query as never));
      expect(error.code).toBe('invalid-request');
      expect(error.message).toMatch(message);
    }
  });

  it('builds baskets and itemsets once: another limit or confidence reuses them', async () => {
    const engine = new InlineEngine();
    const retail = (await engine.load({ kind: 'tables', transactions: retailRows })).handle;
    const first = await engine.rules(retail, { ...RULES, minSupport: 0.03, limit: 3 });
    expect(started('baskets')).toBe(1);
    expect(started('fpGrowth')).toBe(1);
    expect(started('rules')).toBe(1);
    const again = await engine.rules(retail, {
      exclude: ['POST', 'POST'],
      minConfidence: 0.3,
      minSupport: 0.03,
    });
    expect(again.rules.length).toBe(Math.min(100, again.total));
    expect(again.total).toBe(first.total);
    expect(started('rules')).toBe(1);
    await engine.rules(retail, { ...RULES, minSupport: 0.03, minConfidence: 0.6 });
    expect(started('baskets')).toBe(1);
    expect(started('fpGrowth')).toBe(1);
    expect(started('rules')).toBe(2);
    await engine.dispose();
  });

  it('stops when cancelled, rejects with aborted, and computes afresh next time', async () => {
    const controller = new AbortController();
    const stages: string[] = [];
    const query = { ...RULES, minSupport: 0.015 };
    const error = await rejection(
      engine.rules(retail, query, {
        signal: controller.signal,
        onProgress: (p: Progress) => {
          stages.push(p.stage);
          if (p.stage === 'itemsets') controller.abort();
        },
      }),
    );
    expect(error.code).toBe('aborted');
    expect(stages).toEqual(['itemsets']);
    // Let the host reach its next checkpoint: the mining stops there, and no rules are derived.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs.filter((r) => r.name === 'fpGrowth' && r.finished)).toHaveLength(0);
    expect(started('rules')).toBe(0);
    // Nothing of the cancelled run was kept: the next call mines afresh, to the end.
    const result = await engine.rules(retail, query);
    expect(result.total).toBe(coreRules(query).rules.length);
    expect(runs.filter((r) => r.name === 'fpGrowth' && r.finished)).toHaveLength(1);
  });
});

describe('suggestions', () => {
  it('is core suggestForCustomers over customerItems, for the customers asked', async () => {
    const ids = [retailRows.customer.dictionary[3]!, retailRows.customer.dictionary[0]!];
    const result = await engine.suggestions(retail, { ...RULES, customerIds: ids, limit: 4 });
    const { baskets, rules } = coreRules(RULES);
    const all = core.suggestForCustomers(rules, core.customerItems(baskets), { limit: 4 });
    expect(result.rules).toBe(rules.length);
    expect(result.customers.map((c) => c.id)).toEqual(ids);
    for (const [i, c] of [3, 0].entries()) {
      const expected = core.suggestionsOf(all, rules, c);
      expect(result.customers[i]!.index).toBe(c);
      expect(result.customers[i]!.suggestions).toEqual(
        expected.map((s) => ({
          item: baskets.dictionary[s.item],
          score: s.score,
          rule: {
            antecedent: core.itemNames(s.rule.antecedent, baskets.dictionary),
            consequent: core.itemNames(s.rule.consequent, baskets.dictionary),
            support: s.rule.support,
            confidence: s.rule.confidence,
            lift: s.rule.lift,
          },
        })),
      );
    }
    expect(result.customers.some((c) => c.suggestions.length > 0)).toBe(true);
  });

  it('rejects unknown customers and bad limits', async () => {
    const unknown = await rejection(
      engine.suggestions(retail, { ...RULES, customerIds: ['nobody'], limit: 3 }),
    );
    expect(unknown.code).toBe('invalid-request');
    expect(unknown.message).toMatch(/no customer "nobody"/);
    const limit = await rejection(engine.suggestions(retail, { ...RULES, customerIds: [], limit: 1.5 }));
    expect(limit.message).toMatch(/limit/);
    const ids = await rejection(
      engine.suggestions(retail, { ...RULES, customerIds: [1], limit: 3 } as never),
    );
    expect(ids.message).toMatch(/customerIds must be an array of strings/);
  });

  it('computes the suggestions of every customer once per rules and limit', async () => {
    const engine = new InlineEngine();
    const retail = (await engine.load({ kind: 'tables', transactions: retailRows })).handle;
    const ids = retailRows.customer.dictionary.slice(0, 3);
    await engine.suggestions(retail, { ...RULES, minSupport: 0.025, customerIds: ids, limit: 2 });
    await engine.suggestions(retail, { ...RULES, minSupport: 0.025, customerIds: ids.slice(1), limit: 2 });
    expect(started('suggest')).toBe(1);
    expect(started('customerItems')).toBe(1);
    // Another limit: new suggestions, from the same rules and customers' items.
    await engine.suggestions(retail, { ...RULES, minSupport: 0.025, customerIds: ids, limit: 5 });
    expect(started('suggest')).toBe(2);
    expect(started('customerItems')).toBe(1);
    expect(started('fpGrowth')).toBe(1);
    await engine.dispose();
  });
});

describe('sequences', () => {
  const QUERY = { minSupport: 0.05, minConfidence: 0.2, maxGap: 2, exclude: ['POST'], limit: 10 };

  it('is core sequencesFromTransactions + mineSequences + sequenceRules, decoded', async () => {
    const result = await engine.sequences(retail, QUERY);
    const built = core.sequencesFromTransactions(retailRows, { eventBy: 'order', excludeItems: ['POST'] });
    const mining = core.mineSequences(built.database, { minSupport: 0.05, maxGap: 2 });
    const rules = core.sequenceRules(mining.patterns, { minConfidence: 0.2 });
    const items = built.database.items;
    const decode = (elements: readonly (readonly number[])[]) => elements.map((e) => e.map((c) => items[c]));
    expect(result.sequences).toBe(built.database.sequences);
    expect(result.report).toEqual(built.report);
    expect(result.totalPatterns).toBe(mining.patterns.length);
    expect(result.totalRules).toBe(rules.length);
    expect(rules.length).toBeGreaterThan(0);
    expect(result.patterns).toEqual(
      mining.patterns.slice(0, 10).map((p) => ({ ...p, elements: decode(p.elements) })),
    );
    expect(result.rules).toEqual(
      rules.slice(0, 10).map((r) => ({ ...r, lhs: decode(r.lhs), rhs: decode(r.rhs) })),
    );
  });

  it('mines days too, builds each database once, and rejects bad queries', async () => {
    await engine.sequences(retail, { ...QUERY, eventBy: 'day', maxGap: 30 });
    await engine.sequences(retail, { ...QUERY, eventBy: 'day', maxGap: 60 });
    expect(started('sequenceDatabase')).toBe(1);
    expect(started('mineSequences')).toBe(2);
    for (const [query, message] of [
      [{ ...QUERY, eventBy: 'week' }, /eventBy/],
      [{ ...QUERY, maxGap: 0 }, /maxGap/],
      [{ ...QUERY, minSupport: 2 }, /minSupport/],
    ] as const) {
      const error = await rejection(engine.sequences(retail, query as never));
      expect(error.code).toBe('invalid-request');
      expect(error.message).toMatch(message);
    }
    // CDNOW has no order ids: core's RangeError, as an invalid request.
    const cdnowError = await rejection(engine.sequences(cdnow, { minSupport: 0.1 }));
    expect(cdnowError.code).toBe('invalid-request');
  });
});

describe('cohorts and kpis', () => {
  it('are core cohortRetention and loyaltyIndicators, sharing one set of occasions', async () => {
    const cohorts = await engine.cohorts(cdnow, { period: 'quarter' });
    const kpis = await engine.kpis(cdnow, { period: 'month', asOf: AS_OF });
    expect(started('occasions')).toBe(1);
    const c = core.cohortRetention(cdnowTable, { period: 'quarter' });
    const { period: _p, ...cohortFields } = c;
    expect(cohorts).toEqual({ dataset: cdnow.id, period: 'quarter', ...cohortFields });
    expect(cohorts.labels[0]).toBe('1997-Q1');
    const k = core.loyaltyIndicators(cdnowTable, { period: 'month', asOf: AS_OF });
    const { period: _q, ...series } = k.series;
    expect(kpis).toEqual({
      dataset: cdnow.id,
      period: 'month',
      customers: k.customers,
      repeatCustomers: k.repeatCustomers,
      repeatPurchaseRate: k.repeatPurchaseRate,
      averageDaysBetweenOrders: k.averageDaysBetweenOrders,
      medianDaysBetweenOrders: k.medianDaysBetweenOrders,
      pooledDaysBetweenOrders: k.pooledDaysBetweenOrders,
      retentionRate: k.retentionRate,
      lastDay: k.lastDay,
      partialLastPeriod: k.partialLastPeriod,
      series,
    });
  });

  it('caches per query and rejects unknown periods', async () => {
    await engine.cohorts(cdnow, { period: 'year' });
    await engine.cohorts(cdnow, { period: 'year' });
    expect(started('cohorts')).toBe(1);
    const error = await rejection(engine.cohorts(cdnow, { period: 'day' } as never));
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(/period must be one of month, quarter, year, week/);
    const asOf = await rejection(engine.kpis(cdnow, { period: 'month', asOf: Number.NaN }));
    expect(asOf.message).toMatch(/asOf/);
  });
});

describe('drilldown', () => {
  it('is core drilldown with the scoring, labels decoded', async () => {
    const result = await engine.drilldown(cdnow, REQUEST, { by: ['quarter', 'tier'] });
    const reference = core.drilldown(cdnowTable, {
      by: ['quarter', 'tier'],
      scores: cdnowScores,
      asOf: AS_OF,
    });
    expect(result.length).toBe(reference.length);
    expect(result.keys.map((k) => k.labels)).toEqual(reference.keys.map((k) => k.labels));
    expect(result.keys[0]!.codes).toEqual(reference.keys[0]!.codes);
    expect(result.revenue).toEqual(reference.revenue);
    expect(result.customers).toEqual(reference.customers);
    expect(result.clv).toEqual(reference.clv);
    expect(result.tierMix).toEqual(reference.tierMix);
    expect(result.total).toEqual(reference.total);
    expect(result.rows).toEqual(reference.rows);
    expect(result.tierMixLabels).toEqual(core.TIER_MIX_LABELS);
  });

  it('works without the models and with filters, and rejects bad keys', async () => {
    const result = await engine.drilldown(
      retail,
      {},
      { by: ['month'], filter: { product: '22423' }, models: false },
    );
    const reference = core.drilldown(retailRows, { by: ['month'], filter: { product: '22423' } });
    expect(started('score')).toBe(0);
    expect(result.clv).toBeUndefined();
    expect(result.keys[0]!.labels).toEqual(reference.keys[0]!.labels);
    expect(result.orders).toEqual(reference.orders);
    expect(result.rows).toEqual(reference.rows);
    const key = await rejection(engine.drilldown(retail, {}, { by: ['country' as never] }));
    expect(key.message).toMatch(/unknown drill-down key "country"/);
    const tier = await rejection(engine.drilldown(retail, {}, { by: ['tier'], models: false }));
    expect(tier.code).toBe('invalid-request');
  });
});

describe('customerCard', () => {
  it("gathers a customer's scoring figures, decoded", async () => {
    const c = cdnowScores.churn.band.indexOf(2);
    const id = cdnowScores.ids[c]!;
    const card = await engine.customerCard(cdnow, REQUEST, id);
    expect(card.index).toBe(c);
    expect(card.tier).toBe(core.TIERS[cdnowScores.pyramid.tier[c]!] ?? null);
    expect(card.rfm.cell).toBe(`${cdnowScores.rfm.r[c]}${cdnowScores.rfm.f[c]}${cdnowScores.rfm.m[c]}`);
    expect(card.rfm.segment).toBe(cdnowScores.segments.names[cdnowScores.segments.segment[c]!]);
    expect(card.clv).toBe(cdnowScores.clv[c]);
    // The parameter-uncertainty interval is core's, on the scoring's fits, with its default seed and options.
    const row = cdnowScores.calibration.customer.indexOf(c);
    const cal = cdnowScores.calibration;
    const reference = core.clvInterval(
      { x: cal.x[row]!, tx: cal.tx[row]!, T: cal.T[row]!, zbar: cal.zbar[row]! },
      cdnowScores.fits,
      { unit: cdnowScores.unit, horizon: { months: 12 }, annualDiscountRate: 0.1 },
    );
    expect(card.clvInterval).toEqual(reference);
    expect(card.clvInterval!.level).toBe(0.9);
    expect(card.clvInterval!.low).toBeLessThanOrEqual(card.clv);
    expect(card.clvInterval!.high).toBeGreaterThanOrEqual(card.clv);
    expect(card.pAlive).toBe(cdnowScores.pAlive[c]);
    expect(card.churn.band).toBe('high');
    expect(card.churn.score).toBe(cdnowScores.churn.score[c]);
    expect(card.churn.reasons.map((r) => r.code)).toEqual(cdnowScores.churn.reasons[c]!.map((r) => r.code));
    expect(card.usualIntervalDays).toBe(cdnowScores.churn.usualIntervalDays[c]);
    expect(card.nextOrder).toEqual({
      from: cdnowScores.summary.lastPurchase[c],
      to: cdnowScores.summary.lastPurchase[c]! + cdnowScores.churn.usualIntervalDays[c]! * 86_400_000,
      overdueDays: Math.max(0, cdnowScores.churn.silenceDays[c]! - cdnowScores.churn.usualIntervalDays[c]!),
    });
    // CDNOW has no products: no cross-sell.
    expect(card.crossSell).toBeNull();
  });

  it('adds cross-sell suggestions where the data has orders and products', async () => {
    const id = retailRows.customer.dictionary[5]!;
    const card = await engine.customerCard(retail, { asOf: RETAIL_AS_OF }, id, {
      crossSell: { ...RULES, limit: 2 },
    });
    const suggestions = await engine.suggestions(retail, { ...RULES, customerIds: [id], limit: 2 });
    expect(card.crossSell).toEqual(suggestions.customers[0]!.suggestions);
    expect(card.clv).toBe(retailScores.clv[5]);
    const none = await engine.customerCard(retail, { asOf: RETAIL_AS_OF }, id, { crossSell: false });
    expect(none.crossSell).toBeNull();
    const unknown = await rejection(engine.customerCard(retail, {}, 'nobody'));
    expect(unknown.message).toMatch(/no customer "nobody"/);
  });
});

describe('caching and cancellation of the scoring-based analyses', () => {
  it('clusters once per request and settings, whatever the sample size', async () => {
    await engine.segments(cdnow, REQUEST, { k: 3 });
    await engine.segments(cdnow, REQUEST, { k: 3, points: 100 });
    expect(started('segments')).toBe(1);
    await engine.segments(cdnow, REQUEST, { k: 3, seed: 2 });
    expect(started('segments')).toBe(2);
  });

  it('stops a segmentation mid-way when cancelled', async () => {
    const request = { asOf: AS_OF - 86_400_000 };
    await engine.score(cdnow, request);
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const error = await rejection(
      engine.segments(
        cdnow,
        request,
        { k: 'auto', seed: 9 },
        {
          signal: controller.signal,
          // Choosing k takes several hundred milliseconds here: cancel while it runs.
          onProgress: (p) => {
            if (p.stage === 'segments') timer = setTimeout(() => controller.abort(), 50);
          },
        },
      ),
    );
    clearTimeout(timer);
    expect(error.code).toBe('aborted');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const segmenting = runs.filter((r) => r.name === 'segments');
    expect(segmenting).toHaveLength(1);
    expect(segmenting[0]!.finished).toBe(false);
  });

  it('rejects bad segment queries', async () => {
    for (const [query, message] of [
      [{ k: 0 }, /k \(or 'auto'\)/],
      [{ value: 'margin' }, /value must be 'revenue', 'clv' or 'current'/],
      [{ points: 6000 }, /points/],
      [{ seed: 1.5 }, /seed/],
    ] as const) {
      const error = await rejection(engine.segments(cdnow, REQUEST, query as never));
      expect(error.code).toBe('invalid-request');
      expect(error.message).toMatch(message);
    }
    const request = await rejection(engine.segments(cdnow, { unit: 'year' } as never));
    expect(request.message).toMatch(/unit/);
  });

  it('forgets every analysis of a dropped dataset', async () => {
    const local = new InlineEngine();
    const { handle } = await local.load({ kind: 'tables', transactions: retailTable(60, 5) });
    await local.rules(handle, RULES);
    await local.drop(handle);
    const error = await rejection(local.rules(handle, RULES));
    expect(error.code).toBe('unknown-dataset');
    await local.dispose();
  });
});
