/// <reference types="powerapps-component-framework" />
import { readFileSync } from 'node:fs';
import { AdapterError, type AdapterPage, collectAdapter, ingestDataset } from '@crm-lens/core';
import { fakeSleep } from '@crm-lens/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type DynamicsAdapterOptions,
  type DynamicsWebApi,
  dynamicsAdapter,
  errorCodeOf,
  nextLinkQuery,
  rejectionStatus,
} from '../src/index.js';
import { type RecordedCall, replayWebApi, type WebApiFixture } from './util/replay-web-api.js';

const load = (name: string) =>
  (JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as WebApiFixture).calls;
const ACCOUNTS = load('accounts.json');
const CONTACTS = load('contacts.json');
const OPPORTUNITIES = load('opportunities.json');
const ACTIVITIES = load('activities.json');
const ORDERS_INVOICES = load('orders-invoices.json');
const RATE_LIMITS = load('rate-limits.json');
const NO_PERMISSION = load('no-permission.json');
const ALL = [...ACCOUNTS, ...CONTACTS, ...OPPORTUNITIES, ...ACTIVITIES];
const NOW = Date.UTC(2025, 0, 1);

const A1 = 'account:5e2fd1a9-3a6c-ee11-8179-000d3a2b4c01';
const A2 = 'account:5e2fd1a9-3a6c-ee11-8179-000d3a2b4c02';
const A3 = 'account:5e2fd1a9-3a6c-ee11-8179-000d3a2b4c03';
const C1 = 'contact:7a1c04b2-3a6c-ee11-8179-000d3a2b4d01';
const C2 = 'contact:7a1c04b2-3a6c-ee11-8179-000d3a2b4d02';
const opportunity = (n: number) => `0c3e8d61-4a6c-ee11-8179-000d3a2b5e0${n}`;

const QUERY = {
  account: '?$select=accountid,address1_country,createdon,industrycode,name',
  opportunity:
    '?$select=_customerid_value,_parentaccountid_value,_parentcontactid_value,actualclosedate,actualvalue,opportunityid,statecode&$expand=transactioncurrencyid($select=isocurrencycode)&$filter=statecode eq 1',
};

// Compile-time: the vendor's own types fit the adapter's structural ones.
const vendorWebApi: DynamicsWebApi = {} as ComponentFramework.WebApi;
void vendorWebApi;

function adapterOver(recorded: readonly RecordedCall[], options: Partial<DynamicsAdapterOptions> = {}) {
  const { webAPI, calls } = replayWebApi(recorded);
  const { waits, sleep } = fakeSleep();
  const adapter = dynamicsAdapter({
    webAPI,
    pageSize: 2,
    ...options,
    retry: { sleep, ...(options.retry || {}) },
  });
  return { adapter, calls, waits };
}

const consoleOutput = () => {
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation(() => undefined),
  );
  return () => spies.flatMap((s) => s.mock.calls.map((args) => args.map(String).join(' ')));
};

/** Every text value in the fixtures' records (names, amounts, dates, labels): none may leak. */
function recordValues(recorded: readonly RecordedCall[]): string[] {
  const values = new Set<string>();
  const visit = (v: unknown, key: string) => {
    // ids and lookup GUIDs may be named; the lookups' table names are not content
    if (/id$|_value$|lookuplogicalname$|associatednavigationproperty$|etag$/.test(key)) return;
    if (typeof v === 'string' && v.length > 4) values.add(v);
    else if (typeof v === 'number') values.add(String(v));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  for (const c of recorded) for (const r of c.resolve?.entities ?? []) visit(r, '');
  return [...values].filter((v) => !/^\d{1,3}$/.test(v));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('dynamicsAdapter: recorded context.webAPI.retrieveMultipleRecords pages', () => {
  it('pages every table to the end through nextLink and maps the presets', async () => {
    const { adapter, calls } = adapterOver(ALL);
    expect(adapter.objects).toEqual([
      'account',
      'contact',
      'opportunity',
      'phonecall',
      'email',
      'appointment',
      'task',
      'incident',
    ]);
    const collected = await collectAdapter(adapter);
    // Every recorded call was made, in order; page 2 onwards with the previous nextLink's query string.
    expect(calls).toEqual(ALL.map((c) => ({ table: c.table, options: c.options, maxPageSize: 2 })));
    const opportunityCalls = calls.filter((c) => c.table === 'opportunity');
    expect(opportunityCalls).toHaveLength(3);
    expect(opportunityCalls[0]!.options).toBe(QUERY.opportunity);
    expect(opportunityCalls[1]!.options).toBe(nextLinkQuery(OPPORTUNITIES[0]!.resolve!.nextLink));
    expect(opportunityCalls[1]!.options).toContain('$skiptoken=%3Ccookie%20pagenumber=%222%22');
    expect(opportunityCalls[2]!.options).toContain('pagenumber=%223%22');

    expect(collected.input.customers).toEqual([
      {
        id: A1,
        name: 'Fourth Coffee (sample)',
        createdAt: '2022-03-01T09:00:00Z',
        region: 'Germany',
        industry: 'Consulting',
      },
      { id: A2, name: 'Litware, Inc. (sample)', createdAt: '2022-05-17T13:30:00Z', region: 'United Kingdom' },
      {
        id: A3,
        name: 'Adventure Works (sample)',
        createdAt: '2023-01-09T07:00:00Z',
        region: 'Austria',
        industry: 'Manufacturing',
      },
      { id: C1, name: 'Yvonne McKay (sample)', createdAt: '2023-02-14T21:30:00Z', region: 'United States' },
      { id: C2, name: 'Susanna Stubberod (sample)', createdAt: '2023-04-01T17:00:00Z' },
    ]);
    expect(collected.input.transactions).toEqual([
      { customerId: A1, date: '2024-01-15', amount: 1500, orderId: opportunity(1), currency: 'USD' },
      { customerId: C2, date: '2024-03-28', amount: 980.5, orderId: opportunity(2), currency: 'EUR' },
      // no customerid: the parent account
      { customerId: A3, date: '2024-04-02', amount: 2400, orderId: opportunity(4), currency: 'EUR' },
      { customerId: A1, date: '2024-05-10', amount: 720, orderId: opportunity(6), currency: 'USD' },
    ]);
    expect(collected.input.interactions).toEqual([
      { customerId: A1, date: '2024-03-01T09:00:00Z', type: 'call' },
      { customerId: C2, date: '2024-03-05T10:00:00Z', type: 'email' },
      // actualstart empty: the scheduled start
      { customerId: A3, date: '2024-03-10T11:00:00Z', type: 'meeting' },
      { customerId: A2, date: '2024-03-12T09:30:00Z', type: 'case', satisfaction: 2 },
    ]);
    expect(
      collected.objects.map((o) => [o.object, o.pages, o.records, o.rows, o.skipped, o.filtered]),
    ).toEqual([
      ['account', 2, 3, 3, 0, 0],
      ['contact', 1, 2, 2, 0, 0],
      ['opportunity', 3, 6, 4, 2, 0],
      // the call regarding an opportunity is filtered, not warned
      ['phonecall', 1, 2, 1, 0, 1],
      ['email', 1, 1, 1, 0, 0],
      ['appointment', 1, 1, 1, 0, 0],
      ['task', 1, 0, 0, 0, 0],
      ['incident', 1, 2, 1, 1, 0],
    ]);
    expect(collected.warnings.map((w) => [w.code, w.object, w.record, w.id, w.field])).toEqual([
      ['missing-required', 'opportunity', 3, opportunity(3), 'amount'],
      ['missing-required', 'opportunity', 5, opportunity(5), 'customerId'],
      ['missing-required', 'incident', 2, 'e4a7b0c3-6a6c-ee11-8179-000d3a2b7a02', 'customerId'],
    ]);

    const dataset = await ingestDataset(collected.input, {
      transactions: { now: NOW },
      interactions: { now: NOW },
    });
    expect(dataset.reports.customers!.accepted).toBe(5);
    expect(dataset.reports.transactions).toMatchObject({ accepted: 4, rejected: 0 });
    expect(dataset.reports.transactions.warnings['unknown-customer']).toBeUndefined();
    expect(dataset.reports.interactions).toMatchObject({ accepted: 4, rejected: 0 });
    expect(dataset.transactions.currency!.dictionary).toEqual(['USD', 'EUR']);
  });

  it('selects only the columns the mappings read, filters on the server, and asks 5,000 per page by default', async () => {
    const { webAPI, calls } = replayWebApi([]);
    const adapter = dynamicsAdapter({ webAPI, retry: false });
    await collectAdapter(adapter).catch(() => undefined);
    expect(calls).toEqual([{ table: 'account', options: QUERY.account, maxPageSize: 5000 }]);

    const queries: Record<string, string | undefined> = {};
    const every = dynamicsAdapter({
      webAPI: {
        retrieveMultipleRecords: async (table, options) => {
          queries[table] = options;
          return { entities: [] };
        },
      },
      transactions: ['salesorder', 'invoice', 'opportunity'],
    });
    await collectAdapter(every);
    expect(queries).toEqual({
      account: QUERY.account,
      contact: '?$select=address1_country,contactid,createdon,firstname,fullname,lastname',
      salesorder:
        '?$select=_customerid_value,createdon,salesorderid,submitdate,totalamount&$expand=transactioncurrencyid($select=isocurrencycode)&$filter=statecode ne 2',
      invoice:
        '?$select=_customerid_value,createdon,invoiceid,totalamount&$expand=transactioncurrencyid($select=isocurrencycode)&$filter=statecode ne 3',
      opportunity: QUERY.opportunity,
      phonecall:
        '?$select=_regardingobjectid_value,activityid,actualend,createdon,scheduledend&$filter=statecode ne 2 and _regardingobjectid_value ne null',
      email:
        '?$select=_regardingobjectid_value,activityid,actualend,createdon,senton&$filter=statecode ne 2 and _regardingobjectid_value ne null',
      appointment:
        '?$select=_regardingobjectid_value,activityid,actualstart,createdon,scheduledstart&$filter=statecode ne 2 and _regardingobjectid_value ne null',
      task: '?$select=_regardingobjectid_value,activityid,actualend,createdon,scheduledend&$filter=statecode ne 2 and _regardingobjectid_value ne null',
      incident:
        '?$select=_customerid_value,casetypecode,createdon,customersatisfactioncode,incidentid&$filter=statecode ne 2',
    });
  });

  it('passes mixed currencies through as the expanded ISO code, unconverted (orders and invoices)', async () => {
    const { adapter } = adapterOver(ORDERS_INVOICES, {
      customers: [],
      transactions: ['salesorder', 'invoice'],
      interactions: [],
    });
    const { input } = await collectAdapter(adapter);
    expect(input.transactions).toEqual([
      {
        customerId: A1,
        date: '2024-02-02T09:15:00Z', // submitdate
        amount: 12500,
        orderId: '2b9c6e01-7a6c-ee11-8179-000d3a2b8b01',
        currency: 'JPY',
      },
      {
        customerId: C1,
        date: '2024-02-05T08:00:00Z', // no submitdate: createdon
        amount: 199.99,
        orderId: '2b9c6e01-7a6c-ee11-8179-000d3a2b8b02',
        currency: 'USD',
      },
      {
        customerId: A3,
        date: '2024-02-10T08:00:00Z',
        amount: 840,
        orderId: '3c0d7f12-7a6c-ee11-8179-000d3a2b9c01',
        currency: 'EUR',
      },
    ]);
    const dataset = await ingestDataset(input, { transactions: { now: NOW } });
    expect(dataset.transactions.currency!.dictionary).toEqual(['JPY', 'USD', 'EUR']);
    expect([...dataset.transactions.amount]).toEqual([12500, 199.99, 840]);
  });

  it('never logs, and no warning, progress or resume token carries record content', async () => {
    const output = consoleOutput();
    const pages: AdapterPage[] = [];
    for await (const page of adapterOver(ALL).adapter.read()) pages.push(page);
    expect(output()).toEqual([]);
    const text = JSON.stringify(pages.map((p) => [p.warnings, p.progress, p.resumeToken]));
    const values = recordValues(ALL);
    expect(values).toContain('Fourth Coffee (sample)');
    expect(values).toContain('2400');
    for (const value of values) expect(text).not.toContain(value);
    expect(pages.flatMap((p) => p.warnings)).toHaveLength(3);
  });

  it('malformed records (not objects, objects where a value belongs) are warned, counted and not fatal', async () => {
    const won = (id: string, extra: Record<string, unknown>) => ({
      opportunityid: id,
      statecode: 1,
      _customerid_value: '5e2fd1a9-3a6c-ee11-8179-000d3a2b4c01',
      '_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
      actualvalue: 10,
      actualclosedate: '2024-01-01',
      transactioncurrencyid: { isocurrencycode: 'USD', transactioncurrencyid: 'c' },
      ...extra,
    });
    const { adapter } = adapterOver(
      [
        {
          table: 'opportunity',
          options: QUERY.opportunity,
          maxPageSize: 2,
          resolve: {
            entities: [
              42,
              null,
              won('o1', { actualclosedate: { value: '2024-01-01' } }),
              won('o2', { transactioncurrencyid: { isocurrencycode: ['USD'] } }),
              won('o3', { actualvalue: '30.00' }),
              [],
            ] as ComponentFramework.WebApi.Entity[],
            nextLink: '',
          },
        },
      ],
      { customers: [], interactions: [] },
    );
    const collected = await collectAdapter(adapter);
    expect(collected.warnings.map((w) => [w.code, w.record, w.id, w.field])).toEqual([
      ['not-an-object', 1, undefined, undefined],
      ['not-an-object', 2, undefined, undefined],
      ['not-a-value', 3, 'o1', 'date'],
      ['not-a-value', 4, 'o2', 'currency'],
      ['not-an-object', 6, undefined, undefined],
    ]);
    expect(collected.input.transactions.map((t) => [t.orderId, t.amount, t.currency])).toEqual([
      ['o2', 10, undefined],
      ['o3', '30.00', 'USD'],
    ]);
    expect(collected.objects[0]).toMatchObject({ records: 6, rows: 2, skipped: 4, filtered: 0 });
    expect(JSON.stringify(collected.warnings)).not.toContain('2024-01-01');
  });

  it('reads the raw OData shape too ({ value, @odata.nextLink })', async () => {
    const raw = ACCOUNTS.map((c) => ({
      ...c,
      resolve: {
        '@odata.context':
          'https://contoso.crm4.dynamics.com/api/data/v9.2/$metadata#accounts(accountid,name)',
        value: c.resolve!.entities,
        ...(c.resolve!.nextLink ? { '@odata.nextLink': c.resolve!.nextLink } : {}),
      },
    })) as unknown as RecordedCall[];
    const { adapter, calls } = adapterOver(raw, {
      customers: ['account'],
      transactions: [],
      interactions: [],
    });
    const { input } = await collectAdapter(adapter);
    expect(calls).toHaveLength(2);
    expect(input.customers).toHaveLength(3);
  });

  it('a filter override reaches the server, and the won-only mapping still filters the rest (counted, not warned)', async () => {
    const lost = structuredClone(OPPORTUNITIES[0]!.resolve!);
    (lost.entities[1] as { statecode: number }).statecode = 2;
    const { adapter, calls } = adapterOver(
      [
        {
          table: 'opportunity',
          options:
            '?$select=_customerid_value,_parentaccountid_value,_parentcontactid_value,actualclosedate,actualvalue,opportunityid,statecode&$expand=transactioncurrencyid($select=isocurrencycode)',
          maxPageSize: 2,
          resolve: { entities: lost.entities, nextLink: '' },
        },
      ],
      { customers: [], interactions: [], filters: { opportunity: null } },
    );
    const collected = await collectAdapter(adapter);
    expect(calls[0]!.options).not.toContain('$filter');
    expect(collected.input.transactions.map((t) => t.orderId)).toEqual([opportunity(1)]);
    expect(collected.objects[0]).toMatchObject({ records: 2, rows: 1, filtered: 1, skipped: 0 });
    expect(collected.warnings).toEqual([]);
  });

  it('cases of the configured types are complaints (complaintCaseTypes)', async () => {
    const { adapter } = adapterOver(ACTIVITIES, {
      customers: [],
      transactions: [],
      interactions: ['incident'],
      complaintCaseTypes: [2],
    });
    const { input } = await collectAdapter(adapter);
    expect(input.interactions).toEqual([
      { customerId: A2, date: '2024-03-12T09:30:00Z', type: 'complaint', satisfaction: 2 },
    ]);
  });

  it('reads a mapping override, selecting what it reads', async () => {
    const { webAPI, calls } = replayWebApi([
      {
        table: 'invoice',
        options:
          '?$select=_customerid_value,datedelivered,invoiceid,totallineitemamount&$filter=statecode eq 2',
        maxPageSize: 5000,
        resolve: {
          entities: [
            {
              invoiceid: 'i1',
              _customerid_value: 'A7',
              '_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
              datedelivered: '2024-05-01',
              totallineitemamount: 90,
            },
          ],
          nextLink: '',
        },
      },
    ]);
    const adapter = dynamicsAdapter({
      webAPI,
      customers: [],
      transactions: ['invoice'],
      interactions: [],
      filters: { invoice: 'statecode eq 2' },
      mappings: {
        invoice: {
          table: 'transactions',
          id: 'invoiceid',
          fields: { customerId: '$lens_customerid', date: 'datedelivered', amount: 'totallineitemamount' },
        },
      },
    });
    const { input } = await collectAdapter(adapter);
    expect(calls).toHaveLength(1);
    expect(input.transactions).toEqual([{ customerId: 'account:a7', date: '2024-05-01', amount: 90 }]);
  });
});

describe('dynamicsAdapter: nextLink paging', () => {
  it('resumes from a nextLink position', async () => {
    const first = adapterOver(OPPORTUNITIES, { customers: [], interactions: [] });
    const pages: AdapterPage[] = [];
    for await (const page of first.adapter.read()) pages.push(page);
    const token = pages[0]!.resumeToken!;
    expect(token).toContain('$skiptoken');
    expect(token).not.toContain('contoso.crm4.dynamics.com'); // the query string, not the org's URL

    const second = adapterOver(OPPORTUNITIES, { customers: [], interactions: [] });
    const rest: AdapterPage[] = [];
    for await (const page of second.adapter.read({ resume: token })) rest.push(page);
    expect(second.calls.map((c) => c.options)).toEqual(OPPORTUNITIES.slice(1).map((c) => c.options));
    expect(rest.at(-1)!.progress).toMatchObject({ pages: 3, records: 6, rows: 4, skipped: 2 });
    expect(rest.at(-1)!.resumeToken).toBeUndefined();
    expect(rest.flatMap((p) => p.warnings).map((w) => w.record)).toEqual([3, 5]);
  });

  it('refuses a nextLink it already followed instead of looping, and one without a query', async () => {
    const looping = OPPORTUNITIES.map((c, i) =>
      i === 2 ? { ...c, resolve: { ...c.resolve!, nextLink: OPPORTUNITIES[0]!.resolve!.nextLink } } : c,
    );
    const a = adapterOver(looping, { customers: [], interactions: [] });
    await expect(collectAdapter(a.adapter)).rejects.toMatchObject({ name: 'AdapterError', code: 'paging' });
    expect(a.calls).toHaveLength(3);

    const bare = [
      {
        ...OPPORTUNITIES[0]!,
        resolve: { ...OPPORTUNITIES[0]!.resolve!, nextLink: 'https://contoso.crm4.dynamics.com/x' },
      },
    ];
    const b = adapterOver(bare, { customers: [], interactions: [] });
    await expect(collectAdapter(b.adapter)).rejects.toMatchObject({ code: 'paging' });
  });

  it('an answer without an entities array is a format error naming only its array fields', async () => {
    const { adapter } = adapterOver(
      [
        {
          table: 'account',
          options: QUERY.account,
          maxPageSize: 2,
          resolve: {
            records: [{ name: 'Secret Corp' }],
          } as unknown as ComponentFramework.WebApi.RetrieveMultipleResponse,
        },
      ],
      { customers: ['account'], transactions: [], interactions: [] },
    );
    const error = await collectAdapter(adapter).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect(error).toMatchObject({ code: 'format' });
    expect((error as Error).message).toBe(
      'context.webAPI.retrieveMultipleRecords(account) answered without an entities array (array fields: records)',
    );
  });

  it('a resume token from another adapter or a bad position is refused', async () => {
    const { adapter } = adapterOver(OPPORTUNITIES, { customers: [], interactions: [] });
    const other = JSON.stringify({
      v: 1,
      adapter: 'dynamics',
      object: 'opportunity',
      step: 0,
      pages: 1,
      records: 2,
      rows: 2,
      skipped: 0,
      filtered: 0,
      cursor: 'page:2',
    });
    await expect(collectAdapter(adapter, { resume: other })).rejects.toMatchObject({ code: 'resume' });
    await expect(collectAdapter(adapter, { resume: 'nonsense' })).rejects.toMatchObject({ code: 'resume' });
  });
});

describe('dynamicsAdapter: service protection limits (429), errors and abort', () => {
  it('reads error codes signed, unsigned and in hex, and maps them to statuses', () => {
    expect(errorCodeOf({ errorCode: -2147015902 })).toBe(0x80072322);
    expect(errorCodeOf({ errorCode: 2147951394 })).toBe(0x80072322);
    expect(errorCodeOf({ errorCode: '0x80072321' })).toBe(0x80072321);
    expect(errorCodeOf({ message: 'x' })).toBeUndefined();
    expect(rejectionStatus({ errorCode: -2147015898 })).toBe(429);
    expect(rejectionStatus({ errorCode: -2147220960 })).toBe(403);
    expect(rejectionStatus({ errorCode: -2147220969 })).toBe(400);
    expect(rejectionStatus({ errorCode: -2147220960, status: 503 })).toBe(503);
  });

  it('retries 0x80072322: seeded backoff, then the Retry-After the host passed (waits asserted)', async () => {
    const retries: unknown[] = [];
    const run = async () => {
      const { adapter, calls, waits } = adapterOver(RATE_LIMITS, {
        customers: ['account'],
        transactions: [],
        interactions: [],
        retry: { onRetry: (info) => retries.push(info) },
      });
      const collected = await collectAdapter(adapter);
      return { collected, calls, waits };
    };
    const { collected, calls, waits } = await run();
    expect(calls.map((c) => c.options)).toEqual([
      QUERY.account,
      QUERY.account,
      QUERY.account,
      nextLinkQuery(ACCOUNTS[0]!.resolve!.nextLink),
    ]);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(1000); // backoff: between ½ and 1 × 2,000 ms
    expect(waits[0]).toBeLessThanOrEqual(2000);
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
      customers: ['account'],
      transactions: [],
      interactions: [],
      retry: { maxRetries: 2 },
    });
    const error = await collectAdapter(a.adapter).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AdapterError', code: 'rate-limited', status: 429 });
    expect((error as Error).message).toBe(
      "context.webAPI.retrieveMultipleRecords(account) failed with error 0x80072322 (429): Dataverse's service protection limits still apply after retrying",
    );
    expect(a.calls).toHaveLength(3);
    expect(a.waits).toHaveLength(2);

    const long = [{ ...RATE_LIMITS[1]!, times: undefined }];
    const b = adapterOver(long, {
      customers: ['account'],
      transactions: [],
      interactions: [],
      retry: { maxDelayMs: 2000 },
    });
    await expect(collectAdapter(b.adapter)).rejects.toMatchObject({ code: 'rate-limited' });
    expect(b.calls).toHaveLength(1);
    expect(b.waits).toEqual([]);
  });

  it('a missing privilege is unauthorized at once (no retry), naming the call and code but not the message', async () => {
    const { adapter, calls } = adapterOver(NO_PERMISSION, {
      customers: ['account'],
      transactions: [],
      interactions: [],
    });
    const error = await collectAdapter(adapter).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AdapterError', code: 'unauthorized', status: 403 });
    expect((error as Error).message).toBe(
      "context.webAPI.retrieveMultipleRecords(account) failed with error 0x80040220 (403): the user's security roles may not read this table",
    );
    expect((error as Error).message).not.toContain('prvReadAccount');
    expect(calls).toHaveLength(1);
  });

  it('an Error of the host itself is passed on and not retried', async () => {
    let n = 0;
    const webAPI: DynamicsWebApi = {
      retrieveMultipleRecords: () => {
        n++;
        throw new TypeError('Cannot read properties of undefined');
      },
    };
    await expect(collectAdapter(dynamicsAdapter({ webAPI }))).rejects.toThrow(
      'Cannot read properties of undefined',
    );
    expect(n).toBe(1);
  });

  it('abort mid-way: the iteration rejects with the AbortError and no further call is made', async () => {
    const { adapter, calls } = adapterOver(ALL);
    const controller = new AbortController();
    const seen: AdapterPage[] = [];
    const error = await (async () => {
      for await (const page of adapter.read({ signal: controller.signal })) {
        seen.push(page);
        if (page.progress.object === 'opportunity') controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(seen.map((p) => p.progress.object)).toEqual(['account', 'account', 'contact', 'opportunity']);
    expect(calls.map((c) => c.table)).toEqual(['account', 'account', 'contact', 'opportunity']);
  });

  it('abort during a rate-limit wait, and during a call the host never answers', async () => {
    const controller = new AbortController();
    const { webAPI, calls } = replayWebApi(RATE_LIMITS);
    const adapter = dynamicsAdapter({
      webAPI,
      pageSize: 2,
      customers: ['account'],
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
    const never: DynamicsWebApi = { retrieveMultipleRecords: () => new Promise(() => undefined) };
    const pending = collectAdapter(dynamicsAdapter({ webAPI: never }), { signal: hanging.signal });
    setTimeout(() => hanging.abort(), 10);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
