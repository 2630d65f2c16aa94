import { createReadStream, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { drilldown, ingestTransactions, PRESETS, type TransactionTable } from '../../src/index.js';
import { sharedData } from '../util/cdnow.js';

// UCI Online Retail through the `online-retail` preset (Country → region, amount = Quantity × UnitPrice, rows
// without a customer rejected), against sums taken from the CSV lines themselves.

const PATH = sharedData('online-retail/online-retail-2010-12_2011-12.csv.gz');

interface Figures {
  revenue: number;
  orders: Set<string>;
  customers: Set<string>;
  rows: number;
}

/** Per key: revenue, distinct invoices and customers, and rows, from a plain split of the lines. */
function independent(
  lines: readonly string[],
  keyOf: (fields: readonly string[]) => string,
): Map<string, Figures> {
  const out = new Map<string, Figures>();
  for (const line of lines) {
    // No field spans lines; Description may hold quoted commas, the last five fields hold none.
    const f = line.split(',');
    const n = f.length;
    const customer = f[n - 2]!;
    if (customer === '') continue; // the preset's rule: a row needs a customer
    const key = keyOf(f);
    let figures = out.get(key);
    if (!figures) {
      figures = { revenue: 0, orders: new Set(), customers: new Set(), rows: 0 };
      out.set(key, figures);
    }
    figures.revenue += Number(f[n - 5]) * Number(f[n - 3]); // Quantity × UnitPrice
    figures.orders.add(f[0]!);
    figures.customers.add(customer);
    figures.rows++;
  }
  return out;
}

describe('drilldown: UCI Online Retail', () => {
  let table: TransactionTable;
  let lines: string[];

  beforeAll(async () => {
    ({ table } = await ingestTransactions(createReadStream(PATH), {
      ...PRESETS['online-retail']!.options,
      now: Date.UTC(2026, 0, 1),
    }));
    lines = gunzipSync(readFileSync(PATH)).toString('utf8').trim().split('\n').slice(1);
  });

  function expectMatches(result: ReturnType<typeof drilldown>, expected: Map<string, Figures>) {
    const labels = result.keys[0]!.labels;
    expect([...labels].sort()).toEqual([...expected.keys()].sort());
    labels.forEach((label, g) => {
      const e = expected.get(label)!;
      expect(result.revenue[g]).toBeCloseTo(e.revenue, 4);
      expect(result.orders[g]).toBe(e.orders.size);
      expect(result.customers[g]).toBe(e.customers.size);
      expect(result.transactions[g]).toBe(e.rows);
    });
  }

  it('revenue, orders and customers by year equal the CSV sums', () => {
    const byYear = drilldown(table, { by: ['year'] });
    expect(byYear.keys[0]!.labels).toEqual(['2010', '2011']);
    expectMatches(
      byYear,
      independent(lines, (f) => f[f.length - 4]!.slice(0, 4)), // InvoiceDate, YYYY-MM-DD HH:MM:SS
    );
    expect(byYear.ordersCountedBy).toBe('orderId');
  });

  it('by country (region): equal to the CSV sums, ordered by revenue, United Kingdom first', () => {
    const byCountry = drilldown(table, { by: ['region'] });
    const expected = independent(lines, (f) => f[f.length - 1]!);
    expectMatches(byCountry, expected);
    expect(byCountry.length).toBe(37);
    expect(byCountry.keys[0]!.labels[0]).toBe('United Kingdom');
    for (let g = 1; g < byCountry.length; g++) {
      expect(byCountry.revenue[g]!).toBeLessThanOrEqual(byCountry.revenue[g - 1]!);
    }
    expect(byCountry.keys[0]!.codes).not.toContain(-1); // every row has a country
  });

  it('totals across groups equal the table total', () => {
    let tableTotal = 0;
    for (let i = 0; i < table.length; i++) tableTotal += table.amount[i]!;
    const all = independent(lines, () => 'all').get('all')!;
    for (const by of [['year'], ['region'], ['month', 'region'], ['week'], ['day']] as const) {
      const r = drilldown(table, { by });
      let revenue = 0;
      let transactions = 0;
      for (let g = 0; g < r.length; g++) {
        revenue += r.revenue[g]!;
        transactions += r.transactions[g]!;
        expect(r.revenue[g]).toBeCloseTo(r.grossRevenue[g]! - r.returns[g]!, 6);
      }
      expect(revenue).toBeCloseTo(tableTotal, 4);
      expect(transactions).toBe(table.length);
      expect(r.total.revenue).toBeCloseTo(tableTotal, 4);
      expect(r.total).toMatchObject({
        transactions: table.length,
        orders: all.orders.size,
        customers: all.customers.size,
      });
    }
  });

  it('drills into 2011 in the United Kingdom by month', () => {
    const r = drilldown(table, { by: ['month'], filter: { year: 2011, region: 'United Kingdom' } });
    const expected = independent(
      lines.filter((l) => l.endsWith(',United Kingdom') && l.split(',').at(-4)!.startsWith('2011')),
      (f) => f[f.length - 4]!.slice(0, 7),
    );
    expect(r.keys[0]!.labels).toEqual([...expected.keys()].sort());
    expectMatches(r, expected);
  });
});
