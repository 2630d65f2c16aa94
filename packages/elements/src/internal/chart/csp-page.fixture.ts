// Runs inside /__charts/csp-page.html, which web-test-runner.config.mjs serves with a Content-Security-Policy
// that allows scripts from the page's origin only (no 'unsafe-eval', no inline script or style). It draws a
// chart, updates it, hovers it, and posts what it saw to the parent test page.
import { PYRAMID_DATASET, pyramidVegaSpec, rfmHeatmapVegaSpec } from '@crm-lens/charts';
import { pyramidRows, rfmCells } from './sample-rows.fixture.js';
import { defineChartHost, mountChartHost } from './vega-chart.harness.js';

const violations: { directive: string; blocked: string; sample: string }[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample });
});

async function run() {
  // The policy really forbids eval here: prove it, so a green result means something.
  let evalBlocked = false;
  try {
    new Function('return 1')();
  } catch {
    evalBlocked = true;
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
  violations.length = 0;

  const pyramid = await mountChartHost(defineChartHost(pyramidVegaSpec), {
    [PYRAMID_DATASET]: pyramidRows(),
  });
  pyramid.chart.setData(PYRAMID_DATASET, pyramidRows('gold'));
  await pyramid.chart.updateComplete;
  const heatmap = await mountChartHost(defineChartHost(rfmHeatmapVegaSpec), {
    cells: rfmCells(),
    segments: [],
  });
  // Hover a band: the tooltip handler runs interpreted expressions too.
  const band = pyramid.marks('layer_0_marks')[1];
  band?.dispatchEvent(
    new PointerEvent('pointermove', { bubbles: true, composed: true, clientX: 0, clientY: 0 }),
  );
  // Violation events are dispatched asynchronously: let them arrive.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return {
    evalBlocked,
    bands: pyramid.marks('layer_0_marks').length,
    strokeWidths: pyramid.marks('layer_0_marks').map((path) => path.getAttribute('stroke-width')),
    cells: heatmap.marks('layer_0_marks').length,
    errors: [...pyramid.errors, ...heatmap.errors].map(String),
    violations,
  };
}

run().then(
  (outcome) => parent.postMessage({ type: 'charts-csp', outcome }, '*'),
  (error: unknown) =>
    parent.postMessage({ type: 'charts-csp', error: String((error as Error)?.stack ?? error) }, '*'),
);
