// The Salesforce static resource (examples/salesforce-lwc/scripts/build-static-resource.mjs, built in memory by
// the adapter-salesforce block of web-test-runner.config.mjs) in a page that behaves like a Lightning page under
// Lightning Web Security: the resource is loaded as a CLASSIC script (as loadScript does), `new Worker` throws
// (lws-shim.js), and the page's policy is `default-src 'self'; script-src 'self'; worker-src 'none'` with no
// 'unsafe-eval' and no blob:. The page (lws-page.ts) reads a synthetic org through crmLens.salesforce.readGraphQL
// with a wire stand-in and shows <lens-data> with a <lens-value-pyramid>, as the crmLens component does.
//
// (a) in-thread: no compute host; (b) iframe: the compute host page (packages/engine/scripts/
// compute-host-bundle.mjs) on the server's other loopback name — another origin — whose allow-list names this
// page's origin. Both must give the pyramid the engine computes directly from the same records, with no CSP
// violation and no Worker attempted on the page. Long tasks are reported, not asserted.
import { ingestDataset } from '@crm-lens/core';
import { generateDataset, toRows } from '@crm-lens/testing';
import { expect } from '@esm-bundle/chai';
// @crm-lens/engine is not a dependency of the adapter (it depends on core only): its sources, for the reference.
import { InlineEngine } from '../../engine/src/index.js';
import { collectSalesforce } from '../src/index.js';
import { orgPages, replayWire, type WirePage } from './org.js';

const OTHER_HOST = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
const COMPUTE_URL = `${location.protocol}//${OTHER_HOST}:${location.port}/__salesforce/compute/crm-lens.compute.html`;

interface Outcome {
  version: string;
  tags: string[];
  host: string | undefined;
  requests: [string, string | null, number][];
  objects: [string, number, number, number, number][];
  summaryTiers: [string, number][];
  renderedTiers: [string, number][];
  iframes: number;
  workerAttempts: number;
  violations: { directive: string; blocked: string; source: string }[];
  longTasks: number[];
  timings: { readMs: number; scoreMs: number };
}

/** The LWS-like page in an iframe, given the org; resolves with what it reports. */
function runInLwsPage(pages: readonly WirePage[], mode: 'in-thread' | 'iframe'): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.style.width = '900px';
    frame.style.height = '700px';
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow) return;
      if (event.data?.type === 'salesforce-ready') {
        frame.contentWindow!.postMessage(
          { type: 'salesforce-run', pages, ...(mode === 'iframe' ? { computeUrl: COMPUTE_URL } : {}) },
          location.origin,
        );
        return;
      }
      if (event.data?.type !== 'salesforce-outcome') return;
      window.removeEventListener('message', onMessage);
      frame.remove();
      if (event.data.error) reject(new Error(event.data.error));
      else resolve(event.data.outcome as Outcome);
    };
    window.addEventListener('message', onMessage);
    frame.src = `/__salesforce/lws-page.html?mode=${mode}`;
    document.body.append(frame);
  });
}

/** The org, and the pyramid the engine computes directly from the records the adapter reads out of it. */
async function expected() {
  const generated = generateDataset({ customers: 800, seed: 11 });
  const pages = orgPages({
    customers: toRows(generated.customers) as never,
    transactions: toRows(generated.transactions) as never,
    interactions: toRows(generated.interactions) as never,
  });
  const { input } = await collectSalesforce({ graphql: replayWire(pages).run as never });
  const dataset = await ingestDataset(input);
  const engine = new InlineEngine();
  const { handle } = await engine.load({
    kind: 'tables',
    transactions: dataset.transactions,
    ...(dataset.customers ? { customers: dataset.customers } : {}),
    ...(dataset.interactions ? { interactions: dataset.interactions } : {}),
  });
  const summary = await engine.score(handle, {});
  await engine.dispose();
  return { pages, tiers: summary.pyramid.tiers.map((t) => [t.tier, t.customers]), input };
}

function report(mode: string, outcome: Outcome) {
  const longest = outcome.longTasks.length > 0 ? Math.max(...outcome.longTasks) : 0;
  console.log(
    `[salesforce ${mode}] host ${outcome.host}; read ${outcome.timings.readMs} ms, load + score ${outcome.timings.scoreMs} ms; ` +
      `${outcome.longTasks.length} long task(s) > 50 ms on the page${longest ? `, longest ${longest} ms` : ''}`,
  );
}

let org: Awaited<ReturnType<typeof expected>>;

before(async function () {
  this.timeout(120_000);
  // The middleware builds the static resource and the compute host on the first request: not inside a test.
  for (const url of ['/__salesforce/crmLens.js', '/__salesforce/compute/crm-lens.compute.js']) {
    const response = await fetch(url);
    expect(response.ok, url).to.equal(true);
  }
  org = await expected();
  expect(org.input.transactions.length).to.be.greaterThan(2000);
});

describe('the Salesforce static resource under a Lightning-Web-Security-like page', function () {
  this.timeout(120_000);

  it('is one classic script without dynamic import, workers, blob: or eval', async () => {
    const text = await (await fetch('/__salesforce/crmLens.js')).text();
    expect(text).not.to.match(/\bimport\s*\(/);
    expect(text).not.to.match(/\bnew\s+(?:[\w$]+\.)?Worker\b/);
    expect(text).not.to.match(/blob:/);
    expect(text).not.to.match(/\bnew\s+Function\s*\(/);
    expect(text).to.match(/^\/\*! crm-lens [\d.]+ for Salesforce/);
  });

  it('(a) computes in the page thread: the pyramid of the engine, no CSP violation, no Worker', async () => {
    const outcome = await runInLwsPage(org.pages, 'in-thread');
    report('in-thread', outcome);
    expect(outcome.tags).to.include('lens-value-pyramid');
    expect(outcome.host).to.equal('in-thread');
    expect(outcome.iframes).to.equal(0);
    // The wire was re-issued with each endCursor: Opportunities span several pages.
    const opportunities = outcome.requests.filter(([object]) => object === 'Opportunity');
    expect(opportunities.length).to.be.greaterThan(1);
    expect(opportunities[0]![1]).to.equal(null);
    expect(opportunities.slice(1).every(([, after]) => typeof after === 'string')).to.equal(true);
    expect(outcome.objects.find(([object]) => object === 'Opportunity')![3]).to.equal(
      org.input.transactions.length,
    );
    expect(outcome.summaryTiers).to.deep.equal(org.tiers);
    expect(outcome.renderedTiers).to.deep.equal(org.tiers);
    expect(outcome.violations).to.deep.equal([]);
    expect(outcome.workerAttempts).to.equal(0);
  });

  it('(b) computes in the iframe compute host on another origin: the same pyramid, no CSP violation', async () => {
    const outcome = await runInLwsPage(org.pages, 'iframe');
    report('iframe', outcome);
    expect(outcome.host).to.equal('iframe');
    // The hidden compute iframe sits in the component's container.
    expect(outcome.iframes).to.equal(1);
    expect(outcome.summaryTiers).to.deep.equal(org.tiers);
    expect(outcome.renderedTiers).to.deep.equal(org.tiers);
    expect(outcome.violations).to.deep.equal([]);
    expect(outcome.workerAttempts).to.equal(0);
  });
});
