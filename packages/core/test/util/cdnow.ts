import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TransactionTable } from '../../src/schema/transactions.js';

// A stand-in loader for the tests until the real ingestion lands; shared/ sits beside the repository.
const DATA = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));

/** Path of a file under the shared reference data folder. */
export function sharedData(path: string): string {
  return DATA + path;
}

/**
 * Reads CDNOW_master.txt (header, `customer_id date number_of_cds dollar_value`) or CDNOW_sample.txt (no header,
 * `master_id sample_id date number_of_cds dollar_value`; the customer is `sample_id`). Whitespace-separated,
 * CRLF line endings, YYYYMMDD dates read as UTC days. Customer codes follow first appearance.
 */
export function loadCdnow(file: 'CDNOW_master.txt' | 'CDNOW_sample.txt'): TransactionTable {
  const lines = readFileSync(sharedData(`cdnow/${file}`), 'utf8').split(/\r?\n/);
  const sample = file === 'CDNOW_sample.txt';
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes: number[] = [];
  const dates: number[] = [];
  const amounts: number[] = [];
  const quantities: number[] = [];
  for (const line of lines) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4 || !/^\d+$/.test(fields[0]!)) continue; // blank line or header
    const [id, ymd, cds, dollars] = sample ? fields.slice(1) : fields;
    let code = index.get(id!);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(id!);
      index.set(id!, code);
    }
    codes.push(code);
    dates.push(Date.UTC(Number(ymd!.slice(0, 4)), Number(ymd!.slice(4, 6)) - 1, Number(ymd!.slice(6, 8))));
    quantities.push(Number(cds));
    amounts.push(Number(dollars));
  }
  return {
    kind: 'transactions',
    length: codes.length,
    customer: { codes: Int32Array.from(codes), dictionary },
    date: Float64Array.from(dates),
    amount: Float64Array.from(amounts),
    quantity: Float64Array.from(quantities),
  };
}
