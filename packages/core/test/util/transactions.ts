import type { DictColumn } from '../../src/schema/columns.js';
import type { TransactionTable } from '../../src/schema/transactions.js';

/** One hand-written row: customer id, ISO date or date-time (UTC), amount, optional order id. */
export type Row = readonly [customer: string, date: string, amount: number, order?: string];

/** Epoch ms of an ISO date (`2024-03-01`) or date-time (`2024-03-01T10:00`), read as UTC. */
export function utc(iso: string): number {
  return Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : `${iso}Z`);
}

/** Dictionary-encodes strings in order of first appearance; `undefined` becomes the missing code −1. */
export function dictColumn(values: readonly (string | undefined)[], dictionary: string[] = []): DictColumn {
  const index = new Map(dictionary.map((v, i) => [v, i]));
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === undefined) {
      codes[i] = -1;
      return;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(v);
      index.set(v, code);
    }
    codes[i] = code;
  });
  return { codes, dictionary };
}

/**
 * A small transaction table from rows. `customers` lists extra customer ids that have no rows (or fixes the
 * dictionary order); an order column is added when any row has an order id.
 */
export function transactions(rows: readonly Row[], customers: readonly string[] = []): TransactionTable {
  const withOrders = rows.some((r) => r[3] !== undefined);
  return {
    kind: 'transactions',
    length: rows.length,
    customer: dictColumn(
      rows.map((r) => r[0]),
      [...customers],
    ),
    date: Float64Array.from(rows, (r) => utc(r[1])),
    amount: Float64Array.from(rows, (r) => r[2]),
    ...(withOrders ? { orderId: dictColumn(rows.map((r) => r[3])) } : {}),
  };
}
