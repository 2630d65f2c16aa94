import { resolveObjectURL } from 'node:buffer';
import { expose } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  acquireEngine,
  createEngine,
  EngineBackend,
  type EngineError,
  type HostKind,
  InlineEngine,
  releaseEngine,
  type ScoreSummary,
} from '../src/index.js';
import { AS_OF, CDNOW_OPTIONS, cdnowBytes } from './util/cdnow.js';

type Behaviour = 'works' | 'blocked' | 'silent' | 'throws' | 'stale';

/**
 * A stand-in for the browser's Worker. What a URL does is set per test: `works` runs an EngineBackend behind a
 * MessageChannel; `blocked` fails later with an `error` event, as Chromium does for a CSP violation; `silent`
 * never answers; `throws` throws from the constructor; `stale` answers the ping with another protocol version.
 */
class FakeWorker extends EventTarget {
  static behaviour = new Map<string, Behaviour>();
  static created: FakeWorker[] = [];
  readonly url: string;
  readonly options: WorkerOptions | undefined;
  /** The text of a blob: URL, read when the worker was created (the URL is revoked later). */
  readonly source: Promise<string> | undefined;
  terminated = false;
  private readonly port: MessagePort | undefined;

  constructor(url: string | URL, options?: WorkerOptions) {
    super();
    this.url = String(url);
    this.options = options;
    this.source = this.url.startsWith('blob:') ? resolveObjectURL(this.url)?.text() : undefined;
    const behaviour =
      FakeWorker.behaviour.get(this.url.startsWith('blob:') ? 'blob:' : this.url) ?? 'blocked';
    FakeWorker.created.push(this);
    if (behaviour === 'throws') throw new DOMException('blocked', 'SecurityError');
    if (behaviour === 'blocked') setTimeout(() => this.dispatchEvent(new Event('error')), 5);
    if (behaviour === 'works' || behaviour === 'stale') {
      const { port1, port2 } = new MessageChannel();
      expose(behaviour === 'works' ? new EngineBackend() : { ping: () => ({ protocol: 0 }) }, port1);
      this.port = port2;
      port2.onmessage = (event) => this.dispatchEvent(new MessageEvent('message', { data: event.data }));
    }
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.port?.postMessage(message, transfer);
  }

  terminate(): void {
    this.terminated = true;
    this.port?.close();
  }
}

const MODULE_URL = 'https://app.example/engine.worker.js';
const CLASSIC_URL = 'https://cdn.example/engine.worker.classic.js';

function rejectedHosts() {
  const rejected: [HostKind, EngineError][] = [];
  return { rejected, onHostRejected: (host: HostKind, reason: EngineError) => rejected.push([host, reason]) };
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeWorker.behaviour.clear();
  FakeWorker.created = [];
});

describe('createEngine: the compute-host fallback chain', () => {
  it('ends in-thread where there are no workers, saying why each worker host was passed over', async () => {
    const { rejected, onHostRejected } = rejectedHosts();
    const engine = await createEngine({ onHostRejected });
    expect(engine.host).toBe('in-thread');
    expect(engine).toBeInstanceOf(InlineEngine);
    expect(rejected.map(([host, e]) => [host, e.code])).toEqual([
      ['module-worker', 'host-unavailable'],
      ['blob-worker', 'host-unavailable'],
    ]);
    expect(rejected[0]![1].message).toContain('no Web Workers');
    expect(rejected[1]![1].message).toContain('classicWorkerUrl');
  });

  it('accepts a module worker once it answered the ping, with the same numbers as in-thread', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    FakeWorker.behaviour.set(MODULE_URL, 'works');
    const engine = await createEngine({ workerUrl: MODULE_URL });
    expect(engine.host).toBe('module-worker');
    expect(FakeWorker.created[0]!.options).toMatchObject({ type: 'module' });

    const inline = new InlineEngine();
    const load = { kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS } as const;
    const strip = ({ timings: _, dataset: __, ...rest }: ScoreSummary) => rest;
    const inWorker = await engine.score((await engine.load(load)).handle, { asOf: AS_OF });
    const inThread = await inline.score((await inline.load({ ...load, bytes: cdnowBytes() })).handle, {
      asOf: AS_OF,
    });
    expect(strip(inWorker)).toEqual(strip(inThread));
    await engine.dispose();
    expect(FakeWorker.created[0]!.terminated).toBe(true);
  });

  it('loads the worker beside the engine module by default', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    await createEngine({ hosts: ['module-worker', 'in-thread'] });
    expect(FakeWorker.created[0]!.url).toMatch(/\/engine\.worker\.js$/);
  });

  it('falls back to a blob: worker that importScripts the classic bundle when the module worker is blocked', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    FakeWorker.behaviour.set('blob:', 'works');
    const { rejected, onHostRejected } = rejectedHosts();
    const engine = await createEngine({
      workerUrl: MODULE_URL,
      classicWorkerUrl: CLASSIC_URL,
      onHostRejected,
    });
    expect(engine.host).toBe('blob-worker');
    expect(rejected.map(([host]) => host)).toEqual(['module-worker']);
    expect(rejected[0]![1].message).toContain('failed to start');
    const blob = FakeWorker.created[1]!;
    expect(blob.options?.type).toBeUndefined();
    // The bootstrap tells the worker its bundle's URL (to find the analyses bundle beside it), then loads it.
    expect(await blob.source).toBe(
      `self.__crmLensClassicWorker = ${JSON.stringify({ workerUrl: CLASSIC_URL })};\n` +
        `importScripts(${JSON.stringify(CLASSIC_URL)});\n`,
    );
    // The blob: URL is revoked once the worker is up.
    expect(resolveObjectURL(blob.url)).toBeUndefined();
    await engine.dispose();
  });

  it('makes the blob: worker from classicWorkerSource (no URL), and the page serves classicAnalysesSource', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    FakeWorker.behaviour.set('blob:', 'works');
    let asked = 0;
    const engine = await createEngine({
      hosts: ['blob-worker'],
      classicWorkerUrl: CLASSIC_URL,
      classicWorkerSource: '/* the classic worker bundle */',
      classicAnalysesSource: async () => {
        asked++;
        return '/* the classic analyses bundle */';
      },
    });
    expect(engine.host).toBe('blob-worker');
    const blob = FakeWorker.created[0]!;
    expect(await blob.source).toBe(
      `self.__crmLensClassicWorker = ${JSON.stringify({ analysesFromPage: true })};\n` +
        '/* the classic worker bundle */\n',
    );
    // The worker asks for the analyses source (load-analyses.classic.ts); the page answers on the worker.
    const replies: unknown[] = [];
    const forward = blob.postMessage.bind(blob);
    blob.postMessage = (message: unknown, transfer?: Transferable[]) => {
      if ((message as { type?: string })?.type === 'crm-lens:classic-analyses-source') replies.push(message);
      else forward(message, transfer);
    };
    const ask = (request: number) =>
      blob.dispatchEvent(
        new MessageEvent('message', { data: { type: 'crm-lens:classic-analyses-request', request } }),
      );
    ask(1);
    ask(2);
    await vi.waitFor(() => expect(replies).toHaveLength(2));
    expect(replies).toEqual(
      [1, 2].map((request) => ({
        type: 'crm-lens:classic-analyses-source',
        request,
        source: '/* the classic analyses bundle */',
      })),
    );
    expect(asked).toBe(1);
    await engine.dispose();

    // With classicAnalysesUrl, the worker importScripts() that instead; with neither, it is told nothing.
    FakeWorker.created = [];
    const withUrl = await createEngine({
      hosts: ['blob-worker'],
      classicWorkerSource: 'W',
      classicAnalysesUrl: CLASSIC_URL.replace('worker', 'analyses'),
      classicAnalysesSource: 'A',
    });
    expect(await FakeWorker.created[0]!.source).toBe(
      `self.__crmLensClassicWorker = ${JSON.stringify({ analysesUrl: CLASSIC_URL.replace('worker', 'analyses') })};\nW\n`,
    );
    await withUrl.dispose();
    const alone = await createEngine({ hosts: ['blob-worker'], classicWorkerSource: 'W' });
    expect(await FakeWorker.created[1]!.source).toBe('self.__crmLensClassicWorker = {};\nW\n');
    await alone.dispose();
    await expect(createEngine({ hosts: ['blob-worker'], classicWorkerSource: ' ' })).rejects.toThrow(
      'classicWorkerSource must be the text of the classic worker bundle',
    );
  });

  it('answers a failed classicAnalysesSource with the error, and asks it again next time', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    FakeWorker.behaviour.set('blob:', 'works');
    let asked = 0;
    const engine = await createEngine({
      hosts: ['blob-worker'],
      classicWorkerSource: 'W',
      classicAnalysesSource: async () => {
        asked++;
        if (asked === 1) throw new Error('offline');
        return 'A';
      },
    });
    const blob = FakeWorker.created[0]!;
    const replies: unknown[] = [];
    blob.postMessage = (message: unknown) => {
      replies.push(message);
    };
    const ask = (request: number) =>
      blob.dispatchEvent(
        new MessageEvent('message', { data: { type: 'crm-lens:classic-analyses-request', request } }),
      );
    ask(1);
    await vi.waitFor(() => expect(replies).toHaveLength(1));
    ask(2);
    await vi.waitFor(() => expect(replies).toHaveLength(2));
    expect(replies).toEqual([
      {
        type: 'crm-lens:classic-analyses-source',
        request: 1,
        error: 'classicAnalysesSource failed: offline',
      },
      { type: 'crm-lens:classic-analyses-source', request: 2, source: 'A' },
    ]);
    await engine.dispose();
  });

  it('ends in-thread when every worker is blocked, without waiting for the ping timeout', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { rejected, onHostRejected } = rejectedHosts();
    const started = performance.now();
    const engine = await createEngine({
      workerUrl: MODULE_URL,
      classicWorkerUrl: CLASSIC_URL,
      onHostRejected,
    });
    expect(engine.host).toBe('in-thread');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(rejected.map(([host]) => host)).toEqual(['module-worker', 'blob-worker']);
    expect(FakeWorker.created.every((w) => w.terminated)).toBe(true);
  });

  it('rejects a worker that does not answer in time, one that throws, and one with a stale protocol', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const cases: [Behaviour, string][] = [
      ['silent', 'did not answer the handshake within 50 ms'],
      ['throws', 'new Worker failed'],
      ['stale', 'protocol 0'],
    ];
    for (const [behaviour, message] of cases) {
      FakeWorker.behaviour.set(MODULE_URL, behaviour);
      const { rejected, onHostRejected } = rejectedHosts();
      const engine = await createEngine({
        hosts: ['module-worker', 'in-thread'],
        workerUrl: MODULE_URL,
        pingTimeoutMs: 50,
        onHostRejected,
      });
      expect(engine.host).toBe('in-thread');
      expect(rejected).toHaveLength(1);
      expect(rejected[0]![1].message).toContain(message);
    }
  });

  it('rejects with host-unavailable when no allowed host starts', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    await expect(createEngine({ hosts: ['module-worker'], workerUrl: MODULE_URL })).rejects.toMatchObject({
      name: 'EngineError',
      code: 'host-unavailable',
    });
    await expect(createEngine({ hosts: [] })).rejects.toMatchObject({ code: 'host-unavailable' });
    // A throwing diagnostics callback does not stop the chain.
    const engine = await createEngine({
      workerUrl: MODULE_URL,
      onHostRejected: () => {
        throw new Error('oops');
      },
    });
    expect(engine.host).toBe('in-thread');
  });
});

describe('acquireEngine / releaseEngine: one engine per page', () => {
  it('shares one engine per key and disposes of it when the last user releases it', async () => {
    const a = await acquireEngine('page', { hosts: ['in-thread'] });
    const b = await acquireEngine('page');
    expect(b).toBe(a);
    const other = await acquireEngine('elsewhere', { hosts: ['in-thread'] });
    expect(other).not.toBe(a);

    const { handle } = await a.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS });
    await releaseEngine(a);
    // Still held by b: the data is still there.
    expect((await b.score(handle, { asOf: AS_OF })).customers).toBe(2357);
    await releaseEngine(b);
    await expect(b.score(handle, { asOf: AS_OF })).rejects.toMatchObject({ code: 'disposed' });

    const fresh = await acquireEngine('page', { hosts: ['in-thread'] });
    expect(fresh).not.toBe(a);
    await releaseEngine(fresh);
    await releaseEngine('elsewhere');
    await expect(other.drop(handle)).rejects.toMatchObject({ code: 'disposed' });
  });

  it('disposes of an engine released before it finished starting', async () => {
    const starting = acquireEngine('early', { hosts: ['in-thread'] });
    await releaseEngine('early');
    const engine = await starting;
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(engine.load({ kind: 'bytes', bytes: cdnowBytes() })).rejects.toMatchObject({
      code: 'disposed',
    });
  });
});
