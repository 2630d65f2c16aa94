import { createReadStream, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingestTransactions, PRESETS } from '../../src/index.js';

const DATA = new URL('../../../../../shared/data/', import.meta.url);
const NOW = Date.UTC(2026, 0, 1);

describe('reference data: CDNOW master', () => {
  it('reads all 69,659 rows, 23,570 customers, 1997-01-01 … 1998-06-30, with the 80 zero-amount rows as warnings', async () => {
    const path = new URL('cdnow/CDNOW_master.txt', DATA);
    const { table, report } = await ingestTransactions(createReadStream(path), {
      ...PRESETS['cdnow-master']!.options,
      now: NOW,
    });
    // Independent figures from a plain split of the file.
    const lines = readFileSync(path, 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.trim().split(/\s+/));
    const ids = new Set(lines.map((f) => f[0]));
    const zero = lines.filter((f) => Number(f[3]) === 0).length;
    const total = lines.reduce((s, f) => s + Number(f[3]), 0);
    expect(lines.length).toBe(69_659);
    expect(report).toMatchObject({ total: 69_659, accepted: 69_659, rejected: 0, customers: ids.size });
    expect(ids.size).toBe(23_570);
    expect(report.dateRange).toEqual({ first: '1997-01-01', last: '1998-06-30' });
    expect(zero).toBe(80);
    expect(report.warnings['zero-amount']).toBe(zero);
    expect(table.amount.reduce((s, v) => s + v, 0)).toBeCloseTo(total, 6);
    // Ids are normalised as integers: "00001" → "1".
    expect(table.customer.dictionary[0]).toBe('1');
  });
});

describe('reference data: UCI Online Retail', () => {
  it('accounts for every one of its 541,909 rows, by reason', async () => {
    const path = new URL('online-retail/online-retail-2010-12_2011-12.csv.gz', DATA);
    const { table, report } = await ingestTransactions(createReadStream(path), {
      ...PRESETS['online-retail']!.options,
      now: NOW,
    });
    // Independent counts: no field spans lines, and the last two fields (CustomerID, Country) hold no commas.
    const rows = gunzipSync(readFileSync(path)).toString('utf8').trim().split('\n').slice(1);
    const customerOf = (line: string) => {
      const f = line.split(',');
      return f[f.length - 2]!;
    };
    const noCustomer = rows.filter((l) => customerOf(l) === '').length;
    const withCustomer = rows.filter((l) => customerOf(l) !== '');
    const cancelled = withCustomer.filter((l) => l.startsWith('C')).length;
    expect(rows.length).toBe(541_909);
    expect(report.total).toBe(541_909);
    expect(report.accepted + report.rejected).toBe(report.total);
    expect(report.rejectedByField).toEqual({ 'missing-value': { customerId: noCustomer } });
    expect(report.accepted).toBe(withCustomer.length);
    expect(report.warnings.cancellation).toBe(cancelled);
    expect(report.warnings['negative-amount']).toBeGreaterThanOrEqual(cancelled);
    expect(report.warningsOnRejected['negative-price']).toBe(2);
    expect((report.warnings['zero-price'] ?? 0) + (report.warningsOnRejected['zero-price'] ?? 0)).toBe(
      rows.filter((l) => /,0(\.0+)?,[^,]*,[^,]*$/.test(l)).length,
    );
    expect(report.customers).toBe(new Set(withCustomer.map(customerOf)).size);
    expect(report.dateRange).toEqual({ first: '2010-12-01', last: '2011-12-09' });
    expect(table.length).toBe(report.accepted);
  });
});
