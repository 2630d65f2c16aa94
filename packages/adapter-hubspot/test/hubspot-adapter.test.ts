import { type AdapterPage, collectAdapter, ingestDataset, type Transport } from '@crm-lens/core';
import { type Exchange, fakeSleep, replay } from '@crm-lens/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dealsMapping, type HubSpotAdapterOptions, hubspotAdapter, requestedBy } from '../src/index.js';
// The recorded pages, each checked at compile time against @hubspot/api-client's model of its endpoint.
import {
  type BatchReadResponse,
  COMPANIES,
  CONTACTS,
  DEALS,
  ENGAGEMENTS,
  type ListPage,
  RATE_LIMITS,
  SEARCH,
  type SearchPage,
} from './util/fixtures.js';

const ALL = [...COMPANIES, ...CONTACTS, ...DEALS, ...ENGAGEMENTS];
const BASE = 'https://broker.example.com/api';
const NOW = Date.UTC(2025, 0, 1);

function adapterOver(exchanges: readonly Exchange[], options: Partial<HubSpotAdapterOptions> = {}) {
  const { transport, calls } = replay(exchanges);
  const { waits, sleep } = fakeSleep();
  const adapter = hubspotAdapter({
    baseUrl: `${BASE}/`,
    transport,
    pageSize: 2,
    retry: { sleep },
    ...options,
  });
  return { adapter, calls, waits };
}

const consoleOutput = () => {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation(() => undefined),
  );
  return () => spies.flatMap((s) => s.mock.calls.map((args) => args.map(String).join(' ')));
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('hubspotAdapter: recorded v3 pages (list mode)', () => {
  it('pages every object to the end (paging.next.after) and maps the presets', async () => {
    const { adapter, calls } = adapterOver(ALL);
    expect(adapter.objects).toEqual([
      'companies',
      'contacts',
      'deals',
      'calls',
      'emails',
      'meetings',
      'notes',
      'tickets',
    ]);
    const collected = await collectAdapter(adapter);
    expect(calls.map((c) => c.url)).toEqual(ALL.map((e) => e.request.url));
    expect(calls.every((c) => c.method === 'GET')).toBe(true);

    expect(collected.input.customers).toEqual([
      {
        id: 'company:5001',
        name: 'Northwind Traders',
        createdAt: '2019-04-02T08:15:00.000Z',
        region: 'Germany',
        industry: 'RETAIL',
      },
      {
        id: 'company:5002',
        name: 'Contoso Ltd',
        createdAt: '2020-11-20T14:02:11.512Z',
        region: 'United Kingdom',
      },
      {
        id: 'company:5003',
        name: 'Fabrikam GmbH',
        createdAt: '2021-06-30T09:00:00.000Z',
        region: 'Austria',
        industry: 'MACHINERY',
      },
      { id: 'contact:7001', name: 'Ada Lovelace', createdAt: '2022-01-10T12:00:00.000Z' },
      { id: 'contact:5001', name: 'Grace', createdAt: '2023-02-14T16:30:00.000Z', region: 'United States' },
    ]);
    expect(collected.input.transactions).toEqual([
      {
        customerId: 'company:5001',
        date: '2024-01-15T17:00:00.000Z',
        amount: '1500.00',
        orderId: '9101',
        currency: 'USD',
      },
      {
        customerId: 'contact:7001',
        date: '2024-03-28T08:00:00.000Z',
        amount: '980.00',
        orderId: '9105',
        currency: 'EUR',
      },
      { customerId: 'company:5003', date: '2024-04-02T15:20:00.000Z', amount: '2400', orderId: '9106' },
    ]);
    expect(collected.input.interactions).toEqual([
      { customerId: 'company:5001', date: '2024-03-01T10:00:00.000Z', type: 'call' },
      { customerId: 'contact:7001', date: '2024-03-05T10:00:00.000Z', type: 'call' },
      { customerId: 'company:5002', date: '2024-03-02T08:00:00.000Z', type: 'email' },
      { customerId: 'company:5003', date: '2024-03-10T12:00:00.000Z', type: 'ticket' },
    ]);
    expect(
      collected.objects.map((o) => [o.object, o.pages, o.records, o.rows, o.skipped, o.filtered]),
    ).toEqual([
      ['companies', 2, 3, 3, 0, 0],
      ['contacts', 1, 2, 2, 0, 0],
      ['deals', 3, 6, 3, 2, 1],
      ['calls', 1, 2, 2, 0, 0],
      ['emails', 1, 1, 1, 0, 0],
      ['meetings', 1, 0, 0, 0, 0],
      ['notes', 1, 1, 0, 1, 0],
      ['tickets', 1, 1, 1, 0, 0],
    ]);
    expect(collected.warnings.map((w) => [w.code, w.object, w.record, w.id, w.field])).toEqual([
      ['missing-required', 'deals', 3, '9103', 'amount'],
      ['missing-required', 'deals', 4, '9104', 'customerId'],
      ['missing-required', 'notes', 1, '3401', 'date'],
    ]);

    const dataset = await ingestDataset(collected.input, {
      transactions: { now: NOW },
      interactions: { now: NOW },
    });
    expect(dataset.reports.customers!.accepted).toBe(5);
    expect(dataset.reports.transactions).toMatchObject({ accepted: 3, rejected: 0 });
    expect(dataset.reports.transactions.warnings['unknown-customer']).toBeUndefined();
    expect(dataset.reports.interactions).toMatchObject({ accepted: 4, rejected: 0 });
    expect(dataset.transactions.currency!.dictionary).toEqual(['USD', 'EUR']);
  });

  it('never logs, and no warning or progress carries record content', async () => {
    const output = consoleOutput();
    const pages: AdapterPage[] = [];
    for await (const page of adapterOver(ALL).adapter.read()) pages.push(page);
    expect(output()).toEqual([]);
    const metadata = JSON.stringify(
      pages.map((p) => ({ warnings: p.warnings, progress: p.progress, token: p.resumeToken })),
    );
    for (const content of [
      'confidential',
      'Customer unhappy',
      'Private note',
      'ada@example.com',
      'Lovelace',
      '75.00',
      '2024-03-03',
    ]) {
      expect(metadata).not.toContain(content);
    }
  });

  it('honours HubSpot rate limits: policy waits, Retry-After, and no retry on the daily limit', async () => {
    const { adapter, calls, waits } = adapterOver([...RATE_LIMITS, ...ALL]);
    const error = await collectAdapter(adapter).catch((e: unknown) => e);
    // TEN_SECONDLY_ROLLING → 10 s (HubSpot's own client waits the same); then a Retry-After of 3 s.
    expect(waits).toEqual([10_000, 3_000]);
    expect(calls.slice(0, 3).map((c) => c.url)).toEqual([
      COMPANIES[0]!.request.url,
      COMPANIES[0]!.request.url,
      COMPANIES[0]!.request.url,
    ]);
    // DAILY: given up at once, reported, nothing more sent.
    expect(error).toMatchObject({ name: 'AdapterError', code: 'rate-limited', status: 429 });
    expect(calls).toHaveLength(5);
    expect(calls.at(-1)!.url).toBe(CONTACTS[0]!.request.url);
  });

  it('aborting mid-way rejects with an AbortError and sends no further request', async () => {
    const { adapter, calls } = adapterOver(ALL);
    const controller = new AbortController();
    await expect(
      collectAdapter(adapter, { signal: controller.signal, onPage: () => controller.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(1);
  });

  it('an abort during a rate-limit wait stops at once', async () => {
    const controller = new AbortController();
    const { transport, calls } = replay([...RATE_LIMITS, ...ALL]);
    const adapter = hubspotAdapter({
      baseUrl: BASE,
      transport,
      pageSize: 2,
      retry: {
        sleep: async (_ms, signal) => {
          controller.abort();
          signal?.throwIfAborted();
        },
      },
    });
    await expect(collectAdapter(adapter, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(calls).toHaveLength(1);
  });

  it('resumes from a page token', async () => {
    const pages: AdapterPage[] = [];
    for await (const page of adapterOver(ALL).adapter.read()) pages.push(page);
    const { adapter, calls } = adapterOver(ALL);
    const rest = await collectAdapter(adapter, { resume: pages[0]!.resumeToken! });
    expect(calls[0]!.url).toBe(COMPANIES[1]!.request.url);
    expect(rest.input.customers!.map((c) => c.id)).toEqual(['company:5003', 'contact:7001', 'contact:5001']);
  });
});

describe('hubspotAdapter: search mode (v3 search + v4 batch associations)', () => {
  it('filters won deals on HubSpot, reads associations in batches, prefers the primary company', async () => {
    const { adapter, calls } = adapterOver(SEARCH, {
      customers: [],
      interactions: [],
      deals: { mode: 'search' },
    });
    const collected = await collectAdapter(adapter);
    expect(calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual([
      'POST /api/crm/v3/objects/deals/search',
      'POST /api/crm/v4/associations/deals/companies/batch/read',
      'POST /api/crm/v4/associations/deals/contacts/batch/read',
      'POST /api/crm/v3/objects/deals/search',
      'POST /api/crm/v4/associations/deals/companies/batch/read',
      'POST /api/crm/v4/associations/deals/contacts/batch/read',
    ]);
    expect(calls.every((c) => c.headers?.['content-type'] === 'application/json')).toBe(true);
    expect(collected.input.transactions.map((r) => [r.orderId, r.customerId])).toEqual([
      ['9101', 'company:5001'],
      ['9104', 'contact:7001'],
      ['9106', 'company:5001'],
    ]);
    expect(collected.objects[0]).toMatchObject({ object: 'deals', records: 3, rows: 3, total: 3 });
    expect(collected.warnings).toEqual([]);
  });

  it('stops at the 10,000-result search limit with a truncated warning', async () => {
    const transport: Transport = async (request) => {
      const search = request.url.endsWith('/search');
      const at = '2024-05-01T10:00:00.000Z';
      const body = search
        ? ({
            total: 12_000,
            results: [{ id: '1', properties: {}, createdAt: at, updatedAt: at }],
            paging: { next: { after: '10000' } },
          } satisfies SearchPage)
        : ({ status: 'COMPLETE', results: [], startedAt: at, completedAt: at } satisfies BatchReadResponse);
      return { status: 200, headers: {}, body };
    };
    const adapter = hubspotAdapter({
      baseUrl: BASE,
      transport,
      customers: [],
      interactions: [],
      deals: { mode: 'search' },
    });
    const pages: AdapterPage[] = [];
    for await (const page of adapter.read()) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.resumeToken).toBeUndefined();
    expect(pages[0]!.warnings[0]).toMatchObject({ code: 'truncated', object: 'deals' });
  });
});

describe('mapping overrides', () => {
  it('request exactly the properties and associations the mapping reads', async () => {
    const requested: string[] = [];
    const transport: Transport = async (request) => {
      requested.push(request.url);
      return { status: 200, headers: {}, body: { results: [] } satisfies ListPage };
    };
    const mapping = {
      ...dealsMapping(['closedwon', '1234567']),
      fields: {
        ...dealsMapping().fields,
        amount: 'properties.amount_in_home_currency',
        currency: { value: 'EUR' },
      },
    };
    const adapter = hubspotAdapter({
      baseUrl: BASE,
      transport,
      customers: [],
      interactions: [],
      mappings: { deals: mapping },
    });
    await collectAdapter(adapter);
    const url = new URL(requested[0]!);
    expect(url.searchParams.getAll('properties')).toEqual([
      'amount_in_home_currency',
      'closedate',
      'dealstage',
    ]);
    expect(url.searchParams.getAll('associations')).toEqual(['companies', 'contacts']);
    expect(url.searchParams.get('limit')).toBe('100');
    expect(requestedBy(dealsMapping())).toEqual({
      properties: ['amount', 'closedate', 'deal_currency_code', 'dealstage'],
      associations: ['companies', 'contacts'],
    });
  });

  it('a broken override fails when the adapter is created', () => {
    expect(() =>
      hubspotAdapter({
        baseUrl: BASE,
        mappings: { deals: { table: 'transactions', fields: { customerId: 'id' } } },
      }),
    ).toThrow(/required field "date"/);
  });
});
