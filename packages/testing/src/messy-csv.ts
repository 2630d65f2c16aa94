import { STREAM } from './dataset-options.js';
import { DAY_MS, type DateInput, isoDay, toEpochMs, utcDayStart } from './dates.js';
import { paddedId } from './names.js';
import type { Random } from './random.js';
import { substream } from './streams.js';

/**
 * The kinds of broken or suspicious row {@link generateMessyCsv} writes; each maps to exactly one report code:
 * - `emptyCustomerId`: empty or blank customer id → rejected `missing-value`;
 * - `badDate`: not a valid ISO date (`2023-02-30`, `31/12/2023`, `1899-12-31`, `not a date`, …) → rejected `invalid-date`;
 * - `badAmount`: not a plain number (`abc`, `N/A`, `$12.50`, `1e`, `Infinity`, …) → rejected `invalid-number`;
 * - `fieldCount`: three or five fields instead of four → rejected `field-count`;
 * - `unterminatedQuote`: the last field opens a quote that never closes (`…,"O000123`) → rejected `unterminated-quote`;
 * - `duplicate`: an exact repeat of an earlier valid row → accepted, warning `duplicate-row`;
 * - `zeroAmount`: amount `0` or `0.00` → accepted, warning `zero-amount`;
 * - `negativeAmount`: a negative amount (a return) → accepted, warning `negative-amount`;
 * - `futureDate`: dated 1–365 days after `now` → accepted, warning `future-date`.
 */
export type MessyDefect =
  | 'emptyCustomerId'
  | 'badDate'
  | 'badAmount'
  | 'fieldCount'
  | 'unterminatedQuote'
  | 'duplicate'
  | 'zeroAmount'
  | 'negativeAmount'
  | 'futureDate';

/** Rejection codes of the ingestion report that a messy CSV produces. */
export type MessyRejectCode =
  | 'missing-value'
  | 'invalid-number'
  | 'invalid-date'
  | 'field-count'
  | 'unterminated-quote';
/** Warning codes of the ingestion report that a messy CSV produces. */
export type MessyWarningCode = 'zero-amount' | 'negative-amount' | 'duplicate-row' | 'future-date';

/** Every defect kind, in a fixed order (also the order the `anomalies` remainder is handed out in). */
export const MESSY_DEFECTS: readonly MessyDefect[] = [
  'emptyCustomerId',
  'badDate',
  'badAmount',
  'fieldCount',
  'unterminatedQuote',
  'duplicate',
  'zeroAmount',
  'negativeAmount',
  'futureDate',
];

/** Report code of each defect. */
export const MESSY_DEFECT_CODES: Readonly<
  Record<MessyDefect, { readonly rejected: MessyRejectCode } | { readonly warning: MessyWarningCode }>
> = {
  emptyCustomerId: { rejected: 'missing-value' },
  badDate: { rejected: 'invalid-date' },
  badAmount: { rejected: 'invalid-number' },
  fieldCount: { rejected: 'field-count' },
  unterminatedQuote: { rejected: 'unterminated-quote' },
  duplicate: { warning: 'duplicate-row' },
  zeroAmount: { warning: 'zero-amount' },
  negativeAmount: { warning: 'negative-amount' },
  futureDate: { warning: 'future-date' },
};

/**
 * Default count of each defect: all different, so a test that mixes two codes up fails.
 * emptyCustomerId 3, badDate 4, badAmount 5, fieldCount 6, unterminatedQuote 2, duplicate 7, zeroAmount 8,
 * negativeAmount 9, futureDate 10.
 */
export const DEFAULT_MESSY_DEFECTS: Readonly<Record<MessyDefect, number>> = {
  emptyCustomerId: 3,
  badDate: 4,
  badAmount: 5,
  fieldCount: 6,
  unterminatedQuote: 2,
  duplicate: 7,
  zeroAmount: 8,
  negativeAmount: 9,
  futureDate: 10,
};

export interface MessyCsvOptions {
  /** Seed (a 32-bit integer). Default 1. */
  seed?: number;
  /** Number of clean, valid rows (defect rows come on top). Default 1000. */
  rows?: number;
  /** Distinct customer ids among the rows (`C0001`, …). Default max(1, round(rows / 10)). */
  customers?: number;
  /** First day of the valid rows' dates. Default `2023-01-01`. */
  start?: DateInput;
  /** Last day of the valid rows' dates (inclusive); must not be after `now`. Default `2024-12-31`. */
  end?: DateInput;
  /** Reference time for `future-date` (pass the same `now` to ingestion). Default `2025-01-01` (UTC midnight). */
  now?: DateInput;
  /**
   * Share of defect rows relative to `rows`: round(anomalies · rows) defect rows split evenly over the nine kinds
   * (the remainder goes to the first kinds in {@link MESSY_DEFECTS} order). Replaces the default counts;
   * `defects` still overrides single kinds. Default: not used (the default counts apply).
   */
  anomalies?: number;
  /** Exact number of rows of each defect kind; kinds left out keep their default (or `anomalies`) count. */
  defects?: Partial<Record<MessyDefect, number>>;
}

/** What ingesting the CSV must report (codes with a count of 0 are left out, as in the ingestion report). */
export interface MessyCsvExpectation {
  /** Data records (the header is not counted). */
  total: number;
  rejectedByReason: Partial<Record<MessyRejectCode, number>>;
  warnings: Partial<Record<MessyWarningCode, number>>;
}

export interface MessyCsv {
  /** CSV text: header `customer_id,order_date,amount,order_id`, `\n` line ends, a final newline, no blank lines. */
  text: string;
  expected: MessyCsvExpectation;
  /** The `now` the expectation assumes (epoch ms). */
  now: number;
  /** Kind of each data record in file order (`valid` for clean rows): record k (1-based) is `kinds[k - 1]`. */
  kinds: ('valid' | MessyDefect)[];
}

/** The header of a messy CSV. Note `order_date` is not a default alias of the `date` field: map it. */
export const MESSY_CSV_HEADER = 'customer_id,order_date,amount,order_id';

const BAD_DATES = [
  '2023-02-30',
  '2023-13-01',
  '31/12/2023',
  'not a date',
  '2023-1-5',
  '1899-12-31',
  'yesterday',
];
const BAD_AMOUNTS = ['abc', 'N/A', '$12.50', '12.5.1', '1e', '--5', 'Infinity', '0x1F', 'twelve'];
/** Clean rows at the top, so delimiter and date-format sniffing see a consistent file. */
const CLEAN_HEAD = 60;

function defectCounts(options: MessyCsvOptions, rows: number): Record<MessyDefect, number> {
  const counts = { ...DEFAULT_MESSY_DEFECTS };
  if (options.anomalies !== undefined) {
    const share = options.anomalies;
    if (!(share >= 0) || !Number.isFinite(share)) throw new RangeError(`anomalies must be ≥ 0, not ${share}`);
    const total = Math.round(share * rows);
    MESSY_DEFECTS.forEach((kind, k) => {
      counts[kind] = Math.floor(total / MESSY_DEFECTS.length) + (k < total % MESSY_DEFECTS.length ? 1 : 0);
    });
  }
  for (const [kind, value] of Object.entries(options.defects ?? {}) as [MessyDefect, number | undefined][]) {
    if (!(kind in DEFAULT_MESSY_DEFECTS)) throw new RangeError(`unknown defect "${kind}"`);
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`defects.${kind} must be an integer ≥ 0, not ${value}`);
    counts[kind] = value;
  }
  return counts;
}

function shuffle<T>(items: T[], random: Random): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
}

/**
 * A transactions CSV with a known number of each defect, and the ingestion report it must produce.
 *
 * Every defect row is otherwise valid and carries exactly one reason: a fresh order id (so it repeats no other
 * row), a valid customer id, date and positive amount except in the one field it breaks. An unterminated quote
 * is always the last field of its line and is followed by a clean line; no other line contains a quote, so the
 * open quote cannot pair with a later one. A duplicate repeats an earlier clean row exactly. The first
 * min(60, …) rows and the last row are clean.
 *
 * Ingest it with the header mapping and the same `now`, e.g.
 * `ingestTransactions(csv.text, { mapping: { date: 'order_date' }, now: csv.now })`.
 */
export function generateMessyCsv(options: MessyCsvOptions = {}): MessyCsv {
  const rows = options.rows ?? 1000;
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows must be an integer ≥ 1, not ${rows}`);
  const customers = options.customers ?? Math.max(1, Math.round(rows / 10));
  if (!Number.isInteger(customers) || customers < 1) {
    throw new RangeError(`customers must be an integer ≥ 1, not ${customers}`);
  }
  const firstDay = utcDayStart(toEpochMs(options.start ?? '2023-01-01', 'start'));
  const lastDay = utcDayStart(toEpochMs(options.end ?? '2024-12-31', 'end'));
  const now = toEpochMs(options.now ?? '2025-01-01', 'now');
  if (lastDay < firstDay) throw new RangeError('end must not be before start');
  if (lastDay > now) throw new RangeError('end must not be after now (valid rows would be future-dated)');
  const counts = defectCounts(options, rows);
  const defectTotal = MESSY_DEFECTS.reduce((sum, kind) => sum + counts[kind], 0);
  // Rows needed: one clean row at the top (for duplicates to repeat), one after each unterminated quote, one last.
  const head = Math.min(CLEAN_HEAD, rows - counts.unterminatedQuote - 1);
  if (defectTotal > 0 && head < 1) {
    throw new RangeError(
      `rows must be at least unterminatedQuote + 2 (${counts.unterminatedQuote + 2}), not ${rows}`,
    );
  }

  const random = substream(options.seed ?? 1, STREAM.messyCsv);
  const days = Math.round((lastDay - firstDay) / DAY_MS) + 1;
  const idWidth = Math.max(4, String(customers).length);
  const orderWidth = Math.max(6, String(rows + defectTotal).length);

  // The file's plan: clean head, then the shuffled middle (an unterminated quote travels with the clean row after
  // it), then one clean row last.
  type Unit = 'valid' | MessyDefect;
  const middle: Unit[] = [];
  const middleValid = defectTotal > 0 ? rows - head - 1 - counts.unterminatedQuote : 0;
  for (let k = 0; k < middleValid; k++) middle.push('valid');
  for (const kind of MESSY_DEFECTS) for (let k = 0; k < counts[kind]; k++) middle.push(kind);
  shuffle(middle, random);
  const kinds: Unit[] = [];
  if (defectTotal === 0) for (let k = 0; k < rows; k++) kinds.push('valid');
  else {
    for (let k = 0; k < head; k++) kinds.push('valid');
    for (const unit of middle) {
      kinds.push(unit);
      if (unit === 'unterminatedQuote') kinds.push('valid');
    }
    kinds.push('valid');
  }

  let orders = 0;
  const customer = () => paddedId('C', 1 + random.int(customers), idWidth);
  const validDate = () => isoDay(firstDay + random.int(days) * DAY_MS);
  const validAmount = () => Math.max(0.01, random.gamma(2, 1 / 30)).toFixed(2);
  const nextOrder = () => paddedId('O', ++orders, orderWidth);

  const lines: string[] = [MESSY_CSV_HEADER];
  const clean: string[] = [];
  for (const kind of kinds) {
    let line: string;
    switch (kind) {
      case 'valid':
        line = `${customer()},${validDate()},${validAmount()},${nextOrder()}`;
        clean.push(line);
        break;
      case 'emptyCustomerId':
        line = `${random.next() < 0.5 ? '' : '  '},${validDate()},${validAmount()},${nextOrder()}`;
        break;
      case 'badDate':
        line = `${customer()},${random.pick(BAD_DATES)},${validAmount()},${nextOrder()}`;
        break;
      case 'badAmount':
        line = `${customer()},${validDate()},${random.pick(BAD_AMOUNTS)},${nextOrder()}`;
        break;
      case 'fieldCount':
        line =
          random.next() < 0.5
            ? `${customer()},${validDate()},${validAmount()}`
            : `${customer()},${validDate()},${validAmount()},${nextOrder()},extra`;
        break;
      case 'unterminatedQuote':
        line = `${customer()},${validDate()},${validAmount()},"${nextOrder()}`;
        break;
      case 'duplicate':
        line = clean[random.int(clean.length)]!;
        break;
      case 'zeroAmount':
        line = `${customer()},${validDate()},${random.next() < 0.5 ? '0' : '0.00'},${nextOrder()}`;
        break;
      case 'negativeAmount':
        line = `${customer()},${validDate()},-${validAmount()},${nextOrder()}`;
        break;
      case 'futureDate':
        line = `${customer()},${isoDay(utcDayStart(now) + (1 + random.int(365)) * DAY_MS)},${validAmount()},${nextOrder()}`;
        break;
    }
    lines.push(line);
  }

  const rejectedByReason: Partial<Record<MessyRejectCode, number>> = {};
  const warnings: Partial<Record<MessyWarningCode, number>> = {};
  for (const kind of MESSY_DEFECTS) {
    if (counts[kind] === 0) continue;
    const code = MESSY_DEFECT_CODES[kind];
    if ('rejected' in code) rejectedByReason[code.rejected] = counts[kind];
    else warnings[code.warning] = counts[kind];
  }
  return {
    text: `${lines.join('\n')}\n`,
    expected: { total: kinds.length, rejectedByReason, warnings },
    now,
    kinds,
  };
}
