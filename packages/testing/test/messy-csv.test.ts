import { describe, expect, it } from 'vitest';
// The testing package's src stays free of dependencies; its tests may use core to check the claims end to end.
import { ingestTransactions } from '../../core/src/index.js';
import {
  DEFAULT_MESSY_DEFECTS,
  generateMessyCsv,
  MESSY_CSV_HEADER,
  MESSY_DEFECT_CODES,
} from '../src/index.js';

type Finding =
  | 'unterminated-quote'
  | 'field-count'
  | 'missing-value'
  | 'invalid-date'
  | 'invalid-number'
  | 'zero-amount'
  | 'negative-amount'
  | 'future-date'
  | 'duplicate-row';

const REJECTIONS = new Set<Finding>([
  'unterminated-quote',
  'field-count',
  'missing-value',
  'invalid-date',
  'invalid-number',
]);

function isIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === text && text >= '1900';
}

/**
 * An independent reading of the file: a plain split on newlines and commas (valid because the generator writes
 * no quoted fields except the unterminated ones), and every check applied to every line, so a line that breaks
 * two rules shows two findings.
 */
function findings(text: string, now: number): Finding[][] {
  const lines = text.split('\n');
  expect(lines.at(-1)).toBe('');
  expect(lines[0]).toBe(MESSY_CSV_HEADER);
  const seen = new Set<string>();
  return lines.slice(1, -1).map((line) => {
    const found: Finding[] = [];
    if (line.includes('"')) found.push('unterminated-quote');
    const fields = line.split(',');
    if (fields.length !== 4) found.push('field-count');
    const [id = '', date = '', amount = ''] = fields;
    if (id.trim() === '') found.push('missing-value');
    if (!isIsoDay(date)) found.push('invalid-date');
    if (!/^-?\d+(\.\d+)?$/.test(amount)) found.push('invalid-number');
    if (found.length > 0) return found;
    if (Number(amount) === 0) found.push('zero-amount');
    if (Number(amount) < 0) found.push('negative-amount');
    if (Date.parse(`${date}T00:00:00Z`) > now) found.push('future-date');
    if (seen.has(line)) found.push('duplicate-row');
    seen.add(line);
    return found;
  });
}

function tally(perLine: Finding[][]) {
  const rejectedByReason: Record<string, number> = {};
  const warnings: Record<string, number> = {};
  for (const found of perLine) {
    for (const f of found) {
      const target = REJECTIONS.has(f) ? rejectedByReason : warnings;
      target[f] = (target[f] ?? 0) + 1;
    }
  }
  return { total: perLine.length, rejectedByReason, warnings };
}

describe('generateMessyCsv', () => {
  const csv = generateMessyCsv();

  it('claims the documented default counts', () => {
    expect(csv.now).toBe(Date.UTC(2025, 0, 1));
    expect(csv.expected).toEqual({
      total: 1054,
      rejectedByReason: {
        'missing-value': 3,
        'invalid-date': 4,
        'invalid-number': 5,
        'field-count': 6,
        'unterminated-quote': 2,
      },
      warnings: { 'duplicate-row': 7, 'zero-amount': 8, 'negative-amount': 9, 'future-date': 10 },
    });
  });

  it('holds exactly the defects it claims, one reason per defect row, by a plain line split', () => {
    const perLine = findings(csv.text, csv.now);
    expect(tally(perLine)).toEqual(csv.expected);
    expect(perLine).toHaveLength(csv.kinds.length);
    perLine.forEach((found, k) => {
      const kind = csv.kinds[k]!;
      if (kind === 'valid') expect(found, `line ${k + 2}`).toEqual([]);
      else {
        const code = MESSY_DEFECT_CODES[kind];
        expect(found, `line ${k + 2}`).toEqual(['rejected' in code ? code.rejected : code.warning]);
      }
    });
  });

  it('follows each unterminated quote with a clean line and keeps the first and last rows clean', () => {
    csv.kinds.forEach((kind, k) => {
      if (kind === 'unterminatedQuote') expect(csv.kinds[k + 1]).toBe('valid');
    });
    expect(csv.kinds.slice(0, 60).every((k) => k === 'valid')).toBe(true);
    expect(csv.kinds.at(-1)).toBe('valid');
  });

  it('is deterministic under the seed, and the seed matters', () => {
    expect(generateMessyCsv()).toEqual(csv);
    expect(generateMessyCsv({ seed: 2 }).text).not.toBe(csv.text);
  });

  it('produces exactly the expected ingestion report', async () => {
    const { report } = await ingestTransactions(csv.text, { mapping: { date: 'order_date' }, now: csv.now });
    expect(report.total).toBe(csv.expected.total);
    expect(report.rejectedByReason).toEqual(csv.expected.rejectedByReason);
    expect(report.warnings).toEqual(csv.expected.warnings);
    // No defect hides a second finding on a rejected row either.
    expect(report.warningsOnRejected).toEqual({});
    for (const rejection of report.rejections) {
      const kind = csv.kinds[rejection.row - 1]!;
      expect(kind).not.toBe('valid');
      expect(MESSY_DEFECT_CODES[kind as Exclude<typeof kind, 'valid'>]).toEqual({ rejected: rejection.code });
    }
  });

  it('takes counts from anomalies and defects, and checks its options', async () => {
    const small = generateMessyCsv({
      rows: 200,
      anomalies: 0.1,
      defects: { futureDate: 0 },
      seed: 4,
      now: '2025-06-30',
    });
    // 20 defect rows over nine kinds: 3, 3, 2, 2, 2, 2, 2, 2 and futureDate overridden to 0.
    expect(small.expected.total).toBe(200 + 3 + 3 + 2 * 6);
    expect(small.expected.rejectedByReason['missing-value']).toBe(3);
    expect(small.expected.rejectedByReason['invalid-date']).toBe(3);
    expect(small.expected.warnings['future-date']).toBeUndefined();
    expect(tally(findings(small.text, small.now))).toEqual(small.expected);
    const { report } = await ingestTransactions(small.text, {
      mapping: { date: 'order_date' },
      now: small.now,
    });
    expect({
      total: report.total,
      rejectedByReason: report.rejectedByReason,
      warnings: report.warnings,
    }).toEqual(small.expected);

    const clean = generateMessyCsv({ rows: 5, anomalies: 0 });
    expect(clean.expected).toEqual({ total: 5, rejectedByReason: {}, warnings: {} });
    expect(Object.keys(DEFAULT_MESSY_DEFECTS)).toHaveLength(9);
    expect(() => generateMessyCsv({ rows: 3 })).toThrow(RangeError);
    expect(() => generateMessyCsv({ now: '2024-06-01' })).toThrow(RangeError);
    expect(() => generateMessyCsv({ defects: { badDate: -1 } })).toThrow(RangeError);
  });
});
