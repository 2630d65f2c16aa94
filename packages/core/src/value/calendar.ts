const DAY_MS = 86_400_000;

/**
 * Move a UTC time by whole calendar months, clamping the day to the target month's length
 * (2011-03-31 − 1 month = 2011-02-28): real months, never "30 days".
 */
export function addUtcMonths(time: number, months: number): number {
  const d = new Date(time);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  );
}

/** UTC day number (days since 1970-01-01) of an epoch-ms time. */
export function dayNumber(time: number): number {
  return Math.floor(time / DAY_MS);
}
