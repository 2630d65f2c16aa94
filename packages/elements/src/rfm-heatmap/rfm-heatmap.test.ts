import { DEFAULT_SEGMENT_MAP, type SegmentMap } from '@crm-lens/core';
import type { CustomerColumns, Engine, ScoreRequest, ScoreSummary } from '@crm-lens/engine';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../lens-data.js';
import '../lens-rfm-heatmap.js';
import type { LensData } from '../data/data.js';
import type { LensCellSelectEvent } from '../events/cell-select.js';
import { en } from '../i18n/en.js';
import { zhCN } from '../i18n/zh-cn.js';
import { badRows, engineOn, mount, syntheticRows, waitForStatus } from '../testing/fixtures.js';
import { DARK_TOKENS, LIGHT_TOKENS } from '../themes/tokens.js';
import { segmentRows } from './heatmap-cells.js';
import { RfmHeatmapHarness } from './rfm-heatmap.harness.js';
import type { LensRfmHeatmap } from './rfm-heatmap.js';

/** Seeded synthetic orders (generateDataset of @crm-lens/testing) of 300 customers. */
const ROWS = syntheticRows(300, 11);
const FIELDS = ['r', 'f', 'm', 'segment', 'recencyDays', 'frequency', 'monetary'] as const;

/** Two segments by recency only. */
const BY_RECENCY: SegmentMap = [
  { name: 'Recent', r: [4, 5], f: [1, 5], m: [1, 5] },
  { name: 'Lapsed', r: [1, 3], f: [1, 5], m: [1, 5] },
];

const engines: Engine[] = [];

/** A `<lens-data>` around a heatmap, on its own in-thread engine (which the test may call directly). */
async function setup(rows: Record<string, unknown>[] = ROWS) {
  const engine = await engineOn('in-thread');
  engines.push(engine);
  const data = await mount<LensData>(
    html`<lens-data .engine=${engine} .transactions=${rows}>
      <lens-rfm-heatmap></lens-rfm-heatmap>
    </lens-data>`,
  );
  const element = data.querySelector('lens-rfm-heatmap') as LensRfmHeatmap;
  return { data, engine, element, harness: new RfmHeatmapHarness(element) };
}

/** Setup, waiting until the data is scored and the chart drawn. */
async function ready(rows?: Record<string, unknown>[]) {
  const context = await setup(rows);
  await waitForStatus(context.data);
  await context.harness.chartDrawn();
  return context;
}

/** The engine's own scoring and customers for the heatmap's data (calls independent of the element). */
async function direct(data: LensData, engine: Engine, extra: Partial<ScoreRequest> = {}) {
  const dataset = data.datasetHandle!;
  const request = { ...data.dataState.request, ...extra };
  const summary = await engine.score(dataset, request);
  const all = await engine.customers(dataset, request, FIELDS);
  return { summary, all };
}

/** The customers of a cell by filtering every customer's r and f, written here independently of the element. */
function filterCell(all: CustomerColumns, r: number, f: number) {
  const ids: string[] = [];
  const index: number[] = [];
  const segments: string[] = [];
  all.ids.forEach((id, k) => {
    if (all.columns.r![k] === r && all.columns.f![k] === f) {
      ids.push(id);
      index.push(all.index[k]!);
      segments.push(all.labels.segment[all.columns.segment![k]!]!);
    }
  });
  return { ids, index, segments };
}

const usd = (v: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }).format(v);
const count = (n: number) => (n === 0 ? 'No customers' : n === 1 ? '1 customer' : `${n} customers`);
/** The fullest cell of a summary. */
const fullest = (summary: ScoreSummary) =>
  [...summary.heatmap].sort((a, b) => b.customers - a.customers || a.r - b.r || a.f - b.f)[0]!;

/** A CSS colour as the browser computes it, to compare colours written differently. */
function computed(color: string): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.dispose();
});

describe('<lens-rfm-heatmap>', () => {
  describe('states', () => {
    it('shows loading with progress, then the heatmap', async () => {
      const { data, element, harness } = await setup(syntheticRows(2000, 3));
      expect(harness.state).to.equal('loading');
      expect(harness.progressbar?.getAttribute('aria-valuetext')).to.be.a('string').and.not.equal('');
      await waitForStatus(data);
      await element.updateComplete;
      expect(harness.state).to.equal(undefined);
      expect(harness.base).to.exist;
    });

    it('shows the idle state without a data source', async () => {
      const element = await mount<LensRfmHeatmap>(html`<lens-rfm-heatmap></lens-rfm-heatmap>`);
      const harness = new RfmHeatmapHarness(element);
      expect(harness.state).to.equal('idle');
      await expect(element).to.be.accessible();
    });

    it('shows the empty state for no transactions', async () => {
      const { data, element, harness } = await setup([]);
      await waitForStatus(data, 'empty');
      await element.updateComplete;
      expect(harness.state).to.equal('empty');
    });

    it('shows the error state with the data-quality summary and the rejected rows', async () => {
      const { data, element, harness } = await setup(badRows(60));
      await waitForStatus(data, 'error');
      await element.updateComplete;
      expect(harness.state).to.equal('error');
      expect(harness.qualityText).to.contain('0 rows accepted, 60 rejected');
      expect(harness.rejectionCodes).to.deep.equal(['invalid-date']);
      harness.rejectionsToggle!.click();
      await waitUntil(() => harness.rejectionRows.length === 50, 'the first page of rejected rows');
      expect(harness.pagerText).to.equal('Rows 1–50 of 60');
      await expect(element).to.be.accessible();
    });
  });

  describe('ready', () => {
    it('is accessible, and its table shows the engine’s heatmap: counts and mean spend per cell', async () => {
      const { data, engine, element, harness } = await ready();
      const { summary } = await direct(data, engine);
      expect(element.summary?.heatmap).to.deep.equal(summary.heatmap);
      expect(summary.heatmap).to.have.length(25);

      const cells = harness.tableCells;
      expect(cells).to.have.length(summary.heatmap.length);
      for (const cell of summary.heatmap) {
        const shown = cells.find((c) => c.r === cell.r && c.f === cell.f)!;
        expect(shown.count, `R ${cell.r} F ${cell.f}`).to.equal(count(cell.customers));
        expect(shown.value, `R ${cell.r} F ${cell.f}`).to.equal(
          cell.customers > 0 ? usd(cell.meanMonetary) : '—',
        );
      }
      // Rows from F 5 down to F 1, columns R 1…5, as on the chart.
      expect(cells.slice(0, 5).map((c) => [c.r, c.f])).to.deep.equal([1, 2, 3, 4, 5].map((r) => [r, 5]));
      expect(harness.columnHeaders.slice(1)).to.deep.equal([1, 2, 3, 4, 5].map((r) => `Recency score ${r}`));
      await expect(element).to.be.accessible();
    });

    it('draws the cells on the ramp, with the segments outlined and a legend', async () => {
      const { data, engine, element, harness } = await ready();
      const { summary } = await direct(data, engine);
      const finite = summary.heatmap.filter((cell) => Number.isFinite(cell.meanMonetary));
      const drawn = harness.chartCells();
      expect(drawn).to.have.length(finite.length);
      const low = finite.reduce((a, b) => (b.meanMonetary < a.meanMonetary ? b : a));
      const high = finite.reduce((a, b) => (b.meanMonetary > a.meanMonetary ? b : a));
      const fillOf = (cell: { r: number; f: number }) =>
        computed(drawn.find((d) => d.r === cell.r && d.f === cell.f)!.fill);
      expect(fillOf(low)).to.equal(computed(LIGHT_TOKENS['ramp-1']));
      expect(fillOf(high)).to.equal(computed(LIGHT_TOKENS['ramp-5']));
      const tip = drawn.find((d) => d.r === high.r && d.f === high.f)!.tooltip;
      expect(tip.split('\n')[0]).to.equal(`R ${high.r} · F ${high.f}`);
      expect(tip).to.contain(`Mean spend: ${usd(high.meanMonetary)}`);
      expect(tip).to.contain(`Customers: ${high.customers}`);

      const expected = segmentRows(DEFAULT_SEGMENT_MAP, (name) => name, ' / ');
      expect(harness.chartSegments()).to.deep.equal(expected);
      // Names that would start at the same corner are printed once, together.
      expect(expected.map((row) => row.name)).to.include('At Risk / Need Attention / Lost');
      expect(harness.legendText).to.contain('Mean spend');
      expect(harness.legendText).to.contain(usd(low.meanMonetary));
      expect(harness.legendText).to.contain(usd(high.meanMonetary));

      harness.segmentsToggle!.click();
      await harness.settle();
      expect(element.hideSegments).to.equal(true);
      expect(harness.chartSegments()).to.deep.equal([]);
    });

    it('switches the measure: cells, chart and legend follow', async () => {
      const { data, engine, element, harness } = await ready();
      const { summary } = await direct(data, engine);
      element.measure = 'customers';
      await harness.settle();
      expect(element.getAttribute('measure')).to.equal('customers');
      expect(harness.legendText).to.match(/^Customers/);
      for (const cell of summary.heatmap) {
        const shown = harness.tableCells.find((c) => c.r === cell.r && c.f === cell.f)!;
        expect(shown.value).to.equal(String(cell.customers));
      }
      expect(harness.chartCells()).to.have.length(25);
      const top = fullest(summary);
      expect(harness.chartCells().find((c) => c.r === top.r && c.f === top.f)!.valueText).to.equal(
        String(top.customers),
      );

      await harness.chooseMeasure('revenue-share');
      await harness.settle();
      expect(element.measure).to.equal('revenue-share');
      expect(element.getAttribute('measure')).to.equal('revenue-share');
      expect(harness.legendText).to.contain('Share of revenue');
      const percent = (v: number) =>
        new Intl.NumberFormat('en', {
          style: 'percent',
          minimumFractionDigits: 1,
          maximumFractionDigits: 1,
        }).format(v);
      for (const cell of summary.heatmap) {
        const shown = harness.tableCells.find((c) => c.r === cell.r && c.f === cell.f)!;
        expect(shown.value).to.equal(percent(cell.revenueShare));
      }
      const shares = harness.chartCells().map((c) => c.valueText);
      expect(shares.every((text) => text.endsWith('%'))).to.equal(true);
    });

    it('selects a cell by click on the chart and on the table: the event carries its customers', async () => {
      const { data, engine, element, harness } = await ready();
      const { summary, all } = await direct(data, engine);
      const target = fullest(summary);
      const other = summary.heatmap.find((c) => c.customers > 0 && (c.r !== target.r || c.f !== target.f))!;

      const events: string[] = [];
      element.addEventListener('change', () => events.push('change'));
      element.addEventListener('lens-cell-select', () => events.push('lens-cell-select'));

      // Click the chart's cell.
      const mark = harness.chartCellElement(target.r, target.f)!;
      const box = mark.getBoundingClientRect();
      const selected = oneEvent(element, 'lens-cell-select') as Promise<LensCellSelectEvent>;
      await sendMouse({
        type: 'click',
        position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
      });
      const event = await selected;
      await waitUntil(() => events.includes('change'), 'change after lens-cell-select');
      expect(events).to.deep.equal(['lens-cell-select', 'change']);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.r).to.equal(target.r);
      expect(event.detail.f).to.equal(target.f);
      expect(event.detail.segmentNames).to.deep.equal(target.segments.length ? target.segments : ['Others']);
      const want = filterCell(all, target.r, target.f);
      expect(event.detail.customers.ids).to.deep.equal(want.ids);
      expect([...event.detail.customers.index]).to.deep.equal(want.index);
      expect(want.ids).to.have.length(target.customers);
      const { columns, labels } = event.detail.customers;
      expect([...columns.segment!].map((code) => labels.segment[code])).to.deep.equal(want.segments);
      expect([...columns.r!].every((r) => r === target.r)).to.equal(true);
      expect(Object.keys(columns).sort()).to.deep.equal([...FIELDS].sort());
      expect(element.selectedCell).to.equal(`${target.r},${target.f}`);
      expect(element.getAttribute('selected-cell')).to.equal(`${target.r},${target.f}`);
      expect(element.selection).to.equal(event.detail);
      await harness.settle();
      expect(harness.cell(target.r, target.f).getAttribute('aria-selected')).to.equal('true');
      expect(harness.selectionText).to.contain(`R ${target.r} · F ${target.f}`);
      expect(harness.selectionText).to.contain(count(target.customers));
      // The selected cell is outlined on the chart.
      expect(harness.chartSegments().at(-1)).to.deep.equal({
        name: '',
        rMin: target.r,
        rMax: target.r,
        fMin: target.f,
        fMax: target.f,
      });
      const marked = harness.chartCells().filter((c) => c.valueText.startsWith('✓ '));
      expect(marked.map((c) => [c.r, c.f])).to.deep.equal([[target.r, target.f]]);

      // Click a table cell.
      const next = oneEvent(element, 'lens-cell-select') as Promise<LensCellSelectEvent>;
      harness.cell(other.r, other.f).click();
      const second = await next;
      expect([second.detail.r, second.detail.f]).to.deep.equal([other.r, other.f]);
      expect(second.detail.customers.ids).to.deep.equal(filterCell(all, other.r, other.f).ids);
      expect(element.getAttribute('selected-cell')).to.equal(`${other.r},${other.f}`);
    });

    it('is driven by keyboard: arrows move the focus, Enter and Space select, Escape clears', async () => {
      const { data, engine, element, harness } = await ready();
      const { all } = await direct(data, engine);
      expect(harness.tableVisible).to.equal(false);
      const first = harness.activeCell!;
      expect([first.dataset.r, first.dataset.f]).to.deep.equal(['1', '5']);
      first.focus();
      await element.updateComplete;
      expect(harness.tableVisible, 'the table shows while it has focus').to.equal(true);

      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      expect((harness.focused as HTMLElement).dataset).to.include({ r: '3', f: '4' });
      expect(harness.activeCell).to.equal(harness.focused);
      expect(harness.cellElements.filter((td) => td.tabIndex === 0)).to.have.length(1);

      let selected = oneEvent(element, 'lens-cell-select') as Promise<LensCellSelectEvent>;
      await sendKeys({ press: 'Enter' });
      let event = await selected;
      expect([event.detail.r, event.detail.f]).to.deep.equal([3, 4]);
      expect(event.detail.customers.ids).to.deep.equal(filterCell(all, 3, 4).ids);
      expect(element.selectedCell).to.equal('3,4');

      await sendKeys({ press: 'End' });
      await sendKeys({ press: 'PageDown' });
      selected = oneEvent(element, 'lens-cell-select') as Promise<LensCellSelectEvent>;
      await sendKeys({ press: 'Space' });
      event = await selected;
      expect([event.detail.r, event.detail.f]).to.deep.equal([5, 1]);
      expect(event.detail.customers.ids).to.deep.equal(filterCell(all, 5, 1).ids);

      selected = oneEvent(element, 'lens-cell-select') as Promise<LensCellSelectEvent>;
      const changed = oneEvent(element, 'change');
      await sendKeys({ press: 'Escape' });
      event = await selected;
      await changed;
      expect(event.detail).to.include({ r: null, f: null });
      expect(event.detail.customers.ids).to.deep.equal([]);
      expect(element.selectedCell).to.equal(undefined);
      expect(element.hasAttribute('selected-cell')).to.equal(false);

      harness.tableToggle!.click();
      await element.updateComplete;
      expect(element.showTable).to.equal(true);
      (harness.focused as HTMLElement).blur();
      await element.updateComplete;
      expect(harness.tableVisible, 'shown with show-table').to.equal(true);
      await expect(element).to.be.accessible();
    });

    it('takes selected-cell from the page without firing events', async () => {
      const { element, harness } = await ready();
      let events = 0;
      element.addEventListener('lens-cell-select', () => events++);
      element.addEventListener('change', () => events++);
      element.setAttribute('selected-cell', '2,3');
      await harness.settle();
      expect(harness.cell(2, 3).getAttribute('aria-selected')).to.equal('true');
      expect(harness.activeCell).to.equal(harness.cell(2, 3));
      expect(element.selection).to.equal(undefined);
      expect(events).to.equal(0);
      const customers = await element.customersInCell(2, 3);
      expect(customers?.ids.length).to.equal(
        element.summary!.heatmap.find((c) => c.r === 2 && c.f === 3)!.customers,
      );
    });
  });

  it('works through the real module worker: the segment map and the customers cross it', async () => {
    const engine = await engineOn('module-worker');
    engines.push(engine);
    expect(engine.host).to.equal('module-worker');
    const data = await mount<LensData>(
      html`<lens-data .engine=${engine} .transactions=${ROWS}>
        <lens-rfm-heatmap .segmentMap=${BY_RECENCY}></lens-rfm-heatmap>
      </lens-data>`,
    );
    const element = data.querySelector('lens-rfm-heatmap') as LensRfmHeatmap;
    const harness = new RfmHeatmapHarness(element);
    await waitForStatus(data);
    await waitUntil(() => harness.base !== null, 'scored with the map', { timeout: 20_000 });
    await harness.chartDrawn();
    const { summary, all } = await direct(data, engine, { segmentMap: BY_RECENCY });
    expect(element.summary!.heatmap).to.deep.equal(summary.heatmap);
    const target = fullest(summary);
    const selected = oneEvent(element, 'lens-cell-select') as Promise<LensCellSelectEvent>;
    harness.cell(target.r, target.f).click();
    const event = await selected;
    expect(event.detail.customers.ids).to.deep.equal(filterCell(all, target.r, target.f).ids);
    expect(event.detail.segmentNames).to.deep.equal([target.r >= 4 ? 'Recent' : 'Lapsed']);
  });

  describe('segment map', () => {
    it('re-scores with the segmentMap property: new segments in the table, chart and events', async () => {
      const { data, engine, element, harness } = await ready();
      element.segmentMap = BY_RECENCY;
      await element.updateComplete;
      await waitUntil(() => element.summary !== undefined && harness.base !== null, 'scored with the map', {
        timeout: 10_000,
      });
      await harness.chartDrawn();
      const { summary, all } = await direct(data, engine, { segmentMap: BY_RECENCY });
      expect(element.summary!.segments.map((s) => s.name)).to.deep.equal(['Recent', 'Lapsed', 'Others']);
      expect(element.summary!.heatmap).to.deep.equal(summary.heatmap);
      for (const cell of harness.tableCells) {
        expect(cell.segments).to.equal(cell.r >= 4 ? 'Recent' : 'Lapsed');
      }
      expect(harness.chartSegments().map((s) => s.name)).to.deep.equal(['Recent', 'Lapsed']);

      const target = fullest(summary);
      const selected = oneEvent(element, 'lens-cell-select') as Promise<LensCellSelectEvent>;
      harness.cell(target.r, target.f).click();
      const event = await selected;
      expect(event.detail.segmentNames).to.deep.equal([target.r >= 4 ? 'Recent' : 'Lapsed']);
      const want = filterCell(all, target.r, target.f);
      expect(event.detail.customers.ids).to.deep.equal(want.ids);
      const { columns, labels } = event.detail.customers;
      expect([...columns.segment!].map((code) => labels.segment[code])).to.deep.equal(want.segments);
      expect(new Set(want.segments)).to.deep.equal(new Set([target.r >= 4 ? 'Recent' : 'Lapsed']));

      // Back to the default map.
      element.segmentMap = undefined;
      await harness.settle();
      expect(element.summary).to.equal(data.summary);
      expect(harness.chartSegments().map((s) => s.name)).to.include('Champions');
    });

    it('shows an invalid map as a clear error, and recovers with a valid one', async () => {
      const { element, harness } = await ready();
      element.segmentMap = [{ name: 'Everyone', r: [0, 5], f: [1, 5], m: [1, 5] }];
      await waitUntil(() => harness.state === 'error', 'the error state', { timeout: 10_000 });
      expect(harness.headline).to.equal(en['error.invalid-request']);
      expect(harness.message).to.contain('"Everyone": R range 0–5 is outside 1–5');
      await expect(element).to.be.accessible();

      element.segmentMap = BY_RECENCY;
      await waitUntil(() => harness.base !== null, 'ready again', { timeout: 10_000 });
      expect(harness.state).to.equal(undefined);
      expect(harness.tableCells[0]!.segments).to.equal('Lapsed');

      element.segmentMap = [
        { name: 'Twice', r: [1, 5], f: [1, 5], m: [1, 5] },
        { name: 'Twice', r: [1, 5], f: [1, 5], m: [1, 5] },
      ];
      await waitUntil(() => harness.state === 'error', 'the error state again', { timeout: 10_000 });
      element.segmentMap = undefined;
      await waitUntil(() => harness.base !== null, 'the default map needs no scoring', { timeout: 10_000 });
      expect(harness.state).to.equal(undefined);
    });
  });

  describe('locale and theme', () => {
    it('speaks zh-CN: segment names, labels, numbers and the chart’s axis titles', async () => {
      const { data, engine, element, harness } = await ready();
      for (const rule of DEFAULT_SEGMENT_MAP) {
        const key = `segment.${rule.name}` as keyof typeof zhCN;
        expect(zhCN[key], rule.name).to.be.a('string').and.not.equal(en[key]);
      }
      element.locale = 'zh-CN';
      await harness.settle();
      expect(harness.measureOptions).to.deep.equal(['平均消费金额', '客户数', '收入占比']);
      expect(harness.columnHeaders.slice(1)).to.deep.equal([1, 2, 3, 4, 5].map((r) => `最近消费得分 ${r}`));
      expect(harness.selectionText).to.equal('选择一个单元格，列出其中的客户。');
      expect(harness.svg?.textContent).to.contain('最近消费得分');
      expect(harness.svg?.textContent).to.contain('消费频率得分');
      expect(harness.svg?.textContent).to.contain('冠军客户');
      const { summary } = await direct(data, engine);
      const top = fullest(summary);
      const shown = harness.tableCells.find((c) => c.r === top.r && c.f === top.f)!;
      expect(shown.count).to.equal(`${top.customers} 位客户`);
      expect(shown.value).to.equal(
        new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'USD' }).format(top.meanMonetary),
      );
      const champions = harness.tableCells.find((c) => c.r === 5 && c.f === 5)!;
      expect(champions.segments).to.contain('冠军客户');
      await expect(element).to.be.accessible();
    });

    it('takes its colours from the --lens-* tokens: theme="dark" and the ramp', async () => {
      const { data, engine, element, harness } = await ready();
      const { summary } = await direct(data, engine);
      const finite = summary.heatmap.filter((cell) => Number.isFinite(cell.meanMonetary));
      const low = finite.reduce((a, b) => (b.meanMonetary < a.meanMonetary ? b : a));
      const high = finite.reduce((a, b) => (b.meanMonetary > a.meanMonetary ? b : a));
      const fillOf = (cell: { r: number; f: number }) =>
        computed(harness.chartCells().find((d) => d.r === cell.r && d.f === cell.f)!.fill);

      element.theme = 'dark';
      await harness.settle();
      expect(getComputedStyle(harness.base!).backgroundColor).to.equal(
        computed(DARK_TOKENS['color-background']),
      );
      expect(fillOf(low)).to.equal(computed(DARK_TOKENS['ramp-1']));
      expect(fillOf(high)).to.equal(computed(DARK_TOKENS['ramp-5']));
      const swatch = harness.cell(high.r, high.f).querySelector('.swatch')!;
      expect(getComputedStyle(swatch).backgroundColor).to.equal(computed(DARK_TOKENS['ramp-5']));

      element.theme = undefined;
      data.style.setProperty('--lens-ramp-5', '#00aa55');
      element.requestUpdate();
      await harness.settle();
      expect(fillOf(high)).to.equal(computed('#00aa55'));
      expect(getComputedStyle(swatch).backgroundColor).to.equal(computed('#00aa55'));

      element.style.setProperty('--rfm-heatmap-chart-height', '300px');
      await waitUntil(() => harness.svg?.getAttribute('height') === '300', 'the chart follows its height');
    });

    it('is sized by its container', async () => {
      const { data, harness } = await ready();
      data.style.display = 'block';
      data.style.width = '480px';
      await waitUntil(() => Number(harness.svg?.getAttribute('width')) <= 480, 'the chart narrows');
      const narrow = Number(harness.svg?.getAttribute('width'));
      data.style.width = '720px';
      await waitUntil(() => Number(harness.svg?.getAttribute('width')) > narrow, 'the chart widens');
    });
  });

  describe('a good guest', () => {
    it('adds nothing to document.head or body, and lets go of everything when removed', async () => {
      const head = document.head.childNodes.length;
      const sheets = document.adoptedStyleSheets.length;
      const styleSheets = document.styleSheets.length;
      const { data, element, harness } = await ready();
      const body = document.body.childNodes.length;
      // Hover for the tooltip and select a cell: still nothing outside the shadow root.
      const mark = harness.chartCellElement(harness.chartCells()[0]!.r, harness.chartCells()[0]!.f)!;
      const box = mark.getBoundingClientRect();
      await sendMouse({ type: 'move', position: [Math.round(box.left + 4), Math.round(box.top + 4)] });
      await waitUntil(() => harness.tooltip && !harness.tooltip.hidden, 'the tooltip shows');
      expect(harness.tooltip!.getRootNode()).to.equal(element.shadowRoot);
      await sendMouse({ type: 'move', position: [0, 0] });
      expect(document.head.childNodes.length).to.equal(head);
      expect(document.body.childNodes.length).to.equal(body);
      expect(document.adoptedStyleSheets.length).to.equal(sheets);
      expect(document.styleSheets.length).to.equal(styleSheets);

      expect(data.subscriberCount).to.equal(1);
      const view = harness.chart!;
      element.remove();
      await waitUntil(() => data.subscriberCount === 0, 'unsubscribed');
      expect(view.childElementCount, 'the chart finalized').to.equal(0);
      expect(element.selection).to.equal(undefined);
    });
  });
});
