// A page whose Content-Security-Policy forbids workers (and eval): the engine must end up in the page's own
// thread and still give the right numbers. The page is served by a middleware with the policy as a response
// header and loaded in an iframe, since the test page itself has no such policy.
import { expect } from '@esm-bundle/chai';
import { InlineEngine } from '../src/index.js';
import { everything, FIXTURE_AS_OF, FIXTURE_OPTIONS, fixtureBytes } from './util.js';

interface Outcome {
  host: string;
  rejected: { host: string; code: string; message: string }[];
  results: unknown;
  violations: { directive: string; blocked: string }[];
}

function runInCspPage(): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || event.data?.type !== 'engine-csp') return;
      window.removeEventListener('message', onMessage);
      frame.remove();
      if (event.data.error) reject(new Error(event.data.error));
      else resolve(event.data.outcome as Outcome);
    };
    window.addEventListener('message', onMessage);
    frame.src = '/__engine/csp-page.html';
    document.body.append(frame);
  });
}

describe('a page whose CSP forbids workers', () => {
  it('ends in-thread, says why each worker host was rejected, and gives the in-thread numbers', async function () {
    this.timeout(20_000);
    const outcome = await runInCspPage();
    expect(outcome.host).to.equal('in-thread');
    expect(outcome.rejected.map((r) => [r.host, r.code])).to.deep.equal([
      ['module-worker', 'host-unavailable'],
      ['blob-worker', 'host-unavailable'],
    ]);
    // What the policy blocked: the two workers, and nothing else (no eval, no inline script).
    expect(outcome.violations.map((v) => v.directive)).to.deep.equal(['worker-src', 'worker-src']);

    const inline = new InlineEngine();
    const { handle } = await inline.load({
      kind: 'bytes',
      bytes: await fixtureBytes(),
      options: FIXTURE_OPTIONS,
    });
    expect(outcome.results).to.deep.equal(await everything(inline, handle, FIXTURE_AS_OF));
  });
});
