import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeCustomers } from '../../src/summary/index.js';
import { loadCdnow, sharedData } from '../util/cdnow.js';

const DAY = 86_400_000;

describe('summarizeCustomers on CDNOW_master.txt', () => {
  const table = loadCdnow('CDNOW_master.txt');
  const summary = summarizeCustomers(table, { asOf: Date.UTC(1998, 5, 30) }); // the file's last day

  it('reads the whole file', () => {
    expect(table.length).toBe(69_659);
    expect(table.customer.dictionary.length).toBe(23_570);
  });

  it('keeps every row and every dollar', () => {
    let fileTotal = 0;
    for (const a of table.amount) fileTotal += a;
    let summaryTotal = 0;
    let rows = 0;
    for (let c = 0; c < summary.length; c++) {
      summaryTotal += summary.netRevenue[c]!;
      rows += summary.rows[c]!;
    }
    expect(fileTotal).toBeCloseTo(2_500_315.63, 2); // awk '{s+=$4}' over the file
    expect(summaryTotal).toBeCloseTo(fileTotal, 4);
    expect(rows).toBe(69_659);
    expect(summary.stats.rowsUsed).toBe(69_659);
    expect(summary.stats.customersWithoutPurchase).toBe(0);
  });

  it('counts distinct purchase days per customer', () => {
    const days = new Set<string>();
    for (let i = 0; i < table.length; i++) {
      // CDNOW has no returns; its 80 rows of $0.00 are free items and count as purchases.
      if (table.amount[i]! >= 0) days.add(`${table.customer.codes[i]}|${Math.floor(table.date[i]! / DAY)}`);
    }
    let occasions = 0;
    for (const f of summary.frequency) occasions += f;
    expect(occasions).toBe(days.size);
  });
});

describe('summarizeCustomers on CDNOW_sample.txt reproduces cdnow_customers_summary.csv', () => {
  // The published calibration summary: at 1997-09-30, frequency = purchase days − 1, recency = (last − first)
  // purchase day and T = (1997-09-30 − first purchase day), both in weeks rounded to 2 decimals.
  const table = loadCdnow('CDNOW_sample.txt');
  const summary = summarizeCustomers(table, { asOf: Date.UTC(1997, 8, 30) });
  const published = readFileSync(sharedData('cdnow/cdnow_customers_summary.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(',').map(Number) as [number, number, number, number]);
  const code = new Map(table.customer.dictionary.map((id, c) => [Number(id), c]));

  it('matches frequency, recency and T for all 2,357 customers', () => {
    expect(published).toHaveLength(2357);
    let mismatches = 0;
    for (const [id, frequency, recency, T] of published) {
      const c = code.get(id)!;
      const first = Math.floor(summary.firstPurchase[c]! / DAY);
      const last = Math.floor(summary.lastPurchase[c]! / DAY);
      const weeks = (days: number) => Math.round((days / 7) * 100) / 100;
      if (
        summary.frequency[c]! - 1 !== frequency ||
        weeks(last - first) !== recency ||
        weeks(summary.asOfDay - first) !== T
      ) {
        mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });
});
