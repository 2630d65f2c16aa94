import type { MessageFormats } from './message-format.js';

const DAY_MS = 86_400_000;

/** Intl formatters are costly to build: one per locale and options, shared by every element. */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, options);
    } catch {
      // An unknown currency code, say: format as a plain number rather than fail the whole render.
      const { currency: _, style: __, currencyDisplay: ___, ...rest } = options;
      format = new Intl.NumberFormat(locale, rest);
    }
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * Locale-aware formatting of the numbers the widgets show. Missing values (NaN, ±Infinity) are shown as the
 * `none` text (an em dash by default) instead of "NaN".
 */
export class Formats implements MessageFormats {
  /**
   * @param locale - BCP 47 tag for Intl (e.g. `zh-CN`, `de-CH`)
   * @param currencyCode - ISO 4217 code for money (e.g. `USD`)
   * @param none - shown for missing values
   */
  constructor(
    readonly locale: string,
    readonly currencyCode = 'USD',
    readonly none = '—',
  ) {}

  private ok(value: number): boolean {
    return Number.isFinite(value);
  }

  /** A number with up to two decimals: 1,234.57. */
  number(value: number): string {
    return this.ok(value) ? numberFormat(this.locale, { maximumFractionDigits: 2 }).format(value) : this.none;
  }

  /** A whole number: 1,235. */
  integer(value: number): string {
    return this.ok(value) ? numberFormat(this.locale, { maximumFractionDigits: 0 }).format(value) : this.none;
  }

  /** Exactly one decimal: 2.0. */
  decimal(value: number): string {
    return this.ok(value)
      ? numberFormat(this.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)
      : this.none;
  }

  /** A short number: 1.2K, 3.4M (en); 1.2万 (zh). */
  compact(value: number): string {
    return this.ok(value)
      ? numberFormat(this.locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value)
      : this.none;
  }

  /** Money in the currency: $1,234.57; `compact` gives $1.2K. */
  currency(value: number, options: { readonly compact?: boolean; readonly currency?: string } = {}): string {
    if (!this.ok(value)) return this.none;
    const currency = options.currency ?? this.currencyCode;
    return numberFormat(this.locale, {
      style: 'currency',
      currency,
      ...(options.compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
    }).format(value);
  }

  /** A share in [0, 1] as a percentage: 0.473 → 47%; `digits` decimals (default 0). */
  percent(value: number, digits = 0): string {
    return this.ok(value)
      ? numberFormat(this.locale, {
          style: 'percent',
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        }).format(value)
      : this.none;
  }

  /** A calendar date (UTC day) from epoch milliseconds: Sep 30, 1997 / 1997年9月30日. */
  date(value: number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
    if (!this.ok(value)) return this.none;
    const key = `${this.locale}|${JSON.stringify(options)}`;
    let format = dateFormats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(this.locale, { timeZone: 'UTC', ...options });
      dateFormats.set(key, format);
    }
    return format.format(value);
  }

  /** A day count as relative time in the past: 0 → today, 1 → yesterday, 40 → 40 days ago. */
  days(value: number): string {
    if (!this.ok(value)) return this.none;
    let format = relativeFormats.get(this.locale);
    if (!format) {
      format = new Intl.RelativeTimeFormat(this.locale, { numeric: 'auto' });
      relativeFormats.set(this.locale, format);
    }
    return format.format(-Math.round(value), 'day');
  }

  /** Days between two epoch-ms instants, by UTC day. */
  static daysBetween(from: number, to: number): number {
    return Math.floor(to / DAY_MS) - Math.floor(from / DAY_MS);
  }
}
