// The issue-6 analyses through the real workers, module and classic (blob:), which load them on demand: results
// cross by structured clone (typed arrays transferred) and must equal the in-thread engine's.
import { expect } from '@esm-bundle/chai';
import { createEngine, type Engine, EngineError, type HostKind, InlineEngine } from '../src/index.js';
import { retailTable } from '../test/util/retail.js';
import { CLASSIC_WORKER_URL, FIXTURE_AS_OF, FIXTURE_OPTIONS, fixtureBytes, WORKER_URL } from './util.js';

const RULES = { minSupport: 0.02, minConfidence: 0.3, exclude: ['POST'], limit: 50 };

function forced(host: HostKind): Promise<Engine> {
  return createEngine({ hosts: [host], workerUrl: WORKER_URL, classicWorkerUrl: CLASSIC_WORKER_URL });
}

/** `rules` on a retail-like table and `segments` on the CDNOW fixture, minus the dataset ids. */
async function analyses(engine: Engine) {
  const retail = await engine.load({ kind: 'tables', transactions: retailTable() });
  const cdnow = await engine.load({ kind: 'bytes', bytes: await fixtureBytes(), options: FIXTURE_OPTIONS });
  const { dataset: _r, ...rules } = await engine.rules(retail.handle, RULES);
  const { dataset: _s, ...segments } = await engine.segments(
    cdnow.handle,
    { asOf: FIXTURE_AS_OF },
    { k: 3, value: 'clv' },
  );
  const { dataset: _a, ...auto } = await engine.segments(retail.handle, {}, { points: 100 });
  return { rules, segments, auto };
}

/** The in-thread results, computed once for both workers. */
let reference: Awaited<ReturnType<typeof analyses>> | undefined;
async function inThread() {
  if (!reference) {
    const inline = new InlineEngine();
    reference = await analyses(inline);
    await inline.dispose();
  }
  return reference;
}

// The module worker import()s the analyses module; the classic blob: worker importScripts() their classic bundle,
// beside its own (the test server serves both under /__engine/, see web-test-runner.config.mjs).
for (const [host, title] of [
  ['module-worker', 'the real module worker'],
  ['blob-worker', 'the classic blob: worker'],
] as const) {
  describe(`issue-6 analyses in ${title}`, () => {
    it('rules and segments equal the in-thread results', async function () {
      this.timeout(60_000);
      const expected = await inThread();
      expect(expected.rules.total).to.be.greaterThan(0);
      const engine = await forced(host);
      try {
        expect(engine.host).to.equal(host);
        const result = await analyses(engine);
        // Typed arrays arrived as typed arrays (transferred), not as plain objects.
        expect(result.rules.rules.lift).to.be.instanceOf(Float64Array);
        expect(result.segments.labels).to.be.instanceOf(Int32Array);
        expect(result.auto.points.customer.length).to.equal(100);
        expect(result).to.deep.equal(expected);
      } finally {
        await engine.dispose();
      }
    });
  });
}

describe('the classic worker without its analyses bundle', () => {
  it('still scores; an analysis rejects with host-unavailable naming the file, and is retried', async function () {
    this.timeout(30_000);
    const missing = '/__engine/missing/engine.analyses.classic.js';
    const engine = await createEngine({
      hosts: ['blob-worker'],
      classicWorkerUrl: CLASSIC_WORKER_URL,
      classicAnalysesUrl: missing,
    });
    try {
      expect(engine.host).to.equal('blob-worker');
      const { handle } = await engine.load({
        kind: 'bytes',
        bytes: await fixtureBytes(),
        options: FIXTURE_OPTIONS,
      });
      const retail = await engine.load({ kind: 'tables', transactions: retailTable() });
      // Scoring never needs the analyses: it works without the file.
      const summary = await engine.score(handle, { asOf: FIXTURE_AS_OF });
      expect(summary.customers).to.be.greaterThan(0);
      for (let attempt = 0; attempt < 2; attempt++) {
        const error = await engine.rules(retail.handle, RULES).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).to.be.instanceOf(EngineError);
        expect((error as EngineError).code).to.equal('host-unavailable');
        expect((error as EngineError).message).to.contain(missing);
      }
      // The worker is still up for everything else.
      expect((await engine.score(handle, { asOf: FIXTURE_AS_OF })).customers).to.equal(summary.customers);
    } finally {
      await engine.dispose();
    }
  });
});
