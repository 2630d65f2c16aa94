import { generateDataset } from '@crm-lens/testing';
import type { WireIngestOptions } from '../shared/engine-types.js';

/**
 * Transactions as a host holds them in typed arrays: numeric customer ids, epoch-ms dates, amounts.
 * (Type aliases, not interfaces, so they are assignable to the engine's record-typed inputs.)
 */
export type HostColumns = {
  readonly customerId: Int32Array;
  readonly date: Float64Array;
  readonly amount: Float64Array;
};

/** The same transactions as row objects (string customer ids, as a CRM API returns them). */
export type HostRow = {
  readonly customerId: string;
  readonly date: number;
  readonly amount: number;
};

export interface Synthetic {
  readonly columns: HostColumns;
  readonly rows: HostRow[] | undefined;
  readonly customers: number;
}

/** Ingestion options for {@link HostColumns}: the numeric id is the customer id. */
export const COLUMN_OPTIONS: WireIngestOptions = {
  mapping: { customerId: { column: 'customerId', integer: true }, date: 'date', amount: 'amount' },
};
/** Ingestion options for {@link HostRow}s. */
export const ROW_OPTIONS: WireIngestOptions = {
  mapping: { customerId: 'customerId', date: 'date', amount: 'amount' },
};

/** `C000123` → 123. */
function idNumber(id: string): number {
  let n = 0;
  for (let i = 1; i < id.length; i++) n = n * 10 + (id.charCodeAt(i) - 48);
  return n;
}

/**
 * `generateDataset({ customers, seed })` from @crm-lens/testing (≈ 10.5 transactions a customer, 2023–2024),
 * kept to the three fields scoring reads: customer, date, amount. Customer numbers are shifted by `idOffset` (to
 * build a larger population from several seeds). Rows are made only when asked for.
 */
export function generateSynthetic(customers: number, seed: number, idOffset = 0, rows = false): Synthetic {
  const { transactions } = generateDataset({ customers, seed });
  const ids = transactions.customerId;
  const customerId = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) customerId[i] = idNumber(ids[i]!) + idOffset;
  const columns = { customerId, date: transactions.date, amount: transactions.amount };
  let hostRows: HostRow[] | undefined;
  if (rows) {
    hostRows = new Array<HostRow>(ids.length);
    for (let i = 0; i < ids.length; i++) {
      hostRows[i] = { customerId: ids[i]!, date: transactions.date[i]!, amount: transactions.amount[i]! };
    }
  }
  return { columns, rows: hostRows, customers };
}

export function copyColumns(columns: HostColumns): HostColumns {
  return {
    customerId: columns.customerId.slice(),
    date: columns.date.slice(),
    amount: columns.amount.slice(),
  };
}

/** Concatenate chunks into one set of columns. */
export function concatColumns(chunks: readonly HostColumns[]): HostColumns {
  const length = chunks.reduce((n, chunk) => n + chunk.date.length, 0);
  const out = {
    customerId: new Int32Array(length),
    date: new Float64Array(length),
    amount: new Float64Array(length),
  };
  let offset = 0;
  for (const chunk of chunks) {
    out.customerId.set(chunk.customerId, offset);
    out.date.set(chunk.date, offset);
    out.amount.set(chunk.amount, offset);
    offset += chunk.date.length;
  }
  return out;
}
