// English messages: one group of the reference catalog (i18n/en.ts explains the groups).
/** `<lens-kpis>` (kpis/kpis.ts). */
export const enKpis = {
  // <lens-kpis>.
  'kpis.label': 'Loyalty indicators',
  'kpis.loading': 'Computing loyalty indicators…',
  'kpis.empty': 'No orders to measure',
  'kpis.emptyHint': 'Loyalty indicators need customers with at least one purchase.',
  'kpis.repeat.label': 'Repeat-purchase rate',
  'kpis.repeat.detail': '{repeat, integer} of {customers, integer} customers ordered more than once',
  'kpis.retention.label':
    '{period, select, week {Weekly} quarter {Quarterly} year {Yearly} other {Monthly}} retention rate',
  'kpis.retention.detail': 'Latest complete: {name}, {rate}',
  'kpis.retention.none': 'No complete period after the first yet',
  'kpis.days.label': 'Average days between orders',
  'kpis.days.detail': 'Median {median} days',
  'kpis.trend':
    'Retention rate of the latest {n, integer} {period, select, week {weeks} quarter {quarters} year {years} other {months}}',
  'kpis.trendItem': '{name}: {rate}',
  'kpis.partial': '{name} is still in progress: the headline retention rate leaves it out.',
} as const;
