import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './util/cli.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

describe('crm-lens inspect', () => {
  it('prints the CDNOW master report as JSON', async () => {
    const { code, out } = await cli(
      'inspect',
      join(DATA, 'cdnow/CDNOW_master.txt'),
      '--preset',
      'cdnow-master',
      '--json',
      '--now',
      '2026-01-01',
    );
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      total: 69_659,
      accepted: 69_659,
      rejected: 0,
      customers: 23_570,
      dateRange: { first: '1997-01-01', last: '1998-06-30' },
      warnings: { 'zero-amount': 80 },
    });
  });

  it('prints a readable table with reasons, warnings and the first rejected rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-lens-'));
    const file = join(dir, 'orders.csv');
    writeFileSync(
      file,
      'Cust;Day;Qty;Price\na;01/02/2024;2;1,5\n;02/02/2024;1;1\nb;31/02/2024;1;2\nc;03/02/2024;0;2\n',
    );
    const rejected = join(dir, 'rejected.csv');
    const { code, out } = await cli(
      'inspect',
      file,
      '--map',
      'customerId=Cust',
      '--map',
      'date=Day',
      '--amount',
      'Qty*Price',
      '--date-format',
      'DD/MM/YYYY',
      '--decimal-comma',
      '--rejected-out',
      rejected,
      '--now',
      '2025-01-01',
    );
    expect(code).toBe(0);
    expect(out).toContain('4 total = 2 accepted + 2 rejected');
    expect(out).toMatch(/missing-value \(customerId\)\s+1/);
    expect(out).toMatch(/invalid-date \(date\)\s+1/);
    expect(out).toMatch(/zero-amount\s+1/);
    expect(out).toContain(
      '"31/02/2024" in column "Day" is not a valid date in the column\'s format DD/MM/YYYY',
    );
    const lines = readFileSync(rejected, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('row,line,field,value,code,message');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^2,3,customerId,,missing-value,/);
  });

  it('explains usage mistakes with exit code 2 and input failures with exit code 1', async () => {
    expect((await cli('inspect')).code).toBe(2);
    const unknownPreset = await cli('inspect', 'x.csv', '--preset', 'nope');
    expect(unknownPreset.code).toBe(2);
    expect(unknownPreset.err).toContain(
      'unknown preset "nope"; presets: cdnow-master, cdnow-sample, online-retail',
    );
    const missing = await cli('inspect', 'does-not-exist.csv');
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.err).toContain('cannot read "does-not-exist.csv": no such file');
    const dir = mkdtempSync(join(tmpdir(), 'crm-lens-'));
    writeFileSync(join(dir, 'a.csv'), 'who,when,what\na,2024-01-01,1\n');
    const mapping = await cli('inspect', join(dir, 'a.csv'));
    expect(mapping.code).toBe(1);
    expect(mapping.err).toContain('no column for the required field "customerId"');
    expect((await cli('frobnicate')).code).toBe(2);
  });
});
