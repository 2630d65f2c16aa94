// Runs inside /__elements/csp-page.html, which web-test-runner.config.mjs serves with
// `Content-Security-Policy: default-src 'self'` (no 'unsafe-inline', no 'unsafe-eval'), as a strict intranet
// would. It mounts every widget on real data inside a <lens-data>, drives them a little (scroll, select, switch
// view and language, rescore), and posts to the parent test page what it saw: the policy violations, and
// whether the dynamic sizes and positions really took effect (a blocked style attribute is silently dropped).
import { DEFAULT_SEGMENT_MAP } from '@crm-lens/core';
import { generateDataset, toRows } from '@crm-lens/testing';
import { html, render } from 'lit';
import '../define.js';
import type { LensChurnList } from '../churn-list/churn-list.js';
import type { LensData } from '../data/data.js';
import type { DataProvider, DataState } from '../internal/data-state.js';
import type { LensRfmHeatmap } from '../rfm-heatmap/rfm-heatmap.js';
import type { LensValuePyramid } from '../value-pyramid/value-pyramid.js';

export interface CspViolation {
  readonly directive: string;
  readonly blocked: string;
  readonly sample: string;
  /** The `<lens-…>` elements the violating node is in, innermost first. */
  readonly where: string;
}

export interface CspOutcome {
  /** The page's policy really drops style attributes (else a green result would mean nothing). */
  readonly styleAttributeBlocked: boolean;
  readonly violations: readonly CspViolation[];
  readonly errors: readonly string[];
  /** The churn list's rendered rows: aria-rowindex and viewport top, top to bottom, before and after a scroll. */
  readonly rows: readonly { readonly index: number; readonly top: number }[];
  readonly rowsAfterScroll: readonly { readonly index: number; readonly top: number }[];
  /** The churn list's scrolling body: its height and what total × row height says it should be. */
  readonly body: { readonly height: number; readonly expected: number };
  /** A progress bar at 50 %: its fill's width as a fraction of the bar. */
  readonly progressFill: number;
  /** Marks drawn: pyramid bands, quadrant canvas, heatmap cells. */
  readonly drawn: { readonly pyramid: number; readonly quadrant: boolean; readonly heatmap: number };
  /** Text from the pyramid after switching to zh-CN (the catalog is a lazy module). */
  readonly chineseTier: string;
}

const violations: CspViolation[] = [];
document.addEventListener(
  'securitypolicyviolation',
  (event) => {
    violations.push({
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      sample: event.sample,
      where: event
        .composedPath()
        .filter((node): node is Element => node instanceof Element && node.localName.startsWith('lens-'))
        .map((el) => el.localName)
        .join(' < '),
    });
  },
  true,
);
const errors: string[] = [];
addEventListener('error', (event) => errors.push(String(event.message)));
addEventListener('unhandledrejection', (event) => errors.push(String(event.reason)));

/** Violation events are dispatched asynchronously: a macrotask later they have arrived. */
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, timeout = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeout) throw new Error(`timed out waiting until ${what}`);
    await tick(20);
  }
}

const shadow = (element: Element) => element.shadowRoot!;

/** The churn list's loaded rows, as aria-rowindex and top, in DOM order. */
function rowPositions(list: LensChurnList) {
  return [...shadow(list).querySelectorAll<HTMLElement>('.body [role="row"][data-customer-id]')].map(
    (row) => ({
      index: Number(row.getAttribute('aria-rowindex')),
      top: Math.round(row.getBoundingClientRect().top * 100) / 100,
    }),
  );
}

/** A data source that stays in `loading` at 50 %: the shared loading state with a determinate progress bar. */
function halfLoaded(): DataProvider {
  const state: DataState = {
    status: 'loading',
    progress: { stage: 'score', fraction: 0.5 },
    request: {},
    revision: 0,
    rejections: (offset) => Promise.resolve({ total: 0, offset, rows: [] }),
    reload: () => undefined,
  };
  return { dataState: state, subscribeData: () => () => undefined };
}

async function run(): Promise<CspOutcome> {
  // The policy really drops style attributes here: prove it, so that no violation means something.
  const canary = document.createElement('div');
  document.body.append(canary);
  canary.setAttribute('style', 'width: 123px');
  const styleAttributeBlocked = canary.getBoundingClientRect().width !== 123;
  canary.remove();
  await tick(10);
  violations.length = 0;

  const rows = toRows(generateDataset({ customers: 400, seed: 21 }).transactions);
  const root = document.createElement('div');
  document.body.append(root);
  render(
    html`<lens-data .engineOptions=${{ hosts: ['in-thread'] }} .transactions=${rows}>
        <lens-value-pyramid></lens-value-pyramid>
        <lens-rfm-heatmap></lens-rfm-heatmap>
        <lens-churn-list></lens-churn-list>
      </lens-data>
      <lens-churn-list class="half" .provider=${halfLoaded()}></lens-churn-list>`,
    root,
  );
  const data = root.querySelector<LensData>('lens-data')!;
  const pyramid = root.querySelector<LensValuePyramid>('lens-value-pyramid')!;
  const heatmap = root.querySelector<LensRfmHeatmap>('lens-rfm-heatmap')!;
  const list = root.querySelector<LensChurnList>('lens-data lens-churn-list')!;
  const half = root.querySelector<LensChurnList>('lens-churn-list.half')!;

  await half.updateComplete;
  const bar = shadow(half).querySelector<HTMLElement>('[part~="progress"]')!;
  const fill = bar.querySelector<HTMLElement>('.fill')!;
  const progressFill = fill.getBoundingClientRect().width / bar.getBoundingClientRect().width;

  await until(() => data.status === 'ready', '<lens-data> is ready');
  const grid = () => shadow(list).querySelector<HTMLElement>('[part~="table"]');
  await until(
    () => grid()?.getAttribute('aria-busy') === 'false' && rowPositions(list).length > 5,
    'the churn list shows rows',
  );
  const positions = rowPositions(list);
  const body = shadow(list).querySelector<HTMLElement>('.body')!;
  const firstRow = shadow(list).querySelector<HTMLElement>('.body [role="row"]')!;
  const bodyBox = { height: body.offsetHeight, expected: (list.rowCount ?? 0) * firstRow.offsetHeight };

  // Scrolling renders other rows (the scroll event is dispatched too: a background page does not fire it).
  const scroller = grid()!;
  scroller.scrollTop = 40 * firstRow.offsetHeight;
  scroller.dispatchEvent(new Event('scroll'));
  await until(
    () => grid()?.getAttribute('aria-busy') === 'false' && rowPositions(list).some((r) => r.index > 40),
    'the churn list shows the rows scrolled to',
  );
  const rowsAfterScroll = rowPositions(list);

  // The charts: draw, select a tier (its candidates), switch to the quadrant, rescore the heatmap.
  await until(
    () => (pyramid.shadowRoot?.querySelectorAll('.pyramid-chart svg .layer_0_marks path').length ?? 0) > 0,
    'the pyramid is drawn',
  );
  await until(
    () => (heatmap.shadowRoot?.querySelectorAll('.lens-chart-view svg .layer_0_marks path').length ?? 0) > 0,
    'the heatmap is drawn',
  );
  const pyramidBands = shadow(pyramid).querySelectorAll('.pyramid-chart svg .layer_0_marks path').length;
  const heatmapCells = shadow(heatmap).querySelectorAll('.lens-chart-view svg .layer_0_marks path').length;
  pyramid.tier = 'gold';
  pyramid.view = 'quadrant';
  await until(() => !!shadow(pyramid).querySelector('.quadrant-chart canvas'), 'the quadrant is drawn');
  await pyramid.charts.quadrant.updateComplete;
  heatmap.segmentMap = [...DEFAULT_SEGMENT_MAP].reverse();
  await until(
    () => heatmap.summary !== undefined && !shadow(heatmap).querySelector('[part~="state"]'),
    'rescored',
  );

  // Chinese: the catalog is a lazy module, loaded under the same policy.
  pyramid.view = 'pyramid';
  data.locale = 'zh-CN';
  pyramid.locale = 'zh-CN';
  await pyramid.updateComplete;
  const chineseTier = shadow(pyramid).querySelector('[part~="tier"] .name')?.textContent?.trim() ?? '';

  await tick(50);
  return {
    styleAttributeBlocked,
    violations: [...violations],
    errors,
    rows: positions,
    rowsAfterScroll,
    body: bodyBox,
    progressFill,
    drawn: { pyramid: pyramidBands, quadrant: true, heatmap: heatmapCells },
    chineseTier,
  };
}

run().then(
  (outcome) => parent.postMessage({ type: 'elements-csp', outcome }, '*'),
  (error: unknown) =>
    parent.postMessage(
      { type: 'elements-csp', error: String((error as Error)?.stack ?? error), violations },
      '*',
    ),
);
