import { enPeriods } from '../i18n/en/periods.js';
import type { MessageKey } from '../i18n/en.js';
import { addEnglish } from '../i18n/locale.js';
import type { Localizer } from '../i18n/localizer.js';
import type { LensPeriod } from './period.js';

// The period words of <lens-kpis> and <lens-cohort-retention>, which both import this module (i18n/en.ts).
addEnglish(enPeriods);

/** The label of each period in the period select. */
export const PERIOD_LABELS: Readonly<Record<LensPeriod, MessageKey>> = {
  week: 'kpis.period.week',
  month: 'kpis.period.month',
  quarter: 'kpis.period.quarter',
  year: 'kpis.period.year',
};

/**
 * A calendar period in words, from its start (epoch ms, UTC): `Jan 1997`, `Q1 1997`, `1997`, `Week of Jan 6,
 * 1997` (zh-CN: `1997年1月`, `1997年第1季度`, `1997年`, `1997年1月6日当周`).
 */
export function periodName(i18n: Localizer, period: LensPeriod, start: number): string {
  if (!Number.isFinite(start)) return i18n.format.date(start);
  const date = new Date(start);
  switch (period) {
    case 'year':
      return i18n.format.date(start, { year: 'numeric' });
    case 'quarter':
      return i18n.t('kpis.quarterName', {
        quarter: Math.floor(date.getUTCMonth() / 3) + 1,
        year: String(date.getUTCFullYear()),
      });
    case 'week':
      return i18n.t('kpis.weekName', { date: i18n.format.date(start) });
    default:
      return i18n.format.date(start, { year: 'numeric', month: 'short' });
  }
}
