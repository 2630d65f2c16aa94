import { gzipSync } from 'node:zlib';
import { table as arqueroTable, toArrowIPC } from 'arquero';
import { describe, expect, it } from 'vitest';
import { IngestError, ingestDataset, ingestTransactions, toArquero } from '../../src/index.js';

const NOW = Date.UTC(2025, 0, 1);
const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);

describe('ingestTransactions: delimited text', () => {
  it('reads a CSV with a header, maps by canonical names and dictionary-encodes customers', async () => {
    const csv = 'customerId,date,amount\nc1,2024-01-05,10.5\nc2,2024-01-06,3\nc1,2024-02-01,-2\n';
    const { table, report } = await ingestTransactions(csv, { now: NOW });
    expect(report.total).toBe(3);
    expect(report.accepted).toBe(3);
    expect(table.customer.dictionary).toEqual(['c1', 'c2']);
    expect([...table.customer.codes]).toEqual([0, 1, 0]);
    expect([...table.amount]).toEqual([10.5, 3, -2]);
    expect(table.date[0]).toBe(Date.UTC(2024, 0, 5));
    expect(report.warnings['negative-amount']).toBe(1);
    expect(report.customers).toBe(2);
    expect(report.dateRange).toEqual({ first: '2024-01-05', last: '2024-02-01' });
    expect(report.dateFormats).toEqual([{ field: 'date', format: 'iso', detected: true, fromRow: 1 }]);
  });

  it('handles quoted fields with delimiters, doubled quotes and newlines, and counts physical lines', async () => {
    const csv =
      'cust,when,amt,product\n"a, inc",2024-01-01,1,"say ""hi"""\nb,2024-01-02,2,"two\nlines"\nc,2024-01-03,3,x\n';
    const { table, report } = await ingestTransactions(csv, {
      mapping: { customerId: 'cust', date: 'when', amount: 'amt', product: 'product' },
      now: NOW,
    });
    expect(report.accepted).toBe(3);
    expect(table.customer.dictionary).toEqual(['a, inc', 'b', 'c']);
    expect(table.product?.dictionary).toEqual(['say "hi"', 'two\nlines', 'x']);
    // Row 3 starts on line 5 because row 2's product spans two lines.
    const bad = await ingestTransactions(`${csv}d,not-a-date,4,y\n`, {
      mapping: { customerId: 'cust', date: 'when', amount: 'amt' },
      now: NOW,
    });
    expect(bad.report.rejections[0]).toMatchObject({
      row: 4,
      line: 6,
      field: 'date',
      value: 'not-a-date',
      code: 'invalid-date',
    });
  });

  it('rejects each broken row with its row number, field, raw value, code and message', async () => {
    const csv = [
      'customer_id,date,amount',
      'a,2024-01-01,5',
      ',2024-01-02,5', // missing customer
      'b,2024-13-01,5', // impossible date
      'c,2024-01-03,abc', // not a number
      'd,2024-01-04,5,extra', // too many fields
      'e,2024-01-05', // too few
      'f,2024-01-06,1,5', // too many
      'g,05/01/2024,5', // date in another format than the column's
      'h,2024-01-07,',
    ].join('\r\n');
    const { report } = await ingestTransactions(csv, { now: NOW });
    expect(report.total).toBe(9);
    expect(report.accepted).toBe(1);
    expect(report.rejected).toBe(8);
    expect(report.rejectedByReason).toEqual({
      'missing-value': 2,
      'invalid-date': 2,
      'invalid-number': 1,
      'field-count': 3,
    });
    const [missing, date, num, count] = report.rejections;
    expect(missing).toMatchObject({ row: 2, line: 3, field: 'customerId', value: '', code: 'missing-value' });
    expect(missing?.message).toContain('customerId is required but empty (column "customer_id")');
    expect(date).toMatchObject({ row: 3, field: 'date', value: '2024-13-01', code: 'invalid-date' });
    expect(num).toMatchObject({ row: 4, field: 'amount', value: 'abc', code: 'invalid-number' });
    expect(num?.message).toBe('"abc" in column "amount" is not a number');
    expect(count?.message).toBe('expected 3 fields (as in the header), found 4');
    expect(report.rejections[6]?.message).toMatch(
      /not a valid date in the column's format iso \(recognised from row 1\)/,
    );
  });

  it('recovers from an unterminated quote: only its own line is rejected', async () => {
    const csv =
      'customerId,date,amount,note\na,2024-01-01,1,ok\nb,2024-01-02,2,"never closed\nc,2024-01-03,3,fine\nd,2024-01-04,4,"x"\n';
    const { table, report } = await ingestTransactions(csv, { now: NOW });
    expect(report.total).toBe(4);
    expect(report.rejectedByReason).toEqual({ 'unterminated-quote': 1 });
    expect(report.rejections[0]).toMatchObject({ line: 3, code: 'unterminated-quote' });
    expect(table.customer.dictionary).toEqual(['a', 'c', 'd']);
  });

  it('rejects a record whose closing quote is followed by text on the same line', async () => {
    const csv = 'customerId,date,amount,note\na,2024-01-01,1,"abc"def\nb,2024-01-02,2,ok\n';
    const { report } = await ingestTransactions(csv, { now: NOW });
    expect(report).toMatchObject({ total: 2, accepted: 1, rejectedByReason: { 'malformed-quotes': 1 } });
    expect(report.rejections[0]).toMatchObject({ row: 1, line: 2, field: '(row)' });
  });

  it('reads whitespace-separated text without a header, columns named 1, 2, 3', async () => {
    const text = ' 0001 19970101  1   11.77\r\n 0002 19970112  5   77.00\r\n\r\n 0002 19970113  1   0\r\n';
    const { table, report } = await ingestTransactions(text, {
      header: false,
      mapping: { customerId: { column: '1', integer: true }, date: '2', quantity: '3', amount: '4' },
      now: NOW,
    });
    expect(report.source).toMatchObject({ format: 'whitespace', delimiterDetected: true, header: false });
    expect(report.total).toBe(3);
    expect(report.blankLines).toBe(1);
    expect(table.customer.dictionary).toEqual(['1', '2']);
    expect([...(table.quantity ?? [])]).toEqual([1, 5, 1]);
    expect(report.warnings['zero-amount']).toBe(1);
  });

  it('computes the amount from an expression and flags prices', async () => {
    const csv =
      'Inv,Cust,Qty,Price,When\n1,a,2,3.5,2024-01-01\nC2,a,-1,3.5,2024-01-02\n3,b,5,0,2024-01-03\n4,b,1,-2,2024-01-04\n';
    const { table, report } = await ingestTransactions(csv, {
      mapping: {
        customerId: 'Cust',
        date: 'When',
        orderId: 'Inv',
        quantity: 'Qty',
        unitPrice: 'Price',
        amount: { expr: 'Qty * Price' },
      },
      cancellationPrefix: 'C',
      now: NOW,
    });
    expect([...table.amount]).toEqual([7, -3.5, 0, -2]);
    expect(report.warnings).toMatchObject({
      cancellation: 1,
      'negative-amount': 2,
      'zero-amount': 1,
      'zero-price': 1,
      'negative-price': 1,
    });
    expect(report.mapping.amount).toBe('=Qty * Price');
  });

  it('applies the returns policy "exclude" and still accounts for every row', async () => {
    const csv =
      'Inv,customerId,date,amount\n1,a,2024-01-01,10\nC2,a,2024-01-02,-10\n3,a,2024-01-03,-4\n4,b,2024-01-04,6\n';
    const net = await ingestTransactions(csv, {
      mapping: { orderId: 'Inv' },
      cancellationPrefix: 'C',
      now: NOW,
    });
    expect(sum(net.table.amount)).toBe(2);
    const excluded = await ingestTransactions(csv, {
      mapping: { orderId: 'Inv' },
      cancellationPrefix: 'C',
      returns: 'exclude',
      now: NOW,
    });
    expect(excluded.report).toMatchObject({ total: 4, accepted: 2, rejected: 2, excludedByPolicy: 2 });
    expect(excluded.report.rejectedByReason).toEqual({ 'excluded-cancellation': 1, 'excluded-return': 1 });
    expect(excluded.report.rejections.every((r) => r.policy)).toBe(true);
    expect(sum(excluded.table.amount)).toBe(16);
  });

  it('flags duplicate rows and future dates without dropping them', async () => {
    const csv = 'customerId,date,amount\na,2024-01-01,1\na,2024-01-01,1\na,2030-01-01,1\n';
    const { report, table } = await ingestTransactions(csv, { now: NOW });
    expect(table.length).toBe(3);
    expect(report.warnings).toEqual({ 'duplicate-row': 1, 'future-date': 1 });
    expect(report.warningExamples).toEqual({ 'duplicate-row': [2], 'future-date': [3] });
  });

  it('reads decimal commas and semicolon delimiters', async () => {
    const csv = 'customerId;date;amount\na;2024-01-01;1.234,50\nb;2024-01-02;0,5\n';
    const { table, report } = await ingestTransactions(csv, { decimalComma: true, now: NOW });
    expect(report.source.delimiter).toBe(';');
    expect([...table.amount]).toEqual([1234.5, 0.5]);
    const strict = await ingestTransactions('customerId,date,amount\na,2024-01-01,"1,5"\n', { now: NOW });
    expect(strict.report.rejections[0]?.message).toMatch(/decimalComma/);
  });

  it('fails the whole input with a clear message when the mapping cannot work', async () => {
    const csv = 'who,when,what\na,2024-01-01,1\n';
    await expect(ingestTransactions(csv)).rejects.toThrow(IngestError);
    await expect(ingestTransactions(csv)).rejects.toThrow(/no column for the required field "customerId"/);
    await expect(
      ingestTransactions(csv, { mapping: { customerId: 'who', date: 'when', amount: 'nope' } }),
    ).rejects.toThrow(
      /"amount" is mapped to column "nope", which is not in the input; its columns are: "who", "when", "what"/,
    );
    await expect(ingestTransactions(csv, { mapping: { colour: 'who' } })).rejects.toThrow(
      /unknown field "colour"/,
    );
  });

  it('rejects an explicitly wrong epoch unit as out of range', async () => {
    const { report } = await ingestTransactions([{ customerId: 'a', date: 852076800, amount: 1 }], {
      now: NOW,
    });
    expect(report.rejections[0]?.message).toMatch(
      /before 1973; if it is epoch seconds, set dateFormat: 'epoch-s'/,
    );
  });
});

describe('ingestTransactions: other inputs', () => {
  const rows = [
    { customerId: 'a', date: '2024-01-01', amount: 1, channel: 'web' },
    { customerId: 'b', date: new Date(Date.UTC(2024, 0, 2)), amount: 2 },
    { customerId: 'a', date: Date.UTC(2024, 0, 3), amount: '3' },
  ];

  it('reads row objects (strings, Dates and epoch-ms numbers)', async () => {
    const { table, report } = await ingestTransactions(rows, { now: NOW });
    expect(report.source.format).toBe('rows');
    expect([...table.date]).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)]);
    expect([...table.amount]).toEqual([1, 2, 3]);
    expect([...(table.channel?.codes ?? [])]).toEqual([0, -1, -1]);
  });

  it('reads columnar objects with typed arrays and reports unequal lengths', async () => {
    const columns = {
      customerId: ['a', 'b'],
      date: new Float64Array([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)]),
      amount: new Float64Array([5, 6]),
    };
    const { table } = await ingestTransactions(columns, { now: NOW });
    expect([...table.amount]).toEqual([5, 6]);
    await expect(ingestTransactions({ ...columns, amount: [1] }, { now: NOW })).rejects.toThrow(
      /equal lengths/,
    );
  });

  it('reads JSON arrays, column objects and JSON Lines (with row-level errors)', async () => {
    const json = JSON.stringify(
      rows.map((r) => ({ ...r, date: String(r.date instanceof Date ? '2024-01-02' : r.date) })),
    );
    const fromJson = await ingestTransactions(new TextEncoder().encode(json), { now: NOW });
    expect(fromJson.report.source.format).toBe('json');
    const lines =
      '{"customerId":"a","date":"2024-01-01","amount":1}\n{broken\n{"customerId":"b","date":"2024-01-02","amount":2}\n';
    const fromLines = await ingestTransactions(lines, { now: NOW });
    expect(fromLines.report.source.format).toBe('jsonl');
    expect(fromLines.report).toMatchObject({ total: 3, accepted: 2, rejected: 1 });
    expect(fromLines.report.rejections[0]).toMatchObject({ row: 2, line: 2 });
  });

  it('reads Arrow IPC bytes', async () => {
    const bytes = toArrowIPC(
      arqueroTable({
        customerId: ['x', 'y', 'x'],
        date: ['2024-01-01', '2024-01-02', '2024-01-03'],
        amount: [1.5, 2.5, 3],
      }),
    );
    const { table, report } = await ingestTransactions(bytes, { now: NOW });
    expect(report.source.format).toBe('arrow');
    expect(table.customer.dictionary).toEqual(['x', 'y']);
    expect(sum(table.amount)).toBe(7);
  });

  it('detects and reads gzip input, also when streamed in small chunks', async () => {
    const csv = `customerId,date,amount\n${Array.from({ length: 5000 }, (_, i) => `c${i % 97},2024-01-0${(i % 9) + 1},${i}`).join('\n')}\n`;
    const gz = gzipSync(csv);
    async function* chunks() {
      for (let i = 0; i < gz.length; i += 777) yield gz.subarray(i, i + 777);
    }
    const { table, report } = await ingestTransactions(chunks(), { now: NOW });
    expect(report.source.gzip).toBe(true);
    expect(report.total).toBe(5000);
    expect(sum(table.amount)).toBe((4999 * 5000) / 2);
    expect(report.customers).toBe(97);
  });

  it('says which encoding to use when the bytes are not UTF-8', async () => {
    const latin1 = Uint8Array.from(
      [...'customerId,date,amount\nJos', 0xe9, ...',2024-01-01,1\n'].map((c) =>
        typeof c === 'number' ? c : c.charCodeAt(0),
      ),
    );
    await expect(ingestTransactions(latin1)).rejects.toThrow(/not valid utf-8 .*--encoding windows-1252/);
    const { table } = await ingestTransactions(latin1, { encoding: 'windows-1252', now: NOW });
    expect(table.customer.dictionary).toEqual(['José']);
  });
});

describe('ingestTransactions: failure and abort', () => {
  function trackedStream(lines: number) {
    const state = { cancelled: false };
    let i = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const text = i === 0 ? 'customerId,date,amount\n' : `c${i},2024-01-01,${i}\n`.repeat(2000);
        controller.enqueue(new TextEncoder().encode(text));
        if (++i > lines) controller.close();
      },
      cancel() {
        state.cancelled = true;
      },
    });
    return { stream, state };
  }

  it('cancels and unlocks the input stream when the mapping fails', async () => {
    const { stream, state } = trackedStream(50);
    await expect(ingestTransactions(stream, { mapping: { customerId: 'nope' } })).rejects.toThrow(
      IngestError,
    );
    expect(state.cancelled).toBe(true);
    expect(stream.locked).toBe(false);
  });

  it('stops between batches on abort with IngestError code "aborted", cancelling the stream', async () => {
    const { stream, state } = trackedStream(500);
    const controller = new AbortController();
    const error = await ingestTransactions(stream, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.rows > 10_000) controller.abort(new Error('user cancelled'));
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ code: 'aborted', message: 'ingestion aborted: user cancelled' });
    expect(state.cancelled).toBe(true);
    expect(stream.locked).toBe(false);
  });
});

describe('ingestDataset', () => {
  it('shares one customer code space and flags transactions of unknown customers', async () => {
    const customers = 'id,name,segment\nk1,Kim,retail\nk2,Lee,b2b\nk1,Kim again,retail\n';
    const transactions = 'customerId,date,amount\nk2,2024-01-01,5\nzz,2024-01-02,1\n';
    const interactions = 'customerId,date,type,satisfaction\nk1,2024-01-03,Complaint,2\n';
    const ds = await ingestDataset(
      { customers, transactions, interactions },
      {
        transactions: { now: NOW },
        customers: { now: NOW },
        interactions: { now: NOW },
      },
    );
    expect(ds.customers?.id.dictionary).toEqual(['k1', 'k2']);
    expect(ds.reports.customers?.rejectedByReason).toEqual({ 'duplicate-id': 1 });
    expect(ds.reports.customers?.rejections[0]?.message).toBe('customer id "k1" was already given on row 1');
    expect(ds.customers?.attributes.segment?.dictionary).toEqual(['retail', 'b2b']);
    expect(ds.transactions.customer.dictionary).toEqual(['k1', 'k2', 'zz']);
    expect([...ds.transactions.customer.codes]).toEqual([1, 2]);
    expect(ds.reports.transactions.warnings).toEqual({ 'unknown-customer': 1 });
    expect(ds.interactions?.type.dictionary).toEqual(['complaint']);
    expect([...(ds.interactions?.customer.codes ?? [])]).toEqual([0]);
  });

  it('views canonical tables as arquero tables without copying', async () => {
    const { table } = await ingestTransactions('customerId,date,amount\na,2024-01-01,1\nb,2024-01-02,2\n', {
      now: NOW,
    });
    const dt = toArquero(table);
    expect(dt.numRows()).toBe(2);
    expect(dt.column('customerId')?.at(1)).toBe('b');
    expect(dt.column('amount')?.at(0)).toBe(1);
  });
});

describe('ingestTransactions: pausing and odd values', () => {
  it('awaits the pause hook every 4,096 rows and after each batch, and stops there when aborted', async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => ({
      customerId: `c${i % 10}`,
      date: '2024-01-01',
      amount: 1,
    }));
    let pauses = 0;
    const { report } = await ingestTransactions(rows, {
      now: NOW,
      pause: async () => {
        pauses++;
      },
    });
    expect(report.total).toBe(50_000);
    // Reading the rows' keys first, 16,384 rows at a time: 3 pauses. Then 3 batches (20k, 20k, 10k rows):
    // 4 + 4 + 2 in-batch pauses, plus one after each batch. Then building the table (duplicate check of 50k
    // rows, 49,990 of them repeats to warn): 1.
    expect(pauses).toBe(3 + 13 + 1);
    const controller = new AbortController();
    let seen = 0;
    const error = await ingestTransactions(rows, {
      now: NOW,
      signal: controller.signal,
      pause: async () => {
        if (++seen === 2) controller.abort(new Error('stop'));
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'aborted' });
  });

  it('rejects an Invalid Date object instead of crashing', async () => {
    const { report } = await ingestTransactions(
      [
        { customerId: 'a', date: new Date(Number.NaN), amount: 1 },
        { customerId: 'b', date: new Date(Date.UTC(2024, 0, 1)), amount: 1 },
      ],
      { now: NOW },
    );
    expect(report).toMatchObject({ total: 2, accepted: 1, rejectedByReason: { 'invalid-date': 1 } });
    expect(report.rejections[0]?.value).toBe('Invalid Date');
  });
});

describe('duplicate rows in row and column input', () => {
  it('flags exact repeats of every cell, numbers compared by value', async () => {
    const rows = [
      { customerId: 'a', date: Date.UTC(2024, 0, 1), amount: 1.5, note: 'x' },
      { customerId: 'a', date: Date.UTC(2024, 0, 1), amount: 1.5, note: 'x' },
      { customerId: 'a', date: Date.UTC(2024, 0, 1), amount: 1.5, note: 'y' },
      { customerId: 'a', date: Date.UTC(2024, 0, 1), amount: 1.25, note: 'x' },
    ];
    const fromRows = await ingestTransactions(rows, { now: NOW });
    expect(fromRows.report.warnings).toEqual({ 'duplicate-row': 1 });
    expect(fromRows.report.warningExamples['duplicate-row']).toEqual([2]);
    const columns = {
      customerId: rows.map((r) => r.customerId),
      date: Float64Array.from(rows.map((r) => r.date)),
      amount: Float64Array.from(rows.map((r) => r.amount)),
      note: rows.map((r) => r.note),
    };
    const fromColumns = await ingestTransactions(columns, { now: NOW });
    expect(fromColumns.report.warnings).toEqual({ 'duplicate-row': 1 });
  });
});
