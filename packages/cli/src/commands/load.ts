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
