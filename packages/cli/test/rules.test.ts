import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { associationRules, formatRule, fpGrowth, itemNames, parseBasketLines } from '@crm-lens/core';
import { describe, expect, it } from 'vitest';
import { cli } from './util/cli.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const GROCERIES = join(DATA, 'groceries/groceries.csv');

interface RuleJson {
  antecedent: string[];
  consequent: string[];
  count: number;
  support: number;
  confidence: number;
  lift: number;
  leverage: number;
  conviction: number | null;
}

describe('crm-lens rules --baskets', () => {
  it('gives on Groceries at support 0.01 / confidence 0.5 exactly what associationRules gives', async () => {
    const { code, out, err } = await cli(
      'rules',
      GROCERIES,
      '--baskets',
      '--min-support',
      '0.01',
      '--min-confidence',
      '0.5',
      '--json',
    );
    expect(code).toBe(0);
    expect(err).toBe('');
    const json = JSON.parse(out);

    const { baskets, report } = parseBasketLines(readFileSync(GROCERIES, 'utf8'));
    const frequent = fpGrowth(baskets, { minSupport: 0.01 });
    const rules = associationRules(frequent, { minConfidence: 0.5 });

    expect(json).toMatchObject({
      source: 'baskets',
      baskets: 9835,
      items: 169,
      report: { lines: 9835, baskets: 9835, rejected: 0 },
      options: { minSupport: 0.01, minConfidence: 0.5, minLift: 0, maxLength: 10 },
      itemsets: { count: frequent.itemsets.length, minCount: frequent.minCount },
    });
    expect(json.report).toEqual(report);
    expect(json.itemsets.count).toBe(333);
    expect(json.rules).toHaveLength(rules.length);
    expect(rules).toHaveLength(15);
    json.rules.forEach((r: RuleJson, i: number) => {
      const direct = rules[i]!;
      expect(r.antecedent).toEqual(itemNames(direct.antecedent, baskets.dictionary));
      expect(r.consequent).toEqual(itemNames(direct.consequent, baskets.dictionary));
      expect(r).toMatchObject({
        count: direct.count,
        support: direct.support,
        confidence: direct.confidence,
        lift: direct.lift,
        leverage: direct.leverage,
      });
    });
    // The strongest rule by lift.
    expect(json.rules[0]).toMatchObject({
      antecedent: ['citrus fruit', 'root vegetables'],
      consequent: ['other vegetables'],
      count: 102,
    });
    expect(json.rules[0].lift).toBeCloseTo(3.0296, 4);

    const text = await cli('rules', GROCERIES, '--baskets', '--min-support', '0.01', '--limit', '3');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/baskets\s+9,835 from 9,835 lines \(0 rejected\)/);
    expect(text.out).toMatch(
      /itemsets\s+333 with support ≥ 0\.01 \(in ≥ 99 baskets\); by size 1: 88, 2: 213, 3: 32/,
    );
    expect(text.out).toMatch(/rules\s+15 with confidence ≥ 0\.5\n/);
    expect(text.out).toContain('Top 3 rules by lift');
    expect(text.out).toMatch(
      new RegExp(
        `${formatRule(rules[0]!, baskets.dictionary).replace(/[{}]/g, '\\$&')}\\s+0\\.01037\\s+0\\.5862\\s+3\\.030\\s+102`,
      ),
    );
    expect(text.out.trim().split('\n').at(-1)).toContain(formatRule(rules[2]!, baskets.dictionary));
  });

  it('reports rejected basket lines on standard error and mines the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-lens-rules-'));
    const file = join(dir, 'baskets.txt');
    writeFileSync(file, 'a;b\na;b;c\n\na;;b\n"a;b";c\nb;c\n');
    const { code, out, err } = await cli(
      'rules',
      file,
      '--baskets',
      '--delimiter',
      ';',
      '--min-support',
      '0.5',
      '--json',
    );
    expect(code).toBe(0);
    expect(err).toBe(
      'crm-lens: 1 of 5 basket lines rejected (empty-item 1); first: line 4, ' +
        'an item is empty (two separators in a row, a separator at either end, or only spaces)\n',
    );
    const json = JSON.parse(out);
    expect(json.baskets).toBe(4);
    expect(json.report).toMatchObject({ lines: 5, rejected: 1, blankLines: 1 });
    // a, b, c, "a;b" — b ⇒ a and a ⇒ b hold in 2 of 4 baskets; c with b in 2 of 4.
    expect(json.rules.map((r: RuleJson) => `${r.antecedent} => ${r.consequent}`).sort()).toEqual([
      'a => b',
      'b => a',
      'b => c',
      'c => b',
    ]);
  });
});

describe('crm-lens rules on transactions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-lens-rules-'));
  const file = join(dir, 'orders.csv');
  writeFileSync(
    file,
    [
      'order,customer,day,product,amount',
      'o1,c1,2024-01-01,bread,2',
      'o1,c1,2024-01-01,butter,3',
      'o1,c1,2024-01-01,bread,2',
      'o2,c2,2024-01-02,bread,2',
      'o2,c2,2024-01-02,butter,3',
      'o2,c2,2024-01-02,jam,4',
      'o3,c1,2024-01-03,bread,2',
      'o3,c1,2024-01-03,POST,1',
      'o4,c3,2024-01-04,butter,-3',
      'o5,c3,2024-01-05,jam,4',
      'o5,c3,2024-01-05,butter,3',
    ].join('\n'),
  );
  const mapping = ['--map', 'orderId=order', '--map', 'customerId=customer', '--map', 'date=day'];
  mapping.push('--map', 'product=product');

  it('builds one basket per order and leaves out returns and excluded products', async () => {
    const { code, out } = await cli(
      'rules',
      file,
      ...mapping,
      '--exclude',
      'POST',
      '--min-support',
      '0.5',
      '--json',
    );
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.source).toBe('transactions');
    expect(json.baskets).toBe(4);
    expect(json.report).toMatchObject({
      rows: 11,
      rowsUsed: 9,
      returnRows: 1,
      excludedRows: 1,
      duplicateItems: 1,
      ordersWithoutItems: 1,
    });
    // bread 3/4, butter 3/4, jam 2/4, {bread, butter} 2/4, {butter, jam} 2/4.
    expect(json.itemsets.count).toBe(5);
    const byRule = Object.fromEntries(
      json.rules.map((r: RuleJson) => [`${r.antecedent} => ${r.consequent}`, r.confidence]),
    );
    expect(byRule).toEqual({
      'jam => butter': 1,
      'bread => butter': 2 / 3,
      'butter => bread': 2 / 3,
      'butter => jam': 2 / 3,
    });

    const text = await cli('rules', file, ...mapping, '--exclude', 'POST', '--min-support', '0.5');
    expect(text.out).toMatch(/baskets\s+4 orders from 11 rows \(1 order with no item left/);
    expect(text.out).toMatch(/rows\s+9 used; left out: 1 return row, 1 row of excluded products/);
  });

  it('says what is missing when the file has no order ids or products', async () => {
    const cdnow = await cli('rules', join(DATA, 'cdnow/CDNOW_sample.txt'), '--preset', 'cdnow-sample');
    expect(cdnow.code).toBe(1);
    expect(cdnow.err).toContain(
      'has no orderId and no product column: map them (--map orderId=COLUMN --map product=COLUMN)',
    );
  });
});

describe('crm-lens rules: wrong calls', () => {
  it('explains bad flags with exit code 2', async () => {
    const cases: [string[], string][] = [
      [['--min-support', '0'], '--min-support takes a share in (0, 1], got "0"'],
      [['--min-support', 'often'], '--min-support takes a share in (0, 1], got "often"'],
      [['--min-confidence', '1.5'], '--min-confidence takes a share in [0, 1], got "1.5"'],
      [['--min-lift=-1'], '--min-lift takes a number ≥ 0, got "-1"'],
      [['--max-length', '0'], '--max-length takes a whole number ≥ 1, got "0"'],
      [['--limit', '2.5'], '--limit takes a whole number ≥ 0, got "2.5"'],
      [['--preset', 'online-retail'], '--preset applies to transactions files, not to --baskets'],
      [['--exclude', 'POST'], '--exclude applies to transactions files, not to --baskets'],
      [['--delimiter', '\\t\\t'], '--delimiter takes one character other than a quote with --baskets'],
      [['--encoding', 'klingon'], 'unknown text encoding "klingon"'],
      [['--minsupport', '0.1'], "Unknown option '--minsupport'"],
    ];
    for (const [flags, message] of cases) {
      const { code, err } = await cli('rules', GROCERIES, '--baskets', ...flags);
      expect(code, flags.join(' ')).toBe(2);
      expect(err).toContain(message);
      expect(err).toContain('Usage: crm-lens rules <file> [flags]');
    }
    const noFile = await cli('rules', '--baskets');
    expect(noFile.code).toBe(2);
    expect(noFile.err).toContain('rules needs a file: crm-lens rules <file> [flags]');
  });

  it('fails with exit code 1 on unreadable input', async () => {
    const missing = await cli('rules', 'no-such-baskets.csv', '--baskets');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('crm-lens rules: cannot read "no-such-baskets.csv": no such file\n');
    const dir = mkdtempSync(join(tmpdir(), 'crm-lens-rules-'));
    writeFileSync(join(dir, 'empty.txt'), '\n\n');
    const empty = await cli('rules', join(dir, 'empty.txt'), '--baskets');
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('no baskets in');
  });
});
