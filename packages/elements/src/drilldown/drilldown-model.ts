import type { DrilldownQuery, DrilldownResult, DrillFilterValueWire, DrillKeyWire } from '@crm-lens/engine';
import type { MessageKey } from '../i18n/en.js';
import type { Localizer } from '../i18n/localizer.js';

/** A time level of the drill-down, coarsest first. */
export type DrillLevel = 'year' | 'quarter' | 'month' | 'week' | 'day';
/** The levels, in drilling order: year → quarter → month → week → day. */
export const DRILL_LEVELS: readonly DrillLevel[] = ['year', 'quarter', 'month', 'week', 'day'];

/** A key of the breakdown table. */
export type DrillDimension = 'region' | 'category' | 'channel' | 'product' | 'tier' | 'segment' | 'churnBand';
/** The breakdown keys, in the order of the dimension select. */
export const DRILL_DIMENSIONS: readonly DrillDimension[] = [
  'region',
  'category',
  'channel',
  'product',
  'tier',
  'segment',
  'churnBand',
];

/** A measure the bars and the breakdown show. */
export type DrillMeasure = 'revenue' | 'orders' | 'customers' | 'clv' | 'valueAtRisk' | 'meanChurnRisk';
/** The measures, in the order of the measure select. */
export const DRILL_MEASURES: readonly DrillMeasure[] = [
  'revenue',
  'orders',
  'customers',
  'clv',
  'valueAtRisk',
  'meanChurnRisk',
];

/** The filter of a drill-down query (the `filter` property): key → a code, a label, null, or a list of them. */
export type DrillFilter = NonNullable<DrilldownQuery['filter']>;

/** What a drill goes by: a key and the value given for it. */
export type DrillFilterValue = DrillFilterValueWire | readonly DrillFilterValueWire[];

export const LEVEL_LABELS: Readonly<Record<DrillLevel, MessageKey>> = {
  year: 'drilldown.level.year',
  quarter: 'drilldown.level.quarter',
  month: 'drilldown.level.month',
  week: 'drilldown.level.week',
  day: 'drilldown.level.day',
};

export const DIMENSION_LABELS: Readonly<Record<DrillDimension, MessageKey>> = {
  region: 'drilldown.dimension.region',
  category: 'drilldown.dimension.category',
  channel: 'drilldown.dimension.channel',
  product: 'drilldown.dimension.product',
  tier: 'drilldown.dimension.tier',
  segment: 'drilldown.dimension.segment',
  churnBand: 'drilldown.dimension.churnBand',
};

export const MEASURE_LABELS: Readonly<Record<DrillMeasure, MessageKey>> = {
  revenue: 'drilldown.measure.revenue',
  orders: 'drilldown.measure.orders',
  customers: 'drilldown.measure.customers',
  clv: 'drilldown.measure.clv',
  valueAtRisk: 'drilldown.measure.valueAtRisk',
  meanChurnRisk: 'drilldown.measure.meanChurnRisk',
};

/** `value` when it is one of `list`, else `fallback`. */
export function oneOf<T extends string>(list: readonly T[], value: unknown, fallback: T): T {
  return list.includes(value as T) ? (value as T) : fallback;
}

/** The level below `level` (undefined below a day). */
export function childLevel(level: DrillLevel): DrillLevel | undefined {
  return DRILL_LEVELS[DRILL_LEVELS.indexOf(level) + 1];
}

/** Whether the measure adds up over groups of distinct customers (a share of the total makes sense). */
export function hasShare(measure: DrillMeasure): boolean {
  return measure !== 'meanChurnRisk';
}

/** A measure of group `g` (NaN when the result lacks it, e.g. models off). */
export function measureAt(result: DrilldownResult, measure: DrillMeasure, g: number): number {
  const column = result[measure];
  return column ? (column[g] ?? Number.NaN) : Number.NaN;
}

/** The measure over all rows kept. */
export function measureTotal(result: DrilldownResult, measure: DrillMeasure): number {
  return result.total[measure] ?? Number.NaN;
}

/** A measure's value in words: money for revenue, CLV and value at risk, a count, or a percentage. */
export function formatMeasure(i18n: Localizer, measure: DrillMeasure, value: number): string {
  switch (measure) {
    case 'orders':
    case 'customers':
      return i18n.format.integer(value);
    case 'meanChurnRisk':
      return i18n.format.percent(value, 1);
    default:
      return i18n.format.currency(value);
  }
}

/** One step of the drill path: a time level and the period chosen at it (as the engine labels it). */
export interface DrillStep {
  readonly level: DrillLevel;
  /** The engine's label of the period: `2011`, `2011-Q2`, `2011-03`, `2011-W09`, `2011-03-04`. */
  readonly label: string;
}

/**
 * The drill path of a filter: its time keys holding one period each, coarsest first. Codes are turned into
 * labels (`{ quarter: 8045 }` → `2011-Q2`); lists and unreadable values are not steps (they still filter).
 */
export function drillPath(filter: DrillFilter | undefined): DrillStep[] {
  const path: DrillStep[] = [];
  if (!filter) return path;
  for (const level of DRILL_LEVELS) {
    const label = timeLabel(level, filter[level] as DrillFilterValue | undefined);
    if (label !== undefined) path.push({ level, label });
  }
  return path;
}

/** The filter with the time keys of `path` in place of the filter's own (the other keys kept). */
export function withPath(filter: DrillFilter | undefined, path: readonly DrillStep[]): DrillFilter {
  const next: Record<string, DrillFilterValue> = {};
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (value !== undefined && !DRILL_LEVELS.includes(key as DrillLevel)) next[key] = value;
  }
  for (const step of path) next[step.level] = step.label;
  return next as DrillFilter;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const DAY_MS = 86_400_000;

/** A period's label from a filter value (code or label), or undefined. */
export function timeLabel(level: DrillLevel, value: DrillFilterValue | undefined): string | undefined {
  if (typeof value === 'string') return parseLabel(level, value) ? value : undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
  switch (level) {
    case 'year':
      return String(value);
    case 'quarter':
      return `${Math.floor(value / 4)}-Q${(value % 4) + 1}`;
    case 'month':
      return `${Math.floor(value / 12)}-${pad((value % 12) + 1)}`;
    case 'week': {
      // Weeks since the week of 1970-01-01 (Monday 1969-12-29); the week's Thursday gives its ISO year.
      const monday = (value * 7 - 3) * DAY_MS;
      const year = new Date(monday + 3 * DAY_MS).getUTCFullYear();
      return `${year}-W${pad(Math.round((monday - isoWeekOne(year)) / (7 * DAY_MS)) + 1)}`;
    }
    default: {
      const d = new Date(value * DAY_MS);
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    }
  }
}

/** Monday of ISO week 1 of `year`, epoch ms. */
function isoWeekOne(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0
  return jan4 - weekday * DAY_MS;
}

/** The parts of a period label, or undefined when it is not one of `level`. */
export function parseLabel(
  level: DrillLevel,
  label: string,
): { year: number; part: number; day?: number } | undefined {
  const patterns: Record<DrillLevel, RegExp> = {
    year: /^(\d{4})$/,
    quarter: /^(\d{4})-Q([1-4])$/,
    month: /^(\d{4})-(\d{2})$/,
    week: /^(\d{4})-W(\d{2})$/,
    day: /^(\d{4})-(\d{2})-(\d{2})$/,
  };
  const match = patterns[level].exec(label);
  if (!match) return undefined;
  const year = Number(match[1]);
  const part = match[2] === undefined ? 0 : Number(match[2]);
  if (level === 'month' && (part < 1 || part > 12)) return undefined;
  if (level === 'week' && (part < 1 || part > 53)) return undefined;
  return { year, part, ...(match[3] === undefined ? {} : { day: Number(match[3]) }) };
}

/** A period's start (epoch ms, UTC midnight) from its label; NaN when unreadable. ISO weeks start on Monday. */
export function periodStart(level: DrillLevel, label: string): number {
  const p = parseLabel(level, label);
  if (!p) return Number.NaN;
  switch (level) {
    case 'year':
      return Date.UTC(p.year, 0, 1);
    case 'quarter':
      return Date.UTC(p.year, (p.part - 1) * 3, 1);
    case 'month':
      return Date.UTC(p.year, p.part - 1, 1);
    case 'week':
      return isoWeekOne(p.year) + (p.part - 1) * 7 * DAY_MS;
    default:
      return Date.UTC(p.year, p.part - 1, p.day ?? 1);
  }
}

/**
 * A period in words, from its engine label: `2011`, `Q2 2011`, `Mar 2011`, `Week 9, 2011`, `Mar 4, 2011`
 * (zh-CN: `2011年`, `2011年第2季度`, `2011年3月`, `2011年第9周`, `2011年3月4日`). The label itself when unreadable.
 */
export function periodName(i18n: Localizer, level: DrillLevel, label: string): string {
  const p = parseLabel(level, label);
  if (!p) return label;
  const start = periodStart(level, label);
  switch (level) {
    case 'year':
      return i18n.format.date(start, { year: 'numeric' });
    case 'quarter':
      return i18n.t('drilldown.quarterName', { quarter: p.part, year: String(p.year) });
    case 'month':
      return i18n.format.date(start, { year: 'numeric', month: 'short' });
    case 'week':
      return i18n.t('drilldown.weekName', { week: p.part, year: String(p.year) });
    default:
      return i18n.format.date(start);
  }
}

/** A breakdown key's value in words: tier, band and segment names translated, "(none)" for no value. */
export function dimensionName(i18n: Localizer, dimension: DrillKeyWire, label: string): string {
  if (label === '(none)') return i18n.t('drilldown.none');
  switch (dimension) {
    case 'tier':
      return i18n.tier(label);
    case 'churnBand':
      return i18n.band(label);
    case 'segment':
      return i18n.segment(label);
    default:
      return label;
  }
}
