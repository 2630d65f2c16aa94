// The iframe compute host in a real browser: the host page (built from the sources by a middleware of
// web-test-runner.config.mjs, served under `default-src 'self'`) on ANOTHER origin — the server's other loopback
// name — in a hidden iframe, its engine in its own module worker, reached over a MessagePort.
import { ingestTransactions } from '@crm-lens/core';
import { expect } from '@esm-bundle/chai';
import { CONNECT, CONNECTED, READY } from '../src/iframe-protocol.js';
import {
  createEngine,
  type Engine,
  type EngineError,
  type HostKind,
  type IframeEngine,
  InlineEngine,
} from '../src/index.js';
import {
  CLASSIC_WORKER_URL,
  everything,
  FIXTURE_AS_OF,
  FIXTURE_OPTIONS,
  FIXTURE_URL,
  fixtureBytes,
  syntheticRows,
  WORKER_URL,
} from './util.js';

/** The same server under its other loopback name: another origin. */
const OTHER_HOST = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
const COMPUTE_ORIGIN = `${location.protocol}//${OTHER_HOST}:${location.port}`;
const ALLOWED_URL = `${COMPUTE_ORIGIN}/__engine/compute/allowed/crm-lens.compute.html`;
const REFUSED_URL = `${COMPUTE_ORIGIN}/__engine/compute/refused/crm-lens.compute.html`;
/** A host page whose own policy forbids workers (`worker-src 'none'`). */
const NO_WORKER_URL = `${COMPUTE_ORIGIN}/__engine/compute/no-worker/crm-lens.compute.html`;

const frames = () => document.querySelectorAll('iframe').length;

function rejectedHosts() {
  const rejected: [HostKind, EngineError][] = [];
  return { rejected, onHostRejected: (host: HostKind, reason: EngineError) => rejected.push([host, reason]) };
}

before(async function () {
  this.timeout(60_000);
  // The middleware builds the host page's scripts on the first request: not inside a test's handshake timeout.
  const response = await fetch('/__engine/compute/allowed/crm-lens.compute.js');
  expect(response.ok).to.equal(true);
  expect(COMPUTE_ORIGIN).to.not.equal(location.origin);
});

describe('the iframe compute host', () => {
  let engine: Engine | undefined;
  afterEach(async () => {
    await engine?.dispose();
    engine = undefined;
  });

  it('runs on another origin in a hidden iframe and gives the in-thread numbers', async function () {
    this.timeout(60_000);
    const before = frames();
    engine = await createEngine({ hosts: ['iframe'], iframeUrl: ALLOWED_URL });
    expect(engine.host).to.equal('iframe');
    // On its own origin the host page may start its own module worker.
    expect((engine as IframeEngine).hostInside).to.equal('module-worker');
    const frame = (engine as IframeEngine).element;
    expect(frame.isConnected).to.equal(true);
    expect(frame.parentNode).to.equal(document.body);
    expect(frames()).to.equal(before + 1);
    expect(frame.hidden).to.equal(true);
    // Through the CSSOM (allowed under any style-src), not a style attribute written as text.
    expect(frame.style.getPropertyValue('display')).to.equal('none');
    expect(frame.style.getPropertyPriority('display')).to.equal('important');
    expect(frame.getAttribute('sandbox')).to.equal('allow-scripts allow-same-origin');
    expect(new URL(frame.src).origin).to.equal(COMPUTE_ORIGIN);

    const inline = new InlineEngine();
    const rows = syntheticRows(1500);
    const inIframe = await engine.load({ kind: 'rows', rows });
    const inThread = await inline.load({ kind: 'rows', rows });
    expect(inIframe.report?.accepted).to.equal(inThread.report?.accepted);
    expect(await everything(engine, inIframe.handle)).to.deep.equal(
      await everything(inline, inThread.handle),
    );

    const fixture = await engine.load({
      kind: 'bytes',
      bytes: await fixtureBytes(),
      options: FIXTURE_OPTIONS,
    });
    const reference = await inline.load({
      kind: 'bytes',
      bytes: await fixtureBytes(),
      options: FIXTURE_OPTIONS,
    });
    expect(await everything(engine, fixture.handle, FIXTURE_AS_OF)).to.deep.equal(
      await everything(inline, reference.handle, FIXTURE_AS_OF),
    );
    // The analyses: loaded on demand by the worker inside the host page.
    const segments = await engine.segments(inIframe.handle, {}, { k: 3 });
    const expected = await inline.segments(inThread.handle, {}, { k: 3 });
    expect(segments.labels).to.be.instanceOf(Int32Array);
    expect({ ...segments, dataset: '' }).to.deep.equal({ ...expected, dataset: '' });
    await inline.dispose();
  });

  it("computes in the host page's own thread when its worker cannot start, analyses included", async function () {
    this.timeout(60_000);
    engine = await createEngine({ hosts: ['iframe'], iframeUrl: NO_WORKER_URL });
    expect(engine.host).to.equal('iframe');
    expect((engine as IframeEngine).hostInside).to.equal('in-thread');
    const inline = new InlineEngine();
    const rows = syntheticRows(600);
    const inIframe = await engine.load({ kind: 'rows', rows });
    const inThread = await inline.load({ kind: 'rows', rows });
    expect(await everything(engine, inIframe.handle)).to.deep.equal(
      await everything(inline, inThread.handle),
    );
    const kpis = await engine.kpis(inIframe.handle, { period: 'month' });
    expect({ ...kpis, dataset: '' }).to.deep.equal({
      ...(await inline.kpis(inThread.handle, { period: 'month' })),
      dataset: '',
    });
    await inline.dispose();
  });

  it('moves typed arrays in: copied by default, detached with transfer: true; results arrive as typed arrays', async function () {
    this.timeout(30_000);
    engine = await createEngine({ hosts: ['iframe'], iframeUrl: ALLOWED_URL });
    const { table } = await ingestTransactions(await fixtureBytes(), FIXTURE_OPTIONS);
    const kept = structuredClone(table);
    const a = await engine.load({ kind: 'tables', transactions: kept });
    expect(kept.date.byteLength).to.equal(table.date.byteLength);
    expect(kept.customer.codes.byteLength).to.equal(table.customer.codes.byteLength);
    const given = structuredClone(table);
    const b = await engine.load({ kind: 'tables', transactions: given, transfer: true });
    expect(given.date.byteLength).to.equal(0);
    expect(given.customer.codes.byteLength).to.equal(0);
    const bytes = await fixtureBytes();
    await engine.load({ kind: 'bytes', bytes, options: FIXTURE_OPTIONS });
    expect(bytes.byteLength).to.be.greaterThan(0);
    const { summary: sa, customers } = await everything(engine, a.handle, FIXTURE_AS_OF);
    const { summary: sb } = await everything(engine, b.handle, FIXTURE_AS_OF);
    expect(sb).to.deep.equal(sa);
    expect(customers.columns.clv).to.be.instanceOf(Float64Array);
    expect(customers.index).to.be.instanceOf(Int32Array);
  });

  it('fetches a page-relative URL on the page and hands the bytes over', async function () {
    this.timeout(30_000);
    engine = await createEngine({ hosts: ['iframe'], iframeUrl: ALLOWED_URL });
    const fromUrl = await engine.load({ kind: 'url', url: FIXTURE_URL, options: FIXTURE_OPTIONS });
    const fromBytes = await engine.load({
      kind: 'bytes',
      bytes: await fixtureBytes(),
      options: FIXTURE_OPTIONS,
    });
    expect({ ...fromUrl.report, durationMs: 0 }).to.deep.equal({ ...fromBytes.report, durationMs: 0 });
    const missing = await engine
      .load({ kind: 'url', url: '/no/such/orders.csv' })
      .catch((error: unknown) => error as EngineError);
    expect((missing as EngineError).code).to.equal('ingest');
    expect((missing as EngineError).message).to.contain('404');
  });

  it('cancels inside the host page and keeps working', async function () {
    this.timeout(30_000);
    engine = await createEngine({ hosts: ['iframe'], iframeUrl: ALLOWED_URL });
    const { handle } = await engine.load({ kind: 'rows', rows: syntheticRows(1500) });
    const controller = new AbortController();
    const stages: string[] = [];
    const error = await engine
      .score(
        handle,
        {},
        {
          signal: controller.signal,
          onProgress: (p) => {
            stages.push(p.stage);
            if (p.stage === 'occasions') controller.abort();
          },
        },
      )
      .catch((e: unknown) => e as EngineError);
    expect((error as EngineError).code).to.equal('aborted');
    expect(stages).to.include('occasions');
    expect((await engine.score(handle)).customers).to.equal(1500);
  });

  it('a host page that does not allow this origin answers nothing: host-unavailable, then in-thread', async function () {
    this.timeout(30_000);
    const before = frames();
    const { rejected, onHostRejected } = rejectedHosts();
    engine = await createEngine({
      hosts: ['iframe', 'in-thread'],
      iframeUrl: REFUSED_URL,
      pingTimeoutMs: 2000,
      onHostRejected,
    });
    expect(engine.host).to.equal('in-thread');
    expect(rejected.map(([host, reason]) => [host, reason.code])).to.deep.equal([
      ['iframe', 'host-unavailable'],
    ]);
    const message = rejected[0]![1].message;
    expect(message).to.contain(`the iframe compute host at ${REFUSED_URL} did not answer within 2000 ms`);
    expect(message).to.contain(location.origin);
    expect(message).to.contain('crm-lens-allowed-origins');
    // The rejected host's iframe is gone.
    expect(frames()).to.equal(before);
  });

  it('ends on the iframe when the page may not start workers (Lightning Web Security)', async function () {
    this.timeout(30_000);
    const original = window.Worker;
    // What LWS does to `new Worker` in a Lightning component.
    window.Worker = function Worker() {
      throw new Error('Lightning Web Security: Worker is not allowed');
    } as unknown as typeof Worker;
    const { rejected, onHostRejected } = rejectedHosts();
    try {
      engine = await createEngine({
        hosts: ['module-worker', 'blob-worker', 'iframe', 'in-thread'],
        workerUrl: WORKER_URL,
        classicWorkerUrl: CLASSIC_WORKER_URL,
        iframeUrl: ALLOWED_URL,
        onHostRejected,
      });
    } finally {
      window.Worker = original;
    }
    expect(engine.host).to.equal('iframe');
    expect((engine as IframeEngine).hostInside).to.equal('module-worker');
    expect(rejected.map(([host]) => host)).to.deep.equal(['module-worker', 'blob-worker']);
    expect(rejected[0]![1].message).to.contain('Lightning Web Security');
    // The worker runs inside the host page, on its own origin: scoring works.
    const { handle } = await engine.load({ kind: 'rows', rows: syntheticRows(200) });
    expect((await engine.score(handle)).customers).to.equal(200);
  });

  it('the default chain puts the iframe before in-thread when iframeUrl is given', async function () {
    this.timeout(30_000);
    const { rejected, onHostRejected } = rejectedHosts();
    engine = await createEngine({ workerUrl: '/no/such/worker.js', iframeUrl: ALLOWED_URL, onHostRejected });
    expect(engine.host).to.equal('iframe');
    expect(rejected.map(([host]) => host)).to.deep.equal(['module-worker', 'blob-worker']);
  });

  it('dispose removes the iframe and fails later calls', async function () {
    this.timeout(30_000);
    const before = frames();
    const created = await createEngine({ hosts: ['iframe'], iframeUrl: ALLOWED_URL });
    const frame = (created as IframeEngine).element;
    const { handle } = await created.load({ kind: 'rows', rows: syntheticRows(100) });
    expect(frames()).to.equal(before + 1);
    await created.dispose();
    expect(frame.isConnected).to.equal(false);
    expect(frames()).to.equal(before);
    const error = await created.score(handle).catch((e: unknown) => e as EngineError);
    expect((error as EngineError).code).to.equal('disposed');
  });

  it('appends the iframe where iframeParent says (a shadow root)', async function () {
    this.timeout(30_000);
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    document.body.append(host);
    try {
      engine = await createEngine({ hosts: ['iframe'], iframeUrl: ALLOWED_URL, iframeParent: root });
      expect((engine as IframeEngine).element.parentNode).to.equal(root);
      await engine.dispose();
      expect(root.querySelector('iframe')).to.equal(null);
    } finally {
      host.remove();
    }
  });

  it('a host page that reloads is lost: calls fail with host-unavailable', async function () {
    this.timeout(30_000);
    engine = await createEngine({ hosts: ['iframe'], iframeUrl: ALLOWED_URL });
    const { handle } = await engine.load({ kind: 'rows', rows: syntheticRows(100) });
    const frame = (engine as IframeEngine).element;
    frame.src = `${ALLOWED_URL}?reloaded`;
    let error: EngineError | undefined;
    const deadline = Date.now() + 10_000;
    while (!error && Date.now() < deadline) {
      error = await engine.score(handle, { horizon: { months: Date.now() % 100 } }).then(
        () => undefined,
        (e: unknown) => e as EngineError,
      );
      if (!error) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(error?.code).to.equal('host-unavailable');
  });
});

describe('the iframe handshake ignores every other window', () => {
  it('a forged READY from this window does not make the page send its port early', async function () {
    this.timeout(30_000);
    const forge = setInterval(() => window.postMessage({ type: READY }, '*'), 1);
    try {
      const engine = await createEngine({ hosts: ['iframe'], iframeUrl: ALLOWED_URL, pingTimeoutMs: 5000 });
      expect(engine.host).to.equal('iframe');
      await engine.dispose();
    } finally {
      clearInterval(forge);
    }
  });

  it('a host page on another origin than iframeOrigin is never sent the port', async function () {
    this.timeout(30_000);
    const before = frames();
    const messages: string[] = [];
    await createEngine({
      hosts: ['iframe'],
      iframeUrl: ALLOWED_URL,
      iframeOrigin: 'https://compute.example.com',
      pingTimeoutMs: 1500,
    }).catch((error: EngineError) => messages.push(error.message));
    expect(messages[0]).to.contain('did not answer within 1500 ms');
    await createEngine({
      hosts: ['iframe'],
      iframeUrl: ALLOWED_URL,
      iframeOrigin: `${COMPUTE_ORIGIN}/`,
    }).catch((error: EngineError) => messages.push(error.message));
    expect(messages[1]).to.contain('options.iframeOrigin must be an origin');
    expect(frames()).to.equal(before);
  });

  it('the host page accepts a connect only from the page that frames it, even from an allowed origin', async function () {
    this.timeout(30_000);
    const compute = document.createElement('iframe');
    const helper = document.createElement('iframe');
    compute.hidden = true;
    helper.hidden = true;
    const ready = new Promise<void>((resolve) => {
      const onMessage = (event: MessageEvent) => {
        if (event.source !== compute.contentWindow || event.data?.type !== READY) return;
        window.removeEventListener('message', onMessage);
        resolve();
      };
      window.addEventListener('message', onMessage);
    });
    compute.src = ALLOWED_URL;
    document.body.append(compute, helper);
    try {
      await ready;
      const target = compute.contentWindow!;
      const connected = (port: MessagePort, ms: number) =>
        new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), ms);
          port.onmessage = (event) => {
            if (event.data?.type !== CONNECTED) return;
            clearTimeout(timer);
            resolve(true);
          };
        });
      // From a same-origin sibling (the page's own origin, which is allowed), so only `event.source` differs.
      const foreign = new MessageChannel();
      const post = new (helper.contentWindow as unknown as { Function: FunctionConstructor }).Function(
        'target',
        'message',
        'port',
        'target.postMessage(message, "*", [port]);',
      );
      post(target, { type: CONNECT, protocol: 1, pingTimeoutMs: 3000 }, foreign.port2);
      expect(await connected(foreign.port1, 1500)).to.equal(false);
      // The same message from the parent is accepted.
      const own = new MessageChannel();
      target.postMessage({ type: CONNECT, protocol: 1, pingTimeoutMs: 3000 }, COMPUTE_ORIGIN, [own.port2]);
      expect(await connected(own.port1, 5000)).to.equal(true);
      own.port1.close();
    } finally {
      compute.remove();
      helper.remove();
    }
  });
});

describe('a page whose CSP forbids frames', () => {
  it('rejects the iframe host at once (frame-src), not after its timeout, and ends in-thread', async function () {
    this.timeout(30_000);
    const outcome = await new Promise<{
      host: string;
      rejected: { host: string; code: string; message: string }[];
      elapsedMs: number;
      frames: number;
    }>((resolve, reject) => {
      const page = document.createElement('iframe');
      const onMessage = (event: MessageEvent) => {
        if (event.source !== page.contentWindow || event.data?.type !== 'engine-frame-blocked') return;
        window.removeEventListener('message', onMessage);
        page.remove();
        if (event.data.error) reject(new Error(event.data.error));
        else resolve(event.data.outcome);
      };
      window.addEventListener('message', onMessage);
      page.src = `/__engine/compute/frame-blocked.html?compute=${encodeURIComponent(ALLOWED_URL)}`;
      document.body.append(page);
    });
    expect(outcome.host).to.equal('in-thread');
    expect(outcome.rejected.map((r) => [r.host, r.code])).to.deep.equal([['iframe', 'host-unavailable']]);
    expect(outcome.rejected[0]!.message).to.contain(
      `this page's Content-Security-Policy (frame-src) blocked the iframe compute host at ${ALLOWED_URL}`,
    );
    expect(outcome.elapsedMs).to.be.lessThan(5000);
    expect(outcome.frames).to.equal(0);
  });
});
