/**
 * Time units for the BTYD models. Model parameters (α, β, γ) are rates per unit, so the unit is part of the fit and
 * every prediction must use the same one.
 *
 * Calendar conventions are explicit, never "a month is 30 days":
 * - day = 86 400 000 ms (UTC days; no DST in UTC),
 * - week = 7 days,
 * - month = 30.4375 days = 365.25 / 12 (average Gregorian-Julian month),
 * - year = 365.25 days (used for discounting and for `{ years }` horizons).
 */
export type TimeUnit = 'day' | 'week' | 'month';

export const MS_PER_DAY = 86_400_000;
export const DAYS_PER_WEEK = 7;
export const DAYS_PER_MONTH = 30.4375;
export const DAYS_PER_YEAR = 365.25;

/** Length of one model time unit in days. */
export function daysPerUnit(unit: TimeUnit): number {
  switch (unit) {
    case 'day':
      return 1;
    case 'week':
      return DAYS_PER_WEEK;
    case 'month':
      return DAYS_PER_MONTH;
    default:
      throw new RangeError(`unknown time unit: ${String(unit)}`);
  }
}

/** Length of one model time unit in milliseconds. */
export function msPerUnit(unit: TimeUnit): number {
  return daysPerUnit(unit) * MS_PER_DAY;
}

/**
 * A calendar span, e.g. `{ months: 12 }` or `{ weeks: 26 }`; components add up
 * (days + 7·weeks + 30.4375·months + 365.25·years).
 */
export interface Horizon {
  readonly days?: number;
  readonly weeks?: number;
  readonly months?: number;
  readonly years?: number;
}

/** Total length of a {@link Horizon} in days (see the conventions above). */
export function horizonToDays(horizon: Horizon): number {
  const days =
    (horizon.days ?? 0) +
    DAYS_PER_WEEK * (horizon.weeks ?? 0) +
    DAYS_PER_MONTH * (horizon.months ?? 0) +
    DAYS_PER_YEAR * (horizon.years ?? 0);
  if (!(days >= 0) || !Number.isFinite(days))
    throw new RangeError('horizon must be a finite, non-negative span');
  return days;
}

/** A {@link Horizon} expressed in model time units. */
export function horizonToUnits(horizon: Horizon, unit: TimeUnit): number {
  return horizonToDays(horizon) / daysPerUnit(unit);
}
