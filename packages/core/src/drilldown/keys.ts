import { CHURN_BANDS } from '../churn/churn-risk.js';
import { dayOfCivil, monthOfDay, periodLabel, periodOfDay, periodStartDay } from '../cohorts/periods.js';
import { TIERS } from '../value/value-pyramid.js';

/** Time levels, coarsest first: UTC calendar years, quarters, months, ISO weeks (Monday to Sunday) and days. */
export const TIME_LEVELS = ['year', 'quarter', 'month', 'week', 'day'] as const;
export type TimeLevel = (typeof TIME_LEVELS)[number];

/** Dictionary-coded transaction columns a drill-down can group by. */
export const DRILL_DIMENSIONS = ['region', 'category', 'channel', 'product', 'currency'] as const;
export type DrillDimension = (typeof DRILL_DIMENSIONS)[number];

/** Per-customer attributes from the scores (value-pyramid tier, RFM segment, churn band). */
export const CUSTOMER_ATTRIBUTES = ['tier', 'segment', 'churnBand'] as const;
export type CustomerAttribute = (typeof CUSTOMER_ATTRIBUTES)[number];

/** What a drill-down groups or filters by. */
export type DrillKey = TimeLevel | DrillDimension | CustomerAttribute;

/** How a key is read: from the row's date, from a dictionary column, or from the row's customer. */
export type DrillKeyKind = 'time' | 'dimension' | 'customer';

/** Label of the group of rows with no value for a dimension or customer attribute. */
export const NONE_LABEL = '(none)';

/** The kind of a key; throws a RangeError on an unknown key. */
export function drillKeyKind(key: string): DrillKeyKind {
  if ((TIME_LEVELS as readonly string[]).includes(key)) return 'time';
  if ((DRILL_DIMENSIONS as readonly string[]).includes(key)) return 'dimension';
  if ((CUSTOMER_ATTRIBUTES as readonly string[]).includes(key)) return 'customer';
  throw new RangeError(
    `unknown drill-down key ${JSON.stringify(key)}; expected one of ${[...TIME_LEVELS, ...DRILL_DIMENSIONS, ...CUSTOMER_ATTRIBUTES].join(', ')}`,
  );
}

/** Labels of the fixed customer-attribute vocabularies (the segment names come from the scores). */
export const TIER_LABELS: readonly string[] = TIERS;
export const CHURN_BAND_LABELS: readonly string[] = CHURN_BANDS;

/**
 * The code of the period holding a UTC day number (days since 1970-01-01):
 * - year: the year (2011);
 * - quarter: `year × 4 + quarter − 1` (2011-Q2 → 8045);
 * - month: `year × 12 + month − 1` (2011-03 → 24134);
 * - week: weeks since the ISO week of 1970-01-01 (Monday 1969-12-29 = week 0), as the cohorts count them;
 * - day: the day number itself.
 */
export function timeCode(day: number, level: TimeLevel): number {
  return level === 'day' ? day : periodOfDay(day, level);
}

/** The UTC day number of the first day of period `code`. */
export function timeStartDay(code: number, level: TimeLevel): number {
  return level === 'day' ? code : periodStartDay(code, level);
}

const pad = (v: number, n: number) => String(v).padStart(n, '0');

/** The ISO 8601 week-numbering year and week (1 … 53) of a week code. */
export function isoWeek(code: number): { readonly year: number; readonly week: number } {
  // A week belongs to the ISO year of its Thursday; week 1 is the week holding that year's first Thursday.
  const thursday = periodStartDay(code, 'week') + 3;
  const year = Math.floor(monthOfDay(thursday) / 12);
  return { year, week: Math.floor((thursday - dayOfCivil(year, 1, 1)) / 7) + 1 };
}

/** A label: `2011`, `2011-Q2`, `2011-03`, ISO week `2011-W09` (ISO week-numbering year), or day `2011-03-04`. */
export function timeLabel(code: number, level: TimeLevel): string {
  switch (level) {
    case 'week': {
      const { year, week } = isoWeek(code);
      return `${pad(year, 4)}-W${pad(week, 2)}`;
    }
    case 'day': {
      const month = monthOfDay(code);
      const year = Math.floor(month / 12);
      return `${pad(year, 4)}-${pad(month - 12 * year + 1, 2)}-${pad(code - dayOfCivil(year, month - 12 * year + 1, 1) + 1, 2)}`;
    }
    default:
      return periodLabel(code, level);
  }
}

const LABEL_PATTERNS: Readonly<Record<TimeLevel, RegExp>> = {
  year: /^(\d{4})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  month: /^(\d{4})-(\d{2})$/,
  week: /^(\d{4})-W(\d{2})$/,
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
};

const LABEL_EXAMPLES: Readonly<Record<TimeLevel, string>> = {
  year: '2011',
  quarter: '2011-Q2',
  month: '2011-03',
  week: '2011-W09',
  day: '2011-03-04',
};

/** The code of a time label (the inverse of {@link timeLabel}); throws a RangeError on anything else. */
export function parseTimeLabel(label: string, level: TimeLevel): number {
  const m = LABEL_PATTERNS[level].exec(label);
  let code = Number.NaN;
  if (m) {
    const year = Number(m[1]);
    const second = Number(m[2]);
    switch (level) {
      case 'year':
        code = year;
        break;
      case 'quarter':
        code = year * 4 + second - 1;
        break;
      case 'month':
        code = year * 12 + second - 1;
        break;
      case 'week':
        // Week 1 holds 4 January.
        code = periodOfDay(dayOfCivil(year, 1, 4), 'week') + second - 1;
        break;
      case 'day':
        code = dayOfCivil(year, second, Number(m[3]));
        break;
    }
  }
  // The round trip rejects 2011-13, 2011-02-30 and week 53 of a 52-week year.
  if (!Number.isFinite(code) || timeLabel(code, level) !== label) {
    throw new RangeError(`${JSON.stringify(label)} is not a ${level} label (e.g. ${LABEL_EXAMPLES[level]})`);
  }
  return code;
}
