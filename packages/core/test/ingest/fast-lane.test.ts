import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type IngestReport, ingestTransactions, type TransactionIngestOptions } from '../../src/index.js';
import { dictionaryHashColumn, hashCells, hashTypedRows } from '../../src/util/hash.js';

// The fast lane of typed columnar input must give exactly what the generic path gives for the same cells: the
// generic path is forced by handing the same values in plain arrays (which the lane does not take).

const withoutTiming = ({ durationMs: _, ...report }: IngestReport) => report;

const date = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2024, 0, 1) }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Number.NaN,
      1e10, // epoch seconds read as ms: rejected with a hint
      -3e12, // before 1900
      Date.UTC(2300, 0, 1),
      Number.POSITIVE_INFINITY,
      Date.UTC(2099, 0, 1), // future: a warning
    ),
  },
);
const amount = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -50, max: 500 }).map((v) => v / 4) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, Number.NaN, Number.NEGATIVE_INFINITY, -12.5) },
);
const row = fc.record({
  id: fc.integer({ min: 0, max: 40 }),
  date,
  amount,
  extra: fc.integer({ min: 0, max: 3 }),
});
// Repeating earlier rows makes duplicates.
const rows = fc
  .array(row, { minLength: 0, maxLength: 300 })
  .chain((rs) =>
    fc
      .array(fc.nat({ max: Math.max(0, rs.length - 1) }), { maxLength: rs.length > 0 ? 30 : 0 })
      .map((picks) => [...rs, ...picks.map((p) => rs[p]!)]),
  );
const options = fc.record({
  returns: fc.constantFrom<'net' | 'exclude'>('net', 'exclude'),
  now: fc.constant(Date.UTC(2024, 6, 1)),
});

async function both(
  typed: Record<string, unknown>,
  plain: Record<string, unknown>,
  opts: TransactionIngestOptions,
) {
  const fast = await ingestTransactions(typed as never, opts);
  const generic = await ingestTransactions(plain as never, opts);
  return { fast, generic };
}

describe('ingestion fast lane (typed columns)', () => {
  it('integer ids, float dates and amounts: the same table and report as the generic path', async () => {
    await fc.assert(
      fc.asyncProperty(rows, options, fc.boolean(), async (rs, opts, integer) => {
        const ids = Int32Array.from(rs, (r) => r.id * 1000 - 7);
        const dates = Float64Array.from(rs, (r) => r.date);
        const amounts = Float64Array.from(rs, (r) => r.amount);
        const extra = Uint8Array.from(rs, (r) => r.extra);
        const mapping = integer ? { customerId: { column: 'customerId', integer: true } } : {};
        const { fast, generic } = await both(
          { customerId: ids, date: dates, amount: amounts, extra },
          {
            customerId: Array.from(ids),
            date: Array.from(dates),
            amount: Array.from(amounts),
            extra: Array.from(extra),
          },
          { ...opts, mapping },
        );
        expect(fast.table).toEqual(generic.table);
        expect(withoutTiming(fast.report)).toEqual(withoutTiming(generic.report));
      }),
      { numRuns: 150, seed: 20261122 },
    );
  });

  it('dictionary-coded ids (missing and invalid ones included): the same as the same strings in an array', async () => {
    const dictionary = ['17850', '13047.0', ' 12583 ', 'abc', '', '0017850', 'C-1'];
    await fc.assert(
      fc.asyncProperty(
        rows,
        fc.array(fc.integer({ min: -1, max: dictionary.length - 1 }), { minLength: 330, maxLength: 330 }),
        fc.boolean(),
        async (rs, picks, integer) => {
          const codes = Int32Array.from(rs, (_, i) => picks[i]!);
          const dates = Float64Array.from(rs, (r) => r.date);
          const amounts = Float64Array.from(rs, (r) => r.amount);
          const cells = Array.from(codes, (c) => (c < 0 ? undefined : dictionary[c]));
          const mapping = integer ? { customerId: { column: 'customerId', integer: true } } : {};
          const { fast, generic } = await both(
            { customerId: { codes, dictionary }, date: dates, amount: amounts },
            { customerId: cells, date: Array.from(dates), amount: Array.from(amounts) },
            { mapping },
          );
          expect(fast.table).toEqual(generic.table);
          expect(withoutTiming(fast.report)).toEqual(withoutTiming(generic.report));
        },
      ),
      { numRuns: 100, seed: 7 },
    );
  });

  it('epoch-second dates', async () => {
    const seconds = Float64Array.of(1_700_000_000, 1_700_086_400, Number.NaN, 5);
    const { fast, generic } = await both(
      { customerId: Int32Array.of(1, 2, 3, 4), date: seconds, amount: Float64Array.of(1, 2, 3, 4) },
      { customerId: [1, 2, 3, 4], date: Array.from(seconds), amount: [1, 2, 3, 4] },
      { dateFormat: 'epoch-s' },
    );
    expect(fast.table).toEqual(generic.table);
    expect(withoutTiming(fast.report)).toEqual(withoutTiming(generic.report));
    expect(fast.report.accepted).toBe(3);
  });

  it('300k rows: runs across pause points, duplicates found by partitions', async () => {
    const n = 300_000;
    const ids = new Int32Array(n);
    const dates = new Float64Array(n);
    const amounts = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      // The second half repeats every third row of the first: duplicates far apart.
      const source = i >= n / 2 && i % 3 === 0 ? i - n / 2 : i;
      ids[i] = source % 5000;
      dates[i] = Date.UTC(2023, 0, 1) + (source % 997) * 86_400_000;
      amounts[i] = source % 1013 === 0 ? Number.NaN : (source % 61) - 3;
    }
    let pauses = 0;
    const pause = async () => {
      pauses++;
    };
    const { fast, generic } = await both(
      { customerId: ids, date: dates, amount: amounts },
      { customerId: Array.from(ids), date: Array.from(dates), amount: Array.from(amounts) },
      { pause } as TransactionIngestOptions,
    );
    expect(fast.table).toEqual(generic.table);
    expect(withoutTiming(fast.report)).toEqual(withoutTiming(generic.report));
    expect(fast.report.warnings['duplicate-row']).toBe(50_000 - Math.ceil(50_000 / 1013));
    // Both paths paused at the same 4,096-row points (and after each batch).
    expect(pauses % 2).toBe(0);
    expect(pauses / 2).toBeGreaterThanOrEqual(Math.floor(n / 4096));
  });
});

describe('hashTypedRows', () => {
  it('equals hashCells of the same cells, column kinds mixed', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double(), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1, max: 2 })),
          { minLength: 1, maxLength: 50 },
        ),
        (cells) => {
          const dictionary = ['a', 'ümlaut', ''];
          const f = Float64Array.from(cells, (c) => c[0]);
          const i = Int16Array.from(cells, (c) => c[1]);
          const codes = Int32Array.from(cells, (c) => c[2]);
          const out = new Float64Array(cells.length);
          hashTypedRows(
            [
              { kind: 'float64', values: f },
              { kind: 'number', values: i },
              dictionaryHashColumn(codes, dictionary),
            ],
            0,
            cells.length,
            out,
          );
          for (let r = 0; r < cells.length; r++) {
            const text = codes[r]! < 0 ? undefined : dictionary[codes[r]!];
            expect(out[r]).toBe(hashCells([f[r], i[r], text]));
          }
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });
});
