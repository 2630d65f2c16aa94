// Ingestion in a real browser (Chromium via Web Test Runner): gzip through the platform's CompressionStream
// and DecompressionStream, a fetch() Response stream, a Blob, and the browser builds of arquero and papaparse.

import { type IngestReport, ingestTransactions, PRESETS, type TransactionTable } from '@crm-lens/core';
import { expect } from '@esm-bundle/chai';

const NOW = Date.UTC(2025, 0, 1);

// Header, 8 data records and a blank line (line 5). Four records are broken, one reason each.
const CSV = [
  'customer_id,date,amount,product',
  'C1,2024-01-05,10.50,crème brûlée',
  'C2,2024-01-06,20.25,pear',
  'C1,2024-02-01,5.00,crème brûlée',
  '',
  ',2024-02-02,7.00,plum', // record 4, line 6: no customer id
  'C3,2024-13-45,8.00,plum', // record 5, line 7: month 13
  'C2,2024-02-03,1.00,pear,extra', // record 6, line 8: five fields
  'C4,2024-03-02,abc,fig', // record 7, line 9: amount is not a number
  'C3,2024-03-01,-2.50,plum', // record 8, line 10: a refund (accepted, with a warning)
  '',
].join('\n');

const CSV_OPTIONS = { delimiter: ',', now: NOW } as const;

async function gzip(text: string): Promise<Uint8Array> {
  const compressed = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(compressed).arrayBuffer());
}

/** Per-customer totals, keyed by customer id. */
function totalsByCustomer(table: TransactionTable): Record<string, number> {
  const totals: Record<string, number> = {};
  for (let i = 0; i < table.length; i++) {
    const id = table.customer.dictionary[table.customer.codes[i]!]!;
    totals[id] = (totals[id] ?? 0) + table.amount[i]!;
  }
  return totals;
}

/** What every read of CSV must produce, whatever the byte container. */
function expectCsvResult(table: TransactionTable, report: IngestReport): void {
  expect(report.source).to.include({ format: 'csv', delimiter: ',', header: true });
  expect(report.total).to.equal(8);
  expect(report.accepted).to.equal(4);
  expect(report.rejected).to.equal(4);
  expect(report.accepted + report.rejected).to.equal(report.total);
  expect(report.blankLines).to.equal(1);
  expect(report.rejectedByReason).to.deep.equal({
    'missing-value': 1,
    'invalid-date': 1,
    'field-count': 1,
    'invalid-number': 1,
  });
  expect(report.rejections.map(({ row, line, field, code }) => ({ row, line, field, code }))).to.deep.equal([
    { row: 4, line: 6, field: 'customerId', code: 'missing-value' },
    { row: 5, line: 7, field: 'date', code: 'invalid-date' },
    { row: 6, line: 8, field: '(row)', code: 'field-count' },
    { row: 7, line: 9, field: 'amount', code: 'invalid-number' },
  ]);
  expect(report.warnings).to.deep.equal({ 'negative-amount': 1 });
  expect(report.warningExamples).to.deep.equal({ 'negative-amount': [8] });
  expect(report.customers).to.equal(3);
  expect(report.dateRange).to.deep.equal({ first: '2024-01-05', last: '2024-03-01' });

  expect(table.length).to.equal(4);
  expect(table.amount).to.be.instanceOf(Float64Array);
  expect(Array.from(table.amount)).to.deep.equal([10.5, 20.25, 5, -2.5]);
  expect(table.amount.reduce((sum, x) => sum + x, 0)).to.equal(33.25);
  expect(table.customer.codes).to.be.instanceOf(Int32Array);
  expect(table.customer.dictionary).to.deep.equal(['C1', 'C2', 'C3']);
  expect(Array.from(table.customer.codes)).to.deep.equal([0, 1, 0, 2]);
  expect(totalsByCustomer(table)).to.deep.equal({ C1: 15.5, C2: 20.25, C3: -2.5 });
  expect(table.date).to.be.instanceOf(Float64Array);
  expect(Array.from(table.date)).to.deep.equal([
    Date.UTC(2024, 0, 5),
    Date.UTC(2024, 0, 6),
    Date.UTC(2024, 1, 1),
    Date.UTC(2024, 2, 1),
  ]);
  expect(table.product?.dictionary).to.deep.equal(['crème brûlée', 'pear', 'plum']);
  expect(Array.from(table.product?.codes ?? [])).to.deep.equal([0, 1, 0, 2]);
}

describe('@crm-lens/core ingestTransactions in the browser', () => {
  it('reads gzip bytes made by CompressionStream and accounts for every row', async () => {
    const bytes = await gzip(CSV);
    expect(bytes).to.be.instanceOf(Uint8Array);
    expect([bytes[0], bytes[1]]).to.deep.equal([0x1f, 0x8b]);

    const { table, report } = await ingestTransactions(bytes, CSV_OPTIONS);

    expect(report.source.gzip).to.equal(true);
    expectCsvResult(table, report);
  });

  it('reads gzip bytes that arrive in tiny stream chunks', async () => {
    const bytes = await gzip(CSV);
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) {
          controller.close();
          return;
        }
        controller.enqueue(bytes.slice(offset, offset + 7));
        offset += 7;
      },
    });

    const { table, report } = await ingestTransactions(stream, CSV_OPTIONS);

    expect(report.source.gzip).to.equal(true);
    expectCsvResult(table, report);
  });

  it('reads a fetch() Response body stream of CDNOW_master.txt with the cdnow-master preset', async () => {
    const url = '/packages/core/test/fixtures/cdnow-master-head.txt';
    const text = await (await fetch(url)).text();

    // The expectations, computed from the text independently of the library.
    const records = text
      .split(/\r?\n/)
      .slice(1)
      .filter((line) => line.trim() !== '')
      .map((line) => line.trim().split(/\s+/));
    expect(records).to.have.length(200);
    for (const record of records) expect(record).to.have.length(4);
    const ids = [...new Set(records.map(([id]) => String(Number(id))))];
    const days = records.map(([, day]) => day!).sort();
    const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6)}`;
    const dollars = records.reduce((sum, [, , , value]) => sum + Number(value), 0);
    const cds = records.reduce((sum, [, , n]) => sum + Number(n), 0);

    const response = await fetch(url);
    expect(response.ok).to.equal(true);
    expect(response.body).to.be.instanceOf(ReadableStream);
    const { table, report } = await ingestTransactions(response.body!, {
      ...PRESETS['cdnow-master']!.options,
      now: NOW,
    });

    expect(report.source).to.include({ format: 'whitespace', gzip: false, header: true });
    expect(report.dateFormats).to.deep.equal([{ field: 'date', format: 'yyyymmdd', detected: false }]);
    expect(report.total).to.equal(records.length);
    expect(report.accepted).to.equal(records.length);
    expect(report.rejected).to.equal(0);
    expect(report.warnings).to.deep.equal({});
    expect(report.customers).to.equal(ids.length);
    expect(report.dateRange).to.deep.equal({ first: iso(days[0]!), last: iso(days.at(-1)!) });

    expect(table.length).to.equal(records.length);
    // `integer: true` ids: "00001" is stored as "1".
    expect(table.customer.dictionary).to.deep.equal(ids);
    expect(table.amount.reduce((sum, x) => sum + x, 0)).to.be.closeTo(dollars, 1e-6);
    expect(table.quantity!.reduce((sum, x) => sum + x, 0)).to.equal(cds);
    expect(table.currency?.dictionary).to.deep.equal(['USD']);
  });

  it('reads a Blob', async () => {
    const blob = new Blob([CSV], { type: 'text/csv' });

    const { table, report } = await ingestTransactions(blob, CSV_OPTIONS);

    expect(report.source.gzip).to.equal(false);
    expectCsvResult(table, report);
  });
});
