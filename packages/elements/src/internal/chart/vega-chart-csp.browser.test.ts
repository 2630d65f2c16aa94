// Under a strict Content-Security-Policy: pages served by middlewares (see web-test-runner.config.mjs) with the
// policy as a response header, loaded in an iframe, since the test page itself has no such policy.
//
// - /__charts/csp-page.html (csp-page.fixture.ts beside this file): charts with scripts from the page's origin
//   only — no 'unsafe-eval', no inline script or style.
// - /__elements/csp-page.html (src/testing/csp-page.fixture.ts): every widget on real data under exactly
//   `default-src 'self'` — no 'unsafe-inline', so style attributes are blocked — mounted, driven (scroll,
//   select, switch view and language, rescore) and measured.
//
// (Both in one test file on purpose: wtr runs two files at once, and a page opened later puts the other one in
// the background, where rAF, ResizeObserver and hover never fire; another file would change which tests run
// in the background.)
import { expect } from '@open-wc/testing';
import type { CspOutcome } from '../../testing/csp-page.fixture.js';

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

function runInElementsCspPage(): Promise<CspOutcome> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.style.width = '1200px';
    frame.style.height = '900px';
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || event.data?.type !== 'elements-csp') return;
      window.removeEventListener('message', onMessage);
      frame.remove();
      if (event.data.error) {
        reject(new Error(`${event.data.error}\nviolations: ${JSON.stringify(event.data.violations)}`));
      } else resolve(event.data.outcome as CspOutcome);
    };
    window.addEventListener('message', onMessage);
    frame.src = '/__elements/csp-page.html';
    document.body.append(frame);
  });
}

describe("the widgets under `default-src 'self'`", () => {
  let outcome: CspOutcome;
  before(async function () {
    this.timeout(60_000);
    outcome = await runInElementsCspPage();
  });

  it('the page really blocks style attributes', () => {
    expect(outcome.styleAttributeBlocked).to.equal(true);
  });

  it('draw, scroll, rescore and switch language with no policy violation and no error', () => {
    expect(outcome.violations).to.deep.equal([]);
    expect(outcome.errors).to.deep.equal([]);
    expect(outcome.drawn.pyramid).to.equal(4);
    expect(outcome.drawn.heatmap).to.be.greaterThan(0);
    expect(outcome.chineseTier).to.equal('白金客户');
  });

  it('the churn list places every row at its own height, before and after scrolling', () => {
    for (const rows of [outcome.rows, outcome.rowsAfterScroll]) {
      expect(rows.length).to.be.greaterThan(5);
      const tops = rows.map((row) => row.top);
      expect(new Set(tops).size, `distinct tops: ${tops.join(', ')}`).to.equal(rows.length);
      // In list order, one row height apart.
      const byIndex = [...rows].sort((a, b) => a.index - b.index);
      const first = byIndex[0]!;
      const last = byIndex.at(-1)!;
      const step = (last.top - first.top) / (last.index - first.index);
      expect(step).to.be.greaterThan(10);
      for (const row of byIndex)
        expect(row.top).to.be.closeTo(first.top + (row.index - first.index) * step, 1);
    }
    expect(Math.min(...outcome.rowsAfterScroll.map((r) => r.index))).to.be.greaterThan(20);
    expect(outcome.body.height).to.be.greaterThan(0);
    expect(outcome.body.height).to.equal(outcome.body.expected);
  });

  it('progress bars take their width', () => {
    expect(outcome.progressFill).to.be.closeTo(0.5, 0.02);
  });
});
