import {
  abcClassify,
  assignSegments,
  type CalibrationSummary,
  type CustomerSummary,
  fitBgNbd,
  fitGammaGamma,
  purchaseOccasions,
  scoreRfm,
  summarizeCustomers,
  summarizeOccasions,
  type TransactionTable,
} from '@crm-lens/core';

const DAY_MS = 86_400_000;

/** The analysis date core's scoring uses by default: the UTC day of the last transaction. */
export function lastDay(table: TransactionTable): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < table.length; i++) if (table.date[i]! > max) max = table.date[i]!;
  return Math.floor(max / DAY_MS) * DAY_MS;
}

/**
 * Core's stage kernels called one at a time, as `scoreCustomers` calls them (same defaults: asOf = last day,
 * weekly BTYD units), each timed. `summary-rows` is the kernel compared with the baselines: the same aggregates
 * (per customer: last date, row count, amount sum — and more), where `summary`, what scoring uses, also merges a
 * customer's rows of one day into one purchase occasion.
 */
export function timeKernels(table: TransactionTable): { times: Record<string, number>; groups: number } {
  const times: Record<string, number> = {};
  const time = <T>(name: string, run: () => T): T => {
    const started = performance.now();
    const result = run();
    times[name] = performance.now() - started;
    return result;
  };
  const asOf = lastDay(table);
  const ids = table.customer.dictionary;
  time('summary-rows', () => summarizeCustomers(table, { asOf, mergeSameDay: false }));
  const summary: CustomerSummary = time('summary', () => summarizeCustomers(table, { asOf }));
  time('rfm', () => assignSegments(scoreRfm(summary, {})));
  time('abc', () => abcClassify(summary.netRevenue, { ids }));
  const calibration: CalibrationSummary = time('occasions', () =>
    summarizeOccasions(purchaseOccasions(table), ids, { unit: 'week', calibrationEnd: asOf }),
  );
  time('bg-nbd fit', () => fitBgNbd(calibration));
  time('gamma-gamma fit', () => fitGammaGamma({ x: calibration.x, zbar: calibration.zbar }));
  return { times, groups: summary.length };
}
