// The script-tag build's loader (dist/cdn/crm-lens.js, from packages/elements/scripts/cdn/loader.ts) against the
// built files: `pnpm test:browser` runs scripts/bundle.mjs first (alone: `node packages/elements/scripts/bundle.mjs`).
// Nothing else defines a tag in this page: every <lens-…> here is defined by the files the loader imports.
import { expect, waitUntil } from '@open-wc/testing';
import { syntheticRows } from './testing/fixtures.js';

const CDN = '/packages/elements/dist/cdn/';

/** What crm-lens.js exports (and puts on `globalThis.crmLens`). */
interface CrmLens {
  readonly version: string;
  readonly tags: readonly string[];
  load(...tags: string[]): Promise<void>;
  observe(root: ParentNode & Node): () => void;
}

interface LoadedLensData extends HTMLElement {
  transactions: unknown;
  readonly status: string;
  readonly summary?: { readonly customers: number };
}

const crmLensGlobal = () => (globalThis as unknown as { crmLens?: CrmLens }).crmLens;

/** Import a file of the build (a variable URL: not resolved by the dev server's bundling). */
function importBuilt(file: string): Promise<CrmLens> {
  const url = new URL(`${CDN}${file}`, location.origin).href;
  return import(/* @vite-ignore */ url) as Promise<CrmLens>;
}

/** The files of the build this page fetched, by name, with how often. */
function fetched(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of performance.getEntriesByType('resource')) {
    const path = new URL(entry.name).pathname;
    if (!path.startsWith(CDN)) continue;
    const name = path.slice(CDN.length);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

// The test's own modules (served one by one) would fill the default buffer of 250 entries.
performance.setResourceTimingBufferSize(100_000);

const errors: string[] = [];
addEventListener('error', (event) => errors.push(String(event.message)));
addEventListener('unhandledrejection', (event) => errors.push(String(event.reason)));

describe('the script-tag build: crm-lens.js, the loader', function () {
  this.timeout(30_000);

  const rows = syntheticRows(300);
  let data: LoadedLensData;
  let pyramid: HTMLElement;
  let loader: CrmLens;

  before(async () => {
    // In the page before crm-lens.js, with a property set before the definition (lit keeps it at the upgrade).
    data = document.createElement('lens-data') as LoadedLensData;
    data.transactions = rows;
    pyramid = document.createElement('lens-value-pyramid');
    data.append(pyramid);
    document.body.append(data);
    expect(customElements.get('lens-data')).to.equal(undefined);
    loader = await importBuilt('crm-lens.js');
  });

  after(() => {
    data.remove();
  });

  it('defines the tags already in the page, keeping properties set before the upgrade', async () => {
    expect(loader.tags).to.include.members([
      'lens-data',
      'lens-value-pyramid',
      'lens-rfm-heatmap',
      'lens-churn-list',
    ]);
    expect(crmLensGlobal()).to.be.an('object');
    expect(crmLensGlobal()?.version).to.equal(loader.version);
    await waitUntil(() => customElements.get('lens-data') && customElements.get('lens-value-pyramid'), '', {
      timeout: 10_000,
    });
    expect(data).to.be.instanceOf(customElements.get('lens-data')!);
    expect(pyramid).to.be.instanceOf(customElements.get('lens-value-pyramid')!);
    // `.transactions` was set on the undefined element: the upgraded <lens-data> loads it (in the worker beside
    // crm-lens.js: the build's default engine options).
    expect(data.transactions).to.equal(rows);
    await waitUntil(() => data.status === 'ready', `<lens-data> is ${data.status}`, { timeout: 20_000 });
    expect(data.summary?.customers).to.equal(300);
    // Only the tags in the page were loaded.
    expect(customElements.get('lens-churn-list')).to.equal(undefined);
    expect(customElements.get('lens-kpis')).to.equal(undefined);
    // Each file once, and crm-lens.js's own files only (no lazy file: no chart was drawn yet in a hidden page, no
    // translation, no in-thread engine).
    expect([...fetched().keys()]).to.include.members([
      'crm-lens.js',
      'crm-lens.data.js',
      'crm-lens.value-pyramid.js',
    ]);
    for (const [file, count] of fetched()) {
      expect(count, file).to.equal(1);
      expect(file).to.match(
        /^crm-lens\.(js|data\.js|value-pyramid\.js|chunk-[A-Z0-9]+\.js|worker\.js|vega\.js)$/,
      );
    }
  });

  it('defines a tag inserted into the document later', async () => {
    expect(customElements.get('lens-kpis')).to.equal(undefined);
    const kpis = document.createElement('lens-kpis');
    const wrapper = document.createElement('section');
    wrapper.append(kpis);
    data.append(wrapper);
    await waitUntil(() => customElements.get('lens-kpis'), 'lens-kpis was not defined', { timeout: 10_000 });
    expect(kpis).to.be.instanceOf(customElements.get('lens-kpis')!);
  });

  it('loads tags by name with crmLens.load (a shadow root the document observer cannot see)', async () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    const list = document.createElement('lens-churn-list');
    root.append(list);
    document.body.append(host);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(customElements.get('lens-churn-list')).to.equal(undefined);
      await crmLensGlobal()!.load('lens-churn-list', 'LENS-CUSTOMER-CARD');
      expect(customElements.get('lens-churn-list')).to.not.equal(undefined);
      expect(customElements.get('lens-customer-card')).to.not.equal(undefined);
      expect(list).to.be.instanceOf(customElements.get('lens-churn-list')!);
      // Again: nothing new to do.
      await loader.load('lens-churn-list');
      let error: unknown;
      await loader.load('lens-no-such-thing').catch((e: unknown) => {
        error = e;
      });
      expect(String(error)).to.contain('<lens-no-such-thing>');
    } finally {
      host.remove();
    }
  });

  it('watches a shadow root given to crmLens.observe', async () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    root.append(document.createElement('lens-segments'));
    document.body.append(host);
    const stop = loader.observe(root);
    try {
      await waitUntil(() => customElements.get('lens-segments'), 'lens-segments was not defined', {
        timeout: 10_000,
      });
      const later = document.createElement('lens-cross-sell');
      root.append(later);
      await waitUntil(() => customElements.get('lens-cross-sell'), 'lens-cross-sell was not defined', {
        timeout: 10_000,
      });
      expect(later).to.be.instanceOf(customElements.get('lens-cross-sell')!);
    } finally {
      stop();
      host.remove();
    }
  });

  it('is harmless twice: a second copy hands over to the first, a tag file run again defines nothing', async () => {
    const first = crmLensGlobal();
    const lensData = customElements.get('lens-data');
    // The same URL is the same module; another URL is another copy of the loader.
    expect(await importBuilt('crm-lens.js')).to.equal(loader);
    const second = await importBuilt('crm-lens.js?copy=2');
    expect(second).to.not.equal(loader);
    expect(crmLensGlobal()).to.equal(first);
    expect(second.version).to.equal(loader.version);
    await second.load('lens-drilldown', 'lens-data');
    expect(customElements.get('lens-drilldown')).to.not.equal(undefined);
    // A tag file evaluated a second time (another URL) registers nothing again and throws nothing.
    await importBuilt('crm-lens.data.js?copy=2');
    expect(customElements.get('lens-data')).to.equal(lensData);
    expect(fetched().get('crm-lens.drilldown.js')).to.equal(1);
    expect(errors).to.deep.equal([]);
  });
});
