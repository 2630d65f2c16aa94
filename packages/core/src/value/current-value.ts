import type { TransactionTable } from '../schema/transactions.js';
import { forChunks, runWork, type Work } from '../util/work.js';
import { addUtcMonths, dayNumber } from './calendar.js';

export interface CurrentValueOptions {
  /** Analysis date (epoch ms); its UTC day is the last day of the window. */
  readonly asOf: number;
  /** Trailing window in calendar months (default 12). */
  readonly months?: number;
  /**
   * `revenue`: net amount (returns netted); `margin`: amount − cost (needs a cost column); `auto` (default):
   * margin when the table has a cost column, else revenue.
   */
  readonly measure?: 'auto' | 'revenue' | 'margin';
}

export interface CurrentValue {
  /** Per customer code: net revenue (or margin) in the window; 0 for customers without rows in it. */
  readonly value: Float64Array;
  readonly measure: 'revenue' | 'margin';
  /** First UTC day in the window (epoch ms of its start) and the analysis day. */
  readonly from: number;
  readonly to: number;
  /** Rows with a missing cost when measuring margin (their cost is taken as unknown → the row is skipped). */
  readonly rowsWithoutCost: number;
}

/**
 * What a customer brings now: net revenue — or margin when costs are known — over the trailing window of whole
 * calendar months ending on the analysis day: days in (asOf − months, asOf], both as UTC calendar days.
 * Rows after the analysis day are ignored.
 */
export function currentValue(table: TransactionTable, options: CurrentValueOptions): CurrentValue {
  return runWork(currentValueSteps(table, options));
}

/** Nominal cost per row (a scattered add by customer). */
const ROW_COST = 12;

/**
 * {@link currentValue} as cooperative work: yields the work done since its previous yield (nominal nanoseconds,
 * see `Work`) after every chunk of rows, and returns the same values. Options are checked when it is first
 * stepped.
 */
export function* currentValueSteps(
  table: TransactionTable,
  options: CurrentValueOptions,
): Work<CurrentValue> {
  const months = options.months ?? 12;
  if (!(months > 0) || !Number.isInteger(months))
    throw new RangeError('months must be a positive whole number');
  const requested = options.measure ?? 'auto';
  if (requested === 'margin' && !table.cost) {
    throw new RangeError('current value as margin needs a cost column in the transactions');
  }
  const measure = requested === 'auto' ? (table.cost ? 'margin' : 'revenue') : requested;
  const lastDay = dayNumber(options.asOf);
  const firstDay = dayNumber(addUtcMonths(lastDay * 86_400_000, -months)) + 1;
  const value = new Float64Array(table.customer.dictionary.length);
  const cost = measure === 'margin' ? table.cost : undefined;
  const sums: Sums = { table, cost, firstDay, lastDay, value, rowsWithoutCost: 0 };
  yield* forChunks(table.length, ROW_COST, addRows, sums);
  const { rowsWithoutCost } = sums;
  return { value, measure, from: firstDay * 86_400_000, to: lastDay * 86_400_000, rowsWithoutCost };
}

interface Sums {
  readonly table: TransactionTable;
  readonly cost: Float64Array | undefined;
  readonly firstDay: number;
  readonly lastDay: number;
  readonly value: Float64Array;
  rowsWithoutCost: number;
}

/** Adds rows `from … to − 1` that fall in the window to their customers' values. */
function addRows(s: Sums, from: number, to: number): void {
  const { table, cost, firstDay, lastDay, value } = s;
  const { date, amount } = table;
  const { codes } = table.customer;
  let rowsWithoutCost = s.rowsWithoutCost;
  for (let i = from; i < to; i++) {
    const day = Math.floor(date[i]! / 86_400_000);
    // Written as a negated range test so a NaN date is skipped too.
    if (!(day >= firstDay && day <= lastDay)) continue;
    const c = codes[i]!;
    if (c < 0) continue;
    if (cost) {
      const k = cost[i]!;
      if (Number.isNaN(k)) {
        rowsWithoutCost++;
        continue;
      }
      value[c] = value[c]! + amount[i]! - k;
    } else value[c] = value[c]! + amount[i]!;
  }
  s.rowsWithoutCost = rowsWithoutCost;
}
