import { readFileSync } from 'node:fs';
import { AdapterError, type AdapterPage, collectAdapter, ingestDataset } from '@crm-lens/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ZohoAdapterOptions, type ZohoCrmApi, zohoAdapter } from '../src/index.js';
import { fakeSleep, type RecordedCall, replaySdk, type SdkFixture } from './util/replay-sdk.js';

const load = (name: string) =>
  (JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as SdkFixture).calls;
const ACCOUNTS = load('accounts.json');
const CONTACTS = load('contacts.json');
const DEALS = load('deals.json');
const ACTIVITIES = load('activities.json');
const TOKENS = load('deals-page-tokens.json');
const RATE_LIMITS = load('rate-limits.json');
const NO_PERMISSION = load('no-permission.json');
const ALL = [...ACCOUNTS, ...CONTACTS, ...DEALS, ...ACTIVITIES];
const NOW = Date.UTC(2025, 0, 1);

function adapterOver(recorded: readonly RecordedCall[], options: Partial<ZohoAdapterOptions> = {}) {
  const { api, calls } = replaySdk(recorded);
  const { waits, sleep } = fakeSleep();
  const adapter = zohoAdapter({ api, perPage: 2, ...options, retry: { sleep, ...(options.retry || {}) } });
  return { adapter, calls, waits };
}

const consoleOutput = () => {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation(() => undefined),
  );
  return () => spies.flatMap((s) => s.mock.calls.map((args) => args.map(String).join(' ')));
};

/** Every text value in the fixtures' records (names, amounts as text, dates): none may leak. */
function recordValues(recorded: readonly RecordedCall[]): string[] {
  const values = new Set<string>();
  const visit = (v: unknown, key: string) => {
    if (key === 'id' || key === 'Stage' || key === '$se_module') return; // ids may be named; stages are not content here
    if (typeof v === 'string' && v.length > 4) values.add(v);
    else if (typeof v === 'number' && key !== 'per_page') values.add(String(v));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  for (const c of recorded) {
    const data = (c.resolve as { data?: unknown } | null)?.data;
    if (Array.isArray(data)) for (const r of data) visit(r, '');
  }
  return [...values].filter((v) => !/^\d{1,3}$/.test(v));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('zohoAdapter: recorded ZOHO.CRM.API.getAllRecords pages', () => {
  it('pages every module to the end (info.more_records) and maps the presets', async () => {
    const { adapter, calls } = adapterOver(ALL);
    expect(adapter.objects).toEqual(['Accounts', 'Contacts', 'Deals', 'Calls', 'Events', 'Tasks', 'Cases']);
    const collected = await collectAdapter(adapter);
    expect(calls.map((c) => c.config)).toEqual(ALL.map((c) => c.config));
    expect(calls.map((c) => [c.config.Entity, c.config.page])).toEqual([
      ['Accounts', 1],
      ['Accounts', 2],
      ['Contacts', 1],
      ['Deals', 1],
      ['Deals', 2],
      ['Deals', 3],
      ['Calls', 1],
      ['Events', 1],
      ['Tasks', 1],
      ['Cases', 1],
    ]);

    expect(collected.input.customers).toEqual([
      {
        id: 'account:4876876000000310001',
        name: 'Zylker Traders',
        createdAt: '2022-03-01T09:00:00+01:00',
        region: 'Germany',
        industry: 'Retail',
      },
      {
        id: 'account:4876876000000310002',
        name: 'Benton Ltd',
        createdAt: '2022-05-17T14:30:00+01:00',
        region: 'United Kingdom',
      },
      {
        id: 'account:4876876000000310003',
        name: 'Chanay GmbH',
        createdAt: '2023-01-09T08:00:00+01:00',
        region: 'Austria',
        industry: 'Manufacturing',
      },
      {
        id: 'contact:4876876000000320001',
        name: 'Kris Marrier',
        createdAt: '2023-02-14T16:30:00-05:00',
        region: 'United States',
      },
      { id: 'contact:4876876000000320002', name: 'Sage', createdAt: '2023-04-01T12:00:00-05:00' },
    ]);
    expect(collected.input.transactions).toEqual([
      {
        customerId: 'account:4876876000000310001',
        date: '2024-01-15',
        amount: 1500,
        orderId: '4876876000000330001',
        currency: 'USD',
      },
      {
        customerId: 'contact:4876876000000320002',
        date: '2024-03-28',
        amount: 980.5,
        orderId: '4876876000000330002',
        currency: 'EUR',
      },
      {
        customerId: 'account:4876876000000310003',
        date: '2024-04-02',
        amount: 2400,
        orderId: '4876876000000330005',
        currency: 'EUR',
      },
    ]);
    expect(collected.input.interactions).toEqual([
      { customerId: 'account:4876876000000310001', date: '2024-03-01T10:00:00+01:00', type: 'call' },
      // What_Id is a Deal ($se_module Deals): the contact (Who_Id) is the customer
      { customerId: 'contact:4876876000000320002', date: '2024-03-05T10:00:00+01:00', type: 'call' },
      { customerId: 'account:4876876000000310003', date: '2024-03-10T12:00:00+01:00', type: 'meeting' },
      { customerId: 'account:4876876000000310002', date: '2024-03-12T09:30:00+00:00', type: 'case' },
    ]);
    expect(
      collected.objects.map((o) => [o.object, o.pages, o.records, o.rows, o.skipped, o.filtered]),
    ).toEqual([
      ['Accounts', 2, 3, 3, 0, 0],
      ['Contacts', 1, 2, 2, 0, 0],
      ['Deals', 3, 6, 3, 2, 1],
      ['Calls', 1, 2, 2, 0, 0],
      ['Events', 1, 1, 1, 0, 0],
      ['Tasks', 1, 0, 0, 0, 0],
      ['Cases', 1, 2, 1, 1, 0],
    ]);
    expect(collected.warnings.map((w) => [w.code, w.object, w.record, w.id, w.field])).toEqual([
      ['missing-required', 'Deals', 4, '4876876000000330004', 'amount'],
      ['missing-required', 'Deals', 6, '4876876000000330006', 'customerId'],
      ['missing-required', 'Cases', 2, '4876876000000360002', 'customerId'],
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

  it('asks for the fields the mappings read, 200 per call by default, and reads a mapping override', async () => {
    const { api, calls } = replaySdk([
      {
        method: 'getAllRecords',
        config: {
          Entity: 'Invoices',
          page: 1,
          per_page: 200,
          sort_order: 'asc',
          fields: 'Account_Name,Invoice_Date,Net_Total',
        },
        resolve: {
          data: [
            {
              id: '9001',
              Account_Name: { name: 'Zylker', id: '77' },
              Invoice_Date: '2024-05-01',
              Net_Total: 90,
            },
          ],
          info: { per_page: 200, count: 1, page: 1, more_records: false },
        },
      },
    ]);
    const adapter = zohoAdapter({
      api,
      customers: [],
      transactions: ['Invoices'],
      interactions: [],
      mappings: {
        Invoices: {
          table: 'transactions',
          fields: {
            customerId: { path: 'Account_Name.id', prefix: 'account:' },
            date: 'Invoice_Date',
            amount: 'Net_Total',
          },
        },
      },
    });
    const { input } = await collectAdapter(adapter);
    expect(calls).toHaveLength(1);
    expect(input.transactions).toEqual([{ customerId: 'account:77', date: '2024-05-01', amount: 90 }]);
  });

  it('never logs, and no warning, progress or resume token carries record content', async () => {
    const output = consoleOutput();
    const pages: AdapterPage[] = [];
    for await (const page of adapterOver(ALL).adapter.read()) pages.push(page);
    expect(output()).toEqual([]);
    const text = JSON.stringify(pages.map((p) => [p.warnings, p.progress, p.resumeToken]));
    for (const value of recordValues(ALL)) expect(text).not.toContain(value);
    expect(pages.flatMap((p) => p.warnings).length).toBe(3);
  });

  it('malformed records (not objects, objects where a value belongs) are warned, counted and not fatal', async () => {
    const { adapter } = adapterOver(
      [
        {
          method: 'getAllRecords',
          config: {
            Entity: 'Deals',
            page: 1,
            per_page: 2,
            sort_order: 'asc',
            fields: 'Account_Name,Amount,Closing_Date,Contact_Name,Currency,Stage',
          },
          resolve: {
            data: [
              42,
              null,
              {
                id: 'd1',
                Stage: 'Closed Won',
                Amount: 10,
                Closing_Date: { value: '2024-01-01' },
                Account_Name: { id: 'a1' },
              },
              {
                id: 'd2',
                Stage: 'Closed Won',
                Amount: 20,
                Closing_Date: '2024-01-02',
                Account_Name: { id: 'a1' },
                Currency: ['USD'],
              },
              {
                id: 'd3',
                Stage: 'Closed Won',
                Amount: 30,
                Closing_Date: '2024-01-03',
                Account_Name: { id: 'a1' },
              },
            ],
            info: { per_page: 2, count: 5, page: 1, more_records: false },
          },
        },
      ],
      { customers: [], interactions: [] },
    );
    const collected = await collectAdapter(adapter);
    expect(collected.warnings.map((w) => [w.code, w.record, w.id, w.field])).toEqual([
      ['not-an-object', 1, undefined, undefined],
      ['not-an-object', 2, undefined, undefined],
      ['not-a-value', 3, 'd1', 'date'],
      ['not-a-value', 4, 'd2', 'currency'],
    ]);
    expect(collected.input.transactions.map((t) => t.orderId)).toEqual(['d2', 'd3']);
    expect(collected.objects[0]).toMatchObject({ records: 5, rows: 2, skipped: 3, filtered: 0 });
    expect(JSON.stringify(collected.warnings)).not.toContain('2024-01-01');
  });
});

describe('zohoAdapter: paging past 2,000 records (page tokens)', () => {
  it('switches from page numbers to info.next_page_token at the page-number limit and reads to the end', async () => {
    const { adapter, calls } = adapterOver(TOKENS, { customers: [], interactions: [], pageLimit: 4 });
    const collected = await collectAdapter(adapter);
    expect(calls.map((c) => c.config.page ?? c.config.page_token)).toEqual([
      1,
      2,
      'c2VjcmV0LWxvb2tpbmctdG9rZW4tMw==',
      'dG9rZW4tNA==',
    ]);
    expect(collected.input.transactions.map((t) => t.amount)).toEqual([100, 200, 300, 400, 500, 700]);
    expect(collected.objects[0]).toMatchObject({ pages: 4, records: 7, rows: 6, filtered: 1 });
    expect(collected.warnings).toEqual([]);
  });

  it('resumes from a page token', async () => {
    const first = adapterOver(TOKENS, { customers: [], interactions: [], pageLimit: 4 });
    const pages: AdapterPage[] = [];
    for await (const page of first.adapter.read()) pages.push(page);
    const token = pages[1]!.resumeToken!;
    expect(token).toContain('token:');

    const second = adapterOver(TOKENS, { customers: [], interactions: [], pageLimit: 4 });
    const rest: AdapterPage[] = [];
    for await (const page of second.adapter.read({ resume: token })) rest.push(page);
    expect(second.calls.map((c) => c.config.page_token)).toEqual([
      'c2VjcmV0LWxvb2tpbmctdG9rZW4tMw==',
      'dG9rZW4tNA==',
    ]);
    expect(rest.at(-1)!.progress).toMatchObject({ pages: 4, records: 7, rows: 6 });
    expect(rest.at(-1)!.resumeToken).toBeUndefined();
  });

  it('stops with a truncated warning when more records exist but no page token came (API v2)', async () => {
    const noTokens = TOKENS.slice(0, 2).map((c) => {
      const r = structuredClone(c.resolve) as { info: Record<string, unknown> };
      delete r.info.next_page_token;
      return { ...c, resolve: r };
    });
    const { adapter, calls } = adapterOver(noTokens, { customers: [], interactions: [], pageLimit: 4 });
    const collected = await collectAdapter(adapter);
    expect(calls).toHaveLength(2);
    expect(collected.warnings.map((w) => [w.code, w.object])).toEqual([['truncated', 'Deals']]);
    expect(collected.input.transactions).toHaveLength(4);
  });

  it('refuses a page token the API already returned instead of looping', async () => {
    const looping = TOKENS.map((c) =>
      c.config.page_token === 'dG9rZW4tNA=='
        ? {
            ...c,
            resolve: {
              ...(c.resolve as object),
              info: { more_records: true, next_page_token: 'c2VjcmV0LWxvb2tpbmctdG9rZW4tMw==' },
            },
          }
        : c,
    );
    const { adapter } = adapterOver(looping, { customers: [], interactions: [], pageLimit: 4 });
    await expect(collectAdapter(adapter)).rejects.toMatchObject({ name: 'AdapterError', code: 'paging' });
  });

  it('an answer without a data array is a format error naming only its array fields', async () => {
    const { adapter } = adapterOver(
      [
        {
          method: 'getAllRecords',
          config: {
            Entity: 'Accounts',
            page: 1,
            per_page: 2,
            sort_order: 'asc',
            fields: 'Account_Name,Billing_Country,Created_Time,Industry',
          },
          resolve: { records: [{ id: '1', Account_Name: 'Secret Corp' }], info: {} },
        },
      ],
      { customers: ['Accounts'], transactions: [], interactions: [] },
    );
    const error = await collectAdapter(adapter).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect(error).toMatchObject({ code: 'format' });
    expect((error as Error).message).toContain('records');
    expect((error as Error).message).not.toContain('Secret');
  });
});

describe('zohoAdapter: rate limits, errors and abort', () => {
  it('retries TOO_MANY_REQUESTS rejections: seeded backoff, then the Retry-After the host passed (waits asserted)', async () => {
    const retries: unknown[] = [];
    const run = async () => {
      const { adapter, calls, waits } = adapterOver(RATE_LIMITS, {
        customers: ['Accounts'],
        transactions: [],
        interactions: [],
        retry: { onRetry: (info) => retries.push(info) },
      });
      const collected = await collectAdapter(adapter);
      return { collected, calls, waits };
    };
    const { collected, calls, waits } = await run();
    expect(calls.map((c) => c.config.page)).toEqual([1, 1, 1, 2]);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(250); // backoff: between ½ and 1 × 500 ms
    expect(waits[0]).toBeLessThanOrEqual(500);
    expect(waits[1]).toBe(3000); // Retry-After: 3
    expect(retries).toEqual([
      { attempt: 1, delayMs: waits[0], status: 429, reason: 'backoff' },
      { attempt: 2, delayMs: 3000, status: 429, reason: 'retry-after' },
    ]);
    expect(collected.input.customers).toHaveLength(3);
    // reproducible: the jitter is seeded
    expect((await run()).waits).toEqual(waits);
  });

  it('gives up after maxRetries, and does not wait longer than maxDelayMs', async () => {
    const always = [{ ...RATE_LIMITS[0]!, times: undefined }];
    const a = adapterOver(always, {
      customers: ['Accounts'],
      transactions: [],
      interactions: [],
      retry: { maxRetries: 2 },
    });
    const error = await collectAdapter(a.adapter).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AdapterError', code: 'rate-limited', status: 429 });
    expect((error as Error).message).toBe(
      'ZOHO.CRM.API.getAllRecords(Accounts) failed with TOO_MANY_REQUESTS (429): still rate-limited after retrying',
    );
    expect(a.calls).toHaveLength(3);
    expect(a.waits).toHaveLength(2);

    const long = [{ ...RATE_LIMITS[1]!, times: undefined }];
    const b = adapterOver(long, {
      customers: ['Accounts'],
      transactions: [],
      interactions: [],
      retry: { maxDelayMs: 2000 },
    });
    await expect(collectAdapter(b.adapter)).rejects.toMatchObject({ code: 'rate-limited' });
    expect(b.calls).toHaveLength(1);
    expect(b.waits).toEqual([]);
  });

  it('a refusal is unauthorized at once (no retry), naming the call and code but not the payload', async () => {
    const { adapter, calls } = adapterOver(NO_PERMISSION, {
      customers: ['Accounts'],
      transactions: [],
      interactions: [],
    });
    const error = await collectAdapter(adapter).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AdapterError', code: 'unauthorized', status: 403 });
    expect((error as Error).message).toContain(
      'ZOHO.CRM.API.getAllRecords(Accounts) failed with NO_PERMISSION',
    );
    expect((error as Error).message).not.toContain('permission denied');
    expect((error as Error).message).not.toContain('Crm_Implied');
    expect(calls).toHaveLength(1);
  });

  it('an Error thrown by the SDK itself is passed on and not retried', async () => {
    let n = 0;
    const api: ZohoCrmApi = {
      getAllRecords: () => {
        n++;
        throw new Error('Parentwindow reference not found.');
      },
    };
    await expect(collectAdapter(zohoAdapter({ api }))).rejects.toThrow('Parentwindow reference not found.');
    expect(n).toBe(1);
  });

  it('abort mid-way: the iteration rejects with the AbortError and no further call is made', async () => {
    const { adapter, calls } = adapterOver(ALL);
    const controller = new AbortController();
    const seen: AdapterPage[] = [];
    const error = await (async () => {
      for await (const page of adapter.read({ signal: controller.signal })) {
        seen.push(page);
        if (page.progress.object === 'Deals') controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(seen.map((p) => p.progress.object)).toEqual(['Accounts', 'Accounts', 'Contacts', 'Deals']);
    expect(calls.map((c) => `${c.config.Entity}:${c.config.page}`)).toEqual([
      'Accounts:1',
      'Accounts:2',
      'Contacts:1',
      'Deals:1',
    ]);
  });

  it('abort during a rate-limit wait, and during a call the host never answers', async () => {
    const controller = new AbortController();
    const { api, calls } = replaySdk(RATE_LIMITS);
    const adapter = zohoAdapter({
      api,
      perPage: 2,
      customers: ['Accounts'],
      transactions: [],
      interactions: [],
      retry: {
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
            queueMicrotask(() => controller.abort());
          }),
      },
    });
    await expect(collectAdapter(adapter, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(calls).toHaveLength(1);

    const hanging = new AbortController();
    const never: ZohoCrmApi = { getAllRecords: () => new Promise(() => undefined) };
    const pending = collectAdapter(zohoAdapter({ api: never }), { signal: hanging.signal });
    setTimeout(() => hanging.abort(), 10);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
