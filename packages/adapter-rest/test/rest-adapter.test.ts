import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import {
  type AdapterPage,
  collectAdapter,
  convertCurrency,
  ingestDataset,
  ingestTransactions,
  type ObjectMapping,
} from '@crm-lens/core';
import { type Exchange, type Fixture, fakeSleep, replay } from '@crm-lens/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { restAdapter } from '../src/index.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const SHOPIFY = JSON.parse(readFileSync(fixture('shopify-orders.json'), 'utf8')) as Fixture;
const FIRST_URL = SHOPIFY.exchanges[0]!.request.url;
const NOW = Date.UTC(2025, 0, 1);

const ORDERS: ObjectMapping = {
  table: 'transactions',
  fields: {
    customerId: { path: 'customer.id', prefix: 'shopify:' },
    date: 'processed_at',
    amount: 'total_price',
    currency: 'currency',
    orderId: 'name',
  },
  id: 'id',
  where: [{ path: 'financial_status', in: ['paid', 'partially_refunded'] }],
};

const shopify = (exchanges: readonly Exchange[] = SHOPIFY.exchanges, sleep = fakeSleep().sleep) => {
  const { transport, calls } = replay(exchanges);
  const adapter = restAdapter({
    name: 'shop',
    transport,
    retry: { sleep },
    sources: [
      {
        object: 'orders',
        url: FIRST_URL,
        records: 'orders',
        paging: { kind: 'link-header' },
        mapping: ORDERS,
      },
    ],
  });
  return { adapter, calls };
};

/** Everything written to the console while a test runs. */
const consoleOutput = () => {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation(() => undefined),
  );
  return () => spies.flatMap((s) => s.mock.calls.map((args) => args.map(String).join(' ')));
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('restAdapter: a Link-header-paged JSON API (recorded Shopify-shaped pages)', () => {
  it('pages to the end, maps, filters and warns; the rows ingest with mixed currencies passed through', async () => {
    const { adapter, calls } = shopify();
    const collected = await collectAdapter(adapter);
    expect(calls.map((c) => c.url)).toEqual(SHOPIFY.exchanges.map((e) => e.request.url));
    expect(collected.objects).toEqual([
      expect.objectContaining({ object: 'orders', pages: 3, records: 8, rows: 5, skipped: 2, filtered: 1 }),
    ]);
    expect(collected.input.transactions.map((r) => r.orderId)).toEqual([
      '#1001',
      '#1002',
      '#1005',
      '#1007',
      '#1008',
    ]);
    expect(collected.input.transactions[0]).toEqual({
      customerId: 'shopify:207119551',
      date: '2024-01-10T11:00:00-05:00',
      amount: '598.94',
      currency: 'USD',
      orderId: '#1001',
    });
    expect(collected.warnings.map((w) => [w.code, w.record, w.id, w.field])).toEqual([
      ['missing-required', 4, '450789472', 'customerId'],
      ['missing-required', 6, '450789474', 'customerId'],
    ]);
    const { transactions, reports } = await ingestDataset(collected.input, { transactions: { now: NOW } });
    expect(reports.transactions.accepted).toBe(5);
    expect(transactions.currency!.dictionary).toEqual(['USD', 'EUR']);
    // Conversion is an explicit step.
    const eur = convertCurrency(collected.input.transactions, { base: 'EUR', rates: { USD: 0.9 } });
    const converted = await ingestTransactions(eur.rows, { now: NOW });
    expect(converted.table.currency!.dictionary).toEqual(['EUR']);
    expect(converted.table.amount[0]).toBeCloseTo(539.046, 6);
  });

  it('retries a 429 after its Retry-After (the fake sleep records the waits) and carries on', async () => {
    const page2 = SHOPIFY.exchanges[1]!;
    const limited: Exchange = {
      request: page2.request,
      response: {
        status: 429,
        headers: { 'Retry-After': '2' },
        body: { errors: 'Exceeded 2 calls per second for api client.' },
      },
      times: 2,
    };
    const { waits, sleep } = fakeSleep();
    const { adapter, calls } = shopify([limited, ...SHOPIFY.exchanges], sleep);
    const collected = await collectAdapter(adapter);
    expect(waits).toEqual([2000, 2000]);
    expect(calls.map((c) => new URL(c.url).searchParams.get('page_info') ?? 'first')).toEqual([
      'first',
      'eyJsYXN0X2lkIjo0NTA3ODk0NzF9',
      'eyJsYXN0X2lkIjo0NTA3ODk0NzF9',
      'eyJsYXN0X2lkIjo0NTA3ODk0NzF9',
      'eyJsYXN0X2lkIjo0NTA3ODk0NzR9',
    ]);
    expect(collected.input.transactions).toHaveLength(5);
  });

  it('gives up with a rate-limited AdapterError when the API keeps answering 429', async () => {
    const { waits, sleep } = fakeSleep();
    const always: Exchange = { request: SHOPIFY.exchanges[0]!.request, response: { status: 429, body: {} } };
    const { transport } = replay([always]);
    const adapter = restAdapter({
      transport,
      retry: { sleep, maxRetries: 3, baseDelayMs: 100 },
      sources: [{ object: 'orders', url: FIRST_URL, records: 'orders', mapping: ORDERS }],
    });
    await expect(collectAdapter(adapter)).rejects.toMatchObject({
      name: 'AdapterError',
      code: 'rate-limited',
      status: 429,
    });
    expect(waits).toHaveLength(3);
  });

  it('aborting mid-way rejects with an AbortError and sends no further request', async () => {
    const { adapter, calls } = shopify();
    const controller = new AbortController();
    const pages: AdapterPage[] = [];
    await expect(
      collectAdapter(adapter, {
        signal: controller.signal,
        onPage: (page) => {
          pages.push(page);
          controller.abort();
        },
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(pages).toHaveLength(1);
    expect(calls).toHaveLength(1);
  });

  it('resumes from a page token without re-reading earlier pages', async () => {
    const first = shopify();
    const pages: AdapterPage[] = [];
    for await (const page of first.adapter.read()) pages.push(page);
    const second = shopify();
    const rest = await collectAdapter(second.adapter, { resume: pages[0]!.resumeToken! });
    expect(second.calls.map((c) => c.url)).toEqual(SHOPIFY.exchanges.slice(1).map((e) => e.request.url));
    expect(rest.input.transactions.map((r) => r.orderId)).toEqual(['#1005', '#1007', '#1008']);
  });

  it('never logs, and no warning carries record content', async () => {
    const output = consoleOutput();
    const { adapter } = shopify();
    const collected = await collectAdapter(adapter);
    expect(output()).toEqual([]);
    const text = JSON.stringify(collected.warnings);
    for (const secret of ['guest.buyer@example.com', '42.00', '19.99', 'Bob', '#1004'])
      expect(text).not.toContain(secret);
  });
});

describe('restAdapter: data files', () => {
  const CSV = readFileSync(fixture('orders.csv'));
  const mapping: ObjectMapping = {
    table: 'transactions',
    fields: {
      customerId: 'Customer',
      date: 'Order date',
      amount: 'Total',
      currency: 'Currency',
      orderId: 'Order',
    },
  };
  const fileAdapter = (body: Uint8Array, pageSize = 2) => {
    const exchange: Exchange = {
      request: { method: 'GET', url: 'https://files.example.com/exports/orders.csv' },
      response: { status: 200, headers: { 'content-type': 'text/csv' }, body },
    };
    const { transport, calls } = replay([exchange]);
    const adapter = restAdapter({
      transport,
      sources: [
        {
          object: 'orders',
          url: exchange.request.url,
          format: 'file',
          file: { pageSize, delimiter: ',' },
          mapping,
        },
      ],
    });
    return { adapter, calls };
  };

  it('reads CSV (plain or gzip) in pages; a short line is warned by line number, not fatal', async () => {
    for (const body of [new Uint8Array(CSV), new Uint8Array(gzipSync(CSV))]) {
      const { adapter, calls } = fileAdapter(body);
      const collected = await collectAdapter(adapter);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.responseType).toBe('bytes');
      expect(collected.pages).toBe(3);
      expect(collected.input.transactions.map((r) => r.orderId)).toEqual(['SO-1', 'SO-2', 'SO-4', 'SO-5']);
      expect(collected.warnings).toEqual([
        expect.objectContaining({ code: 'field-count', object: 'orders', record: 3 }),
      ]);
      expect(collected.warnings[0]!.message).toContain('line 4');
      expect(collected.warnings[0]!.message).not.toContain('c-001');
      // "1,250.00" is passed through; ingestion rejects it with its row-level report.
      const { report } = await ingestTransactions(collected.input.transactions, { now: NOW });
      expect([report.accepted, report.rejected]).toEqual([3, 1]);
    }
  });

  it('resumes a file read by skipping the records already delivered', async () => {
    const { adapter } = fileAdapter(new Uint8Array(CSV));
    const pages: AdapterPage[] = [];
    for await (const page of adapter.read()) pages.push(page);
    const again = fileAdapter(new Uint8Array(CSV));
    const rest = await collectAdapter(again.adapter, { resume: pages[0]!.resumeToken! });
    expect(rest.input.transactions.map((r) => r.orderId)).toEqual(['SO-4', 'SO-5']);
    expect(rest.warnings[0]!.record).toBe(3);
  });

  it('a JSON API paged by offset/limit with a total', async () => {
    const data = Array.from({ length: 5 }, (_, i) => ({
      id: `o${i}`,
      attributes: { customer_ref: `c${i % 2}`, placed: `2024-0${i + 1}-01`, net: i * 10 + 5 },
    }));
    const exchanges: Exchange[] = [0, 2, 4].map((offset) => ({
      request: { method: 'GET', url: `https://erp.example.com/api/orders?offset=${offset}&limit=2` },
      response: { status: 200, body: { meta: { total: 5 }, data: data.slice(offset, offset + 2) } },
    }));
    const { transport, calls } = replay(exchanges);
    const collected = await collectAdapter(
      restAdapter({
        transport,
        sources: [
          {
            object: 'orders',
            url: 'https://erp.example.com/api/orders',
            records: 'data',
            total: 'meta.total',
            paging: { kind: 'offset', limit: 2 },
            mapping: {
              table: 'transactions',
              fields: {
                customerId: 'attributes.customer_ref',
                date: 'attributes.placed',
                amount: 'attributes.net',
              },
            },
          },
        ],
      }),
    );
    expect(calls).toHaveLength(3);
    expect(collected.objects[0]).toMatchObject({ pages: 3, records: 5, rows: 5, total: 5 });
  });
});
