import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestTransactions } from '../../src/index.js';

const NOW = Date.UTC(2030, 0, 1);

/** A generated row: its CSV text and what the ingestion must make of it. */
interface GenRow {
  text: string;
  broken: 'missing-value' | 'invalid-date' | 'invalid-number' | 'field-count' | undefined;
}

const id = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
const day = fc.date({
  min: new Date(Date.UTC(2000, 0, 1)),
  max: new Date(Date.UTC(2029, 11, 31)),
  noInvalidDate: true,
});
const amount = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const quoted = fc.string({ maxLength: 12 }).map((s) => `"${s.replaceAll('"', '""')}"`);

const validRow: fc.Arbitrary<GenRow> = fc.tuple(id, day, amount, quoted).map(([c, d, a, note]) => ({
  text: `${c},${d.toISOString().slice(0, 10)},${a},${note}`,
  broken: undefined,
}));

const brokenRow: fc.Arbitrary<GenRow> = fc.oneof(
  fc
    .tuple(day, amount)
    .map(([d, a]) => ({ text: `,${d.toISOString().slice(0, 10)},${a},x`, broken: 'missing-value' as const })),
  fc
    .tuple(id, fc.constantFrom('2021-02-30', 'yesterday', '2021/01/01', '99999999x'), amount)
    .map(([c, d, a]) => ({ text: `${c},${d},${a},x`, broken: 'invalid-date' as const })),
  fc.tuple(id, day, fc.constantFrom('abc', '1,5', '--1', 'NaN', '1e', '$3')).map(([c, d, a]) => ({
    text: `${c},${d.toISOString().slice(0, 10)},"${a}",x`,
    broken: 'invalid-number' as const,
  })),
  fc.tuple(id, day, amount, fc.integer({ min: 1, max: 3 }), fc.boolean()).map(([c, d, a, n, extra]) => ({
    text: extra
      ? `${c},${d.toISOString().slice(0, 10)},${a},x${',y'.repeat(n)}`
      : [c, d.toISOString().slice(0, 10), a].slice(0, 3 - Math.min(n, 2)).join(','),
    broken: 'field-count' as const,
  })),
);

describe('ingestion properties', () => {
  it('never throws on mixes of valid and broken rows, and accepted + rejected = total', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ weight: 3, arbitrary: validRow }, { weight: 1, arbitrary: brokenRow }), {
          maxLength: 60,
        }),
        fc.constantFrom('\n', '\r\n'),
        async (rows, newline) => {
          const text = ['customerId,date,amount,note', ...rows.map((r) => r.text)].join(newline);
          const { table, report } = await ingestTransactions(text, { now: NOW, delimiter: ',' });
          expect(report.accepted + report.rejected).toBe(report.total);
          expect(report.total).toBe(rows.length);
          expect(table.length).toBe(report.accepted);
          // Each broken row is rejected for exactly the reason it was broken for.
          const expected: Record<string, number> = {};
          for (const r of rows) if (r.broken) expected[r.broken] = (expected[r.broken] ?? 0) + 1;
          expect(report.rejectedByReason).toEqual(expected);
          expect(report.rejections.map((r) => r.row)).toEqual(
            rows.flatMap((r, i) => (r.broken ? [i + 1] : [])),
          );
        },
      ),
      { numRuns: 150, seed: 20261122 },
    );
  });

  it('never throws on arbitrary text: every record is accounted for or the input is refused with IngestError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300, unit: fc.constantFrom('a', '1', ',', '"', '\n', '\r', ' ', '-', ';') }),
        async (body) => {
          const text = `customerId,date,amount\n${body}`;
          const result = await ingestTransactions(text, { now: NOW, delimiter: ',' });
          expect(result.report.accepted + result.report.rejected).toBe(result.report.total);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('gives the same result however the input is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(validRow, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 64 }),
        async (rows, size) => {
          const text = ['customerId,date,amount,note', ...rows.map((r) => r.text)].join('\n');
          const bytes = new TextEncoder().encode(text);
          async function* chunks() {
            for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
          }
          const whole = await ingestTransactions(text, { now: NOW, delimiter: ',' });
          const streamed = await ingestTransactions(chunks(), { now: NOW, delimiter: ',' });
          expect(streamed.report.total).toBe(whole.report.total);
          expect([...streamed.table.amount]).toEqual([...whole.table.amount]);
          expect(streamed.table.customer.dictionary).toEqual(whole.table.customer.dictionary);
        },
      ),
      { numRuns: 100, seed: 11 },
    );
  });
});
