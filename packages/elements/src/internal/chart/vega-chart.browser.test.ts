import {
  PYRAMID_DATASET,
  pyramidVegaSpec,
  quadrantVegaSpec,
  rfmHeatmapVegaSpec,
  SIGNAL,
} from '@crm-lens/charts';
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendMouse } from '@web/test-runner-commands';
import { pyramidRows, quadrantRows, rfmCells } from './sample-rows.fixture.js';
import { type ChartTestHost, defineChartHost, mountChartHost } from './vega-chart.harness.js';

const BANDS = 'layer_0_marks';

/** What the document itself holds, to check that charts add nothing to it. */
function documentFootprint() {
  return {
    head: document.head.childNodes.length,
    body: [...document.body.childNodes].filter(
      (node) => !(node instanceof HTMLElement && node.localName.startsWith('lens-chart-test-host')),
    ).length,
    adoptedStyleSheets: document.adoptedStyleSheets.length,
    styleSheets: document.styleSheets.length,
  };
}

/** The viewport centre of an element. */
function centre(element: Element): [number, number] {
  const box = element.getBoundingClientRect();
  return [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
}

describe('VegaChart', () => {
  const mounted: ChartTestHost[] = [];
  const mount = async (...args: Parameters<typeof mountChartHost>) => {
    const host = await mountChartHost(...args);
    mounted.push(host);
    return host;
  };

  afterEach(async () => {
    for (const host of mounted.splice(0)) host.remove();
    await resetMouse();
  });

  it('draws the pyramid as SVG inside the shadow root: four bands, no errors', async () => {
    const before = documentFootprint();
    const host = await mount(defineChartHost(pyramidVegaSpec), { [PYRAMID_DATASET]: pyramidRows() });
    expect(host.errors).to.deep.equal([]);
    expect(host.svg, 'an svg in the shadow root').to.exist;
    expect(host.svg?.getRootNode()).to.equal(host.shadowRoot);
    expect(host.marks(BANDS)).to.have.length(4);
    expect(host.itemCount(BANDS)).to.equal(8); // two edges per band
    expect(host.svg?.textContent).to.contain('Platinum');
    expect(documentFootprint()).to.deep.equal(before);
    await expect(host).to.be.accessible();
  });

  it('draws the quadrant and the heatmap with their marks', async () => {
    const quadrant = await mount(defineChartHost(quadrantVegaSpec), {
      customers: quadrantRows(250),
      thresholds: [{ current: 100, potential: 100 }],
      quadrants: [
        { tier: 'platinum', label: 'Platinum' },
        { tier: 'gold', label: 'Gold' },
        { tier: 'iron', label: 'Iron' },
        { tier: 'lead', label: 'Lead' },
      ],
    });
    expect(quadrant.marks('layer_0_marks')).to.have.length(250);
    expect(quadrant.marks('layer_1_marks', 'line')).to.have.length(1);
    const heatmap = await mount(defineChartHost(rfmHeatmapVegaSpec), { cells: rfmCells(), segments: [] });
    expect(heatmap.marks('layer_0_marks')).to.have.length(25);
    expect(heatmap.marks('layer_1_marks', 'text')).to.have.length(25);
    expect([...quadrant.errors, ...heatmap.errors]).to.deep.equal([]);
  });

  it('updates data and signals in the same view, without re-creating it', async () => {
    const host = await mount(defineChartHost(pyramidVegaSpec), { [PYRAMID_DATASET]: pyramidRows() });
    const view = host.chart.view;
    const svg = host.svg;
    const strokeWidths = () =>
      host.marks(BANDS).map((path) => Number(path.getAttribute('stroke-width') ?? 0));
    expect(strokeWidths()).to.deep.equal([0, 0, 0, 0]);

    host.chart.setData(PYRAMID_DATASET, pyramidRows('gold'));
    await host.chart.updateComplete;
    expect(host.chart.view).to.equal(view);
    expect(host.svg).to.equal(svg);
    expect(strokeWidths()).to.deep.equal([0, 2.5, 0, 0]);

    host.chart.setData(PYRAMID_DATASET, pyramidRows().slice(0, 2));
    await host.chart.updateComplete;
    expect(host.marks(BANDS)).to.have.length(2);
    expect(host.chart.view).to.equal(view);
  });

  it('takes localised axis titles through signals, and a localised accessible name', async () => {
    const host = await mount(defineChartHost(rfmHeatmapVegaSpec), { cells: rfmCells(), segments: [] });
    const view = host.chart.view;
    host.chart.setSignal(SIGNAL.xTitle, '最近消费得分');
    host.chart.describe('RFM 热力图');
    await host.chart.updateComplete;
    expect(host.svg?.textContent).to.contain('最近消费得分');
    expect(host.renderRoot.querySelector('.lens-chart-view')?.getAttribute('aria-label')).to.equal(
      'RFM 热力图',
    );
    expect(host.chart.view).to.equal(view);
  });

  it('draws many points on a canvas when asked to', async () => {
    const host = await mount(defineChartHost(quadrantVegaSpec, { renderer: 'canvas' }), {
      customers: quadrantRows(5000),
      thresholds: [{ current: 100, potential: 100 }],
      quadrants: [],
    });
    expect(host.svg).to.equal(null);
    expect(host.renderRoot.querySelector('.lens-chart-view > canvas')).to.exist;
    expect(host.itemCount('layer_0_marks')).to.equal(5000);
    expect(host.errors).to.deep.equal([]);
  });

  it('follows the height of its container too with fitHeight', async () => {
    const host = await mount(defineChartHost(pyramidVegaSpec, { fitHeight: true }), {
      [PYRAMID_DATASET]: pyramidRows(),
    });
    host.container?.style.setProperty('height', '200px');
    await waitUntil(() => host.svg?.getAttribute('height') === '200', 'the chart takes the container height');
    host.container?.style.setProperty('height', '320px');
    await waitUntil(() => host.svg?.getAttribute('height') === '320', 'and follows it');
  });

  it('finalizes the view on disconnect, and draws again on reconnect', async () => {
    const host = await mount(defineChartHost(pyramidVegaSpec), { [PYRAMID_DATASET]: pyramidRows() });
    const view = host.chart.view;
    if (!view) throw new Error('no view');
    let finalized = 0;
    const finalize = view.finalize.bind(view);
    view.finalize = () => {
      finalized++;
      return finalize();
    };
    host.remove();
    expect(finalized).to.equal(1);
    expect(host.chart.view).to.equal(undefined);
    expect(host.container?.childElementCount, 'no chart DOM left').to.equal(0);

    document.body.append(host);
    await host.chart.updateComplete;
    expect(host.chart.view).to.exist.and.not.equal(view);
    expect(host.marks(BANDS)).to.have.length(4);
  });

  it('shows its own tooltip inside the shadow root on hover, adding nothing to the document', async () => {
    const before = documentFootprint();
    const host = await mount(defineChartHost(pyramidVegaSpec), { [PYRAMID_DATASET]: pyramidRows() });
    const gold = host.marks(BANDS)[1];
    if (!gold) throw new Error('no band');
    await sendMouse({ type: 'move', position: centre(gold) });
    await waitUntil(() => host.tooltip && !host.tooltip.hidden, 'the tooltip shows');
    const tooltip = host.tooltip as HTMLElement;
    expect(tooltip.getRootNode()).to.equal(host.shadowRoot);
    expect(tooltip.getAttribute('role')).to.equal('tooltip');
    expect(tooltip.textContent).to.equal('Gold\n150 customers');
    expect(tooltip.children).to.have.length(0); // text only, never markup
    // Placed near the pointer, inside the chart's box.
    const [x, y] = centre(gold);
    const box = tooltip.getBoundingClientRect();
    expect(Math.abs(box.left - x)).to.be.below(box.width + 20);
    expect(Math.abs(box.top - y)).to.be.below(box.height + 20);
    expect(documentFootprint()).to.deep.equal(before);

    await sendMouse({ type: 'move', position: [1, 1] });
    await waitUntil(() => host.tooltip?.hidden, 'the tooltip hides on leave');
  });

  it('reports the datum of a clicked band', async () => {
    const host = await mount(defineChartHost(pyramidVegaSpec), { [PYRAMID_DATASET]: pyramidRows() });
    const iron = host.marks(BANDS)[2];
    if (!iron) throw new Error('no band');
    await sendMouse({ type: 'click', position: centre(iron) });
    expect(host.clicks.map((datum) => datum.tier)).to.deep.equal(['iron']);
  });

  it('follows the width of its container', async () => {
    const host = await mount(defineChartHost(pyramidVegaSpec), { [PYRAMID_DATASET]: pyramidRows() });
    expect(host.svg?.getAttribute('width')).to.equal('420');
    host.style.width = '300px';
    await waitUntil(() => host.svg?.getAttribute('width') === '300', 'the chart narrows');
    host.style.width = '520px';
    await waitUntil(() => host.svg?.getAttribute('width') === '520', 'the chart widens');
  });

  it('re-parses with the new colours when the theme tokens change', async () => {
    const host = await mount(defineChartHost(pyramidVegaSpec), { [PYRAMID_DATASET]: pyramidRows() });
    const view = host.chart.view;
    const fills = () => host.marks(BANDS).map((path) => path.getAttribute('fill'));
    expect(fills()).to.deep.equal(['#5b6b9a', '#b8860b', '#a0522d', '#6b7280']);

    host.style.setProperty('--lens-tier-gold', '#00aa55');
    host.requestUpdate();
    await host.updateComplete;
    await host.chart.updateComplete;
    expect(host.chart.view).to.not.equal(view);
    expect(fills()).to.deep.equal(['#5b6b9a', '#00aa55', '#a0522d', '#6b7280']);

    // Nothing changed: no new view.
    const themed = host.chart.view;
    host.requestUpdate();
    await host.updateComplete;
    await host.chart.updateComplete;
    expect(host.chart.view).to.equal(themed);
  });

  it('follows a theme set on an ancestor, across a shadow root, without a host update', async () => {
    // <div data-theme> → #shadow-root → <section style> → host: tokens set on either ancestor reach the chart.
    const outer = document.createElement('div');
    document.body.append(outer);
    const section = document.createElement('section');
    outer.attachShadow({ mode: 'open' }).append(section);
    const host = await mount(defineChartHost(pyramidVegaSpec), { [PYRAMID_DATASET]: pyramidRows() }, section);
    const fills = () => host.marks(BANDS).map((path) => path.getAttribute('fill'));
    // The chart watches its ancestors' attributes: the observer's callback (a microtask) has run a macrotask
    // later, and then the chart's own queue says when the new view is drawn.
    const settled = async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await host.chart.updateComplete;
    };
    try {
      section.style.setProperty('--lens-tier-gold', '#00aa55');
      await settled();
      expect(fills()).to.deep.equal(['#5b6b9a', '#00aa55', '#a0522d', '#6b7280']);

      const sheet = new CSSStyleSheet();
      sheet.replaceSync(':host([data-theme="dark"]) { --lens-tier-lead: #111111; }');
      outer.shadowRoot!.adoptedStyleSheets = [sheet];
      outer.dataset.theme = 'dark';
      await settled();
      expect(fills()).to.deep.equal(['#5b6b9a', '#00aa55', '#a0522d', '#111111']);

      // An attribute that changes no token: no new view.
      const view = host.chart.view;
      outer.setAttribute('aria-busy', 'true');
      await settled();
      expect(host.chart.view).to.equal(view);
    } finally {
      outer.remove();
    }
  });

  it('takes its spec from the compiled specs loaded with vega', async () => {
    const host = await mount(
      defineChartHost((specs) => ({ ...specs.pyramid, description: 'derived' })),
      {
        [PYRAMID_DATASET]: pyramidRows(),
      },
    );
    expect(host.errors).to.deep.equal([]);
    expect(host.marks(BANDS)).to.have.length(4);
  });

  it('follows the operating system colour scheme without a host update', async () => {
    const tag = defineChartHost(pyramidVegaSpec);
    const host = await mount(tag, { [PYRAMID_DATASET]: pyramidRows() });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('@media (prefers-color-scheme: dark) { :host { --lens-tier-platinum: #a5b4fc; } }');
    host.shadowRoot?.adoptedStyleSheets.push(sheet);
    try {
      await emulateMedia({ colorScheme: 'dark' });
      await waitUntil(() => host.marks(BANDS)[0]?.getAttribute('fill') === '#a5b4fc', 'dark tier colour');
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('two charts on a page keep their own views and tooltips', async () => {
    const tag = defineChartHost(pyramidVegaSpec);
    const [a, b] = await Promise.all([
      mount(tag, { [PYRAMID_DATASET]: pyramidRows('gold') }),
      mount(tag, { [PYRAMID_DATASET]: pyramidRows('lead') }),
    ]);
    expect(a.chart.view).to.not.equal(b.chart.view);
    expect(a.tooltip).to.not.equal(b.tooltip);
    a.remove();
    b.chart.setData(PYRAMID_DATASET, pyramidRows('platinum'));
    await b.chart.updateComplete;
    expect(b.marks(BANDS)).to.have.length(4);
  });
});
