// English messages: one group of the reference catalog (i18n/en.ts explains the groups).
/** `<lens-cohort-retention>` (cohort-retention/cohort-retention.ts). */
export const enCohortRetention = {
  // <lens-cohort-retention>.
  'cohorts.label': 'Cohort retention',
  'cohorts.caption':
    '{period, select, week {Weekly} quarter {Quarterly} year {Yearly} other {Monthly}} cohorts by first purchase: the share of each cohort’s customers who ordered again, by periods since',
  'cohorts.corner': 'Cohort',
  'cohorts.cornerLabel': 'Cohort (first purchase) and its customers',
  'cohorts.size': '{count, plural, one {# customer} other {# customers}}',
  'cohorts.col': '+{n}',
  'cohorts.since.week': '{n, plural, =0 {First week} one {# week later} other {# weeks later}}',
  'cohorts.since.month': '{n, plural, =0 {First month} one {# month later} other {# months later}}',
  'cohorts.since.quarter': '{n, plural, =0 {First quarter} one {# quarter later} other {# quarters later}}',
  'cohorts.since.year': '{n, plural, =0 {First year} one {# year later} other {# years later}}',
  'cohorts.unobserved': 'Not observed yet',
  'cohorts.cell': '{cohort}, {since}: {active, integer} of {size, integer} customers ({rate})',
  'cohorts.overall': 'All cohorts',
  'cohorts.hint': 'Select a cell to choose a cohort and period.',
  'cohorts.selected': 'Selected: {cell}.',
  'cohorts.loading': 'Computing cohort retention…',
  'cohorts.empty': 'No cohorts to show',
  'cohorts.emptyHint': 'Cohorts need customers with at least one purchase.',
  'cohorts.legend': 'Retention',
  'cohorts.more': 'Showing the latest {shown, integer} of {total, integer} cohorts.',
  'cohorts.partial': '{name} is still in progress: its column is incomplete.',
} as const;
