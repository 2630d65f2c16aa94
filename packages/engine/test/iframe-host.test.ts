// The iframe compute host's logic in Node: the allow-list, both sides of the handshake between stand-in windows
// (messages delivered asynchronously, with `source`, `origin` and transferred ports, and dropped when the target
// origin does not match — as a browser does), and the relay that serves the engine over the port.
import { afterEach, describe, expect, it } from 'vitest';
import { relayEngine } from '../src/engine-relay.js';
import { connectFrame, type FrameWindow } from '../src/iframe-engine.js';
import { type ComputeHost, serveComputeHost } from '../src/iframe-host.js';
import { CONNECT, CONNECTED, READY } from '../src/iframe-protocol.js';
import {
  createEngine,
  EngineError,
  InlineEngine,
  originAllowed,
  parseAllowedOrigins,
  type ScoreSummary,
  WorkerEngine,
  type WorkerLike,
} from '../src/index.js';
import { AS_OF, CDNOW_OPTIONS, cdnowBytes } from './util/cdnow.js';

describe('the host page allow-list', () => {
  const allow = (list: string, origin: string) => originAllowed(origin, parseAllowedOrigins(list).patterns);

  it('matches exact origins, with default ports folded', () => {
    const list = 'https://acme.my.salesforce.com http://localhost:8000 https://x.example:443';
    expect(allow(list, 'https://acme.my.salesforce.com')).toBe(true);
    expect(allow(list, 'http://localhost:8000')).toBe(true);
    expect(allow(list, 'https://x.example')).toBe(true);
    expect(allow(list, 'http://acme.my.salesforce.com')).toBe(false);
    expect(allow(list, 'https://acme.my.salesforce.com:8443')).toBe(false);
    expect(allow(list, 'http://localhost:8001')).toBe(false);
    expect(allow(list, 'https://other.my.salesforce.com')).toBe(false);
    expect(allow('HTTPS://ACME.Example/', 'https://acme.example')).toBe(true);
  });

  it('matches a leading *. wildcard against subdomains at any depth, not the bare host', () => {
    const list = 'https://*.lightning.force.com, https://*.salesforce.com';
    expect(allow(list, 'https://acme.lightning.force.com')).toBe(true);
    expect(allow(list, 'https://acme--dev.sandbox.lightning.force.com')).toBe(true);
    expect(allow(list, 'https://x.salesforce.com')).toBe(true);
    expect(allow(list, 'https://lightning.force.com')).toBe(false);
    expect(allow(list, 'http://acme.lightning.force.com')).toBe(false);
    expect(allow(list, 'https://acme.lightning.force.com:444')).toBe(false);
  });

  it('rejects look-alikes, opaque origins and anything not an origin', () => {
    const list = 'https://*.salesforce.com https://acme.example';
    for (const origin of [
      'https://evil.com',
      'https://x.salesforce.com.evil.com',
      'https://evilsalesforce.com',
      'https://acme.example.evil.com',
      'https://xacme.example',
      'null',
      '',
      '*',
      'https://acme.example/path',
      'https://*.salesforce.com',
      'file://',
      'https://user@acme.example',
    ]) {
      expect(allow(list, origin), origin).toBe(false);
    }
  });

  it('reports entries it will not use, and never matches them', () => {
    const { patterns, invalid } = parseAllowedOrigins(
      '* null https://*.com https://a.*.example https://acme.example/app *.acme.example https://*.[::1] ftp://acme.example https://ok.example',
    );
    expect(invalid).toEqual([
      '*',
      'null',
      'https://*.com',
      'https://a.*.example',
      'https://acme.example/app',
      '*.acme.example',
      'https://*.[::1]',
      'ftp://acme.example',
    ]);
    expect(patterns).toEqual([{ scheme: 'https:', host: 'ok.example', port: '', subdomains: false }]);
    expect(originAllowed('null', parseAllowedOrigins('null').patterns)).toBe(false);
    expect(parseAllowedOrigins('').patterns).toEqual([]);
  });
});

const PAGE_ORIGIN = 'https://acme.lightning.force.com';
const HOST_ORIGIN = 'https://compute.example';
const HOST_URL = `${HOST_ORIGIN}/crm-lens.compute.html`;

/** A message event as a browser delivers it (Node's MessageEvent only takes a MessagePort as `source`). */
function messageEvent(
  data: unknown,
  origin: string,
  source: unknown,
  ports: MessagePort[] = [],
): MessageEvent {
  return Object.assign(new Event('message'), { data, origin, source, ports }) as unknown as MessageEvent;
}

/**
 * A page and the host page it frames, as stand-in windows: `page.frame` is what `iframe.contentWindow` gives
 * the page; the host page's `parent` posts to the page. Delivery is asynchronous and honours the target origin.
 */
function windows(frameOrigin = HOST_ORIGIN) {
  const page = new EventTarget();
  const host = new EventTarget() as EventTarget & { parent: FrameWindow };
  const frame: FrameWindow = {
    postMessage(message, targetOrigin, transfer) {
      const ports = transfer.filter((t): t is MessagePort => t instanceof MessagePort);
      if (targetOrigin !== '*' && targetOrigin !== frameOrigin) return;
      setTimeout(() => host.dispatchEvent(messageEvent(message, PAGE_ORIGIN, host.parent, ports)), 0);
    },
  };
  host.parent = {
    postMessage(message: unknown, targetOrigin: string) {
      if (targetOrigin !== '*' && targetOrigin !== PAGE_ORIGIN) return;
      setTimeout(() => page.dispatchEvent(messageEvent(message, frameOrigin, frame)), 0);
    },
  } as FrameWindow;
  return { page, host, frame };
}

/** A port as a WorkerEngine's endpoint (as IframeEngine wraps it, without the iframe). */
function portWorker(port: MessagePort): WorkerLike {
  return Object.assign(port, { terminate: () => port.close() });
}

const hosts: ComputeHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
});

function serve(
  host: ReturnType<typeof windows>['host'],
  allowedOrigins: string | readonly string[] = `${PAGE_ORIGIN} https://*.example.org`,
) {
  const warnings: string[] = [];
  const served = serveComputeHost({
    window: host as never,
    allowedOrigins,
    engineOptions: { hosts: ['in-thread'] },
    warn: (message) => warnings.push(message),
  });
  hosts.push(served);
  return { served, warnings };
}

const strip = ({ timings: _, dataset: __, ...rest }: ScoreSummary) => rest;

describe('the iframe handshake and relay', () => {
  it('connects an allowed parent and serves the engine with the in-thread numbers', async () => {
    const { page, host, frame } = windows();
    const connecting = connectFrame({
      window: page as never,
      frameWindow: () => frame,
      url: HOST_URL,
      origin: HOST_ORIGIN,
      timeoutMs: 2000,
    });
    const { served, warnings } = serve(host);
    const port = await connecting;
    expect(served.connectedOrigin).toBe(PAGE_ORIGIN);
    expect(warnings).toEqual([]);

    const engine = new WorkerEngine(portWorker(port), 'iframe');
    expect(await engine.ping()).toEqual({ protocol: 1, host: 'in-thread' });
    const inline = new InlineEngine();
    const bytes = cdnowBytes();
    const viaHost = await engine.load({ kind: 'bytes', bytes, options: CDNOW_OPTIONS });
    // Copied by default: the caller keeps its bytes.
    expect(bytes.byteLength).toBeGreaterThan(0);
    const direct = await inline.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS });
    const stages: string[] = [];
    const summary = await engine.score(
      viaHost.handle,
      { asOf: AS_OF },
      { onProgress: (p) => stages.push(p.stage) },
    );
    expect(strip(summary)).toEqual(strip(await inline.score(direct.handle, { asOf: AS_OF })));
    expect(stages).toContain('done');
    const columns = await engine.customers(viaHost.handle, { asOf: AS_OF }, ['clv']);
    expect(columns.columns.clv).toBeInstanceOf(Float64Array);
    // Rows are columnarised on the page and relayed as such.
    const rows = [
      { customerId: 'a', date: '2024-01-02', amount: 10 },
      { customerId: 'b', date: '2024-01-03', amount: 20 },
    ];
    const loadedRows = await engine.load({ kind: 'rows', rows });
    expect(loadedRows.report?.accepted).toBe(2);
    expect(loadedRows.report?.source.format).toBe('rows');
    await engine.dispose();
  });

  it('refuses a parent whose origin is not allowed: a warning, no answer, the timeout', async () => {
    const { page, host, frame } = windows();
    const connecting = connectFrame({
      window: page as never,
      frameWindow: () => frame,
      url: HOST_URL,
      origin: HOST_ORIGIN,
      timeoutMs: 300,
    });
    const { served, warnings } = serve(host, 'https://other.example https://*.salesforce.com');
    await expect(connecting).rejects.toMatchObject({
      code: 'host-unavailable',
      message: expect.stringContaining(`the iframe compute host at ${HOST_URL} did not answer within 300 ms`),
    });
    await expect(connecting).rejects.toThrow(/crm-lens-allowed-origins/);
    expect(served.connectedOrigin).toBeUndefined();
    expect(warnings).toEqual([
      `crm-lens compute host: refused a connection from ${PAGE_ORIGIN}: it is not on this page's allow-list (<meta name="crm-lens-allowed-origins">)`,
    ]);
  });

  it('refuses a connect from a window other than its parent, even from an allowed origin, and a second one', async () => {
    const { host } = windows();
    const { served, warnings } = serve(host);
    const stranger = new MessageChannel();
    const answered: unknown[] = [];
    stranger.port1.onmessage = (event) => answered.push(event.data);
    host.dispatchEvent(
      messageEvent({ type: CONNECT, protocol: 1, pingTimeoutMs: 100 }, PAGE_ORIGIN, {}, [stranger.port2]),
    );
    // From the parent, on a disallowed origin.
    host.dispatchEvent(
      messageEvent({ type: CONNECT, protocol: 1, pingTimeoutMs: 100 }, 'https://evil.com', host.parent, [
        new MessageChannel().port2,
      ]),
    );
    // Not a connect: left alone, without a warning.
    host.dispatchEvent(messageEvent({ type: 'something-else' }, 'https://evil.com', host.parent));
    const first = new MessageChannel();
    const second = new MessageChannel();
    const firstAnswer = new Promise((resolve) => {
      first.port1.onmessage = (event) => resolve(event.data);
    });
    host.dispatchEvent(
      messageEvent({ type: CONNECT, protocol: 1, pingTimeoutMs: 100 }, PAGE_ORIGIN, host.parent, [
        first.port2,
      ]),
    );
    host.dispatchEvent(
      messageEvent({ type: CONNECT, protocol: 1, pingTimeoutMs: 100 }, 'https://a.example.org', host.parent, [
        second.port2,
      ]),
    );
    expect(await firstAnswer).toEqual({ type: CONNECTED });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toEqual([]);
    expect(served.connectedOrigin).toBe(PAGE_ORIGIN);
    expect(warnings).toEqual([
      `crm-lens compute host: refused a connection from ${PAGE_ORIGIN}: only the page that frames this one may connect`,
      'crm-lens compute host: refused a connection from https://evil.com: it is not on this page\'s allow-list (<meta name="crm-lens-allowed-origins">)',
      `crm-lens compute host: refused a connection from https://a.example.org: this page already serves ${PAGE_ORIGIN}`,
    ]);
    first.port1.close();
    stranger.port1.close();
    second.port1.close();
  });

  it('ignores a READY from another window or origin, and does not send its port to a frame that went elsewhere', async () => {
    const { page, host, frame } = windows();
    const sent: string[] = [];
    const deliver = frame.postMessage.bind(frame);
    frame.postMessage = (message, targetOrigin, transfer) => {
      sent.push(targetOrigin);
      deliver(message, targetOrigin, transfer);
    };
    const connecting = connectFrame({
      window: page as never,
      frameWindow: () => frame,
      url: HOST_URL,
      origin: HOST_ORIGIN,
      timeoutMs: 2000,
    });
    page.dispatchEvent(messageEvent({ type: READY }, HOST_ORIGIN, {}));
    page.dispatchEvent(messageEvent({ type: READY }, 'https://evil.com', frame));
    expect(sent).toEqual([]);
    serve(host);
    await connecting;
    expect(sent).toEqual([HOST_ORIGIN]);

    // A frame now on another origin: the browser drops the message (the target origin), nobody gets the port.
    const moved = windows('https://elsewhere.example');
    const lost = connectFrame({
      window: moved.page as never,
      frameWindow: () => moved.frame,
      url: HOST_URL,
      origin: HOST_ORIGIN,
      timeoutMs: 200,
    });
    const { served, warnings } = serve(moved.host);
    await expect(lost).rejects.toBeInstanceOf(EngineError);
    expect(served.connectedOrigin).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('fails at once when the frame is blocked', async () => {
    const { page, frame } = windows();
    const started = performance.now();
    await expect(
      connectFrame({
        window: page as never,
        frameWindow: () => frame,
        url: HOST_URL,
        origin: HOST_ORIGIN,
        timeoutMs: 5000,
        blocked: Promise.reject(new EngineError('host-unavailable', 'blocked by frame-src')),
      }),
    ).rejects.toThrow('blocked by frame-src');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('warns about allow-list entries it cannot use, and reads the meta elements by default', () => {
    const { host } = windows();
    const warnings: string[] = [];
    const metas = [
      { getAttribute: () => 'https://a.example *' },
      { getAttribute: () => 'https://*.b.example' },
    ];
    const served = serveComputeHost({
      window: Object.assign(host, { document: { querySelectorAll: () => metas } }) as never,
      warn: (message) => warnings.push(message),
    });
    hosts.push(served);
    expect(served.allowed.map((p) => p.host)).toEqual(['a.example', 'b.example']);
    expect(warnings).toEqual([
      'crm-lens compute host: ignored allow-list entries "*" (write origins such as https://acme.example or https://*.acme.example)',
    ]);
    const empty: string[] = [];
    hosts.push(serveComputeHost({ window: windows().host as never, warn: (m) => empty.push(m) }));
    expect(empty[0]).toContain('no origin may connect');
  });
});

describe('the relay inside the host page', () => {
  function relayed(started = createEngine({ hosts: ['in-thread'] })) {
    const { port1, port2 } = new MessageChannel();
    // What serveComputeHost does with an accepted port.
    return import('comlink').then(({ expose }) => {
      expose(relayEngine(started), port1);
      return new WorkerEngine(portWorker(port2), 'iframe');
    });
  }

  it('refuses to fetch URLs (the page fetches them)', async () => {
    const engine = await relayed();
    // Sent as the host would receive it, bypassing the page-side fetch of IframeEngine.
    await expect(
      engine.load({ kind: 'url', url: 'https://compute.example/secret.csv' }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('does not fetch URLs'),
    });
    await engine.dispose();
  });

  it('cancels inside, and keeps the codes of errors', async () => {
    const engine = await relayed();
    const { handle } = await engine.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS });
    const controller = new AbortController();
    const cancelled = engine.score(
      handle,
      { asOf: AS_OF },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.stage === 'occasions') controller.abort();
        },
      },
    );
    await expect(cancelled).rejects.toMatchObject({ code: 'aborted' });
    await expect(engine.score({ id: 'nope', transactions: 0, customers: 0 })).rejects.toMatchObject({
      code: 'unknown-dataset',
    });
    expect((await engine.score(handle, { asOf: AS_OF })).customers).toBe(2357);
    await engine.drop(handle);
    await expect(engine.score(handle)).rejects.toMatchObject({ code: 'unknown-dataset' });
    await engine.dispose();
  });

  it('answers the ping with host-unavailable when its engine could not start', async () => {
    const engine = await relayed(createEngine({ hosts: [] }));
    await expect(engine.ping()).rejects.toMatchObject({
      code: 'host-unavailable',
      message: expect.stringContaining('the iframe compute host could not start its engine'),
    });
    await engine.dispose();
  });
});

describe('createEngine with an iframe host configured, where there is no DOM', () => {
  it('puts the iframe before in-thread by default, and says why it was passed over', async () => {
    const rejected: [string, string][] = [];
    const engine = await createEngine({
      iframeUrl: HOST_URL,
      onHostRejected: (host, reason) => rejected.push([host, reason.message]),
    });
    expect(engine.host).toBe('in-thread');
    expect(rejected.map(([host]) => host)).toEqual(['module-worker', 'blob-worker', 'iframe']);
    expect(rejected[2]![1]).toContain('no document');
    const none: string[] = [];
    await createEngine({ hosts: ['iframe', 'in-thread'], onHostRejected: (_, r) => none.push(r.message) });
    expect(none[0]).toContain('options.iframeUrl');
  });
});
