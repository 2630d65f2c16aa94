import { type ColumnarInput, ingestTransactions } from '@crm-lens/core';
import { generateDataset, toRows } from '@crm-lens/testing';
import { describe, expect, it } from 'vitest';
import {
  columnariseRows,
  decodeRows,
  InlineEngine,
  type Progress,
  type WireIngestOptions,
} from '../src/index.js';

type Row = Record<string, unknown>;

/** Synthetic order lines as row objects, with the oddities host pages hand over. */
function messyRows(): Row[] {
  const { transactions } = generateDataset({ customers: 400, seed: 11 });
  const rows: Row[] = toRows(transactions);
  rows[3]!.amount = null;
  delete rows[4]!.amount;
  rows[5]!.quantity = '2'; // a string in a number column: the column keeps its values
  rows[6]!.product = undefined;
  rows[7]!.amount = Number.NaN;
  rows[8]!.customerId = 12345; // a number in a text column
  rows[9]!.region = { toString: () => 'Atlantis' };
  rows[2500]!.note = 'a key first seen late';
  rows[2501]!.channel = true;
  return rows;
}

/** Core reading the rows themselves, and the engine reading them columnarised, must agree. */
async function expectSameAsCore(rows: readonly Row[], options: WireIngestOptions = {}): Promise<void> {
  const direct = await ingestTransactions(rows, { ...options, now: Date.UTC(2030, 0, 1) });
  const engine = new InlineEngine();
  const { handle, report } = await engine.load({
    kind: 'rows',
    rows,
    options: { ...options, now: Date.UTC(2030, 0, 1) },
  });
  expect(engine.backend.tables(handle).transactions).toEqual(direct.table);
  expect({ ...report, durationMs: 0 }).toEqual({ ...direct.report, durationMs: 0 });
}

describe('columnariseRows', () => {
  it('gives ingestion exactly what the rows give it: same table, same report', async () => {
    const rows = messyRows();
    await expectSameAsCore(rows);
    const direct = await ingestTransactions(rows, { now: Date.UTC(2030, 0, 1) });
    // The oddities were there to be seen (not silently smoothed away).
    expect(direct.report.rejected).toBeGreaterThan(0);
    expect(direct.report.unmappedColumns).toContain('note');
  });

  it('carries Dates as epoch milliseconds and reads them back as Dates', async () => {
    const rows: Row[] = messyRows().map((row) => ({ ...row, date: new Date(row.date as number) }));
    rows[20]!.date = null;
    // (An Invalid Date is left out: core's ingestion itself throws on one, see the report.)
    await expectSameAsCore(rows);
    const { rows: encoded } = await columnariseRows(rows);
    expect(encoded.columns.find((c) => c.name === 'date')!.column.kind).toBe('date');
  });

  it('types each column by its values and lists every buffer for transfer', async () => {
    const rows: Row[] = [
      { n: 1.5, s: 'a', d: new Date(0), mixed: 1, empty: null },
      { n: null, s: 'b', d: new Date(86_400_000), mixed: 'x', late: 7 },
      { n: -0, s: 'a', mixed: new Date(5) },
      { s: '', n: Number.NaN, mixed: { toString: () => 'obj' } },
    ];
    const { rows: encoded, transfer } = await columnariseRows(rows);
    expect(encoded.columns.map((c) => [c.name, c.column.kind])).toEqual([
      ['n', 'number'],
      ['s', 'text'],
      ['d', 'date'],
      ['mixed', 'values'],
      ['empty', 'number'],
      ['late', 'number'],
    ]);
    const s = encoded.columns[1]!.column;
    expect(s).toEqual({ kind: 'text', codes: Int32Array.of(0, 1, 0, 2), dictionary: ['a', 'b', ''] });
    const buffers = encoded.columns.flatMap(({ column }) =>
      column.kind === 'values'
        ? []
        : column.kind === 'text'
          ? [column.codes.buffer]
          : [column.values.buffer, ...(column.missing ? [column.missing.buffer] : [])],
    );
    expect(new Set(transfer)).toEqual(new Set(buffers));

    // Read back, every cell is the row's (null and absent both read as undefined; other objects as their text).
    const decoded = decodeRows(encoded);
    const expected: Record<string, unknown[]> = {
      n: [1.5, undefined, -0, Number.NaN],
      s: ['a', 'b', 'a', ''],
      d: [new Date(0), new Date(86_400_000), undefined, undefined],
      mixed: [1, 'x', new Date(5), 'obj'],
      empty: [undefined, undefined, undefined, undefined],
      late: [undefined, 7, undefined, undefined],
    };
    // Text stays dictionary-coded ({ codes, dictionary }, −1 = missing); everything else is an array of cells.
    const cellsOf = (column: ColumnarInput[string]): unknown[] =>
      'codes' in column
        ? Array.from(column.codes, (c) => (c < 0 ? undefined : column.dictionary[c]))
        : Array.from(column);
    for (const [name, cells] of Object.entries(expected)) expect(cellsOf(decoded[name]!)).toEqual(cells);
    expect('codes' in decoded.s!).toBe(true);
    expect(Object.is(cellsOf(decoded.n!)[2], -0)).toBe(true);
  });

  it('works in slices of at most 20,000 rows, yielding between them, and can be cancelled', async () => {
    const rows = Array.from({ length: 45_000 }, (_, i) => ({ id: `c${i % 97}`, v: i }));
    const seen: number[] = [];
    await columnariseRows(rows, { onProgress: (done) => seen.push(done), sliceMs: Number.POSITIVE_INFINITY });
    // Two passes of three slices each (20k, 20k, 5k).
    expect(seen).toEqual([20_000, 40_000, 45_000, 65_000, 85_000, 90_000]);

    const controller = new AbortController();
    const pending = columnariseRows(rows, { signal: controller.signal, chunkRows: 1000 });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'EngineError', code: 'aborted' });
  });

  it('reports progress over the whole load: columnarising here, then ingestion in the host', async () => {
    const rows = messyRows();
    const events: Progress[] = [];
    await new InlineEngine().load({ kind: 'rows', rows }, { onProgress: (p) => events.push(p) });
    const fractions = events.map((e) => e.fraction!);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(events[0]!.stage).toBe('columnarise');
    expect(events.find((e) => e.stage === 'columnarise' && e.fraction === 0.5)).toBeDefined();
    expect(events.at(-1)).toEqual({ stage: 'ingest', rows: rows.length, fraction: 1 });
  });

  it('handles no rows', async () => {
    const { rows } = await columnariseRows([]);
    expect(rows).toEqual({ length: 0, columns: [] });
  });
});
