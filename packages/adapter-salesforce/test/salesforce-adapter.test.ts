import {
  type AdapterPage,
  checkMapping,
  collectAdapter,
  convertCurrency,
  ingestDataset,
  type Transport,
} from '@crm-lens/core';
import { type Exchange, fakeSleep, replay } from '@crm-lens/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  collectSalesforce,
  type GraphQLResponse,
  graphqlQuery,
  type SalesforceAdapterOptions,
  type SalesforceObject,
  salesforceAdapter,
  salesforceGraphQLQuery,
  salesforceMapping,
  salesforceObjects,
  soqlQuery,
} from '../src/index.js';
import { INSTANCE, load, wireRunner } from './util/fixtures.js';

const GRAPHQL = load('graphql-org.json');
const GRAPHQL_LIMITS = load('graphql-rate-limits.json');
const REST = load('rest-org.json');
const REST_LIMITS = load('rest-rate-limits.json');
const REST_ERRORS = load('rest-errors.json');
const TOKEN = '00DDn00000ABCDE!AQ0AQFakeAccessTokenForTests';
const NOW = Date.UTC(2025, 0, 1);

const A1 = '001Dn00000Q1aA1IAJ';
const A2 = '001Dn00000Q1aB2IAJ';
const A3 = '001Dn00000Q1aC3IAJ';
const C1 = '003Dn00000R7xD1IAJ';
const C2 = '003Dn00000R7xE2IAJ';
const opp = (n: number) => `006Dn00000T3k0${n}IAJ`;

const OBJECTS: SalesforceObject[] = ['Account', 'Contact', 'Opportunity', 'Task', 'Event', 'Case'];

function overHttp(
  exchanges: readonly Exchange[],
  options: Partial<SalesforceAdapterOptions> = {},
  api: 'soql' | 'graphql' = 'graphql',
) {
  const { transport, calls } = replay(exchanges);
  const { waits, sleep } = fakeSleep();
  const adapter = salesforceAdapter({
    rest: { instanceUrl: `${INSTANCE}/`, token: () => TOKEN, transport, api },
    retry: { sleep, now: () => NOW },
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

const EXPECTED_CUSTOMERS = [
  {
    id: A1,
    name: 'Northwind Traders',
    createdAt: '2019-04-02T08:15:00.000Z',
    region: 'Germany',
    industry: 'Retail',
  },
  { id: A2, name: 'Contoso Ltd', createdAt: '2020-11-20T14:02:11.000Z', region: 'United Kingdom' },
  {
    id: A3,
    name: 'Fabrikam GmbH',
    createdAt: '2021-06-30T09:00:00.000Z',
    region: 'Austria',
    industry: 'Machinery',
  },
  { id: C1, name: 'Ada Lovelace', createdAt: '2022-01-10T12:00:00.000Z' },
  { id: C2, name: 'Grace Hopper', createdAt: '2023-02-14T16:30:00.000Z', region: 'United States' },
];

const EXPECTED_TRANSACTIONS = [
  { customerId: A1, date: '2024-01-15', amount: 1500, orderId: opp(1), currency: 'USD' },
  { customerId: A2, date: '2024-02-20', amount: 980.5, orderId: opp(2), currency: 'EUR' },
  { customerId: A3, date: '2024-04-02', amount: 2400, orderId: opp(5) },
  { customerId: A3, date: '2024-05-10', amount: 120.25, orderId: opp(7), currency: 'GBP' },
];

const EXPECTED_INTERACTIONS = [
  { customerId: A1, date: '2024-03-01', type: 'task' },
  { customerId: C2, date: '2024-03-05T10:00:00.000Z', type: 'task' },
  { customerId: A2, date: '2024-03-10T12:00:00.000Z', type: 'case' },
  { customerId: C1, date: '2024-04-11T08:30:00.000Z', type: 'case' },
];

const EXPECTED_WARNINGS = [
  ['missing-required', 'Opportunity', 3, opp(3), 'amount'],
  ['not-an-object', 'Opportunity', 4, undefined, undefined],
  ['not-a-value', 'Opportunity', 5, opp(4), 'amount'],
  ['missing-required', 'Opportunity', 7, opp(6), 'customerId'],
  ['missing-required', 'Task', 3, '00TDn00000U5pH3MAJ', 'customerId'],
];

describe('salesforceAdapter: GraphQL (UI API) pages', () => {
  it('pages every object to the end by pageInfo.endCursor and maps the presets', async () => {
    const { adapter, calls } = overHttp(GRAPHQL);
    expect(adapter.name).toBe('salesforce');
    expect(adapter.objects).toEqual(OBJECTS);
    const collected = await collectAdapter(adapter);

    // Every recorded page was asked for, in order, with the generated query and the cursor of the page before.
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(
      GRAPHQL.map(() => `POST ${INSTANCE}/services/data/v62.0/graphql`),
    );
    expect(calls.map((c) => JSON.parse(c.body!))).toEqual(GRAPHQL.map((e) => e.request.body));
    expect(calls.every((c) => c.headers?.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(calls.every((c) => !c.url.includes(TOKEN) && !c.body!.includes(TOKEN))).toBe(true);

    expect(collected.input.customers).toEqual(EXPECTED_CUSTOMERS);
    expect(collected.input.transactions).toEqual(EXPECTED_TRANSACTIONS);
    expect(collected.input.interactions).toEqual(EXPECTED_INTERACTIONS);
    expect(
      collected.objects.map((o) => [o.object, o.pages, o.records, o.rows, o.skipped, o.filtered, o.total]),
    ).toEqual([
      ['Account', 2, 3, 3, 0, 0, 3],
      ['Contact', 1, 2, 2, 0, 0, 2],
      ['Opportunity', 3, 8, 4, 4, 0, 8],
      ['Task', 1, 3, 2, 1, 0, 3],
      ['Event', 1, 0, 0, 0, 0, 0],
      ['Case', 1, 2, 2, 0, 0, 2],
    ]);
    // Malformed records are warned and counted, not fatal.
    expect(collected.warnings.map((w) => [w.code, w.object, w.record, w.id, w.field])).toEqual(
      EXPECTED_WARNINGS,
    );
    expect(collected.warningCounts).toEqual({ 'missing-required': 3, 'not-an-object': 1, 'not-a-value': 1 });

    // Ingestion: one code space (accounts, contacts), currencies passed through as Salesforce sent them.
    const dataset = await ingestDataset(collected.input, {
      transactions: { now: NOW },
      interactions: { now: NOW },
    });
    expect(dataset.reports.customers!.accepted).toBe(5);
    expect(dataset.reports.transactions).toMatchObject({ accepted: 4, rejected: 0 });
    expect(dataset.reports.transactions.warnings['unknown-customer']).toBeUndefined();
    expect(dataset.reports.interactions).toMatchObject({ accepted: 4, rejected: 0 });
    expect(dataset.transactions.currency!.dictionary).toEqual(['USD', 'EUR', 'GBP']);
    // Conversion is the explicit step: the row without a currency is reported, not guessed.
    const converted = convertCurrency(collected.input.transactions, {
      base: 'EUR',
      rates: { USD: 0.9, GBP: 1.25 },
    });
    expect(converted.rows.map((r) => [r.amount, r.currency])).toEqual([
      [1350, 'EUR'],
      [980.5, 'EUR'],
      [2400, undefined],
      [150.3125, 'EUR'],
    ]);
    expect(converted.warnings.map((w) => w.code)).toEqual(['missing-currency']);
  });

  it('reads the same pages through a wire-style runner (the LWC path), re-issuing with each endCursor', async () => {
    const { run, requests } = wireRunner(GRAPHQL);
    const collected = await collectSalesforce({ graphql: run, retry: { sleep: fakeSleep().sleep } });
    expect(collected.input.customers).toEqual(EXPECTED_CUSTOMERS);
    expect(collected.input.transactions).toEqual(EXPECTED_TRANSACTIONS);
    expect(collected.input.interactions).toEqual(EXPECTED_INTERACTIONS);
    expect(requests.map((r) => [r.object, r.variables.after])).toEqual([
      ['Account', null],
      ['Account', 'djE6MQ=='],
      ['Contact', null],
      ['Opportunity', null],
      ['Opportunity', 'djE6MQ=='],
      ['Opportunity', 'djE6NA=='],
      ['Task', null],
      ['Event', null],
      ['Case', null],
    ]);
    expect(requests.every((r) => r.variables.first === 2000 && r.variables.upperBound === 100_000)).toBe(
      true,
    );
    expect(requests[0]!.query).toBe(salesforceGraphQLQuery('Account'));
  });

  it('never logs, and no warning, progress, resume token or error carries record content', async () => {
    const output = consoleOutput();
    const pages: AdapterPage[] = [];
    for await (const page of overHttp(GRAPHQL).adapter.read()) pages.push(page);
    expect(output()).toEqual([]);
    const metadata = JSON.stringify(
      pages.map((p) => ({ warnings: p.warnings, progress: p.progress, token: p.resumeToken })),
    );
    for (const content of [
      'Northwind',
      'Lovelace',
      'Retail',
      '1500',
      '980.5',
      '2024-03-12',
      'EUR 10.00',
      TOKEN,
    ]) {
      expect(metadata).not.toContain(content);
    }
  });

  it('retries 429 and 503 after Retry-After, and stops at once on REQUEST_LIMIT_EXCEEDED', async () => {
    const { adapter, calls, waits } = overHttp([...GRAPHQL_LIMITS, ...GRAPHQL]);
    const error = await collectAdapter(adapter).catch((e: unknown) => e);
    expect(waits).toEqual([3000, 1000]);
    expect(calls.slice(0, 3).map((c) => JSON.parse(c.body!).variables.after)).toEqual([null, null, null]);
    expect(error).toMatchObject({ name: 'AdapterError', code: 'rate-limited', status: 403 });
    expect((error as Error).message).toContain('REQUEST_LIMIT_EXCEEDED');
    expect((error as Error).message).not.toContain('TotalRequests');
    // Accounts (3 tries, then page 2), then one try of Contacts: the API limit is not retried.
    expect(calls).toHaveLength(5);
  });

  it('retries a wire-style rejection carrying 429 and Retry-After, with seeded backoff when there is none', async () => {
    const { run: replayed } = wireRunner(GRAPHQL);
    let failures = 0;
    const { waits, sleep } = fakeSleep();
    const collected = await collectSalesforce({
      graphql: async (request) => {
        if (request.object === 'Contact' && failures < 2) {
          failures++;
          throw Object.assign(new Error('rate limited'), {
            status: failures === 1 ? 429 : 503,
            headers: failures === 1 ? { 'Retry-After': '2' } : {},
          });
        }
        return replayed(request);
      },
      retry: { sleep, seed: 7 },
    });
    expect(collected.input.customers).toHaveLength(5);
    expect(waits[0]).toBe(2000);
    // The second wait is seeded backoff: between ½ and 1 × 500 ms · 2¹, and the same on every run.
    expect(waits[1]).toBeGreaterThanOrEqual(500);
    expect(waits[1]).toBeLessThanOrEqual(1000);
    const again = fakeSleep();
    failures = 0;
    await collectSalesforce({
      graphql: async (request) => {
        if (request.object === 'Contact' && failures < 2) {
          failures++;
          throw Object.assign(new Error('rate limited'), {
            status: failures === 1 ? 429 : 503,
            headers: failures === 1 ? { 'Retry-After': '2' } : {},
          });
        }
        return wireRunner(GRAPHQL).run(request);
      },
      retry: { sleep: again.sleep, seed: 7 },
    });
    expect(again.waits).toEqual(waits);
  });

  it('aborting mid-way rejects with an AbortError and sends no further request', async () => {
    const { adapter, calls } = overHttp(GRAPHQL);
    const controller = new AbortController();
    await expect(
      collectAdapter(adapter, { signal: controller.signal, onPage: () => controller.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(1);
  });

  it('an abort during a rate-limit wait stops at once', async () => {
    const controller = new AbortController();
    const { transport, calls } = replay([...GRAPHQL_LIMITS, ...GRAPHQL]);
    const adapter = salesforceAdapter({
      rest: { instanceUrl: INSTANCE, token: TOKEN, transport, api: 'graphql' },
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

  it('an abort while the wire has not answered rejects at once (the pending answer is ignored)', async () => {
    const controller = new AbortController();
    const requests: string[] = [];
    const pending = collectSalesforce({
      graphql: (request) => {
        requests.push(request.object);
        return new Promise<GraphQLResponse>(() => undefined);
      },
      signal: controller.signal,
    });
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(requests).toEqual(['Account']);
  });

  it('resumes from a page token', async () => {
    const pages: AdapterPage[] = [];
    for await (const page of overHttp(GRAPHQL).adapter.read()) pages.push(page);
    // After Opportunity page 1.
    const token = pages[3]!.resumeToken!;
    const { adapter, calls } = overHttp(GRAPHQL);
    const rest = await collectAdapter(adapter, { resume: token });
    expect(JSON.parse(calls[0]!.body!).variables.after).toBe('djE6MQ==');
    expect(rest.input.transactions.map((t) => t.orderId)).toEqual([opp(5), opp(7)]);
    // Positions continue across the resume.
    expect(rest.warnings.map((w) => [w.object, w.record])).toEqual([
      ['Opportunity', 3],
      ['Opportunity', 4],
      ['Opportunity', 5],
      ['Opportunity', 7],
      ['Task', 3],
    ]);
  });

  it('GraphQL errors without records stop with the error types, never their messages', async () => {
    const adapter = salesforceAdapter({
      graphql: async () => ({
        data: null,
        errors: [
          {
            message:
              "Validation error of type FieldUndefined: Field 'Secret_Revenue__c' in type 'Account' is undefined",
            locations: [{ line: 8, column: 13 }],
            extensions: { errorType: 'ValidationError', classification: 'ValidationError' },
          },
        ],
      }),
    });
    const error = await collectAdapter(adapter).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AdapterError', code: 'http' });
    expect((error as Error).message).toContain('ValidationError');
    expect((error as Error).message).not.toContain('Secret_Revenue__c');
  });

  it('a response without the connection is a format error; a repeated cursor a paging error', async () => {
    const noConnection = salesforceAdapter({ graphql: async () => ({ data: { uiapi: { query: {} } } }) });
    await expect(collectAdapter(noConnection)).rejects.toMatchObject({ code: 'format' });
    const looping = salesforceAdapter({
      graphql: async (request) => ({
        data: {
          uiapi: {
            query: {
              [request.object]: {
                edges: [],
                pageInfo: { hasNextPage: true, endCursor: 'djE6MQ==' },
              },
            },
          },
        },
      }),
    });
    await expect(collectAdapter(looping)).rejects.toMatchObject({ code: 'paging' });
  });

  it('warns truncated when more records match than the upper bound lets it read', async () => {
    const adapter = salesforceAdapter({
      graphql: async (request) => ({
        data: {
          uiapi: {
            query: {
              [request.object]: {
                edges: [{ node: { Id: '001Dn00000Q1aA1IAJ', Name: { value: 'x' } } }],
                totalCount: 250_000,
                pageInfo: { hasNextPage: false, endCursor: null },
              },
            },
          },
        },
      }),
      customers: ['Account'],
      transactions: [],
      interactions: [],
      upperBound: 200_000,
    });
    const { warnings } = await collectAdapter(adapter);
    expect(warnings.map((w) => [w.code, w.object])).toEqual([['truncated', 'Account']]);
  });

  it('clamps the page size to 200–2,000 (the upper-bound paging range)', async () => {
    const { run, requests } = wireRunner([]);
    for (const pageSize of [10, 5000]) {
      await collectSalesforce({ graphql: run, pageSize, retry: false }).catch(() => undefined);
    }
    expect(requests.map((r) => r.variables.first)).toEqual([200, 2000]);
  });
});

describe('salesforceAdapter: REST / SOQL pages', () => {
  it('pages every object to the end by nextRecordsUrl, with the bearer token in the header only', async () => {
    const { adapter, calls } = overHttp(REST, {}, 'soql');
    const collected = await collectAdapter(adapter);
    expect(calls.map((c) => c.url)).toEqual(REST.map((e) => e.request.url));
    expect(calls.every((c) => c.method === 'GET' && c.headers?.authorization === `Bearer ${TOKEN}`)).toBe(
      true,
    );
    expect(calls.every((c) => !c.url.includes(TOKEN))).toBe(true);
    expect(new URL(calls[0]!.url).searchParams.get('q')).toBe(
      'SELECT Id, BillingCountry, CreatedDate, Industry, Name FROM Account',
    );

    expect(collected.input.customers!.map((c) => [c.id, c.name, c.createdAt])).toEqual([
      [A1, 'Northwind Traders', '2019-04-02T08:15:00.000+0000'],
      [A2, 'Contoso Ltd', '2020-11-20T14:02:11.000+0000'],
      [A3, 'Fabrikam GmbH', '2021-06-30T09:00:00.000+0000'],
      [C1, 'Ada Lovelace', '2022-01-10T12:00:00.000+0000'],
      [C2, 'Grace Hopper', '2023-02-14T16:30:00.000+0000'],
    ]);
    expect(collected.input.transactions).toEqual([
      { customerId: A1, date: '2024-01-15', amount: 1500, orderId: opp(1), currency: 'USD' },
      { customerId: A2, date: '2024-02-20', amount: 980.5, orderId: opp(2), currency: 'EUR' },
      { customerId: A3, date: '2024-04-02', amount: 2400, orderId: opp(5), currency: 'USD' },
      { customerId: A3, date: '2024-05-10', amount: 120.25, orderId: opp(7), currency: 'GBP' },
    ]);
    expect(collected.input.interactions).toEqual([
      { customerId: A1, date: '2024-03-01', type: 'task' },
      { customerId: C2, date: '2024-03-05T10:00:00.000+0000', type: 'task' },
      { customerId: A3, date: '2024-04-15T13:00:00.000+0000', type: 'meeting' },
      { customerId: A2, date: '2024-03-10T12:00:00.000+0000', type: 'case' },
    ]);
    expect(collected.objects.map((o) => [o.object, o.pages, o.records, o.rows, o.skipped, o.total])).toEqual([
      ['Account', 2, 3, 3, 0, 3],
      ['Contact', 1, 2, 2, 0, 2],
      ['Opportunity', 3, 6, 4, 2, 6],
      ['Task', 1, 3, 2, 1, 3],
      ['Event', 1, 1, 1, 0, 1],
      ['Case', 1, 1, 1, 0, 1],
    ]);
    expect(collected.warnings.map((w) => [w.code, w.object, w.record, w.id, w.field])).toEqual([
      ['missing-required', 'Opportunity', 3, opp(3), 'amount'],
      ['not-an-object', 'Opportunity', 4, undefined, undefined],
      ['missing-required', 'Task', 3, '00TDn00000U5pH3MAJ', 'customerId'],
    ]);

    // REST date-times carry a +0000 offset: ingestion reads them.
    const dataset = await ingestDataset(collected.input, {
      transactions: { now: NOW },
      interactions: { now: NOW },
    });
    expect(dataset.reports.customers!.accepted).toBe(5);
    expect(dataset.reports.transactions).toMatchObject({ accepted: 4, rejected: 0 });
    expect(dataset.reports.interactions).toMatchObject({ accepted: 4, rejected: 0 });
    expect(dataset.transactions.currency!.dictionary).toEqual(['USD', 'EUR', 'GBP']);
  });

  it('retries a 429 (Retry-After as an HTTP date) and a 503, and stops on REQUEST_LIMIT_EXCEEDED', async () => {
    const { adapter, calls, waits } = overHttp([...REST_LIMITS, ...REST], {}, 'soql');
    const error = await collectAdapter(adapter).catch((e: unknown) => e);
    expect(waits).toEqual([2000, 1000]);
    expect(error).toMatchObject({ name: 'AdapterError', code: 'rate-limited', status: 403 });
    expect((error as Error).message).toMatch(
      /^GET https:\/\/acme\.my\.salesforce\.com\/services\/data\/v62\.0\/query answered 403 REQUEST_LIMIT_EXCEEDED/,
    );
    expect(calls).toHaveLength(5);
  });

  it('gives up after maxRetries and reports rate-limited', async () => {
    const limited: Exchange = {
      ...REST_LIMITS[1]!,
      times: undefined,
      response: { status: 429, headers: {}, body: '' },
    } as Exchange;
    const { adapter, calls, waits } = overHttp(
      [limited],
      { retry: { maxRetries: 2, sleep: fakeSleep().sleep } },
      'soql',
    );
    await expect(collectAdapter(adapter)).rejects.toMatchObject({ code: 'rate-limited', status: 429 });
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([]);
  });

  it('an expired session is unauthorized; a missing field names INVALID_FIELD and the way out, not the message', async () => {
    const expired = overHttp(REST_ERRORS, {}, 'soql');
    await expect(collectAdapter(expired.adapter)).rejects.toMatchObject({
      name: 'AdapterError',
      code: 'unauthorized',
      status: 401,
    });
    const invalid = overHttp(REST_ERRORS, { customers: [], interactions: [] }, 'soql');
    const error = await collectAdapter(invalid.adapter).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'http', status: 400 });
    expect((error as Error).message).toContain('INVALID_FIELD');
    expect((error as Error).message).toContain('multiCurrency: false');
    expect((error as Error).message).not.toContain('No such column');
    expect((error as Error).message).not.toContain('?q=');
  });

  it('multiCurrency: false leaves CurrencyIsoCode out of the SOQL (single-currency orgs)', () => {
    expect(soqlQuery('Opportunity', salesforceMapping('Opportunity'), { multiCurrency: false })).toBe(
      'SELECT Id, AccountId, Amount, CloseDate, IsWon FROM Opportunity WHERE IsWon = true',
    );
    expect(soqlQuery('OrderItem', salesforceMapping('OrderItem'))).toBe(
      "SELECT Id, CurrencyIsoCode, Order.AccountId, Order.EffectiveDate, Order.StatusCode, OrderId, Product2Id, Quantity, TotalPrice, UnitPrice FROM OrderItem WHERE Order.StatusCode = 'Activated'",
    );
  });

  it('aborting mid-way rejects with an AbortError and sends no further request', async () => {
    const { adapter, calls } = overHttp(REST, {}, 'soql');
    const controller = new AbortController();
    let pages = 0;
    await expect(
      collectAdapter(adapter, {
        signal: controller.signal,
        onPage: () => {
          if (++pages === 2) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(2);
  });

  it('refuses a nextRecordsUrl on another origin (the token must not travel there)', async () => {
    const transport: Transport = async () => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: {
        totalSize: 4,
        done: false,
        records: [],
        nextRecordsUrl: 'https://evil.example.com/services/data/v62.0/query/01g-2000',
      },
    });
    const adapter = salesforceAdapter({ rest: { instanceUrl: INSTANCE, token: TOKEN, transport } });
    await expect(collectAdapter(adapter)).rejects.toMatchObject({ code: 'paging' });
  });

  it('no token, no request', async () => {
    const { transport, calls } = replay(REST);
    const adapter = salesforceAdapter({ rest: { instanceUrl: INSTANCE, token: () => '', transport } });
    await expect(collectAdapter(adapter)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(calls).toHaveLength(0);
  });
});

describe('presets and options', () => {
  it('every preset mapping is valid, and the object sets read customers first', () => {
    for (const object of [
      'Account',
      'Contact',
      'Opportunity',
      'Order',
      'OrderItem',
      'Task',
      'Event',
      'Case',
    ] as const) {
      expect(() => checkMapping(salesforceMapping(object))).not.toThrow();
    }
    expect(salesforceObjects()).toEqual(OBJECTS);
    expect(salesforceObjects({ preset: 'orders' })).toEqual([
      'Account',
      'Contact',
      'Order',
      'Task',
      'Event',
      'Case',
    ]);
    expect(salesforceObjects({ preset: 'order-items', interactions: [] })).toEqual([
      'Account',
      'Contact',
      'OrderItem',
    ]);
    expect(() => salesforceObjects({ preset: 'deals' as never })).toThrow(
      /unknown Salesforce preset "deals"/,
    );
  });

  it('needs exactly one of graphql and rest, and an https instance URL', () => {
    expect(() => salesforceAdapter({})).toThrow(TypeError);
    expect(() =>
      salesforceAdapter({ graphql: async () => ({}), rest: { instanceUrl: INSTANCE, token: TOKEN } }),
    ).toThrow(TypeError);
    expect(() =>
      salesforceAdapter({ rest: { instanceUrl: 'http://acme.my.salesforce.com', token: TOKEN } }),
    ).toThrow(/https/);
  });

  it('queries what a mapping override reads, and filters on the server what the mapping filters', () => {
    const mapping = {
      ...salesforceMapping('Opportunity'),
      fields: { ...salesforceMapping('Opportunity').fields, amount: 'Net_Amount__c' },
      where: [
        { path: 'IsWon', in: [true] },
        { path: 'Type', notIn: ['Renewal'] },
      ],
    };
    const query = graphqlQuery('Opportunity', mapping);
    expect(query).toContain('Net_Amount__c { value }');
    expect(query).not.toContain('Amount @optional');
    expect(query).toContain('where: { and: [{ IsWon: { eq: true } }, { Type: { ne: "Renewal" } }] }');
    expect(soqlQuery('Opportunity', mapping)).toBe(
      "SELECT Id, AccountId, CloseDate, CurrencyIsoCode, IsWon, Net_Amount__c, Type FROM Opportunity WHERE IsWon = true AND Type != 'Renewal'",
    );
    expect(graphqlQuery('Opportunity', mapping, { optionalFields: false })).not.toContain('@optional');
  });
});
