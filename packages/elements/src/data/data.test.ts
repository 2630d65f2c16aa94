import { type Engine, InlineEngine } from '@crm-lens/engine';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../lens-data.js';
import '../testing/probe-element.js';
import type { LensDataErrorEvent } from '../events/data-error.js';
import type { LensDataLoadEvent } from '../events/data-load.js';
import type { LensProgressEvent } from '../events/progress.js';
import { registrySize } from '../internal/provider-registry.js';
import { StatesHarness } from '../internal/states.harness.js';
import {
  badRows,
  CDNOW_PRESET,
  CDNOW_URL,
  engineOptions,
  mount,
  syntheticCustomers,
  syntheticRows,
  WORKER_URL,
  waitForStatus,
} from '../testing/fixtures.js';
import type { LensTestProbe } from '../testing/probe-element.js';
import { LensDataHarness } from './data.harness.js';
import { LensData } from './data.js';
import { engineOptions as mergedEngineOptions, parseHosts } from './data-input.js';

const ROWS = syntheticRows(300);

describe('<lens-data>', () => {
  it('is accessible, renders only a slot, and defining it twice is harmless', async () => {
    LensData.define('lens-data');
    LensData.define('lens-data');
    const el = await mount<LensData>(html`<lens-data><p>inside</p></lens-data>`);
    await expect(el).to.be.accessible();
    expect(new LensDataHarness(el).slotted.map((e) => e.localName)).to.deep.equal(['p']);
    expect(el.status).to.equal('idle');
    expect(el.getAttribute('status')).to.equal('idle');
    expect(customElements.get('lens-data')).to.equal(LensData);
  });

  it('loads row objects, scores them and reflects status and compute-host', async () => {
    const el = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions('in-thread')} engine-key="rows" show-status
        .transactions=${ROWS}></lens-data>`,
    );
    const loaded = oneEvent(el, 'lens-data-load') as Promise<LensDataLoadEvent>;
    await waitForStatus(el);
    const event = await loaded;
    expect(el.getAttribute('status')).to.equal('ready');
    expect(el.computeHost).to.equal('in-thread');
    expect(el.getAttribute('compute-host')).to.equal('in-thread');
    expect(el.summary?.customers).to.equal(300);
    expect(el.report?.accepted).to.equal(ROWS.length);
    expect(el.report?.rejected).to.equal(0);
    expect(el.datasetHandle?.transactions).to.equal(ROWS.length);
    expect(event.detail.host).to.equal('in-thread');
    expect(event.detail.accepted).to.equal(ROWS.length);
    expect(event.detail.summary.customers).to.equal(300);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(new LensDataHarness(el).statusLine).to.contain('300 customers');
    expect(new LensDataHarness(el).statusLine).to.contain('computed in the page');
    await expect(el).to.be.accessible();
  });

  it('runs in the real module worker and says so in compute-host', async function () {
    this.timeout(30_000);
    const el = await mount<LensData>(
      html`<lens-data .engineOptions=${{ hosts: ['module-worker'], workerUrl: WORKER_URL }} engine-key="worker"
        .transactions=${ROWS}></lens-data>`,
    );
    await waitForStatus(el, 'ready', 25_000);
    expect(el.getAttribute('compute-host')).to.equal('module-worker');
    expect(el.summary?.customers).to.equal(300);
  });

  it('fetches src with a preset (CDNOW) and reports progress', async () => {
    const progress: string[] = [];
    const el = await mount<LensData>(
      html`<lens-data
        .engineOptions=${engineOptions()}
        engine-key="cdnow"
        src=${CDNOW_URL}
        preset=${CDNOW_PRESET}
        as-of="1997-06-30"
        @lens-progress=${(e: LensProgressEvent) => progress.push(e.detail.stage)}
      ></lens-data>`,
    );
    await waitForStatus(el);
    expect(el.report?.total).to.equal(200);
    expect(el.report?.source.format).to.equal('whitespace');
    expect(el.summary?.asOf).to.equal(Date.UTC(1997, 5, 30));
    expect(el.dataState.currency).to.equal('USD');
    expect(progress).to.include('engine');
    expect(progress).to.include('churn');
  });

  it('maps field attributes onto the ingestion mapping', async () => {
    const rows = ROWS.map((r) => ({ Kunde: r.customerId, Datum: r.date, Betrag: r.amount }));
    const el = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} customer-field="Kunde" date-field="Datum"
        amount-field="Betrag" currency="eur" .transactions=${rows}></lens-data>`,
    );
    await waitForStatus(el);
    expect(el.report?.mapping).to.include({ customerId: 'Kunde', date: 'Datum', amount: 'Betrag' });
    expect(el.dataState.currency).to.equal('EUR');
  });

  it('rescoring on an analysis attribute keeps the dataset', async () => {
    const el = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} .transactions=${ROWS}></lens-data>`,
    );
    await waitForStatus(el);
    const dataset = el.datasetHandle;
    const before = el.summary!;
    el.horizonMonths = 24;
    await waitUntil(() => el.status === 'ready' && el.summary !== before, 'rescored', { timeout: 20_000 });
    expect(el.datasetHandle).to.equal(dataset);
    expect(el.summary!.horizonUnits).to.be.greaterThan(before.horizonUnits);
  });

  it('a newer load cancels the older one', async () => {
    const loads: LensDataLoadEvent[] = [];
    const el = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} engine-key="cancel"
        @lens-data-load=${(e: LensDataLoadEvent) => loads.push(e)}
        .transactions=${syntheticRows(2000, 1)}></lens-data>`,
    );
    await waitUntil(() => el.status === 'loading', 'loading');
    el.transactions = ROWS;
    await waitForStatus(el);
    await new Promise((r) => setTimeout(r, 50));
    expect(loads).to.have.length(1);
    expect(loads[0]!.detail.summary.customers).to.equal(300);
    expect(el.summary?.customers).to.equal(300);
  });

  it('is empty for no rows, and idle without data', async () => {
    const el = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} .transactions=${[]}></lens-data>`,
    );
    await waitForStatus(el, 'empty');
    el.transactions = undefined;
    await waitForStatus(el, 'idle');
  });

  it('fails on a bad URL with lens-data-error', async () => {
    const el = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} src="/no/such/orders.csv"></lens-data>`,
    );
    const event = (await oneEvent(el, 'lens-data-error')) as LensDataErrorEvent;
    expect(event.detail.code).to.equal('ingest');
    expect(event.detail.message).to.contain('404');
    await waitForStatus(el, 'error');
    expect(el.error?.code).to.equal('ingest');
  });

  it('fails with no-valid-rows when every row is rejected, keeping the report', async () => {
    const el = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} .transactions=${badRows(30)}></lens-data>`,
    );
    await waitForStatus(el, 'error');
    expect(el.error?.code).to.equal('no-valid-rows');
    expect(el.report?.rejected).to.equal(30);
    const page = await el.dataState.rejections(10, 5);
    expect(page.total).to.equal(30);
    expect(page.rows.map((r) => r.row)).to.deep.equal([11, 12, 13, 14, 15]);
  });

  it('reports configuration mistakes as invalid-request', async () => {
    const el = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} preset="no-such-preset" src=${CDNOW_URL}></lens-data>`,
    );
    await waitForStatus(el, 'error');
    expect(el.error?.code).to.equal('invalid-request');
    expect(el.error?.message).to.contain('cdnow-master');
    el.preset = CDNOW_PRESET;
    el.asOf = 'yesterday-ish';
    await waitUntil(() => el.error?.message.includes('as-of') === true, 'as-of error');
    el.asOf = '1997-06-30';
    await waitForStatus(el);
  });

  it('ingests transactions with customers on the page and keeps the names', async () => {
    const el = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} .transactions=${ROWS}
        .customers=${syntheticCustomers(300)}></lens-data>`,
    );
    await waitForStatus(el);
    const { engine, dataset, request } = el.dataState;
    const page = await engine!.churnList(dataset!, request, { offset: 0, limit: 3, fields: ['churnScore'] });
    expect(page.rows.names?.every((n) => typeof n === 'string' && n.length > 0)).to.equal(true);
  });

  it('uses a given engine and never disposes it', async () => {
    const engine: Engine = new InlineEngine();
    const el = await mount<LensData>(html`<lens-data .engine=${engine} .transactions=${ROWS}></lens-data>`);
    await waitForStatus(el);
    expect(el.dataState.engine).to.equal(engine);
    el.remove();
    await new Promise((r) => setTimeout(r, 20));
    const again = await engine.load({ kind: 'rows', rows: ROWS });
    expect(again.handle.transactions).to.equal(ROWS.length);
    await engine.dispose();
  });
});

describe('widgets find their <lens-data>', () => {
  it('by context, and show the shared loading state first', async () => {
    const el = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} .transactions=${ROWS}>
        <lens-test-probe></lens-test-probe>
      </lens-data>`,
    );
    const probe = el.querySelector('lens-test-probe')!;
    const states = new StatesHarness(probe);
    expect(probe.data.linkedBy).to.equal('context');
    await waitUntil(() => states.state === 'loading' || probe.data.status === 'ready', 'loading shown');
    await waitForStatus(el);
    await waitUntil(() => probe.fetched === 300, 'probe fetched');
    expect(states.state).to.equal(undefined);
    expect(probe.dataCalls).to.equal(1);
    await expect(probe).to.be.accessible();
  });

  it('by source id, also when the provider connects later', async () => {
    const container = await mount<HTMLDivElement>(
      html`<div><lens-test-probe source="later"></lens-test-probe></div>`,
    );
    const probe = container.querySelector('lens-test-probe')!;
    const states = new StatesHarness(probe);
    expect(probe.data.linkedBy).to.equal('none');
    expect(states.state).to.equal('idle');
    expect(states.headline).to.contain('later');
    const data = document.createElement('lens-data');
    data.id = 'later';
    data.engineOptions = engineOptions();
    data.transactions = ROWS;
    container.append(data);
    await waitForStatus(data);
    await waitUntil(() => probe.fetched === 300, 'probe fetched');
    expect(probe.data.linkedBy).to.equal('source');
  });

  it('by an explicit provider property, which wins over the context', async () => {
    const el = await mount<HTMLDivElement>(
      html`<div>
        <lens-data id="a" .engineOptions=${engineOptions()} .transactions=${ROWS}></lens-data>
        <lens-data id="b" .engineOptions=${engineOptions()} .transactions=${syntheticRows(120, 2)}>
          <lens-test-probe></lens-test-probe>
        </lens-data>
      </div>`,
    );
    const [a, b] = [...el.querySelectorAll('lens-data')] as [LensData, LensData];
    const probe = el.querySelector('lens-test-probe')!;
    await waitForStatus(a);
    await waitForStatus(b);
    await waitUntil(() => probe.fetched === 120, 'context data');
    probe.provider = a;
    await waitUntil(() => probe.fetched === 300, 'explicit provider data');
    expect(probe.data.linkedBy).to.equal('property');
  });

  it('adopts a <lens-data> ancestor that is upgraded after the widget', async () => {
    const container = await mount<HTMLDivElement>(html`<div></div>`);
    // Build a not-yet-defined ancestor, then define it: the widget's context request went unanswered before.
    const late = document.createElement('lens-data-late') as LensData;
    const probe = document.createElement('lens-test-probe') as LensTestProbe;
    late.append(probe);
    container.replaceChildren(late);
    expect(probe.data.linkedBy).to.equal('none');
    Object.assign(late, { engineOptions: engineOptions(), transactions: ROWS });
    LensData.define('lens-data-late');
    await waitUntil(() => probe.fetched === 300, 'late provider adopted', { timeout: 20_000 });
    expect(probe.data.linkedBy).to.equal('context');
  });

  it('shows the error state with the rejected rows, paged', async () => {
    const el = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} .transactions=${badRows(120)}>
        <lens-test-probe></lens-test-probe>
      </lens-data>`,
    );
    const probe = el.querySelector('lens-test-probe')!;
    await waitForStatus(el, 'error');
    await probe.updateComplete;
    const states = new StatesHarness(probe);
    expect(states.state).to.equal('error');
    expect(states.headline).to.equal('Every row of the data was rejected.');
    expect(states.qualityText).to.contain('0 rows accepted, 120 rejected');
    expect(states.rejectionCodes).to.deep.equal(['invalid-date']);
    expect(states.rejectionsToggle?.getAttribute('aria-expanded')).to.equal('false');
    states.rejectionsToggle!.click();
    await waitUntil(() => states.rejectionRows.length === 50, 'first page');
    expect(states.rejectionsToggle?.getAttribute('aria-expanded')).to.equal('true');
    expect(states.rejectionRows[0]).to.include.members(['1', 'date', 'not a date 0']);
    expect(states.pagerText).to.equal('Rows 1–50 of 120');
    states.pagerButtons[1]!.click();
    await waitUntil(() => states.pagerText === 'Rows 51–100 of 120', 'second page');
    expect(states.rejectionRows[0]![0]).to.equal('51');
    await expect(probe).to.be.accessible();
  });

  it('shows the empty state', async () => {
    const el = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} .transactions=${[]}><lens-test-probe></lens-test-probe></lens-data>`,
    );
    await waitForStatus(el, 'empty');
    const probe = el.querySelector('lens-test-probe')!;
    await probe.updateComplete;
    expect(new StatesHarness(probe).state).to.equal('empty');
  });
});

describe('a good guest', () => {
  it('releases the shared engine when the last element goes', async () => {
    const container = await mount<HTMLDivElement>(
      html`<div>
        <lens-data engine-key="leak" .engineOptions=${engineOptions()} .transactions=${ROWS}></lens-data>
        <lens-data engine-key="leak" .engineOptions=${engineOptions()} .transactions=${ROWS}></lens-data>
      </div>`,
    );
    const [a, b] = [...container.querySelectorAll('lens-data')] as [LensData, LensData];
    await waitForStatus(a);
    await waitForStatus(b);
    const engine = a.dataState.engine!;
    expect(b.dataState.engine).to.equal(engine);
    const datasetB = b.datasetHandle!;
    a.remove();
    await new Promise((r) => setTimeout(r, 20));
    // Still in use by b: alive, and a's dataset was dropped.
    expect((await engine.score(datasetB, {})).customers).to.equal(300);
    b.remove();
    await waitUntil(
      async () => {
        try {
          await engine.score(datasetB, {});
          return false;
        } catch (error) {
          return (error as { code?: string }).code === 'disposed';
        }
      },
      'engine disposed',
      { timeout: 5000 },
    );
    expect(registrySize()).to.deep.equal({ providers: 0, waiters: 0 });
  });

  it('moving an element keeps its data (no reload)', async () => {
    const container = await mount<HTMLDivElement>(
      html`<div><lens-data .engineOptions=${engineOptions()} .transactions=${ROWS}></lens-data><section></section></div>`,
    );
    const el = container.querySelector('lens-data')!;
    await waitForStatus(el);
    const dataset = el.datasetHandle;
    container.querySelector('section')!.append(el);
    await new Promise((r) => setTimeout(r, 20));
    expect(el.status).to.equal('ready');
    expect(el.datasetHandle).to.equal(dataset);
  });

  it('adds nothing to document.head or body', async () => {
    const head = document.head.childElementCount;
    const sheets = document.adoptedStyleSheets.length;
    const styleSheets = document.styleSheets.length;
    const el = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} show-status .transactions=${ROWS}>
        <lens-test-probe></lens-test-probe>
      </lens-data>`,
    );
    const bodyChildren = document.body.childElementCount;
    await waitForStatus(el);
    el.horizonMonths = 6;
    await waitForStatus(el);
    expect(document.head.childElementCount).to.equal(head);
    expect(document.body.childElementCount).to.equal(bodyChildren);
    expect(document.adoptedStyleSheets.length).to.equal(sheets);
    expect(document.styleSheets.length).to.equal(styleSheets);
  });
});

describe('<lens-data> hosts and compute-url', () => {
  /** The engine's iframe compute host (a middleware of web-test-runner.config.mjs), on the server's other name. */
  const computeUrl = `${location.protocol}//${location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1'}:${location.port}/__engine/compute/allowed/crm-lens.compute.html`;

  it('parses hosts: known kinds in order, repeats dropped; anything else names the valid ones', () => {
    expect(parseHosts(' blob-worker  iframe in-thread blob-worker ')).to.deep.equal([
      'blob-worker',
      'iframe',
      'in-thread',
    ]);
    expect(() => parseHosts('module-worker gpu')).to.throw(
      'hosts: unknown host "gpu"; the hosts are module-worker, blob-worker, iframe, in-thread',
    );
    expect(() => parseHosts('In-Thread')).to.throw('unknown host "In-Thread"');
    expect(() => parseHosts('  ')).to.throw(
      'hosts must name at least one host of: module-worker, blob-worker, iframe, in-thread',
    );
  });

  it('merges defaults, then the attributes, then .engineOptions', () => {
    const defaults = { workerUrl: '/assets/crm-lens.worker.js', hosts: ['module-worker' as const] };
    expect(mergedEngineOptions({ defaults })).to.equal(undefined);
    const given = { pingTimeoutMs: 100 };
    expect(mergedEngineOptions({ engineOptions: given, defaults })).to.equal(given);
    expect(
      mergedEngineOptions({ hosts: 'iframe in-thread', computeUrl: '/compute/x.html', defaults }),
    ).to.deep.equal({
      workerUrl: '/assets/crm-lens.worker.js',
      hosts: ['iframe', 'in-thread'],
      iframeUrl: new URL('/compute/x.html', document.baseURI).href,
    });
    expect(
      mergedEngineOptions({
        hosts: 'module-worker',
        engineOptions: { hosts: ['in-thread'], classicWorkerSource: 'W' },
      }),
    ).to.deep.equal({ hosts: ['in-thread'], classicWorkerSource: 'W' });
    expect(() => mergedEngineOptions({ hosts: 'iframe in-thread' })).to.throw('no compute-url');
    expect(mergedEngineOptions({ hosts: 'iframe', engineOptions: { iframeUrl: computeUrl } })).to.deep.equal({
      hosts: ['iframe'],
      iframeUrl: computeUrl,
    });
  });

  it('hosts picks the host, and .engineOptions wins over it', async () => {
    const el = await mount<LensData>(
      html`<lens-data hosts="in-thread" engine-key="hosts-attribute" .transactions=${ROWS}></lens-data>`,
    );
    await waitForStatus(el);
    expect(el.computeHost).to.equal('in-thread');
    const merged = await mount<LensData>(
      html`<lens-data hosts="module-worker" engine-key="hosts-merged" .engineOptions=${{ hosts: ['in-thread'] }}
        .transactions=${ROWS}></lens-data>`,
    );
    await waitForStatus(merged);
    expect(merged.computeHost).to.equal('in-thread');
  });

  it('reports an unknown host as invalid-request, naming the valid ones, and recovers once fixed', async () => {
    const el = await mount<LensData>(
      html`<lens-data hosts="module-worker gpu" engine-key="hosts-bad" .transactions=${ROWS}></lens-data>`,
    );
    await waitForStatus(el, 'error');
    expect(el.error?.code).to.equal('invalid-request');
    expect(el.error?.message).to.equal(
      'hosts: unknown host "gpu"; the hosts are module-worker, blob-worker, iframe, in-thread',
    );
    // A second mistake elsewhere stays reported when the first is fixed.
    el.unit = 'fortnight';
    el.hosts = 'in-thread';
    await waitUntil(() => el.error?.message.includes('unit') === true, 'unit error');
    el.unit = 'week';
    await waitForStatus(el);
    expect(el.computeHost).to.equal('in-thread');
    expect(el.summary?.customers).to.equal(300);
  });

  it('hosts="iframe" without compute-url is a configuration mistake', async () => {
    const el = await mount<LensData>(
      html`<lens-data hosts="iframe" engine-key="iframe-no-url" .transactions=${ROWS}></lens-data>`,
    );
    await waitForStatus(el, 'error');
    expect(el.error?.code).to.equal('invalid-request');
    expect(el.error?.message).to.contain('no compute-url');
  });

  it('compute-url runs the engine in the iframe compute host on another origin', async function () {
    this.timeout(60_000);
    // The middleware builds the host page's scripts on the first request: not inside the handshake's timeout.
    expect((await fetch('/__engine/compute/allowed/crm-lens.compute.js')).ok).to.equal(true);
    const frames = document.querySelectorAll('iframe').length;
    const el = await mount<LensData>(
      html`<lens-data hosts="iframe" compute-url=${computeUrl} engine-key="iframe-host" show-status
        .transactions=${ROWS}></lens-data>`,
    );
    await waitForStatus(el, 'ready', 30_000);
    expect(el.getAttribute('compute-host')).to.equal('iframe');
    expect(el.summary?.customers).to.equal(300);
    expect(new LensDataHarness(el).statusLine).to.contain('computed in a separate compute page');
    expect(document.querySelectorAll('iframe').length).to.equal(frames + 1);
    // The last user gone, the shared engine is disposed and its iframe removed.
    el.remove();
    await waitUntil(() => document.querySelectorAll('iframe').length === frames, 'iframe removed', {
      timeout: 5000,
    });
  });
});
