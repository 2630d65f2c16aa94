import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './util/cli.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const ZAKI = join(DATA, 'sequences/zaki.txt');

interface PatternJson {
  sequence: string;
  elements: string[][];
  support: number;
  count: number;
  maximal: boolean;
}
interface RuleJson {
  rule: string;
  lhs: string[][];
  rhs: string[][];
  support: number;
  count: number;
  confidence: number;
  lift: number;
}

describe('crm-lens sequences --spade', () => {
  it('finds the published 18 sequences and 10 rules on Zaki’s example', async () => {
    const { code, out, err } = await cli(
      'sequences',
      ZAKI,
      '--spade',
      '--min-support',
      '0.4',
      '--min-confidence',
      '0.5',
      '--json',
    );
    expect(code).toBe(0);
    expect(err).toBe('');
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      source: 'spade',
      sequences: 4,
      minCount: 2,
      report: { lines: 10, accepted: 10, rejected: 0 },
      options: { minSupport: 0.4, maxGap: null, minConfidence: 0.5 },
    });
    // arulesSequences' tests/zaki.Rout.save.
    const support = Object.fromEntries(json.patterns.map((p: PatternJson) => [p.sequence, p.support]));
    expect(support).toEqual({
      '<{A}>': 1,
      '<{B}>': 1,
      '<{F}>': 1,
      '<{B,F}>': 1,
      '<{A,F}>': 0.75,
      '<{A,B,F}>': 0.75,
      '<{A,B}>': 0.75,
      '<{D}>': 0.5,
      '<{D},{F}>': 0.5,
      '<{D},{B,F}>': 0.5,
      '<{D},{B}>': 0.5,
      '<{B},{A}>': 0.5,
      '<{D},{A}>': 0.5,
      '<{F},{A}>': 0.5,
      '<{D},{F},{A}>': 0.5,
      '<{B,F},{A}>': 0.5,
      '<{D},{B,F},{A}>': 0.5,
      '<{D},{B},{A}>': 0.5,
    });
    expect(json.patterns).toHaveLength(18);
    expect(
      json.patterns
        .filter((p: PatternJson) => p.maximal)
        .map((p: PatternJson) => p.sequence)
        .sort(),
    ).toEqual(['<{A,B,F}>', '<{D},{B,F},{A}>']);
    expect(json.patterns.find((p: PatternJson) => p.sequence === '<{D},{B,F},{A}>').elements).toEqual([
      ['D'],
      ['B', 'F'],
      ['A'],
    ]);
    expect(json.rules).toHaveLength(10);
    const rule = (text: string) => json.rules.find((r: RuleJson) => r.rule === text);
    expect(rule('<{D}> => <{F}>')).toMatchObject({
      lhs: [['D']],
      rhs: [['F']],
      support: 0.5,
      count: 2,
      confidence: 1,
    });
    expect(rule('<{B}> => <{A}>')).toMatchObject({ support: 0.5, confidence: 0.5, lift: 0.5 });
    expect(json.rules.every((r: RuleJson) => r.confidence >= 0.5)).toBe(true);
  });

  it('prints the sequences and rules as tables', async () => {
    const { code, out } = await cli('sequences', ZAKI, '--spade', '--min-support', '0.4', '--limit', '7');
    expect(code).toBe(0);
    expect(out).toMatch(/read\s+10 lines \(0 rejected\)/);
    expect(out).toMatch(/sequences\s+4, 10 events, 27 items \(8 distinct\)/);
    expect(out).toMatch(
      /patterns\s+18 with support ≥ 0\.4 \(in ≥ 2 sequences\), 2 maximal; by elements 1: 8, 2: 7, 3: 3/,
    );
    expect(out).toMatch(/rules\s+10 with confidence ≥ 0\.5/);
    expect(out).toContain('Top 7 sequences by support');
    expect(out).toMatch(/<\{A,B,F\}>\s+0\.750\s+3\s+yes/);
    expect(out).toContain('Top 7 rules by confidence');
    expect(out).toMatch(/<\{D\}> => <\{A\}>\s+0\.500\s+1\.000\s+1\.000/);
  });

  it('applies the gap, leaves out excluded items and reports rejected lines', async () => {
    const gap = JSON.parse(
      (await cli('sequences', ZAKI, '--spade', '--min-support', '0.4', '--max-gap', '5', '--json')).out,
    );
    expect(gap.options.maxGap).toBe(5);
    // In both sequences holding it, D (eventID 10) and {B,F} (eventID 20) are 10 apart.
    expect(gap.patterns.map((p: PatternJson) => p.sequence)).not.toContain('<{D},{B,F},{A}>');
    expect(gap.patterns.length).toBeLessThan(18);

    const excluded = JSON.parse(
      (await cli('sequences', ZAKI, '--spade', '--min-support', '0.4', '--exclude', 'D', '--json')).out,
    );
    expect(excluded.excluded).toEqual({ items: ['D'], droppedItems: 3, droppedSequences: 0 });
    expect(excluded.patterns.some((p: PatternJson) => p.sequence.includes('D'))).toBe(false);
    expect(excluded.patterns).toHaveLength(10);

    const dir = mkdtempSync(join(tmpdir(), 'crm-lens-sequences-'));
    const file = join(dir, 'spade.txt');
    writeFileSync(file, '1 10 2 C D\n1 20 3 A B\n2 10 1 A\n\n2 20 x A\n');
    const bad = await cli('sequences', file, '--spade', '--min-support', '0.5', '--json');
    expect(bad.code).toBe(0);
    expect(bad.err).toMatch(
      /^crm-lens: 2 of 4 lines rejected \(size-mismatch 1, invalid-size 1\); first: line 2, /,
    );
    const json = JSON.parse(bad.out);
    expect(json.report).toMatchObject({ lines: 4, accepted: 2, rejected: 2, blankLines: 1 });
    expect(json.sequences).toBe(2);
  });
});

describe('crm-lens sequences on transactions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-lens-sequences-'));
  const file = join(dir, 'orders.csv');
  writeFileSync(
    file,
    [
      'order,customer,day,product,amount',
      'o1,c1,2024-01-01,camera,300',
      'o1,c1,2024-01-01,card,20',
      'o2,c1,2024-02-01,lens,200',
      'o3,c2,2024-01-05,camera,300',
      'o4,c2,2024-03-01,bag,50',
      'o5,c2,2024-04-01,lens,200',
      'o6,c3,2024-01-09,card,20',
      'o7,c3,2024-01-10,lens,-200',
    ].join('\n'),
  );
  const mapping = ['--map', 'orderId=order', '--map', 'customerId=customer', '--map', 'date=day'];

  it('makes one sequence per customer, orders in time order', async () => {
    const { code, out } = await cli('sequences', file, ...mapping, '--min-support', '0.6', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ source: 'transactions', eventBy: 'order', items: 'product', sequences: 3 });
    expect(json.report).toMatchObject({ rows: 8, rowsUsed: 7, returnRows: 1 });
    const support = Object.fromEntries(json.patterns.map((p: PatternJson) => [p.sequence, p.count]));
    expect(support).toEqual({ '<{camera}>': 2, '<{card}>': 2, '<{lens}>': 2, '<{camera},{lens}>': 2 });
    expect(json.rules).toEqual([
      expect.objectContaining({ rule: '<{camera}> => <{lens}>', confidence: 1, lift: 1.5 }),
    ]);
    // In the next order only: c2 bought a bag in between.
    const next = JSON.parse(
      (await cli('sequences', file, ...mapping, '--min-support', '0.6', '--max-gap', '1', '--json')).out,
    );
    expect(next.patterns.map((p: PatternJson) => p.sequence)).not.toContain('<{camera},{lens}>');
  });

  it('says what is missing when the file has no products', async () => {
    const cdnow = await cli('sequences', join(DATA, 'cdnow/CDNOW_sample.txt'), '--preset', 'cdnow-sample');
    expect(cdnow.code).toBe(1);
    expect(cdnow.err).toContain('sequences needs a product per row');
    const days = join(dir, 'days.csv');
    writeFileSync(days, 'customer,day,product,amount\nc1,2024-01-01,camera,300\nc1,2024-01-02,lens,200\n');
    const flags = ['--map', 'customerId=customer', '--map', 'date=day'];
    const noOrders = await cli('sequences', days, ...flags, '--event', 'order');
    expect(noOrders.code).toBe(1);
    expect(noOrders.err).toContain('--event order needs an order id per row, and');
    // Without order ids, the events are days.
    const byDay = await cli('sequences', days, ...flags, '--min-support', '1', '--json');
    expect(byDay.code).toBe(0);
    expect(JSON.parse(byDay.out)).toMatchObject({ eventBy: 'day', sequences: 1 });
    expect(JSON.parse(byDay.out).patterns.map((p: PatternJson) => p.sequence)).toContain('<{camera},{lens}>');
  });
});

describe('crm-lens sequences: wrong calls', () => {
  it('explains bad flags with exit code 2', async () => {
    const cases: [string[], string][] = [
      [['--min-support', '0'], '--min-support takes a share in (0, 1], got "0"'],
      [['--min-confidence', '2'], '--min-confidence takes a share in [0, 1], got "2"'],
      [['--max-gap=-1'], '--max-gap takes a number ≥ 0, got "-1"'],
      [['--max-length', '0'], '--max-length takes a whole number ≥ 1, got "0"'],
      [['--max-size', 'big'], '--max-size takes a whole number ≥ 1, got "big"'],
      [['--event', 'week'], '--event takes order or day, got "week"'],
      [['--items', 'brand'], '--items takes product or category, got "brand"'],
      [['--preset', 'online-retail'], '--preset applies to transactions files, not to --spade'],
      [['--event', 'day'], '--event applies to transactions files, not to --spade'],
    ];
    for (const [flags, message] of cases) {
      const { code, err } = await cli('sequences', ZAKI, '--spade', ...flags);
      expect(code, flags.join(' ')).toBe(2);
      expect(err).toContain(message);
      expect(err).toContain('Usage: crm-lens sequences <file> [flags]');
    }
    expect((await cli('sequences', '--spade')).code).toBe(2);
  });

  it('fails with exit code 1 on unreadable input', async () => {
    const missing = await cli('sequences', 'no-such-file.txt', '--spade');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('crm-lens sequences: cannot read "no-such-file.txt": no such file\n');
  });
});
