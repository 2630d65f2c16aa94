/// <reference types="powerapps-component-framework" />
import { readFileSync } from 'node:fs';
import { type AdapterPage, collectAdapter } from '@crm-lens/core';
import { describe, expect, it } from 'vitest';
import {
  type DatasetRecord,
  type DynamicsDataSet,
  datasetFeed,
  dynamicsAdapter,
  entityFromRecord,
  OPPORTUNITY_MAPPING,
} from '../src/index.js';
import { replayWebApi, type WebApiFixture } from './util/replay-web-api.js';
import { type StandInDatasetOptions, standInDataset } from './util/stand-in-dataset.js';

// Compile-time: the vendor's own types fit the adapter's structural ones.
const vendorDataset: DynamicsDataSet = {} as ComponentFramework.PropertyTypes.DataSet;
const vendorRecord: DatasetRecord = {} as ComponentFramework.PropertyHelper.DataSetApi.EntityRecord;
void [vendorDataset, vendorRecord];

const ACCOUNTS = (
  JSON.parse(readFileSync(new URL('./fixtures/accounts.json', import.meta.url), 'utf8')) as WebApiFixture
).calls;

/** The recorded accounts as a view's rows: what the dataset API gives for the same records. */
const ACCOUNT_ROWS: StandInDatasetOptions['rows'] = ACCOUNTS.flatMap((c) => c.resolve!.entities).map((e) => ({
  // Dataset record ids may come upper-case and braced; the adapter writes them as the Web API does.
  id: `{${String(e.accountid).toUpperCase()}}`,
  values: {
    name: e.name,
    createdon: new Date(e.createdon),
    address1_country: e.address1_country,
    industrycode: e.industrycode,
  },
  formatted: {
    createdon: e['createdon@OData.Community.Display.V1.FormattedValue'],
    ...(e.industrycode !== null
      ? { industrycode: e['industrycode@OData.Community.Display.V1.FormattedValue'] }
      : {}),
  },
}));

function accountView(extra: Partial<StandInDatasetOptions> = {}) {
  const feed = datasetFeed();
  const host = standInDataset({
    table: 'account',
    columns: [
      { name: 'name', dataType: 'SingleLine.Text' },
      { name: 'createdon', dataType: 'DateAndTime.DateAndTime' },
    ],
    addable: { address1_country: 'SingleLine.Text', industrycode: 'OptionSet' },
    rows: ACCOUNT_ROWS,
    onUpdate: (dataset) => feed.update(dataset),
    ...extra,
  });
  return { feed, host };
}

const viewOnly = { customers: ['account'] as const, transactions: [], interactions: [] };

describe('datasetFeed: the records of the view a dataset control is bound to', () => {
  it('reads the view page by page (loadNextPage, next updateView) into the same rows as the Web API', async () => {
    const { feed, host } = accountView();
    const { webAPI, calls } = replayWebApi([]);
    const adapter = dynamicsAdapter({
      webAPI,
      ...viewOnly,
      views: { account: feed },
      viewPageSize: 2,
    });
    host.start(); // the platform loads the view after init
    const pages: AdapterPage[] = [];
    for await (const page of adapter.read()) pages.push(page);
    expect(calls).toEqual([]); // no Web API call for a table read from the view
    // Missing columns added and the page size set, then one refresh; then the next page.
    expect(host.log).toEqual([
      'addColumn(address1_country)',
      'addColumn(industrycode)',
      'setPageSize(2)',
      'refresh',
      'loadNextPage',
    ]);
    expect(pages.map((p) => [p.progress.pages, p.progress.records, p.progress.total])).toEqual([
      [1, 2, 3],
      [2, 3, 3],
    ]);
    expect(pages[0]!.resumeToken).toContain('page:2');

    const viaWebApi = dynamicsAdapter({
      webAPI: replayWebApi(ACCOUNTS).webAPI,
      pageSize: 2,
      ...viewOnly,
    });
    const expected = await collectAdapter(viaWebApi);
    // The same rows; only the time stamps are written as Date.toISOString() writes them.
    expect(pages.flatMap((p) => p.customers)).toEqual(
      expected.input.customers!.map((c) => ({
        ...c,
        createdAt: new Date(String(c.createdAt)).toISOString(),
      })),
    );
  });

  it('a canvas-style host that appends pages: every record once', async () => {
    const { feed, host } = accountView({ accumulate: true, canAddColumns: false });
    const adapter = dynamicsAdapter({
      webAPI: replayWebApi([]).webAPI,
      ...viewOnly,
      views: { account: feed },
      viewPageSize: 1,
    });
    host.start();
    const { input, objects } = await collectAdapter(adapter);
    expect(host.log).toEqual(['setPageSize(1)', 'refresh', 'loadNextPage', 'loadNextPage']);
    expect(input.customers!.map((c) => c.id)).toEqual([
      'account:5e2fd1a9-3a6c-ee11-8179-000d3a2b4c01',
      'account:5e2fd1a9-3a6c-ee11-8179-000d3a2b4c02',
      'account:5e2fd1a9-3a6c-ee11-8179-000d3a2b4c03',
    ]);
    // Without addColumn the view's own columns are all there is (region and industry are not in the view).
    expect(input.customers![0]).toEqual({
      id: 'account:5e2fd1a9-3a6c-ee11-8179-000d3a2b4c01',
      name: 'Fourth Coffee (sample)',
      createdAt: '2022-03-01T09:00:00.000Z',
    });
    expect(objects[0]).toMatchObject({ pages: 3, records: 3, rows: 3 });
  });

  it('tolerates an updateView for something else (a resize) while a page loads', async () => {
    const { feed, host } = accountView({ latencyMs: 20 });
    const original = host.dataset.paging.loadNextPage;
    host.dataset.paging.loadNextPage = () => {
      original();
      // A resize arrives: not loading, and still the previous page's records.
      host.dataset.loading = false;
      host.deliver();
    };
    const adapter = dynamicsAdapter({
      webAPI: replayWebApi([]).webAPI,
      ...viewOnly,
      views: { account: feed },
      viewPageSize: 2,
    });
    host.start();
    const { input } = await collectAdapter(adapter);
    expect(input.customers).toHaveLength(3);
  });

  it('resumes at a page with loadExactPage', async () => {
    const { feed, host } = accountView();
    const adapter = dynamicsAdapter({
      webAPI: replayWebApi([]).webAPI,
      ...viewOnly,
      views: { account: feed },
      viewPageSize: 2,
    });
    host.start();
    const first: AdapterPage[] = [];
    for await (const page of adapter.read()) {
      first.push(page);
      break;
    }
    const token = first[0]!.resumeToken!;
    host.log.length = 0;
    const rest: AdapterPage[] = [];
    for await (const page of adapter.read({ resume: token })) rest.push(page);
    expect(host.log).toEqual(['loadExactPage(2)']);
    expect(rest.flatMap((p) => p.customers).map((c) => c.name)).toEqual(['Adventure Works (sample)']);
    expect(rest.at(-1)!.progress).toMatchObject({ pages: 2, records: 3 });
  });

  it("a failed load is an AdapterError that does not repeat the host's message", async () => {
    const { feed, host } = accountView({ failFromPage: 2 });
    const adapter = dynamicsAdapter({
      webAPI: replayWebApi([]).webAPI,
      ...viewOnly,
      views: { account: feed },
      viewPageSize: 2,
    });
    host.start();
    const error = await collectAdapter(adapter).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AdapterError', code: 'http' });
    expect((error as Error).message).toBe("the view's account records could not be loaded");
  });

  it('abort while waiting for the next updateView rejects at once', async () => {
    const { feed } = accountView(); // never started: no updateView comes
    const adapter = dynamicsAdapter({
      webAPI: replayWebApi([]).webAPI,
      ...viewOnly,
      views: { account: feed },
    });
    const controller = new AbortController();
    const pending = collectAdapter(adapter, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('writes a record as the Web API would: lookups, date-only columns, formatted values', async () => {
    const guid = '5E2FD1A9-3A6C-EE11-8179-000D3A2B4C01';
    const values: Record<string, unknown> = {
      customerid: { id: { guid: `{${guid}}` }, etn: 'account', name: 'Fourth Coffee (sample)' },
      parentcontactid: { id: '7A1C04B2-3A6C-EE11-8179-000D3A2B4D02', entityType: 'contact', name: 'S' },
      actualclosedate: new Date(2024, 2, 28), // local midnight, as a date-only column's value
      modifiedon: new Date(Date.UTC(2024, 2, 28, 22, 30)),
      actualvalue: 980.5,
      statecode: 1,
      description: null,
    };
    const record: DatasetRecord = {
      getRecordId: () => '0C3E8D61-4A6C-EE11-8179-000D3A2B5E02',
      getValue: (name) => values[name] as ReturnType<DatasetRecord['getValue']>,
      getFormattedValue: (name) => (name === 'statecode' ? 'Won' : name === 'actualvalue' ? '€980.50' : ''),
    };
    const entity = entityFromRecord(
      record,
      [
        { name: 'customerid', dataType: 'Lookup.Customer' },
        { name: 'parentcontactid', dataType: 'Lookup.Simple' },
        { name: 'actualclosedate', dataType: 'DateAndTime.DateOnly' },
        { name: 'modifiedon', dataType: 'DateAndTime.DateAndTime' },
        { name: 'actualvalue', dataType: 'Currency' },
        { name: 'statecode', dataType: 'OptionSet' },
        { name: 'description', dataType: 'Multiple' },
      ],
      'opportunityid',
    );
    expect(entity).toEqual({
      opportunityid: '0c3e8d61-4a6c-ee11-8179-000d3a2b5e02',
      _customerid_value: guid.toLowerCase(),
      '_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
      '_customerid_value@OData.Community.Display.V1.FormattedValue': 'Fourth Coffee (sample)',
      _parentcontactid_value: '7a1c04b2-3a6c-ee11-8179-000d3a2b4d02',
      '_parentcontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'contact',
      '_parentcontactid_value@OData.Community.Display.V1.FormattedValue': 'S',
      actualclosedate: '2024-03-28',
      modifiedon: '2024-03-28T22:30:00.000Z',
      actualvalue: 980.5,
      'actualvalue@OData.Community.Display.V1.FormattedValue': '€980.50',
      statecode: 1,
      'statecode@OData.Community.Display.V1.FormattedValue': 'Won',
    });

    // …so the opportunity preset maps it as it maps the Web API's record (the currency is not in a view).
    const feed = datasetFeed();
    const host = standInDataset({
      table: 'opportunity',
      columns: [
        { name: 'customerid', dataType: 'Lookup.Customer' },
        { name: 'actualclosedate', dataType: 'DateAndTime.DateOnly' },
        { name: 'actualvalue', dataType: 'Currency' },
        { name: 'statecode', dataType: 'OptionSet' },
      ],
      canAddColumns: false,
      rows: [
        {
          id: '0C3E8D61-4A6C-EE11-8179-000D3A2B5E02',
          values: values as never,
        },
      ],
      onUpdate: (d) => feed.update(d),
    });
    host.start();
    const { input } = await collectAdapter(
      dynamicsAdapter({
        webAPI: replayWebApi([]).webAPI,
        customers: [],
        transactions: ['opportunity'],
        interactions: [],
        views: { opportunity: feed },
        mappings: { opportunity: OPPORTUNITY_MAPPING },
      }),
    );
    expect(input.transactions).toEqual([
      {
        customerId: `account:${guid.toLowerCase()}`,
        date: '2024-03-28',
        amount: 980.5,
        orderId: '0c3e8d61-4a6c-ee11-8179-000d3a2b5e02',
      },
    ]);
  });
});
