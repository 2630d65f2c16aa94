/** How decimal numbers are written in the source. */
export interface NumberFormat {
  /** Decimal comma (`1.234,56`, `12,5`): `.`, space, no-break space and `'` are then thousands separators. */
  decimalComma?: boolean;
}

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA_PLAIN = /^[+-]?(?:\d+(?:,\d*)?|,\d+)$/;
const COMMA_GROUPED = /^[+-]?\d{1,3}(?:[. \u00a0']\d{3})+(?:,\d+)?$/;

/**
 * Parse one number. Returns NaN for text that is not a number in the given format — never a guess: `1,5` with
 * the default format is rejected (not read as 15 or 1.5), and so are `Infinity`, hex and currency symbols.
 * Empty or blank text returns `undefined` (a missing value, not an invalid one).
 */
export function parseNumber(text: string, format: NumberFormat = {}): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  if (!format.decimalComma) return PLAIN.test(s) ? Number(s) : Number.NaN;
  if (COMMA_PLAIN.test(s)) return Number(s.replace(',', '.'));
  if (COMMA_GROUPED.test(s)) return Number(s.replace(/[. \u00a0']/g, '').replace(',', '.'));
  return Number.NaN;
}
