// The issue-6 analyses through the real module worker: results cross by structured clone (typed arrays
// transferred) and must equal the in-thread engine's.
import { expect } from '@esm-bundle/chai';
import { createEngine, type Engine, type HostKind, InlineEngine } from '../src/index.js';
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

describe('issue-6 analyses in the real module worker', () => {
  it('rules and segments equal the in-thread results', async function () {
    this.timeout(60_000);
    const inline = new InlineEngine();
    const reference = await analyses(inline);
    await inline.dispose();
    expect(reference.rules.total).to.be.greaterThan(0);
    const engine = await forced('module-worker');
    try {
      expect(engine.host).to.equal('module-worker');
      const result = await analyses(engine);
      // Typed arrays arrived as typed arrays (transferred), not as plain objects.
      expect(result.rules.rules.lift).to.be.instanceOf(Float64Array);
      expect(result.segments.labels).to.be.instanceOf(Int32Array);
      expect(result.auto.points.customer.length).to.equal(100);
      expect(result).to.deep.equal(reference);
    } finally {
      await engine.dispose();
    }
  });
});
