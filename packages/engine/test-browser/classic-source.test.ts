// The blob-worker host made from source text (classicWorkerSource), as a single-bundle host such as a Dynamics 365
// PCF control ships it: no importScripts() of a worker URL; the on-demand analyses from classicAnalysesSource.
// The texts are the classic bundles that web-test-runner.config.mjs builds from the sources.
import { expect } from '@esm-bundle/chai';
import { createEngine, type Engine, type EngineError, InlineEngine } from '../src/index.js';
import { CLASSIC_WORKER_URL, everything, syntheticRows } from './util.js';

const CLASSIC_ANALYSES_URL = '/__engine/engine.analyses.classic.js';

async function text(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

describe('the blob-worker host from source text', () => {
  let workerSource: string;
  let analysesSource: string;
  let reference: { scores: unknown; segments: unknown };
  const rows = syntheticRows(800);
  let engine: Engine | undefined;

  before(async function () {
    this.timeout(60_000);
    workerSource = await text(CLASSIC_WORKER_URL);
    analysesSource = await text(CLASSIC_ANALYSES_URL);
    const inline = new InlineEngine();
    const { handle } = await inline.load({ kind: 'rows', rows });
    const segments = await inline.segments(handle, {}, { k: 3 });
    reference = { scores: await everything(inline, handle), segments: { ...segments, dataset: '' } };
    await inline.dispose();
  });

  afterEach(async () => {
    await engine?.dispose();
    engine = undefined;
  });

  it('scores as in-thread and loads the analyses from a function, once', async function () {
    this.timeout(30_000);
    let asked = 0;
    engine = await createEngine({
      hosts: ['blob-worker'],
      // A URL that does not exist: the source wins, nothing is fetched from it.
      classicWorkerUrl: '/no/such/engine.worker.classic.js',
      classicWorkerSource: workerSource,
      classicAnalysesSource: async () => {
        asked++;
        return analysesSource;
      },
    });
    expect(engine.host).to.equal('blob-worker');
    const { handle } = await engine.load({ kind: 'rows', rows });
    expect(await everything(engine, handle)).to.deep.equal(reference.scores);
    expect(asked).to.equal(0);
    const segments = await engine.segments(handle, {}, { k: 3 });
    expect({ ...segments, dataset: '' }).to.deep.equal(reference.segments);
    await engine.kpis(handle, { period: 'month' });
    expect(asked).to.equal(1);
  });

  it('takes the analyses source as a string too', async function () {
    this.timeout(30_000);
    engine = await createEngine({
      hosts: ['blob-worker'],
      classicWorkerSource: workerSource,
      classicAnalysesSource: analysesSource,
    });
    const { handle } = await engine.load({ kind: 'rows', rows });
    const segments = await engine.segments(handle, {}, { k: 3 });
    expect({ ...segments, dataset: '' }).to.deep.equal(reference.segments);
  });

  it('without an analyses source, scoring works and the analyses fail with a clear error', async function () {
    this.timeout(30_000);
    engine = await createEngine({ hosts: ['blob-worker'], classicWorkerSource: workerSource });
    const { handle } = await engine.load({ kind: 'rows', rows });
    expect((await engine.score(handle)).customers).to.equal(800);
    const error = (await engine.segments(handle).catch((e: unknown) => e)) as EngineError;
    expect(error.code).to.equal('host-unavailable');
    expect(error.message).to.contain('classicAnalysesSource');
  });

  it('a failing analyses source fails that call, and the next call asks again', async function () {
    this.timeout(30_000);
    let asked = 0;
    engine = await createEngine({
      hosts: ['blob-worker'],
      classicWorkerSource: workerSource,
      classicAnalysesSource: async () => {
        asked++;
        if (asked === 1) throw new Error('offline');
        return analysesSource;
      },
    });
    const { handle } = await engine.load({ kind: 'rows', rows });
    const error = (await engine.segments(handle, {}, { k: 3 }).catch((e: unknown) => e)) as EngineError;
    expect(error.code).to.equal('host-unavailable');
    expect(error.message).to.contain('offline');
    const segments = await engine.segments(handle, {}, { k: 3 });
    expect({ ...segments, dataset: '' }).to.deep.equal(reference.segments);
    expect(asked).to.equal(2);
  });

  it('a source that is not the worker is rejected at the handshake', async function () {
    this.timeout(30_000);
    const rejected: string[] = [];
    engine = await createEngine({
      hosts: ['blob-worker', 'in-thread'],
      classicWorkerSource: '/* not the worker: never answers */',
      pingTimeoutMs: 1000,
      onHostRejected: (host, reason) => rejected.push(`${host}: ${reason.message}`),
    });
    expect(engine.host).to.equal('in-thread');
    expect(rejected).to.have.length(1);
    expect(rejected[0]).to.contain(
      'blob-worker: the blob-worker did not answer the handshake within 1000 ms',
    );
  });
});
