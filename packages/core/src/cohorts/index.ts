// Cohort retention by calendar period (first-purchase period × periods since), and the UTC period calendar.
export { type CohortRetention, cohortRetention, cohortRetentionSteps } from './cohort-retention.js';
export { MAX_PERIODS, type OccasionInput, type PeriodOptions } from './occasion-input.js';
export {
  CALENDAR_PERIODS,
  type CalendarPeriod,
  periodLabel,
  periodOfDay,
  periodStartDay,
} from './periods.js';
