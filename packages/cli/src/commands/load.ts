import { ingestTransactions, type TransactionIngestOptions, type TransactionTable } from '@crm-lens/core';
import type { Io } from '../io.js';
import { openFile } from '../read-file.js';

/** Ingest a transactions file for a modelling command, with a one-line data-quality note on stderr. */
export async function loadTransactions(
  file: string,
  options: TransactionIngestOptions,
  io: Io,
): Promise<TransactionTable> {
  const { table, report } = await ingestTransactions(await openFile(file), options);
  if (report.rejected > 0) {
    const reasons = Object.entries(report.rejectedByReason)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    io.err(
      `crm-lens: ${report.rejected} of ${report.total} rows rejected (${reasons}); see 'crm-lens inspect ${file}'\n`,
    );
  }
  if (table.length === 0) throw new Error(`no usable transactions in "${file}"`);
  return table;
}

/** The UTC day (epoch ms of its start) of the latest date in the table: the default analysis date. */
export function lastTransactionDay(table: TransactionTable): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const d of table.date) if (d > max) max = d;
  return Math.floor(max / 86_400_000) * 86_400_000;
}
