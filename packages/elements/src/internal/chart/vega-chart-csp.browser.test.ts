// Charts under a strict Content-Security-Policy: the page is served by a middleware (see
// web-test-runner.config.mjs) with the policy as a response header and loaded in an iframe, since the test
// page itself has no such policy.
import { expect } from '@open-wc/testing';

interface Outcome {
  evalBlocked: boolean;
  bands: number;
  strokeWidths: (string | null)[];
  cells: number;
  errors: string[];
  violations: { directive: string; blocked: string; sample: string }[];
}

function runInCspPage(): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.style.width = '600px';
    frame.style.height = '800px';
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || event.data?.type !== 'charts-csp') return;
      window.removeEventListener('message', onMessage);
      frame.remove();
      if (event.data.error) reject(new Error(event.data.error));
      else resolve(event.data.outcome as Outcome);
    };
    window.addEventListener('message', onMessage);
    frame.src = '/__charts/csp-page.html';
    document.body.append(frame);
  });
}

describe('VegaChart under a CSP without unsafe-eval', () => {
  it('draws and updates charts with no policy violation', async function () {
    this.timeout(30_000);
    const outcome = await runInCspPage();
    expect(outcome.evalBlocked, 'the page really forbids eval').to.equal(true);
    expect(outcome.errors).to.deep.equal([]);
    expect(outcome.violations).to.deep.equal([]);
    expect(outcome.bands).to.equal(4);
    expect(outcome.strokeWidths).to.deep.equal(['0', '2.5', '0', '0']);
    expect(outcome.cells).to.equal(25);
  });
});
