// The Zoho widget page (packages/adapter-zoho/widget/widget.html) in an iframe, with a stand-in SDK that talks to
// this page over postMessage as Zoho CRM's host would (stand-in-sdk.js, stand-in-host.ts). The page's markup is
// the real file with three URLs swapped for the test server's: Zoho's SDK → the stand-in; zoho-widget.js (the
// bundle of widget/main.ts) → widget/main.ts itself; crm-lens/ → packages/elements/dist/cdn/ (the script-tag
// build). It runs under `default-src 'self'` (a CSP <meta> is added), so no inline script or style may be in it.
import { collectAdapter, ingestDataset } from '@crm-lens/core';
import { expect } from '@esm-bundle/chai';
import { zohoAdapter } from '../src/index.js';
import { replaySdk, type SdkFixture } from '../test/util/replay-sdk.js';
import { serveZohoHost } from './stand-in-host.js';

const BASE = '/packages/adapter-zoho';
const SDK_URL = 'https://live.zwidgets.com/js-sdk/1.2/ZohoEmbededAppSDK.min.js';

interface LensDataState extends HTMLElement {
  readonly status: string;
  readonly summary?: { customers: number; pyramid: { tiers: { customers: number }[] } };
  readonly report?: { total: number; accepted: number; rejected: number };
  readonly computeHost?: string;
}

async function widgetPage(): Promise<string> {
  const html = await (await fetch(`${BASE}/widget/widget.html`)).text();
  const origin = location.origin;
  expect(html).to.contain(SDK_URL);
  expect(html).not.to.match(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
  expect(html).not.to.match(/<style|\sstyle=/); // no inline style
  return html
    .replace(
      '<head>',
      `<head><base href="${origin}${BASE}/widget/" /><meta http-equiv="Content-Security-Policy" content="default-src 'self'" />`,
    )
    .replace(
      SDK_URL,
      `${origin}${BASE}/test-browser/stand-in-sdk.js?serviceOrigin=${encodeURIComponent(origin)}`,
    )
    .replaceAll('crm-lens/', `${origin}/packages/elements/dist/cdn/`)
    .replace('src="zoho-widget.js"', `src="${origin}${BASE}/widget/main.ts"`);
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

describe('Zoho CRM widget page with a stand-in SDK over postMessage', function () {
  this.timeout(60_000);

  it('reads the org through ZOHO.CRM.API and renders the widgets with the numbers core computes', async () => {
    const fixture = (await (await fetch(`${BASE}/test/fixtures/widget-org.json`)).json()) as SdkFixture;

    // What core makes of the same recorded pages, read directly.
    const direct = await collectAdapter(zohoAdapter({ api: replaySdk(fixture.calls).api }));
    const expected = await ingestDataset(direct.input);
    const accepted = expected.reports.transactions.accepted;
    // One code space: the customers read (Accounts, Contacts) and every customer a transaction names.
    const expectedCustomers = new Set([
      ...(direct.input.customers ?? []).map((c) => c.id),
      ...direct.input.transactions.map((t) => t.customerId),
    ]).size;
    expect(expected.reports.customers!.accepted).to.equal(50);
    expect(accepted).to.equal(direct.input.transactions.length);

    const frame = document.createElement('iframe');
    frame.style.width = '1000px';
    frame.style.height = '800px';
    const host = serveZohoHost(frame, fixture.calls, location.origin);
    const url = URL.createObjectURL(new Blob([await widgetPage()], { type: 'text/html' }));
    frame.src = url;
    document.body.append(frame);
    try {
      const doc = await until('the widget document', () =>
        frame.contentDocument?.getElementById('crm-lens-data') ? frame.contentDocument : undefined,
      );
      const data = doc.getElementById('crm-lens-data') as LensDataState;
      const status = doc.getElementById('crm-lens-status')!;
      await until('<lens-data> ready', () => {
        if (status.dataset.state === 'error') throw new Error(`widget error: ${status.textContent}`);
        if (data.getAttribute('status') === 'error') throw new Error('lens-data error');
        return data.getAttribute('status') === 'ready' && data.summary ? true : undefined;
      });

      // Every page was asked for over postMessage, in order, with the SDK's parameters.
      expect(host.log.calls.map((c) => `${c.Entity}:${c.page}`)).to.deep.equal([
        'Accounts:1',
        'Contacts:1',
        'Deals:1',
        'Deals:2',
        'Deals:3',
        'Calls:1',
        'Events:1',
        'Tasks:1',
        'Cases:1',
      ]);
      expect(host.log.calls.every((c) => c.per_page === 200 && c.sort_order === 'asc')).to.equal(true);

      // The numbers: what <lens-data> ingested and scored equals core's ingestion of the same rows.
      expect(data.report?.accepted ?? accepted).to.equal(accepted);
      expect(data.summary!.customers).to.equal(expectedCustomers);
      // The pyramid places the customers who bought (the others have no value to place).
      const buyers = new Set(direct.input.transactions.map((t) => t.customerId)).size;
      const tiers = data.summary!.pyramid.tiers.reduce((n, t) => n + t.customers, 0);
      expect(tiers).to.equal(buyers);
      expect(status.textContent).to.contain(
        `Read ${accepted} transactions, 50 customers and 35 interactions`,
      );
      expect(status.textContent).to.contain('1 record was left out');

      // The widgets drew: the pyramid's SVG names its tiers, the churn list has rows.
      const pyramid = doc.querySelector('lens-value-pyramid')!;
      await until('the pyramid drawn', () => (pyramid.shadowRoot?.querySelector('svg') ? true : undefined));
      const churn = doc.querySelector('lens-churn-list')!;
      await until('the churn list', () =>
        (churn.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').length > 40 ? true : undefined,
      );
      expect(host.log.ignored).to.equal(0);
    } finally {
      host.stop();
      frame.remove();
      URL.revokeObjectURL(url);
    }
  });
});
