// The PCF code component as pcf-scripts built it (examples/dynamics-pcf/out/controls/CrmLens/bundle.js), in a page
// served with Dataverse's Content-Security-Policy as a response header (web-test-runner.config.mjs, block
// "adapter-dynamics": the documented default of model-driven apps read the strict way — no 'unsafe-eval', 'self'
// instead of *, default-src 'self' — and a stricter one without 'unsafe-inline'). The page's stand-in PCF runtime
// (pcf-host.ts) loads the bundle as a classic script, takes the constructor the bundle registers with
// ComponentFramework.registerControl, and runs init / updateView with a context whose webAPI replays a recorded org
// (test/fixtures/pcf-org.json). The bundle must be built first (`pnpm --filter @crm-lens/example-dynamics-pcf
// build`); without it the tests fail and say so.
import { collectAdapter, ingestDataset } from '@crm-lens/core';
import { expect } from '@esm-bundle/chai';
import { dynamicsAdapter, resultText } from '../src/index.js';
import { replayWebApi, type WebApiFixture } from '../test/util/replay-web-api.js';
import type { PcfHostState } from './pcf-host.js';

const PAGE = '/__dynamics/pcf-page.html';

interface LensDataState extends HTMLElement {
  readonly status: string;
  readonly computeHost?: string;
  readonly summary?: { customers: number; pyramid: { tiers: { customers: number }[] } };
  readonly error?: { code: string; message: string };
}

async function until<T>(what: string, read: () => T | undefined, timeoutMs = 45_000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Every text in a shadow tree, nested shadow roots included. */
function deepText(root: ShadowRoot | Element | null | undefined): string {
  if (!root) return '';
  let out = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) out += `${node.textContent} `;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return out.replace(/\s+/g, ' ').trim();
}

async function expected() {
  const fixture = (await (
    await fetch('/packages/adapter-dynamics/test/fixtures/pcf-org.json')
  ).json()) as WebApiFixture;
  // What core makes of the same recorded pages with the control's configuration, read directly.
  const direct = await collectAdapter(
    dynamicsAdapter({ webAPI: replayWebApi(fixture.calls).webAPI, pageSize: 150, complaintCaseTypes: [2] }),
  );
  const dataset = await ingestDataset(direct.input);
  const customers = new Set([
    ...(direct.input.customers ?? []).map((c) => c.id),
    ...direct.input.transactions.map((t) => t.customerId),
  ]).size;
  const buyers = new Set(direct.input.transactions.map((t) => t.customerId)).size;
  return { fixture, direct, dataset, customers, buyers };
}

/** Opens the CSP page in an iframe and waits for the control to be ready; the caller removes the frame. */
async function openControl(policy: string, scenario: 'webapi' | 'view') {
  const run = `${policy}-${scenario}-${Math.random().toString(36).slice(2)}`;
  const frame = document.createElement('iframe');
  frame.style.width = '1100px';
  frame.style.height = '1400px';
  frame.src = `${PAGE}?policy=${policy}&scenario=${scenario}&run=${run}`;
  document.body.append(frame);
  const host = await until('the stand-in PCF runtime', () => {
    const state = (frame.contentWindow as unknown as { __pcfHost?: PcfHostState } | null)?.__pcfHost;
    if (state?.error) throw new Error(`the control did not start: ${state.error}`);
    return state?.initialised ? state : undefined;
  });
  const doc = frame.contentDocument!;
  const shadow = await until(
    'the control root',
    () => doc.querySelector('#pcf-container > div')?.shadowRoot ?? undefined,
  );
  const data = shadow.querySelector('lens-data') as LensDataState;
  const status = shadow.querySelector('.status') as HTMLElement;
  await until('<lens-data> ready', () => {
    if (status.dataset.state === 'error') throw new Error(`control error: ${text(status)}`);
    if (data.getAttribute('status') === 'error') {
      throw new Error(`<lens-data> error: ${data.error?.code} ${data.error?.message}`);
    }
    return data.getAttribute('status') === 'ready' && data.summary && status.dataset.state === 'ready'
      ? true
      : undefined;
  });
  return { frame, host, doc, shadow, data, status, run };
}

describe("the PCF bundle (pcf-scripts) under Dataverse's CSP, with a stand-in PCF runtime", function () {
  this.timeout(120_000);

  before(async () => {
    const response = await fetch('/__dynamics/bundle.js', { method: 'GET' });
    if (!response.ok) throw new Error(await response.text());
  });

  it('serves the page with the policy as a response header (no unsafe-eval, blob: workers allowed)', async () => {
    const policies = (await (await fetch('/__dynamics/policies.json')).json()) as Record<string, string>;
    expect(Object.keys(policies)).to.deep.equal(['dataverse-default', 'dataverse-strict']);
    for (const [name, policy] of Object.entries(policies)) {
      const response = await fetch(`${PAGE}?policy=${name}&scenario=webapi&run=header`);
      const header = response.headers.get('content-security-policy') ?? '';
      expect(header.startsWith(policy)).to.equal(true);
      expect(header).not.to.contain('unsafe-eval');
      expect(header).to.match(/worker-src 'self' blob:/);
      expect(header).to.match(/script-src 'self'[^;]* blob:/);
    }
  });

  for (const policy of ['dataverse-default', 'dataverse-strict']) {
    it(`${policy}: reads the org through context.webAPI, computes in a blob: worker, draws numbers, no violation`, async () => {
      const want = await expected();
      const { frame, host, shadow, data, status, run } = await openControl(policy, 'webapi');
      try {
        // The bundle registered its constructor the PCF way, and the runtime built the control from it.
        expect(host.registered).to.deep.equal(['CrmLens.CrmLens']);

        // Every recorded page was asked for, in order: nextLink paging to the end of each table.
        expect(host.calls.map((c) => [c.table, c.options, c.maxPageSize])).to.deep.equal(
          want.fixture.calls.map((c) => [c.table, c.options, 150]),
        );
        expect(host.calls.filter((c) => c.table === 'opportunity')).to.have.length(4);

        // The engine runs in a blob: worker made from the source text inside bundle.js.
        expect(data.computeHost).to.equal('blob-worker');
        expect(data.getAttribute('compute-host')).to.equal('blob-worker');
        expect(data.getAttribute('hosts')).to.equal('blob-worker in-thread');

        // The numbers: what <lens-data> scored equals core's ingestion of the same rows.
        expect(want.dataset.reports.transactions.accepted).to.equal(want.direct.input.transactions.length);
        expect(data.summary!.customers).to.equal(want.customers);
        const placed = data.summary!.pyramid.tiers.reduce((n, t) => n + t.customers, 0);
        expect(placed).to.equal(want.buyers);
        expect(text(status)).to.equal(resultText(want.direct));
        expect(text(status)).to.contain('452 transactions, 50 customers and 38 interactions');
        expect(text(status)).to.contain('1 record was left out');

        // The widgets drew, with numbers in them.
        const pyramid = shadow.querySelector('lens-value-pyramid')!;
        const heatmap = shadow.querySelector('lens-rfm-heatmap')!;
        const churn = shadow.querySelector('lens-churn-list')!;
        await until('the pyramid drawn', () => (pyramid.shadowRoot?.querySelector('svg') ? true : undefined));
        await until('the heatmap drawn', () => (heatmap.shadowRoot?.querySelector('svg') ? true : undefined));
        await until('the churn list', () => (/\d/.test(deepText(churn.shadowRoot)) ? true : undefined));
        for (const widget of [pyramid, heatmap, churn]) {
          expect(deepText(widget.shadowRoot), widget.localName).to.match(/\d/);
        }
        expect(deepText(pyramid.shadowRoot)).to.match(/Platinum|Gold|Iron|Lead/);

        // Not one CSP violation: none seen by the document, none reported (the worker's too).
        await new Promise((r) => setTimeout(r, 500));
        expect(host.violations).to.deep.equal([]);
        const reports = (await (await fetch(`/__dynamics/csp-reports?run=${run}`)).json()) as unknown[];
        expect(reports).to.deep.equal([]);

        // destroy() removes everything it made.
        host.destroy!();
        expect(frame.contentDocument!.getElementById('pcf-container')).to.equal(null);
        expect(frame.contentDocument!.querySelectorAll('lens-data')).to.have.length(0);
      } finally {
        frame.remove();
      }
    });
  }

  it('with "Records of the view" = use, the bound view\'s records stand in for the accounts', async () => {
    const want = await expected();
    const { frame, host, data, status } = await openControl('dataverse-default', 'view');
    try {
      // No Web API call for accounts: they came from the dataset API (paged, with the missing columns added).
      expect(host.calls.map((c) => c.table)).not.to.include('account');
      expect(host.calls).to.have.length(want.fixture.calls.filter((c) => c.table !== 'account').length);
      expect(host.datasetLog).to.deep.equal([
        'addColumn(createdon)',
        'addColumn(industrycode)',
        'setPageSize(250)',
        'refresh',
      ]);
      expect(data.computeHost).to.equal('blob-worker');
      expect(data.summary!.customers).to.equal(want.customers);
      expect(text(status)).to.contain('452 transactions, 50 customers and 38 interactions');
      expect(host.violations).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
