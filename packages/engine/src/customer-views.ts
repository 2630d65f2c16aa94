import {
  CHURN_BANDS,
  type CustomerScores,
  type CustomerTable,
  dictValue,
  NO_BAND,
  TIERS,
  type TransactionTable,
  upgradeCandidates,
} from '@crm-lens/core';
import type { ChurnQuery, CustomerColumns, CustomerField } from './protocol.js';

type FieldArray = Float64Array | Uint8Array | Int32Array;

/** Where each customer field lives in core's scores (all arrays indexed by customer code). */
const FIELDS: Readonly<Record<CustomerField, (s: CustomerScores) => FieldArray>> = {
  recencyDays: (s) => s.rfm.recencyDays,
  frequency: (s) => s.rfm.frequency,
  monetary: (s) => s.rfm.monetary,
  r: (s) => s.rfm.r,
  f: (s) => s.rfm.f,
  m: (s) => s.rfm.m,
  segment: (s) => s.segments.segment,
  abc: (s) => s.abc.classIndex,
  x: (s) => s.x,
  tx: (s) => s.tx,
  T: (s) => s.T,
  pAlive: (s) => s.pAlive,
  expectedPurchases: (s) => s.expectedPurchases,
  expectedSpend: (s) => s.expectedSpend,
  clv: (s) => s.clv,
  currentValue: (s) => s.current.value,
  tier: (s) => s.pyramid.tier,
  churnScore: (s) => s.churn.score,
  churnBand: (s) => s.churn.band,
  valueAtRisk: (s) => s.churn.valueAtRisk,
  usualIntervalDays: (s) => s.churn.usualIntervalDays,
  silenceDays: (s) => s.churn.silenceDays,
  lastPurchase: (s) => s.summary.lastPurchase,
};

/** `source` at the given customer codes, in a new array of the same type (never a view of the cache). */
function gather<A extends FieldArray>(source: A, index: Int32Array): A {
  const out = new (source.constructor as new (length: number) => A)(index.length);
  for (let k = 0; k < index.length; k++) out[k] = source[index[k]!]!;
  return out;
}

/** Display names by transaction customer code, matched on the id (the customers table may order ids differently). */
export function namesByCode(
  transactions: TransactionTable,
  customers: CustomerTable | undefined,
): readonly (string | null)[] | undefined {
  if (!customers?.name) return undefined;
  const byId = new Map<string, string | null>();
  for (let row = 0; row < customers.length; row++) {
    const id = dictValue(customers.id, row);
    if (id !== undefined) byId.set(id, dictValue(customers.name, row) ?? null);
  }
  return transactions.customer.dictionary.map((id) => byId.get(id) ?? null);
}

/** Every customer code, 0…n−1. */
export function allCustomers(n: number): Int32Array {
  const index = new Int32Array(n);
  for (let c = 0; c < n; c++) index[c] = c;
  return index;
}

/**
 * The requested fields of the customers at `index`, with ids, names (when known) and the labels that decode
 * the code columns. Everything is freshly allocated, so it can be transferred.
 */
export function customerColumns(
  scores: CustomerScores,
  names: readonly (string | null)[] | undefined,
  fields: readonly CustomerField[],
  index: Int32Array,
  withReasons = false,
): CustomerColumns {
  const columns: Partial<Record<CustomerField, FieldArray>> = {};
  for (const field of new Set(fields)) columns[field] = gather(FIELDS[field](scores), index);
  const ids = Array.from(index, (c) => scores.ids[c]!);
  return {
    index: index.slice(),
    ids,
    ...(names ? { names: Array.from(index, (c) => names[c] ?? null) } : {}),
    columns,
    labels: {
      segment: scores.segments.names,
      tier: TIERS,
      churnBand: CHURN_BANDS,
      abc: scores.abc.labels,
    },
    ...(withReasons
      ? {
          reasons: Array.from(index, (c) =>
            scores.churn.reasons[c]!.map((r) => ({ code: r.code, values: { ...r.values }, text: r.text })),
          ),
        }
      : {}),
  };
}

const SORT_KEYS = {
  valueAtRisk: (s: CustomerScores) => s.churn.valueAtRisk,
  churnScore: (s: CustomerScores) => s.churn.score,
  clv: (s: CustomerScores) => s.clv,
} as const;

/**
 * The churn-risk list: customers with a churn score, filtered by band, tier and a case-insensitive search of
 * id and name, sorted by the key descending (NaN last, ties by id in code-unit order), then paged.
 */
export function churnPage(
  scores: CustomerScores,
  names: readonly (string | null)[] | undefined,
  query: ChurnQuery,
): { total: number; index: Int32Array } {
  const { band, score } = scores.churn;
  const tier = scores.pyramid.tier;
  const bands = query.bands ? new Set(query.bands.map((b) => CHURN_BANDS.indexOf(b))) : undefined;
  const tiers = query.tiers ? new Set(query.tiers.map((t) => TIERS.indexOf(t))) : undefined;
  const search = query.search?.trim().toLowerCase() || undefined;
  const ids = scores.ids;

  const matches: number[] = [];
  for (let c = 0; c < ids.length; c++) {
    if (band[c] === NO_BAND || Number.isNaN(score[c]!)) continue;
    if (bands && !bands.has(band[c]!)) continue;
    if (tiers && !tiers.has(tier[c]!)) continue;
    if (search && !ids[c]!.toLowerCase().includes(search) && !names?.[c]?.toLowerCase().includes(search))
      continue;
    matches.push(c);
  }
  const key = SORT_KEYS[query.sort ?? 'valueAtRisk'](scores);
  matches.sort((a, b) => {
    const ka = key[a]!;
    const kb = key[b]!;
    const na = Number.isNaN(ka);
    const nb = Number.isNaN(kb);
    if (na !== nb) return na ? 1 : -1;
    if (!na && ka !== kb) return kb - ka;
    return ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b;
  });
  return {
    total: matches.length,
    index: Int32Array.from(matches.slice(query.offset, query.offset + query.limit)),
  };
}

/** A tier's upgrade candidates (core's ranking: smallest gap to the next tier first). */
export function upgradeIndex(
  scores: CustomerScores,
  tier: 'gold' | 'iron' | 'lead',
  limit: number,
): Int32Array {
  return upgradeCandidates(scores.pyramid, tier, limit);
}
