// Minimal loaders for the CDNOW reference files (tests only). The real ingestion path gets its own end-to-end test.
import { readFileSync } from 'node:fs';
import type { TransactionTable } from '../../../src/schema/transactions.js';

export const CDNOW_DIR = new URL('../../../../../../shared/data/cdnow/', import.meta.url);

/**
 * CDNOW_sample.txt → TransactionTable. Columns (whitespace-separated, no header): master_id sample_id YYYYMMDD cds
 * dollars. The customer id is the sample id without leading zeros ("1" … "2357"), matching the ID column of the
 * published summary files; dates are UTC midnight.
 */
export function loadCdnowSample(): TransactionTable {
  const text = readFileSync(new URL('CDNOW_sample.txt', CDNOW_DIR), 'utf8');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const codes = new Int32Array(lines.length);
  const date = new Float64Array(lines.length);
  const amount = new Float64Array(lines.length);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  lines.forEach((line, i) => {
    const [, sampleId, ymd, , dollars] = line.trim().split(/\s+/) as [string, string, string, string, string];
    const id = String(Number(sampleId));
    let code = index.get(id);
    if (code === undefined) {
      code = dictionary.length;
      index.set(id, code);
      dictionary.push(id);
    }
    codes[i] = code;
    date[i] = Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8)));
    amount[i] = Number(dollars);
  });
  return { kind: 'transactions', length: lines.length, customer: { codes, dictionary }, date, amount };
}

export interface CdnowSummaryFile {
  readonly id: string[];
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly zbar: Float64Array;
}

/** cdnow_customers_summary_with_transactions.csv: ID,x,t_x,T,zbar (weeks, 2 decimals; zbar 0 when x = 0). */
export function loadCdnowSummaryFile(): CdnowSummaryFile {
  const text = readFileSync(new URL('cdnow_customers_summary_with_transactions.csv', CDNOW_DIR), 'utf8');
  const rows = text.trim().split('\n').slice(1);
  const out = {
    id: [] as string[],
    x: new Float64Array(rows.length),
    tx: new Float64Array(rows.length),
    T: new Float64Array(rows.length),
    zbar: new Float64Array(rows.length),
  };
  rows.forEach((row, i) => {
    const [id, x, tx, T, zbar] = row.split(',') as [string, string, string, string, string];
    out.id.push(id);
    out.x[i] = Number(x);
    out.tx[i] = Number(tx);
    out.T[i] = Number(T);
    out.zbar[i] = Number(zbar);
  });
  return out;
}

/** Calibration end and holdout end of the CDNOW studies (39 + 39 weeks). */
export const CDNOW_CALIBRATION_END = Date.UTC(1997, 8, 30);
export const CDNOW_OBSERVATION_END = Date.UTC(1998, 5, 30);
