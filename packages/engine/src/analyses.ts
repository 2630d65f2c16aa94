/**
 * The issue-6 analyses, loaded on demand: the backend reaches this module only through `loadAnalyses()`
 * (./load-analyses.ts), on the first segments, rules, suggestions, sequences, cohorts, KPIs, drill-down or
 * customer-card call, so a host that only scores never downloads or parses it. It holds core's kernels of those
 * analyses (re-exported below; the backend keeps the caching, cancellation and progress around them) and the
 * builders of their wire results: plain objects, typed arrays where large, item and segment names decoded.
 * Every builder allocates what it returns, so results can be transferred.
 *
 * Import nothing from here statically outside this module's own builds (the backend uses `import type` only):
 * that would put the kernels back into every worker.
 */
export {
  associationRulesSteps,
  basketsFromTransactionsSteps,
  cohortRetentionSteps,
  customerItemsSteps,
  drilldownSteps,
  fpGrowthSteps,
  loyaltyIndicatorsSteps,
  mineSequencesSteps,
  purchaseOccasionsSteps,
  segmentCustomersSteps,
  sequenceRules,
  sequencesFromTransactionsSteps,
  suggestForCustomersSteps,
  suggestionsOf,
} from '@crm-lens/core';
/** The protocol this module was built for: a host refuses a stale copy (a cached or mismatched file). */
export { PROTOCOL_VERSION } from './protocol.js';

import {
  type AssociationRule,
  type BasketBuildReport,
  CHURN_BANDS,
  type CohortRetention,
  type CustomerScores,
  type CustomerSegments,
  clvInterval,
  type DrillResult,
  type FrequentItemsets,
  itemNames,
  type LoyaltyIndicators,
  NO_BAND,
  type SequenceMining,
  type SequenceRule,
  type Suggestion,
  TIER_MIX_LABELS,
  TIERS,
  type TransactionBaskets,
  type TransactionSequences,
} from '@crm-lens/core';
import type {
  BasketReportWire,
  CohortsResult,
  CustomerCard,
  DrilldownResult,
  KpisResult,
  PeriodWire,
  RuleColumns,
  ScoreRequest,
  SegmentsResult,
  SequencesResult,
  SuggestionWire,
} from './protocol.js';

const DAY_MS = 86_400_000;

/** A small seeded generator (splitmix32 → mulberry32 style): the scatter sample is reproducible. */
function random(seed: number): () => number {
  let a = (Math.imul(seed | 0, 0x9e3779b1) ^ 0x85ebca6b) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seeded uniform sample of `size` of the clustered customers (partial Fisher–Yates), in customer-code order;
 * all of them when there are at most `size`.
 */
export function samplePoints(labels: Int32Array, size: number, seed: number): Int32Array {
  const clustered: number[] = [];
  for (let c = 0; c < labels.length; c++) if (labels[c]! >= 0) clustered.push(c);
  if (clustered.length <= size) return Int32Array.from(clustered);
  const next = random(seed);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(next() * (clustered.length - i));
    const t = clustered[i]!;
    clustered[i] = clustered[j]!;
    clustered[j] = t;
  }
  return Int32Array.from(clustered.slice(0, size)).sort();
}

/** What the scatter sample reads of a scoring (kept with a cached segmentation instead of the whole scoring). */
export interface SegmentSource {
  readonly asOf: number;
  readonly summary: Pick<CustomerScores['summary'], 'recencyDays' | 'frequency' | 'netRevenue'>;
}

export function segmentsResult(
  dataset: string,
  scores: SegmentSource,
  segments: CustomerSegments,
  value: SegmentsResult['value'],
  points: number,
): SegmentsResult {
  const sample = samplePoints(segments.segment, points, segments.seed);
  const { summary } = scores;
  const pick = (source: ArrayLike<number>) => Float64Array.from(sample, (c) => source[c]!);
  return {
    dataset,
    asOf: scores.asOf,
    k: segments.k,
    seed: segments.seed,
    value,
    profiles: segments.profiles.map((p) => ({
      segment: p.segment,
      name: p.name,
      traits: { ...p.traits },
      customers: p.customers,
      customerShare: p.customerShare,
      value: p.value,
      valueShare: p.valueShare,
      medianRecencyDays: p.medianRecencyDays,
      medianFrequency: p.medianFrequency,
      medianMonetary: p.medianMonetary,
      tierMix: p.tierMix.map((t) => ({ ...t })),
      untiered: p.untiered,
    })),
    population: {
      customers: segments.population.customers,
      value: segments.population.value,
      medianRecencyDays: segments.population.medianRecencyDays,
      medianFrequency: segments.population.medianFrequency,
      medianMonetary: segments.population.medianMonetary,
    },
    silhouette: segments.silhouette,
    silhouetteSampled: segments.silhouetteSampled,
    candidates: segments.candidates.map((c) => ({
      k: c.k,
      silhouette: c.silhouette,
      inertia: c.inertia,
      converged: c.converged,
    })),
    clustered: segments.clustered,
    excluded: { ...segments.excluded },
    labels: segments.segment.slice(),
    names: segments.profiles.map((p) => p.name),
    points: {
      customer: sample,
      recencyDays: pick(summary.recencyDays),
      frequency: pick(summary.frequency),
      // The clustering's monetary feature: net revenue in the window (core's default, `monetary: 'total'`).
      monetary: pick(summary.netRevenue),
      segment: Int32Array.from(sample, (c) => segments.segment[c]!),
    },
  };
}

export function basketReport(baskets: TransactionBaskets, report: BasketBuildReport): BasketReportWire {
  const seen = new Uint8Array(baskets.dictionary.length);
  let items = 0;
  for (const code of baskets.items) {
    if (seen[code] === 0) {
      seen[code] = 1;
      items++;
    }
  }
  return { baskets: baskets.length, items, ...report };
}

/** The first `limit` rules, columnar, with item names. */
export function ruleColumns(
  rules: readonly AssociationRule[],
  limit: number,
  dictionary: readonly string[],
): RuleColumns {
  const top = rules.slice(0, limit);
  const measure = (f: (r: AssociationRule) => number) => Float64Array.from(top, f);
  return {
    length: top.length,
    antecedent: top.map((r) => itemNames(r.antecedent, dictionary)),
    consequent: top.map((r) => itemNames(r.consequent, dictionary)),
    count: Int32Array.from(top, (r) => r.count),
    support: measure((r) => r.support),
    confidence: measure((r) => r.confidence),
    lift: measure((r) => r.lift),
    leverage: measure((r) => r.leverage),
    conviction: measure((r) => r.conviction),
  };
}

export function itemsetCount(frequent: FrequentItemsets): number {
  return frequent.itemsets.length;
}

export function suggestionWire(s: Suggestion, dictionary: readonly string[]): SuggestionWire {
  return {
    item: dictionary[s.item] ?? `#${s.item}`,
    score: s.score,
    rule: {
      antecedent: itemNames(s.rule.antecedent, dictionary),
      consequent: itemNames(s.rule.consequent, dictionary),
      support: s.rule.support,
      confidence: s.rule.confidence,
      lift: s.rule.lift,
    },
  };
}

const names = (elements: readonly (readonly number[])[], items: readonly string[]) =>
  elements.map((e) => e.map((code) => items[code] ?? `#${code}`));

export function sequencesResult(
  dataset: string,
  built: TransactionSequences,
  mining: SequenceMining,
  rules: readonly SequenceRule[],
  limit: number,
): SequencesResult {
  const { items } = built.database;
  return {
    dataset,
    eventBy: built.eventBy,
    sequences: built.database.sequences,
    report: { ...built.report },
    minCount: mining.minCount,
    totalPatterns: mining.patterns.length,
    patterns: mining.patterns.slice(0, limit).map((p) => ({
      elements: names(p.elements, items),
      support: p.support,
      count: p.count,
      maximal: p.maximal,
    })),
    totalRules: rules.length,
    rules: rules.slice(0, limit).map((r) => ({
      lhs: names(r.lhs, items),
      rhs: names(r.rhs, items),
      support: r.support,
      count: r.count,
      confidence: r.confidence,
      lift: r.lift,
    })),
  };
}

export function cohortsResult(dataset: string, c: CohortRetention): CohortsResult {
  return {
    dataset,
    period: c.period as PeriodWire,
    cohorts: c.cohorts,
    periods: c.periods,
    labels: [...c.labels],
    cohortStart: c.cohortStart.slice(),
    size: c.size.slice(),
    active: c.active.slice(),
    retention: c.retention.slice(),
    overall: c.overall.slice(),
    customers: c.customers,
    lastDay: c.lastDay,
    partialLastPeriod: c.partialLastPeriod,
  };
}

export function kpisResult(dataset: string, k: LoyaltyIndicators): KpisResult {
  const s = k.series;
  return {
    dataset,
    period: s.period as PeriodWire,
    customers: k.customers,
    repeatCustomers: k.repeatCustomers,
    repeatPurchaseRate: k.repeatPurchaseRate,
    averageDaysBetweenOrders: k.averageDaysBetweenOrders,
    medianDaysBetweenOrders: k.medianDaysBetweenOrders,
    pooledDaysBetweenOrders: k.pooledDaysBetweenOrders,
    retentionRate: k.retentionRate,
    lastDay: k.lastDay,
    partialLastPeriod: k.partialLastPeriod,
    series: {
      length: s.length,
      labels: [...s.labels],
      start: s.start.slice(),
      activeCustomers: s.activeCustomers.slice(),
      newCustomers: s.newCustomers.slice(),
      returningCustomers: s.returningCustomers.slice(),
      retainedCustomers: s.retainedCustomers.slice(),
      retentionRate: s.retentionRate.slice(),
      orders: s.orders.slice(),
      meanDaysBetweenOrders: s.meanDaysBetweenOrders.slice(),
      repeatPurchaseRate: s.repeatPurchaseRate.slice(),
    },
  };
}

export function drilldownResult(dataset: string, d: DrillResult): DrilldownResult {
  const { tierMix, ...total } = d.total;
  return {
    dataset,
    by: [...d.by],
    length: d.length,
    keys: d.keys.map((k) => ({
      key: k.key,
      kind: k.kind,
      codes: k.codes.slice(),
      labels: [...k.labels],
      ...(k.start ? { start: k.start.slice() } : {}),
    })),
    revenue: d.revenue.slice(),
    grossRevenue: d.grossRevenue.slice(),
    returns: d.returns.slice(),
    orders: d.orders.slice(),
    customers: d.customers.slice(),
    transactions: d.transactions.slice(),
    ...(d.clv ? { clv: d.clv.slice() } : {}),
    ...(d.meanChurnRisk ? { meanChurnRisk: d.meanChurnRisk.slice() } : {}),
    ...(d.valueAtRisk ? { valueAtRisk: d.valueAtRisk.slice() } : {}),
    ...(d.tierMix ? { tierMix: d.tierMix.slice() } : {}),
    tierMixLabels: [...TIER_MIX_LABELS],
    total: { ...total, ...(tierMix ? { tierMix: tierMix.slice() } : {}) },
    rows: { ...d.rows },
    ordersCountedBy: d.ordersCountedBy,
    ...(d.asOf !== undefined ? { asOf: d.asOf } : {}),
  };
}

/** The scoring's figures for customer `c`, decoded. */
export function customerCard(
  dataset: string,
  scores: CustomerScores,
  c: number,
  name: string | null,
  crossSell: readonly SuggestionWire[] | null,
  request: Pick<ScoreRequest, 'horizon' | 'annualDiscountRate'> = {},
): CustomerCard {
  const scored = scores.scored[c] === 1;
  const { rfm, churn, summary } = scores;
  const tierCode = scores.pyramid.tier[c]!;
  const band = churn.band[c]!;
  const segment = scores.segments.segment[c]!;
  const abc = scores.abc.classIndex[c]!;
  const r = rfm.r[c]!;
  const f = rfm.f[c]!;
  const m = rfm.m[c]!;
  const last = summary.lastPurchase[c]!;
  const usual = churn.usualIntervalDays[c]!;
  const due = last + usual * DAY_MS;
  return {
    dataset,
    id: scores.ids[c]!,
    index: c,
    name,
    asOf: scores.asOf,
    scored,
    tier: (TIERS[tierCode] as CustomerCard['tier'] | undefined) ?? null,
    abc: scores.abc.labels[abc] ?? null,
    rfm: {
      r,
      f,
      m,
      cell: r > 0 && f > 0 && m > 0 ? `${r}${f}${m}` : '',
      segment: segment >= 0 ? (scores.segments.names[segment] ?? null) : null,
      recencyDays: rfm.recencyDays[c]!,
      frequency: rfm.frequency[c]!,
      monetary: rfm.monetary[c]!,
    },
    clv: scores.clv[c]!,
    clvInterval: cardClvInterval(scores, c, request),
    expectedPurchases: scores.expectedPurchases[c]!,
    expectedSpend: scores.expectedSpend[c]!,
    currentValue: scores.current.value[c]!,
    pAlive: scores.pAlive[c]!,
    churn: {
      score: churn.score[c]!,
      band: band === NO_BAND ? null : (CHURN_BANDS[band] ?? null),
      valueAtRisk: churn.valueAtRisk[c]!,
      reasons: churn.reasons[c]!.map((reason) => ({
        code: reason.code,
        values: { ...reason.values },
        text: reason.text,
      })),
    },
    firstPurchase: summary.firstPurchase[c]!,
    lastPurchase: last,
    usualIntervalDays: usual,
    silenceDays: churn.silenceDays[c]!,
    nextOrder:
      scored && Number.isFinite(last) && Number.isFinite(usual)
        ? { from: last, to: due, overdueDays: Math.max(0, churn.silenceDays[c]! - usual) }
        : null,
    crossSell,
  };
}

/**
 * The parameter-uncertainty interval of customer `c`'s CLV: core's `clvInterval` (default draws and seed) on the
 * scoring's fits, with the horizon and discount rate of the scoring (core's defaults, 12 months and 10 %, when the
 * request leaves them out). Null for customers outside the calibration or when the interval is not defined.
 */
function cardClvInterval(
  scores: CustomerScores,
  c: number,
  request: Pick<ScoreRequest, 'horizon' | 'annualDiscountRate'>,
): CustomerCard['clvInterval'] {
  const { calibration } = scores;
  const row = calibration.customer.indexOf(c);
  if (row < 0 || scores.scored[c] !== 1) return null;
  const interval = clvInterval(
    {
      x: calibration.x[row]!,
      tx: calibration.tx[row]!,
      T: calibration.T[row]!,
      zbar: calibration.zbar[row]!,
    },
    scores.fits,
    {
      unit: scores.unit,
      horizon: request.horizon ?? { months: 12 },
      annualDiscountRate: request.annualDiscountRate ?? 0.1,
    },
  );
  return Number.isFinite(interval.low) && Number.isFinite(interval.high) ? { ...interval } : null;
}
