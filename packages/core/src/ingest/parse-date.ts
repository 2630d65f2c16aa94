/**
 * Date parsing for ingestion.
 *
 * The time-zone rule: a date or date-time **without** an explicit offset is read as UTC wall-clock time
 * (`2011-03-05` is 2011-03-05T00:00Z, whatever the machine's zone), so results never depend on where the code
 * runs; a value **with** `Z` or `±hh:mm` is converted to the UTC instant it names. All dates are stored as epoch
 * milliseconds, and every model works in UTC calendar days.
 */

/** A date format: a named one, or a pattern of YYYY, MM, M, DD, D, HH, H, mm, ss, SSS and literal characters. */
export type DateFormat = 'auto' | 'iso' | 'yyyymmdd' | 'epoch-s' | 'epoch-ms' | (string & {});

/** A compiled parser for one format: returns epoch ms, or NaN when the text is not a valid date in it. */
export type DateParser = (text: string) => number;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

const DAY_MS = 86_400_000;

/** Epoch ms of a UTC calendar time, or NaN if any part is out of range (Feb 30, hour 24, …). */
export function utcTime(year: number, month: number, day: number, h = 0, m = 0, s = 0, ms = 0): number {
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || m > 59 || s > 59) return Number.NaN;
  const t = Date.UTC(year, month - 1, day, h, m, s, ms);
  // Date.UTC rolls Feb 30 over to Mar 2: check the day survived.
  const check = new Date(t);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return Number.NaN;
  return t;
}

function parseIso(text: string): number {
  const m = ISO.exec(text);
  if (!m) return Number.NaN;
  const frac = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const t = utcTime(+m[1]!, +m[2]!, +m[3]!, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, frac);
  const zone = m[8];
  if (!zone || zone === 'Z' || Number.isNaN(t)) return t;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMin = Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2)) : 0);
  return t - sign * offsetMin * 60_000;
}

function parseYmd(text: string): number {
  if (text.length !== 8 || !/^\d{8}$/.test(text)) return Number.NaN;
  return utcTime(+text.slice(0, 4), +text.slice(4, 6), +text.slice(6, 8));
}

function parseEpoch(scale: number): DateParser {
  return (text) => (/^-?\d+(?:\.\d+)?$/.test(text) ? Math.round(Number(text) * scale) : Number.NaN);
}

const TOKENS: Record<string, { re: string; part: 'y' | 'mo' | 'd' | 'h' | 'mi' | 's' | 'ms' }> = {
  YYYY: { re: '(\\d{4})', part: 'y' },
  MM: { re: '(\\d{2})', part: 'mo' },
  M: { re: '(\\d{1,2})', part: 'mo' },
  DD: { re: '(\\d{2})', part: 'd' },
  D: { re: '(\\d{1,2})', part: 'd' },
  HH: { re: '(\\d{2})', part: 'h' },
  H: { re: '(\\d{1,2})', part: 'h' },
  mm: { re: '(\\d{2})', part: 'mi' },
  ss: { re: '(\\d{2})', part: 's' },
  SSS: { re: '(\\d{3})', part: 'ms' },
};
const TOKEN_RE = /YYYY|SSS|MM|DD|HH|mm|ss|M|D|H/g;

/** Compile an explicit pattern such as `DD/MM/YYYY HH:mm` (a RegExp, so it is CSP-safe). */
export function compileDatePattern(pattern: string): DateParser {
  const parts: Array<(typeof TOKENS)[string]['part']> = [];
  let source = '';
  let last = 0;
  for (const match of pattern.matchAll(TOKEN_RE)) {
    source += pattern.slice(last, match.index).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const token = TOKENS[match[0]]!;
    source += token.re;
    parts.push(token.part);
    last = match.index + match[0].length;
  }
  source += pattern.slice(last).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!parts.includes('y') || !parts.includes('mo') || !parts.includes('d')) {
    throw new RangeError(
      `date format "${pattern}" needs a year (YYYY), a month (MM or M) and a day (DD or D)`,
    );
  }
  const re = new RegExp(`^${source}$`);
  return (text) => {
    const m = re.exec(text);
    if (!m) return Number.NaN;
    const v = { y: 0, mo: 1, d: 1, h: 0, mi: 0, s: 0, ms: 0 };
    for (let i = 0; i < parts.length; i++) v[parts[i]!] = Number(m[i + 1]);
    return utcTime(v.y, v.mo, v.d, v.h, v.mi, v.s, v.ms);
  };
}

/** The parser for a named format or pattern (not `auto`; see {@link detectDateFormat}). */
export function dateParser(format: Exclude<DateFormat, 'auto'>): DateParser {
  switch (format) {
    case 'iso':
      return parseIso;
    case 'yyyymmdd':
      return parseYmd;
    case 'epoch-s':
      return parseEpoch(1000);
    case 'epoch-ms':
      return parseEpoch(1);
    default:
      return compileDatePattern(format);
  }
}

/**
 * Recognise the format of one date text for `dateFormat: 'auto'`. The first non-empty value of a column decides,
 * and the decision is reported; later values in another format are rejected, not re-guessed.
 * Returns undefined for text in none of the automatic formats (use an explicit pattern for those).
 */
export function detectDateFormat(text: string): Exclude<DateFormat, 'auto'> | undefined {
  const s = text.trim();
  if (ISO.test(s)) return 'iso';
  if (/^\d{8}$/.test(s)) return 'yyyymmdd';
  if (/^\d{9,10}(?:\.\d+)?$/.test(s)) return 'epoch-s';
  if (/^\d{12,13}$/.test(s)) return 'epoch-ms';
  return undefined;
}

/** Start of the UTC calendar day containing `t` (epoch ms). */
export function utcDay(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}

/** ISO date (`YYYY-MM-DD`) of an epoch-ms time, in UTC. */
export function isoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}
