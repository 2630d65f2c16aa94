/** Calendar periods of cohorts and loyalty series, all in UTC. */
export type CalendarPeriod = 'month' | 'quarter' | 'year' | 'week';

export const CALENDAR_PERIODS: readonly CalendarPeriod[] = ['month', 'quarter', 'year', 'week'];

const DAY_MS = 86_400_000;

/** Checks a period name. */
export function checkPeriod(period: unknown): CalendarPeriod {
  if (!CALENDAR_PERIODS.includes(period as CalendarPeriod)) {
    throw new RangeError(`period must be one of ${CALENDAR_PERIODS.join(', ')}; got ${String(period)}`);
  }
  return period as CalendarPeriod;
}

/**
 * Months since 0000-01 (proleptic Gregorian) of a UTC day number: `year × 12 + month − 1`. Integer arithmetic only
 * (H. Hinnant's `civil_from_days`), no `Date` objects, so it is cheap per occasion.
 */
export function monthOfDay(day: number): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9; // 1 … 12
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/**
 * The index of the period holding a UTC day number: months since 0000-01, quarters since 0000-Q1, years, or weeks
 * (Monday to Sunday) since the week of 1970-01-01 (which is week 0).
 */
export function periodOfDay(day: number, period: CalendarPeriod): number {
  switch (period) {
    case 'month':
      return monthOfDay(day);
    case 'quarter':
      return Math.floor(monthOfDay(day) / 3);
    case 'year':
      return Math.floor(monthOfDay(day) / 12);
    case 'week':
      // 1970-01-01 (day 0) is a Thursday: its week began on Monday 1969-12-29, day −3.
      return Math.floor((day + 3) / 7);
  }
}

/** The UTC day number of the first day of period index `p`. */
export function periodStartDay(p: number, period: CalendarPeriod): number {
  if (period === 'week') return 7 * p - 3;
  const month = period === 'month' ? p : period === 'quarter' ? 3 * p : 12 * p;
  const year = Math.floor(month / 12);
  return dayOfCivil(year, month - 12 * year + 1, 1);
}

/** The UTC day number of a proleptic Gregorian date, month 1 … 12 (H. Hinnant's `days_from_civil`). */
export function dayOfCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** A short label of period index `p`: `2024-03`, `2024-Q1`, `2024`, or the Monday of a week, `2024-03-04`. */
export function periodLabel(p: number, period: CalendarPeriod): string {
  const pad = (v: number, n: number) => String(v).padStart(n, '0');
  switch (period) {
    case 'month':
      return `${pad(Math.floor(p / 12), 4)}-${pad((((p % 12) + 12) % 12) + 1, 2)}`;
    case 'quarter':
      return `${pad(Math.floor(p / 4), 4)}-Q${(((p % 4) + 4) % 4) + 1}`;
    case 'year':
      return pad(p, 4);
    case 'week':
      return new Date(periodStartDay(p, 'week') * DAY_MS).toISOString().slice(0, 10);
  }
}
