import type { ChurnPage, ChurnQuery, CustomerField } from '@crm-lens/engine';
import type { ReasonLike } from '../i18n/localizer.js';

export type ChurnBand = 'low' | 'medium' | 'high';
export type ChurnTier = 'platinum' | 'gold' | 'iron' | 'lead';
/** The sort keys, as written in the `sort` attribute. */
export type ChurnSort = 'value-at-risk' | 'risk' | 'clv';

export const BANDS: readonly ChurnBand[] = ['high', 'medium', 'low'];
export const TIERS: readonly ChurnTier[] = ['platinum', 'gold', 'iron', 'lead'];
export const SORTS: readonly ChurnSort[] = ['value-at-risk', 'risk', 'clv'];

/** The engine's sort key for each `sort` value. */
export const SORT_KEYS: Readonly<Record<ChurnSort, NonNullable<ChurnQuery['sort']>>> = {
  'value-at-risk': 'valueAtRisk',
  risk: 'churnScore',
  clv: 'clv',
};

/** The fields every row needs. */
export const ROW_FIELDS: readonly CustomerField[] = [
  'tier',
  'churnScore',
  'churnBand',
  'valueAtRisk',
  'clv',
  'lastPurchase',
  'usualIntervalDays',
  'silenceDays',
];

/** One customer of the list, decoded from the engine's columns. */
export interface ChurnRow {
  /** Position in the current (filtered, sorted) list. */
  readonly index: number;
  readonly customerId: string;
  readonly name: string | undefined;
  readonly tier: string;
  readonly score: number;
  readonly band: string;
  readonly valueAtRisk: number;
  readonly clv: number;
  readonly lastPurchase: number;
  readonly usualIntervalDays: number;
  readonly silenceDays: number;
  readonly reasons: readonly ReasonLike[];
}

/** A page of the engine's churn list as row objects. */
export function decodeRows(page: ChurnPage): ChurnRow[] {
  const { rows } = page;
  const column = (field: CustomerField) => rows.columns[field];
  const tier = column('tier');
  const band = column('churnBand');
  const score = column('churnScore');
  const valueAtRisk = column('valueAtRisk');
  const clv = column('clv');
  const lastPurchase = column('lastPurchase');
  const usual = column('usualIntervalDays');
  const silence = column('silenceDays');
  const number = (array: ArrayLike<number> | undefined, k: number) => (array ? array[k]! : Number.NaN);
  return rows.ids.map((customerId, k) => ({
    index: page.offset + k,
    customerId,
    name: rows.names?.[k] ?? undefined,
    tier: tier ? (rows.labels.tier[tier[k]!] ?? '') : '',
    score: number(score, k),
    band: band ? (rows.labels.churnBand[band[k]!] ?? '') : '',
    valueAtRisk: number(valueAtRisk, k),
    clv: number(clv, k),
    lastPurchase: number(lastPurchase, k),
    usualIntervalDays: number(usual, k),
    silenceDays: number(silence, k),
    reasons: rows.reasons?.[k] ?? [],
  }));
}

/** `"high, medium"` → `['high', 'medium']`, keeping only known values, in canonical order. */
export function parseList<T extends string>(text: string | null, known: readonly T[]): T[] {
  const wanted = new Set(
    (text ?? '')
      .split(/[\s,]+/)
      .map((value) => value.trim().toLowerCase())
      .filter(Boolean),
  );
  return known.filter((value) => wanted.has(value));
}

/** A lit attribute converter for comma-separated lists of known values. */
export function listConverter<T extends string>(known: readonly T[]) {
  return {
    fromAttribute: (value: string | null) => parseList(value, known),
    toAttribute: (value: readonly T[]) => (value.length > 0 ? value.join(',') : null),
  };
}
