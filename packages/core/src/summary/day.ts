/** Milliseconds in one UTC calendar day. */
export const DAY_MS = 86_400_000;

/**
 * The UTC calendar day of an instant, as a whole number of days since 1970-01-01 (negative before it).
 * `Math.floor` (not truncation) keeps instants before 1970 on the right day.
 */
export function utcDayNumber(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS);
}
