// The engine in a real browser: a real module worker, a classic worker from a blob: URL, and the page's own
// thread, forced one at a time; all must give the in-thread numbers.
import { ingestTransactions } from '@crm-lens/core';
import { generateDataset } from '@crm-lens/testing';
import { expect } from '@esm-bundle/chai';
import { createEngine, type Engine, EngineError, type HostKind, InlineEngine } from '../src/index.js';
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

const HOSTS: HostKind[] = ['module-worker', 'blob-worker', 'in-thread'];

function forced(host: HostKind): Promise<Engine> {
  return createEngine({ hosts: [host], workerUrl: WORKER_URL, classicWorkerUrl: CLASSIC_WORKER_URL });
}

describe('every host of the fallback chain gives the in-thread numbers', () => {
  let reference: { fixture: unknown; synthetic: unknown };
  before(async function () {
    this.timeout(30_000);
    const inline = new InlineEngine();
    const fixture = await inline.load({
      kind: 'bytes',
      bytes: await fixtureBytes(),
      options: FIXTURE_OPTIONS,
    });
    const synthetic = await inline.load({ kind: 'rows', rows: syntheticRows(1500) });
    reference = {
      fixture: await everything(inline, fixture.handle, FIXTURE_AS_OF),
      synthetic: await everything(inline, synthetic.handle),
    };
  });

  for (const host of HOSTS) {
    it(`${host}: starts when forced and matches the in-thread engine`, async function () {
      this.timeout(30_000);
      const engine = await forced(host);
      try {
        expect(engine.host).to.equal(host);
        const fixture = await engine.load({
          kind: 'bytes',
          bytes: await fixtureBytes(),
          options: FIXTURE_OPTIONS,
        });
        expect(fixture.handle.transactions).to.equal(200);
        const synthetic = await engine.load({ kind: 'rows', rows: syntheticRows(1500) });
        expect(await everything(engine, fixture.handle, FIXTURE_AS_OF)).to.deep.equal(reference.fixture);
        expect(await everything(engine, synthetic.handle)).to.deep.equal(reference.synthetic);
      } finally {
        await engine.dispose();
      }
    });
  }
});

describe('the real module worker', () => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await forced('module-worker');
  });
  afterEach(async () => {
    await engine.dispose();
  });

  it('moves typed arrays in: copied by default, detached with transfer: true', async () => {
    const { table } = await ingestTransactions(await fixtureBytes(), FIXTURE_OPTIONS);
    const kept = structuredClone(table);
    const a = await engine.load({ kind: 'tables', transactions: kept });
    expect(kept.date.byteLength).to.equal(table.date.byteLength);
    const given = structuredClone(table);
    const b = await engine.load({ kind: 'tables', transactions: given, transfer: true });
    expect(given.date.byteLength).to.equal(0);
    expect(given.customer.codes.byteLength).to.equal(0);
    const { summary: sa } = await everything(engine, a.handle, FIXTURE_AS_OF);
    const { summary: sb } = await everything(engine, b.handle, FIXTURE_AS_OF);
    expect(sb).to.deep.equal(sa);
  });

  it('loads a page-relative URL in the worker', async () => {
    const fromUrl = await engine.load({ kind: 'url', url: FIXTURE_URL, options: FIXTURE_OPTIONS });
    const fromBytes = await engine.load({
      kind: 'bytes',
      bytes: await fixtureBytes(),
      options: FIXTURE_OPTIONS,
    });
    expect({ ...fromUrl.report, durationMs: 0 }).to.deep.equal({ ...fromBytes.report, durationMs: 0 });
  });

  it('cancels in the worker, reports errors with their codes, and keeps working', async function () {
    this.timeout(20_000);
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
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(EngineError);
    expect((error as EngineError).code).to.equal('aborted');
    expect(stages.at(-1)).to.equal('occasions');

    const unknown = await engine
      .score({ id: 'nope', transactions: 0, customers: 0 })
      .catch((e: unknown) => e);
    expect((unknown as EngineError).code).to.equal('unknown-dataset');
    const mapping = { customerId: 'who' };
    const direct = await ingestTransactions(generateDataset({ customers: 5 }).transactions, {
      mapping,
    }).catch((e: Error) => e);
    const ingest = await engine
      .load({
        kind: 'columns',
        columns: generateDataset({ customers: 5 }).transactions,
        options: { mapping },
      })
      .catch((e: unknown) => e);
    expect(ingest).to.be.instanceOf(EngineError);
    expect((ingest as EngineError).code).to.equal('ingest');
    expect((ingest as EngineError).message).to.equal((direct as Error).message);

    expect((await engine.score(handle)).customers).to.equal(1500);
  });
});
