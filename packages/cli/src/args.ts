import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type FieldMapping, type FieldSource, PRESETS, type TransactionIngestOptions } from '@crm-lens/core';

/** A mistake in how the command was called (exit code 2, with usage help). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Flags shared by every command that reads a transactions file. */
export const INPUT_FLAGS = {
  preset: { type: 'string' },
  format: { type: 'string' },
  delimiter: { type: 'string' },
  'no-header': { type: 'boolean' },
  map: { type: 'string', multiple: true },
  amount: { type: 'string' },
  'date-format': { type: 'string' },
  'decimal-comma': { type: 'boolean' },
  encoding: { type: 'string' },
  returns: { type: 'string' },
  'cancellation-prefix': { type: 'string' },
  now: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const INPUT_FLAGS_HELP = `Reading the file:
  --preset NAME            a named mapping: ${Object.keys(PRESETS).join(', ')}
  --format F               csv | tsv | whitespace | json | arrow (default: detected)
  --delimiter D            field delimiter, e.g. ';' or '\\t' or whitespace (default: detected)
  --no-header              the first line is data; columns are then named 1, 2, 3, …
  --map field=column       map a canonical field to a column (repeatable), e.g. --map customerId=CustNo
  --amount EXPR            compute the amount, e.g. --amount 'Quantity*UnitPrice'
  --date-format F          auto | iso | yyyymmdd | epoch-s | epoch-ms | a pattern such as DD/MM/YYYY
  --decimal-comma          numbers are written 1.234,56
  --encoding E             text encoding (default utf-8), e.g. windows-1252
  --returns P              net (default: returns netted against purchases) | exclude
  --cancellation-prefix C  an order id starting with C is a cancellation
  --now DATE               reference time for the future-date warning (default: now)`;

const unescapeTab = (value: string) => (value === '\\t' ? '\t' : value);

function parseMapEntry(entry: string): [string, FieldSource] {
  const eq = entry.indexOf('=');
  if (eq <= 0) throw new UsageError(`--map takes field=column, got "${entry}"`);
  const field = entry.slice(0, eq).trim();
  const column = entry.slice(eq + 1).trim();
  return [field, column];
}

function parseDate(text: string, flag: string): number {
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(t)) throw new UsageError(`${flag} takes a date such as 2011-12-31, got "${text}"`);
  return t;
}

export type InputFlagValues = {
  [K in keyof typeof INPUT_FLAGS]?: (typeof INPUT_FLAGS)[K] extends { multiple: true }
    ? string[]
    : (typeof INPUT_FLAGS)[K] extends { type: 'boolean' }
      ? boolean
      : string;
};

/** Turn the shared flags into ingestion options (a preset first, then explicit flags on top). */
export function ingestOptionsFromFlags(values: InputFlagValues): TransactionIngestOptions {
  let options: TransactionIngestOptions = {};
  if (values.preset !== undefined) {
    const preset = PRESETS[values.preset];
    if (!preset) {
      throw new UsageError(`unknown preset "${values.preset}"; presets: ${Object.keys(PRESETS).join(', ')}`);
    }
    options = { ...preset.options, mapping: { ...preset.options.mapping } };
  }
  if (values.format !== undefined) {
    if (!['csv', 'tsv', 'whitespace', 'json', 'arrow', 'auto'].includes(values.format)) {
      throw new UsageError(`--format takes csv, tsv, whitespace, json or arrow, got "${values.format}"`);
    }
    options.format = values.format as TransactionIngestOptions['format'];
  }
  if (values.delimiter !== undefined) options.delimiter = unescapeTab(values.delimiter);
  if (values['no-header']) options.header = false;
  const mapping: Record<string, FieldSource | undefined> = {
    ...(options.mapping as FieldMapping | undefined),
  };
  for (const entry of values.map ?? []) {
    const [field, column] = parseMapEntry(entry);
    mapping[field] = column;
  }
  if (values.amount !== undefined) mapping.amount = { expr: values.amount };
  options.mapping = mapping;
  if (values['date-format'] !== undefined) options.dateFormat = values['date-format'];
  if (values['decimal-comma']) options.decimalComma = true;
  if (values.encoding !== undefined) options.encoding = values.encoding;
  if (values.returns !== undefined) {
    if (values.returns !== 'net' && values.returns !== 'exclude') {
      throw new UsageError(`--returns takes net or exclude, got "${values.returns}"`);
    }
    options.returns = values.returns;
  }
  if (values['cancellation-prefix'] !== undefined) options.cancellationPrefix = values['cancellation-prefix'];
  if (values.now !== undefined) options.now = parseDate(values.now, '--now');
  return options;
}

/** parseArgs with our error type. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
): { values: Record<string, unknown>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, unknown>, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export { parseDate };

/** A number flag within bounds, or its default. */
export function numberFlag(
  values: Record<string, unknown>,
  flag: string,
  fallback: number,
  check: (n: number) => boolean,
  expected: string,
): number {
  const text = values[flag] as string | undefined;
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !check(n))
    throw new UsageError(`--${flag} takes ${expected}, got "${text}"`);
  return n;
}

/** A whole-number flag ≥ `min`, or its default. */
export function countFlag(
  values: Record<string, unknown>,
  flag: string,
  fallback: number,
  min: number,
): number {
  const text = values[flag] as string | undefined;
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min)
    throw new UsageError(`--${flag} takes a whole number ≥ ${min}, got "${text}"`);
  return n;
}

/**
 * The common start of a command that takes one file: parse the flags, answer --help, and insist on exactly one
 * file argument. Returns undefined when help was printed.
 */
export function parseFileCommand<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  flags: T,
  usage: { name: string; help: string; out: (text: string) => void },
): { values: Record<string, unknown>; file: string } | undefined {
  const { values, positionals } = parseCommandArgs(args, flags);
  if (values.help) {
    usage.out(usage.help);
    return undefined;
  }
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError(`${usage.name} needs a file: crm-lens ${usage.name} <file> [flags]`);
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  return { values, file };
}
