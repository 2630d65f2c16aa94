import { parseNumber } from '../ingest/parse-number.js';
import type { AdapterWarning, CanonicalRow } from './types.js';

export interface CurrencyConversion {
  /** The currency to convert to (ISO 4217), e.g. `EUR`. */
  readonly base: string;
  /**
   * Units of `base` per unit of each currency (`{ USD: 0.92, GBP: 1.17 }` for base EUR), or a function of the
   * currency and the row, for dated rates. A rate must be a positive finite number.
   */
  readonly rates:
    | Readonly<Record<string, number>>
    | ((currency: string, row: CanonicalRow) => number | undefined);
  /** Fields to convert (default `amount`, `unitPrice`, `cost`). */
  readonly fields?: readonly string[];
  /** Amounts written with a decimal comma (`1.234,56`). */
  readonly decimalComma?: boolean;
  /** Named in warnings (default `transactions`). */
  readonly object?: string;
}

export interface ConvertedRows {
  /** New rows (the input is not changed); converted ones carry `currency: base`. */
  readonly rows: CanonicalRow[];
  /** One per row left unconverted: no currency, or no rate for it. */
  readonly warnings: AdapterWarning[];
  readonly converted: number;
  readonly unconverted: number;
  /** Currencies without a rate, with their row counts (codes only: no other row content). */
  readonly missingRates: Readonly<Record<string, number>>;
}

/**
 * Convert transaction amounts to one currency: the explicit step between an adapter (which passes mixed
 * currencies through) and the models (which sum amounts). Rows already in `base` are kept; rows with no
 * currency or an unknown one are kept unconverted and warned, never guessed. Amounts that are not numbers are
 * left for ingestion to reject and report.
 */
export function convertCurrency(
  rows: readonly CanonicalRow[],
  conversion: CurrencyConversion,
): ConvertedRows {
  const base = conversion.base.trim().toUpperCase();
  const fields = conversion.fields ?? ['amount', 'unitPrice', 'cost'];
  const object = conversion.object ?? 'transactions';
  const table = typeof conversion.rates === 'function' ? undefined : normaliseRates(conversion.rates);
  const lookup =
    typeof conversion.rates === 'function'
      ? conversion.rates
      : (currency: string) => (currency === base ? 1 : table!.get(currency));
  const out: CanonicalRow[] = [];
  const warnings: AdapterWarning[] = [];
  const missingRates: Record<string, number> = {};
  let converted = 0;
  rows.forEach((row, i) => {
    const record = i + 1;
    const raw = row.currency;
    const currency = typeof raw === 'string' ? raw.trim().toUpperCase() : undefined;
    if (!currency) {
      out.push(row);
      warnings.push({
        code: 'missing-currency',
        object,
        record,
        field: 'currency',
        message: `${object} row ${record} has no currency; left unconverted`,
      });
      return;
    }
    const rate = currency === base ? 1 : lookup(currency, row);
    if (rate === undefined || !Number.isFinite(rate) || rate <= 0) {
      out.push(row);
      missingRates[currency] = (missingRates[currency] ?? 0) + 1;
      warnings.push({
        code: 'unknown-currency',
        object,
        record,
        field: 'currency',
        message: `${object} row ${record}: no rate for its currency to ${base}; left unconverted`,
      });
      return;
    }
    const next: CanonicalRow = { ...row, currency: base };
    if (rate !== 1) {
      for (const field of fields) {
        const value = row[field];
        const n =
          typeof value === 'number'
            ? value
            : typeof value === 'string'
              ? parseNumber(value, { decimalComma: conversion.decimalComma === true })
              : undefined;
        if (n !== undefined && Number.isFinite(n)) next[field] = n * rate;
      }
    }
    converted++;
    out.push(next);
  });
  return { rows: out, warnings, converted, unconverted: rows.length - converted, missingRates };
}

function normaliseRates(rates: Readonly<Record<string, number>>): Map<string, number> {
  const map = new Map<string, number>();
  for (const [code, rate] of Object.entries(rates)) map.set(code.trim().toUpperCase(), rate);
  return map;
}
