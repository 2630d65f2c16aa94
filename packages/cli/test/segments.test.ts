import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './util/cli.js';

const SAMPLE = fileURLToPath(new URL('../../../../shared/data/cdnow/CDNOW_sample.txt', import.meta.url));
const sample = (...flags: string[]) => cli('segments', SAMPLE, '--preset', 'cdnow-sample', ...flags);

interface Profile {
  segment: number;
  name: string;
  customers: number;
  customerShare: number;
  valueShare: number;
  tierMix: { tier: string; customers: number }[];
}

describe('crm-lens segments', () => {
  it('is deterministic for a seed, and its profiles add up to the customers', async () => {
    const first = await sample('--seed', '7', '--json', '--customers');
    const second = await sample('--seed', '7', '--json', '--customers');
    expect(first.code).toBe(0);
    expect(first.err).toBe('');
    expect(second.out).toBe(first.out);

    const json = JSON.parse(first.out);
    expect(json).toMatchObject({ asOf: '1998-06-30', value: 'revenue', kRequested: 'auto', seed: 7 });
    expect(json.clustered).toBe(2357);
    expect(json.candidates.map((c: { k: number }) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const profiles: Profile[] = json.profiles;
    expect(profiles).toHaveLength(json.k);
    expect(profiles.reduce((n, p) => n + p.customers, 0)).toBe(2357);
    expect(json.population.customers).toBe(2357);
    expect(profiles.reduce((s, p) => s + p.customerShare, 0)).toBeCloseTo(1, 12);
    expect(profiles.reduce((s, p) => s + p.valueShare, 0)).toBeCloseTo(1, 12);

    // One label per customer, and the labels count as the profiles do.
    expect(json.customers).toHaveLength(2357);
    expect(json.customers[0]).toEqual({ id: '1', segment: expect.any(Number) });
    const sizes = new Array(json.k).fill(0);
    for (const c of json.customers) sizes[c.segment]++;
    expect(sizes).toEqual(profiles.map((p) => p.customers));
  });

  it('prints one row per segment, with a fixed k', async () => {
    const { code, out } = await sample('--k', '3', '--as-of', '1997-09-30');
    expect(code).toBe(0);
    expect(out).toMatch(/as of\s+1997-09-30/);
    expect(out).toMatch(/customers\s+2,357 clustered/);
    expect(out).toMatch(/k\s+3, fixed \(mean silhouette 0\.\d{3}\)/);
    expect(out).not.toContain('silhouette by k');
    expect(out).toMatch(
      /segment\s+name\s+customers\s+share\s+value share\s+median recency \(days\)\s+median frequency\s+median monetary/,
    );
    const rows = out.split('\n').filter((l) => /^ {2}[0-9] /.test(l));
    expect(rows).toHaveLength(3);
    const json = JSON.parse((await sample('--k', '3', '--as-of', '1997-09-30', '--json')).out);
    json.profiles.forEach((p: Profile, i: number) => {
      expect(rows[i]).toContain(p.name);
      expect(rows[i]).toContain(p.customers.toLocaleString('en-US'));
      expect(rows[i]).toContain(`${(p.customerShare * 100).toFixed(1)}%`);
    });
    expect(out).toMatch(/all\s+all clustered customers\s+2,357\s+100\.0%\s+100\.0%/);
  });

  it('shares out CLV and adds the tier mix', async () => {
    const { code, out } = await sample(
      '--as-of',
      '1997-09-30',
      '--k',
      '2',
      '--value',
      'clv',
      '--tiers',
      '--json',
    );
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.value).toBe('clv');
    expect(json.scoring.purchase).toMatchObject({ model: 'bg-nbd', converged: true });
    for (const p of json.profiles as Profile[]) {
      expect(p.tierMix.map((t) => t.tier)).toEqual(['platinum', 'gold', 'iron', 'lead']);
      expect(p.tierMix.reduce((n, t) => n + t.customers, 0)).toBe(p.customers);
    }
  });

  it('explains wrong calls', async () => {
    const cases: [string[], string][] = [
      [['--k', '0'], '--k takes auto or a whole number ≥ 1, got "0"'],
      [['--k', 'many'], '--k takes auto or a whole number ≥ 1, got "many"'],
      [['--seed=1.5'], '--seed takes a whole number ≥ 0, got "1.5"'],
      [['--value', 'margin'], '--value takes revenue, current, clv, got "margin"'],
      [['--customers'], '--customers lists each customer in the --json output; add --json'],
      [['--as-of', 'soon'], '--as-of takes a date such as 2011-12-31, got "soon"'],
    ];
    for (const [flags, message] of cases) {
      const { code, err } = await sample(...flags);
      expect(code, flags.join(' ')).toBe(2);
      expect(err).toContain(message);
      expect(err).toContain('Usage: crm-lens segments <file> [flags]');
    }
    expect((await cli('segments')).code).toBe(2);
  });

  it('fails with exit code 1 when the data cannot be segmented', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-lens-segments-'));
    const file = join(dir, 'two.csv');
    writeFileSync(file, 'customerId,date,amount\na,2024-01-01,5\nb,2024-01-02,x\nb,2024-01-03,7\n');
    const { code, err } = await cli('segments', file, '--k', '3');
    expect(code).toBe(1);
    expect(err).toContain("crm-lens: 1 of 3 rows rejected (invalid-number 1); see 'crm-lens inspect");
    expect(err).toContain('crm-lens segments: 3 segments need at least 3 customers to cluster, got 2');
  });
});
