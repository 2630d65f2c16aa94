/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;
/** Milliseconds in a minute. */
export const MINUTE_MS = 60_000;

/** A date option: an ISO calendar date `YYYY-MM-DD` (read as UTC), epoch milliseconds, or a `Date`. */
export type DateInput = string | number | Date;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Epoch ms of a date option. Strings must be `YYYY-MM-DD` (UTC midnight): other formats are refused rather
 * than left to `Date.parse`, whose reading of zone-less date-times depends on the machine's time zone.
 */
export function toEpochMs(value: DateInput, name: string): number {
  let t: number;
  if (value instanceof Date) t = value.getTime();
  else if (typeof value === 'number') t = value;
  else {
    const m = ISO_DAY.exec(value);
    t = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) : Number.NaN;
    if (m && new Date(t).getUTCDate() !== +m[3]!) t = Number.NaN;
  }
  if (!Number.isFinite(t))
    throw new RangeError(`${name}: "${String(value)}" is not a date (use YYYY-MM-DD, epoch ms or a Date)`);
  return t;
}

/** Start of the UTC day containing `t`. */
export function utcDayStart(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

/** Round down to a whole minute. */
export function floorMinute(t: number): number {
  return Math.floor(t / MINUTE_MS) * MINUTE_MS;
}

/** `YYYY-MM-DD` of an epoch-ms time, in UTC. */
export function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}
