import { describe, expect, it } from 'vitest';
import {
  AdapterError,
  checkMapping,
  convertCurrency,
  ingestTransactions,
  MalformedRecord,
  mapRecords,
  type ObjectMapping,
  readRecords,
  sourcePaths,
} from '../../src/index.js';

const DEALS: ObjectMapping = {
  table: 'transactions',
  fields: {
    customerId: {
      first: [
        { path: 'associations.companies.results[0].id', prefix: 'company:' },
        { path: 'associations.contacts.results[0].id', prefix: 'contact:' },
      ],
    },
    date: 'properties.closedate',
    amount: 'properties.amount',
    orderId: 'id',
    currency: 'properties.deal_currency_code',
  },
  where: [{ path: 'properties.dealstage', in: ['closedwon'] }],
};

const deal = (id: string, properties: Record<string, unknown>, associations?: unknown) => ({
  id,
  properties: { dealstage: 'closedwon', closedate: '2024-03-01T10:00:00Z', amount: '100', ...properties },
  ...(associations !== undefined ? { associations } : {}),
});
const company = (id: string) => ({ companies: { results: [{ id, type: 'deal_to_company' }] } });
const contact = (id: string) => ({ contacts: { results: [{ id, type: 'deal_to_contact' }] } });

describe('mapRecords', () => {
  it('maps paths, prefixes, fallbacks and constants; values pass through for ingestion to parse', () => {
    const { rows, warnings, skipped, filtered } = mapRecords(
      [
        deal('1', { deal_currency_code: 'EUR' }, company('42')),
        deal('2', {}, contact('7')),
        deal('3', { dealstage: 'closedlost' }, company('42')),
      ],
      DEALS,
      { object: 'deals' },
    );
    expect(rows).toEqual([
      {
        customerId: 'company:42',
        date: '2024-03-01T10:00:00Z',
        amount: '100',
        orderId: '1',
        currency: 'EUR',
      },
      { customerId: 'contact:7', date: '2024-03-01T10:00:00Z', amount: '100', orderId: '2' },
    ]);
    expect(warnings).toEqual([]);
    expect([skipped, filtered]).toEqual([0, 1]);
  });

  it('warns (code, position, id, field — no content) and skips unmappable records; never throws', () => {
    const SECRET = 'Top Secret Corp';
    const records = [
      deal('1', {}, company('42')),
      'raw text record',
      null,
      deal('4', { amount: null, dealname: SECRET }, company('42')),
      deal('5', { dealname: SECRET }), // no association: no customer
      deal('6', { amount: { value: 3 }, dealname: SECRET }, company('42')),
      deal('7', { deal_currency_code: ['EUR'], dealname: SECRET }, company('42')), // optional: left empty
    ];
    const { rows, warnings, skipped } = mapRecords(records, DEALS, { object: 'deals', firstRecord: 101 });
    expect(rows.map((r) => r.orderId)).toEqual(['1', '7']);
    expect(rows[1]).not.toHaveProperty('currency');
    expect(skipped).toBe(5);
    expect(warnings.map((w) => [w.code, w.record, w.id, w.field])).toEqual([
      ['not-an-object', 102, undefined, undefined],
      ['not-an-object', 103, undefined, undefined],
      ['missing-required', 104, '4', 'amount'],
      ['missing-required', 105, '5', 'customerId'],
      ['not-a-value', 106, '6', 'amount'],
      ['not-a-value', 107, '7', 'currency'],
    ]);
    const text = JSON.stringify(warnings);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('raw text record');
    expect(warnings[2]!.message).toBe(
      'deals record 104 (id 4): required field "amount" (properties.amount) is empty',
    );
  });

  it('joins and computes: names from parts, amounts from expressions over paths', () => {
    const mapping: ObjectMapping = {
      table: 'transactions',
      fields: {
        customerId: { join: ['customer.first', 'customer.last'], separator: '-' },
        date: 'date',
        amount: { expr: 'line.qty * line.price - `line.discounts[0]`' },
      },
    };
    const { rows, warnings } = mapRecords(
      [
        {
          customer: { first: 'a', last: 'b' },
          date: '2024-01-01',
          line: { qty: '2', price: 3.5, discounts: [1] },
        },
        { customer: { first: 'c' }, date: '2024-01-01', line: { qty: 'two', price: 3.5, discounts: [0] } },
        { customer: { last: 'd' }, date: '2024-01-01', line: { price: 3.5, discounts: [0] } },
      ],
      mapping,
    );
    expect(rows).toEqual([{ customerId: 'a-b', date: '2024-01-01', amount: 6 }]);
    expect(warnings.map((w) => [w.code, w.record, w.field])).toEqual([
      ['invalid-number', 2, 'amount'],
      ['missing-required', 3, 'amount'],
    ]);
  });

  it('customers keep extra attributes; booleans become text', () => {
    const { rows } = mapRecords([{ id: 9, properties: { name: 'Acme', vip: true } }], {
      table: 'customers',
      fields: { id: { path: 'id', prefix: 'company:' }, name: 'properties.name' },
      attributes: { vip: 'properties.vip' },
    });
    expect(rows).toEqual([{ id: 'company:9', name: 'Acme', vip: 'true' }]);
  });

  it('rejects a broken mapping up front with a mapping error', () => {
    const bad: ObjectMapping[] = [
      { table: 'transactions', fields: { customerId: 'a', date: 'b' } }, // no amount
      { table: 'transactions', fields: { customerId: 'a', date: 'b', amount: 'c', colour: 'd' } },
      { table: 'transactions', fields: { customerId: 'a', date: 'b', amount: { expr: 'x +' } } },
      { table: 'transactions', fields: { customerId: 'a..b', date: 'b', amount: 'c' } },
      { table: 'interactions', fields: { customerId: 'a', date: 'b', type: 'c' }, attributes: { x: 'y' } },
      { table: 'customers', fields: { id: 'a' }, attributes: { name: 'y' } },
    ];
    for (const mapping of bad) {
      expect(() => checkMapping(mapping), JSON.stringify(mapping)).toThrow(AdapterError);
    }
  });

  it('mapped rows ingest as they are, and ingestion reports what mapping passed through', async () => {
    const { rows } = mapRecords(
      [deal('1', { amount: '250.50' }, company('1')), deal('2', { amount: 'n/a' }, company('2'))],
      DEALS,
    );
    const { table, report } = await ingestTransactions(rows, { now: Date.UTC(2025, 0, 1) });
    expect(report.accepted).toBe(1);
    expect(report.rejectedByReason).toEqual({ 'invalid-number': 1 });
    expect(table.customer.dictionary).toEqual(['company:1']);
    expect([...table.amount]).toEqual([250.5]);
  });
});

describe('readRecords', () => {
  it('reads CSV into records and marks unreadable lines in place, without their content', async () => {
    const csv = 'Customer,Date,Amount\na,2024-01-01,5\nb,2024-01-02\nc,"2024-01-03,7\n';
    const batches: unknown[][] = [];
    for await (const batch of readRecords(csv, { delimiter: ',' })) batches.push(batch);
    const records = batches.flat();
    expect(records[0]).toEqual({ Customer: 'a', Date: '2024-01-01', Amount: '5' });
    expect(records[1]).toBeInstanceOf(MalformedRecord);
    expect(records[1]).toMatchObject({ code: 'field-count', line: 3 });
    const mapped = mapRecords(records, {
      table: 'transactions',
      fields: { customerId: 'Customer', date: 'Date', amount: 'Amount' },
    });
    expect(mapped.rows).toHaveLength(1);
    expect(mapped.warnings.map((w) => [w.code, w.record])).toEqual([
      ['field-count', 2],
      ['malformed-line', 3],
    ]);
    expect(JSON.stringify(mapped.warnings)).not.toContain('2024-01-03');
  });
});

describe('convertCurrency', () => {
  const rows = [
    { customerId: 'a', date: '2024-01-01', amount: '100', currency: 'USD', unitPrice: 50 },
    { customerId: 'b', date: '2024-01-01', amount: 10, currency: 'eur' },
    { customerId: 'c', date: '2024-01-01', amount: 10, currency: 'JPY' },
    { customerId: 'd', date: '2024-01-01', amount: 10 },
  ];

  it('converts known currencies to the base, keeps and warns about the rest, changes nothing in place', () => {
    const result = convertCurrency(rows, { base: 'EUR', rates: { USD: 0.9 } });
    expect(result.rows[0]).toEqual({
      customerId: 'a',
      date: '2024-01-01',
      amount: 90,
      currency: 'EUR',
      unitPrice: 45,
    });
    expect(result.rows[1]).toMatchObject({ amount: 10, currency: 'EUR' });
    expect(result.rows[2]).toBe(rows[2]);
    expect(result.rows[3]).toBe(rows[3]);
    expect([result.converted, result.unconverted]).toEqual([2, 2]);
    expect(result.missingRates).toEqual({ JPY: 1 });
    expect(result.warnings.map((w) => [w.code, w.record])).toEqual([
      ['unknown-currency', 3],
      ['missing-currency', 4],
    ]);
    expect(rows[0]!.amount).toBe('100');
  });

  it('takes dated rates as a function of the row', () => {
    const result = convertCurrency([rows[0]!], {
      base: 'EUR',
      rates: (currency, row) => (currency === 'USD' && row.date === '2024-01-01' ? 0.8 : undefined),
    });
    expect(result.rows[0]!.amount).toBe(80);
  });
});

describe('sourcePaths', () => {
  it('lists every path a source reads, the operands of expressions by their grammar included', () => {
    expect(sourcePaths('properties.amount')).toEqual(['properties.amount']);
    expect(sourcePaths({ path: 'Id', prefix: 'sf:' })).toEqual(['Id']);
    expect(sourcePaths({ value: 'USD' })).toEqual([]);
    expect(sourcePaths({ first: ['a.b', { join: ['first', 'last'], separator: ' ' }] })).toEqual([
      'a.b',
      'first',
      'last',
    ]);
    expect(sourcePaths({ expr: 'line.qty * `properties["Net.Price"]`' })).toEqual([
      'line.qty',
      'properties["Net.Price"]',
    ]);
  });

  it('reads nothing from an expression that does not parse (checkMapping reports it)', () => {
    expect(sourcePaths({ expr: 'qty * (' })).toEqual([]);
  });
});
