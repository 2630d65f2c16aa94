// The crmLens component with sfdx-lwc-jest: the GraphQL wire adapter is the test wire adapter of the
// lightning/graphql stub (graphql.emit / emitErrors / getLastConfig), loadScript is the platformResourceLoader stub,
// and window.crmLens is the real crm-lens API of the static resource without the tags (src/crm-lens-api.ts, built
// by test/jest/global-setup.mjs): the Salesforce adapter pages, flattens and maps what the wire emits. The wire
// values are the recorded pages of packages/adapter-salesforce/test/fixtures/graphql-org.json (`data` of each).

import CrmLens from 'c/crmLens';
import { graphql } from 'lightning/graphql';
import { loadScript } from 'lightning/platformResourceLoader';
import { createElement } from 'lwc';

const fs = require('node:fs');
const path = require('node:path');

const { crmLensApi } = require(path.join(process.cwd(), '.jest/crm-lens-api.cjs'));
const FIXTURE = JSON.parse(
  fs.readFileSync(
    path.join(process.cwd(), '../../packages/adapter-salesforce/test/fixtures/graphql-org.json'),
    'utf8',
  ),
);
/** The recorded pages in the order the adapter asks for them: object, cursor, wire value. */
const PAGES = FIXTURE.exchanges.map((exchange) => ({
  object: exchange.request.body.query.slice('$crmLens'.length),
  after: exchange.request.body.variables.after,
  data: exchange.response.body.data,
}));

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Wait until the component re-issues the wire with new variables (a new page asked for); return them. */
async function nextRequest(previous) {
  for (let i = 0; i < 50; i++) {
    const config = graphql.getLastConfig();
    if (config?.variables && config.variables !== previous) return config.variables;
    await flush();
  }
  throw new Error('the component did not ask for another page');
}

function mount(props = {}) {
  const element = createElement('c-crm-lens', { is: CrmLens });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

const statusOf = (element) => element.shadowRoot.querySelector('.crm-lens-status');

describe('c-crm-lens', () => {
  beforeEach(() => {
    Object.defineProperty(window, 'crmLens', { value: crmLensApi('test'), configurable: true });
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    delete window.crmLens;
    jest.clearAllMocks();
  });

  it('pages the GraphQL wire by endCursor and hands every record to <lens-data>', async () => {
    const element = mount({ currency: 'EUR', widgets: 'value-pyramid, churn-list, no-such-widget' });
    let variables;
    const asked = [];
    for (const page of PAGES) {
      variables = await nextRequest(variables);
      asked.push(variables.after);
      graphql.emit(page.data);
    }
    await flush();
    await flush();

    expect(loadScript).toHaveBeenCalledTimes(1);
    expect(loadScript.mock.calls[0][1]).toBe('crmLens');
    // Two pages of Accounts (the second with the first's endCursor), three of Opportunities, one of the rest.
    expect(asked).toEqual(PAGES.map((page) => page.after));
    expect(asked.filter((after) => after !== null)).toEqual(['djE6MQ==', 'djE6MQ==', 'djE6NA==']);
    expect(variables).toEqual({ first: 2000, after: null, upperBound: 100000 });

    const data = element.shadowRoot.querySelector('lens-data');
    expect(data).not.toBeNull();
    expect([...data.children].map((child) => child.localName)).toEqual([
      'lens-value-pyramid',
      'lens-churn-list',
    ]);
    expect(data.currency).toBe('EUR');
    expect(data.engineOptions).toEqual({ hosts: ['in-thread'] });
    expect(data.customers.map((c) => c.id)).toEqual([
      '001Dn00000Q1aA1IAJ',
      '001Dn00000Q1aB2IAJ',
      '001Dn00000Q1aC3IAJ',
      '003Dn00000R7xD1IAJ',
      '003Dn00000R7xE2IAJ',
    ]);
    expect(data.transactions).toEqual([
      {
        customerId: '001Dn00000Q1aA1IAJ',
        date: '2024-01-15',
        amount: 1500,
        orderId: '006Dn00000T3k01IAJ',
        currency: 'USD',
      },
      {
        customerId: '001Dn00000Q1aB2IAJ',
        date: '2024-02-20',
        amount: 980.5,
        orderId: '006Dn00000T3k02IAJ',
        currency: 'EUR',
      },
      { customerId: '001Dn00000Q1aC3IAJ', date: '2024-04-02', amount: 2400, orderId: '006Dn00000T3k05IAJ' },
      {
        customerId: '001Dn00000Q1aC3IAJ',
        date: '2024-05-10',
        amount: 120.25,
        orderId: '006Dn00000T3k07IAJ',
        currency: 'GBP',
      },
    ]);
    expect(data.interactions.map((i) => i.type)).toEqual(['task', 'task', 'case', 'case']);

    const status = statusOf(element);
    expect(status.dataset.state).toBe('ready');
    expect(status.textContent).toBe(
      'Read 4 purchases, 5 customers and 4 interactions from Salesforce · 5 records left out (a required field was empty)',
    );
  });

  it('puts the engine in the compute host when one is configured, its iframe in the container', async () => {
    const element = mount({ computeUrl: 'https://compute.example.com/crm-lens/crm-lens.compute.html' });
    await nextRequest(undefined);
    const data = element.shadowRoot.querySelector('lens-data');
    const container = element.shadowRoot.querySelector('.crm-lens-container');
    expect(data.engineOptions).toEqual({
      hosts: ['iframe', 'in-thread'],
      iframeUrl: 'https://compute.example.com/crm-lens/crm-lens.compute.html',
      iframeParent: container,
    });
  });

  it('shows an error state when the wire answers with errors, naming their types only', async () => {
    const element = mount();
    await nextRequest(undefined);
    graphql.emitErrors([
      {
        message: "Validation error of type FieldUndefined: Field 'Secret__c' in type 'Account' is undefined",
        locations: [{ line: 9, column: 21 }],
        extensions: { errorType: 'ValidationError' },
      },
    ]);
    await flush();
    await flush();
    const status = statusOf(element);
    expect(status.dataset.state).toBe('error');
    expect(status.textContent).toContain('the GraphQL query for Account returned 1 error (ValidationError)');
    expect(status.textContent).not.toContain('Secret__c');
    expect(element.shadowRoot.querySelector('lens-data').transactions).toBeUndefined();
  });

  it('reports a static resource that does not load, and asks the wire for nothing', async () => {
    loadScript.mockRejectedValueOnce(new Error('404'));
    const element = mount();
    await flush();
    await flush();
    const status = statusOf(element);
    expect(status.dataset.state).toBe('error');
    expect(status.textContent).toContain('could not load its static resource (crmLens)');
    expect(element.shadowRoot.querySelector('lens-data')).toBeNull();
    expect(graphql.getLastConfig()?.variables).toBeUndefined();
  });

  it('reports a resource that loaded without the crmLens global', async () => {
    delete window.crmLens;
    const element = mount();
    await flush();
    await flush();
    expect(statusOf(element).dataset.state).toBe('error');
    expect(statusOf(element).textContent).toContain('did not start');
  });

  it('says so when there are no purchases', async () => {
    const element = mount();
    let variables;
    for (const page of PAGES) {
      variables = await nextRequest(variables);
      const data = JSON.parse(JSON.stringify(page.data));
      if (page.object === 'Opportunity') data.uiapi.query.Opportunity.edges = [];
      graphql.emit(data);
    }
    await flush();
    await flush();
    expect(statusOf(element).dataset.state).toBe('empty');
    expect(element.shadowRoot.querySelector('lens-data').transactions).toBeUndefined();
  });

  it('stops reading when removed mid-way', async () => {
    const element = mount();
    const first = await nextRequest(undefined);
    graphql.emit(PAGES[0].data);
    const second = await nextRequest(first);
    document.body.removeChild(element);
    await flush();
    graphql.emit(PAGES[1].data);
    await flush();
    await flush();
    expect(graphql.getLastConfig().variables).toBe(second);
  });
});
