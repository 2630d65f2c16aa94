import { createRandom } from '@crm-lens/testing';
import { describe, expect, it } from 'vitest';
import type { TransactionTable } from '../../src/schema/transactions.js';
import { summarizeCustomers } from '../../src/summary/index.js';

const DAY = 86_400_000;

/** A random table: dates with times of day, free items, returns, some missing order ids. */
type Arrangement = 'random' | 'by date' | 'by order';

/**
 * Rows by date or by order code (no missing order ids then) arrive in key order per customer, so the kernel sorts
 * nothing; rows in random order make it sort within customers.
 */
function randomTable(seed: number, rows: number, customers: number, arrange: Arrangement): TransactionTable {
  const rnd = createRandom(seed);
  const start = Date.UTC(2020, 0, 1);
  const orders = Math.max(1, Math.floor(rows / 2));
  const missing = arrange === 'by order' ? 0 : 0.1;
  const orderCodes = Int32Array.from({ length: rows }, () => (rnd.next() < missing ? -1 : rnd.int(orders)));
  const codes = Int32Array.from({ length: rows }, () => rnd.int(customers));
  const date = Float64Array.from({ length: rows }, () => start + rnd.int(60) * DAY + rnd.int(DAY));
  const amount = Float64Array.from({ length: rows }, () => (rnd.next() < 0.2 ? -rnd.int(50) : rnd.int(100)));
  const order = Array.from({ length: rows }, (_, i) => i);
  if (arrange === 'by date') order.sort((x, y) => date[x]! - date[y]!);
  if (arrange === 'by order') order.sort((x, y) => orderCodes[x]! - orderCodes[y]!);
  const permute = <T extends Int32Array | Float64Array>(col: T): T => col.map((_, i) => col[order[i]!]!) as T;
  return {
    kind: 'transactions',
    length: rows,
    customer: { codes: permute(codes), dictionary: Array.from({ length: customers }, (_, i) => `c${i}`) },
    date: permute(date),
    amount: permute(amount),
    orderId: { codes: permute(orderCodes), dictionary: Array.from({ length: orders }, (_, i) => `o${i}`) },
  };
}

/** The definitions written the obvious way, with maps and objects, to check the typed-array kernel against. */
function reference(t: TransactionTable, asOf: number, windowDays: number | undefined, mode: 'day' | 'order') {
  const asOfDay = Math.floor(asOf / DAY);
  const from = windowDays === undefined ? -Infinity : asOfDay - windowDays + 1;
  const groups = new Map<
    string,
    { c: number; net: number; gross: number; ret: number; t: number; rows: number }
  >();
  for (let i = 0; i < t.length; i++) {
    if (Math.floor(t.date[i]! / DAY) > asOfDay) continue;
    const c = t.customer.codes[i]!;
    const order = t.orderId!.codes[i]!;
    const key =
      mode === 'day' ? `${c}|${Math.floor(t.date[i]! / DAY)}` : order < 0 ? `row${i}` : `${c}|o${order}`;
    const g = groups.get(key) ?? { c, net: 0, gross: 0, ret: 0, t: Infinity, rows: 0 };
    const a = t.amount[i]!;
    g.net += a;
    g.gross += Math.max(a, 0);
    g.ret += Math.max(-a, 0);
    g.t = Math.min(g.t, t.date[i]!);
    g.rows++;
    groups.set(key, g);
  }
  const n = t.customer.dictionary.length;
  const out = Array.from({ length: n }, () => ({
    f: 0,
    rows: 0,
    net: 0,
    gross: 0,
    ret: 0,
    last: NaN,
    first: NaN,
  }));
  for (const g of groups.values()) {
    const o = out[g.c]!;
    const purchase = g.net > 0 || (g.gross === 0 && g.ret === 0);
    if (purchase) {
      o.first = Number.isNaN(o.first) ? g.t : Math.min(o.first, g.t);
      o.last = Number.isNaN(o.last) ? g.t : Math.max(o.last, g.t);
    }
    if (Math.floor(g.t / DAY) < from) continue;
    if (purchase) o.f++;
    o.rows += g.rows;
    o.net += g.net;
    o.gross += g.gross;
    o.ret += g.ret;
  }
  return out;
}

describe('summarizeCustomers against a straightforward reference', () => {
  for (const [seed, windowDays, mode, arrange] of [
    [1, undefined, 'day', 'random'],
    [2, 10, 'day', 'random'],
    [3, undefined, 'day', 'by date'],
    [4, 10, 'day', 'by date'],
    [5, undefined, 'order', 'random'],
    [6, 7, 'order', 'random'],
    [7, undefined, 'order', 'by order'],
    [8, 7, 'order', 'by order'],
  ] as const) {
    it(`seed ${seed}, window ${windowDays ?? 'none'}, occasions by ${mode}, rows ${arrange}`, () => {
      const t = randomTable(seed, 3000, 200, arrange);
      const asOf = Date.UTC(2020, 0, 1) + 45 * DAY + 5;
      const s = summarizeCustomers(t, { asOf, windowDays, mergeSameDay: mode === 'day' });
      const ref = reference(t, asOf, windowDays, mode);
      expect(s.occasion).toBe(mode);
      ref.forEach((r, c) => {
        expect(s.frequency[c], `frequency of c${c}`).toBe(r.f);
        expect(s.rows[c]).toBe(r.rows);
        expect(s.netRevenue[c]).toBeCloseTo(r.net, 9);
        expect(s.grossRevenue[c]).toBeCloseTo(r.gross, 9);
        expect(s.returns[c]).toBeCloseTo(r.ret, 9);
        expect(s.firstPurchase[c]).toBe(r.first);
        expect(s.lastPurchase[c]).toBe(r.last);
      });
    });
  }
});

describe('summarizeCustomers at scale', () => {
  for (const arrange of ['by date', 'random'] as const) {
    it(`summarises 1M rows of 100k customers quickly (rows ${arrange})`, () => {
      const t = randomTable(7, 1_000_000, 100_000, arrange);
      const asOf = Date.UTC(2020, 1, 15);
      summarizeCustomers(t, { asOf }); // warm up the JIT
      const started = performance.now();
      const s = summarizeCustomers(t, { asOf });
      const ms = performance.now() - started;
      console.info(`summarizeCustomers, 1M rows ${arrange}: ${ms.toFixed(1)} ms`);
      expect(s.stats.rowsUsed + s.stats.rowsAfterAsOf).toBe(1_000_000);
      expect(ms).toBeLessThan(1000); // generous for shared CI machines; the log has the real figure
    });
  }
});
