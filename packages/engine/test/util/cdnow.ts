import { readFileSync } from 'node:fs';
import {
  type CustomerScores,
  ingestTransactions,
  PRESETS,
  scoreCustomers,
  type TransactionTable,
} from '@crm-lens/core';

/** The CDNOW sample (2,357 customers, 6,919 rows) from the shared reference data. */
export const CDNOW_SAMPLE = new URL('../../../../../shared/data/cdnow/CDNOW_sample.txt', import.meta.url);
export const CDNOW_OPTIONS = { ...PRESETS['cdnow-sample']!.options, now: Date.UTC(2026, 0, 1) };
/** The end of the calibration period of the published BG/NBD fit. */
export const AS_OF = Date.UTC(1997, 8, 30);

export function cdnowBytes(): Uint8Array {
  return new Uint8Array(readFileSync(CDNOW_SAMPLE));
}

/** Core on its own, without the engine: the reference every engine result is checked against. */
export async function coreReference(
  options: Parameters<typeof scoreCustomers>[1] = { asOf: AS_OF },
): Promise<{ table: TransactionTable; scores: CustomerScores }> {
  const { table } = await ingestTransactions(cdnowBytes(), CDNOW_OPTIONS);
  return { table, scores: scoreCustomers(table, options) };
}
