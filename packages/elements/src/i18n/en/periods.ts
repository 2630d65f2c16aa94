// English messages: one group of the reference catalog (i18n/en.ts explains the groups).
/** The periods of `<lens-kpis>` and `<lens-cohort-retention>` (kpis/period-labels.ts). */
export const enPeriods = {
  // Period words (<lens-kpis>, <lens-cohort-retention>).
  'kpis.period': 'Period',
  'kpis.period.week': 'Week',
  'kpis.period.month': 'Month',
  'kpis.period.quarter': 'Quarter',
  'kpis.period.year': 'Year',
  'kpis.quarterName': 'Q{quarter} {year}',
  'kpis.weekName': 'Week of {date}',
} as const;
