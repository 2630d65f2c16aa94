import { SEGMENTS_SCATTER_DATASET } from '@crm-lens/charts';
import type { Engine, SegmentsQuery, SegmentsResult } from '@crm-lens/engine';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../lens-data.js';
import '../lens-segments.js';
import type { LensData } from '../data/data.js';
import { badRows, engineOn, mount, syntheticRows, waitForStatus } from '../testing/fixtures.js';
import { DARK_TOKENS, LIGHT_TOKENS } from '../themes/tokens.js';
import { SegmentsHarness } from './segments.harness.js';
import type { LensSegmentSelectEvent, LensSegments } from './segments.js';

/** Seeded synthetic orders (generateDataset of @crm-lens/testing) of 300 customers. */
const ROWS = syntheticRows(300, 11);

const engines: Engine[] = [];

async function setup(
  rows: Record<string, unknown>[] = ROWS,
  widget: TemplateResult = html`<lens-segments k="3" seed="5"></lens-segments>`,
) {
  const engine = await engineOn('in-thread');
  engines.push(engine);
  const data = await mount<LensData>(
    html`<lens-data .engine=${engine} .transactions=${rows}>${widget}</lens-data>`,
  );
  const element = data.querySelector('lens-segments') as LensSegments;
  return { data, engine, element, harness: new SegmentsHarness(element) };
}

/** Setup, waiting until the cards are shown. */
async function ready(rows?: Record<string, unknown>[], widget?: TemplateResult) {
  const context = await setup(rows, widget);
  await waitForStatus(context.data);
  await waitUntil(() => context.harness.shown, 'the cards show', { timeout: 15_000, interval: 20 });
  return context;
}

/** The engine's own segments for the element's data (a call independent of the element). */
function direct(data: LensData, engine: Engine, query: SegmentsQuery): Promise<SegmentsResult> {
  return engine.segments(data.datasetHandle!, data.dataState.request, { points: 5000, ...query });
}

/** The ids of one segment's customers, straight from the engine. */
async function idsOf(data: LensData, engine: Engine, result: SegmentsResult, segment: number) {
  const index = Int32Array.from([...result.labels.keys()].filter((c) => result.labels[c] === segment));
  return (await engine.customers(data.datasetHandle!, data.dataState.request, [], index)).ids;
}

const nf = (locale: string, options: Intl.NumberFormatOptions = {}) => new Intl.NumberFormat(locale, options);
const pct1 = (locale: string, v: number) =>
  nf(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
const num = (locale: string, v: number) => nf(locale, { maximumFractionDigits: 2 }).format(v);
const money = (locale: string, v: number) => nf(locale, { style: 'currency', currency: 'USD' }).format(v);

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

describe('<lens-segments>', () => {
  describe('states', () => {
    it('shows loading with progress, then the cards', async () => {
      const { data, element, harness } = await setup(syntheticRows(2000, 3));
      expect(harness.state).to.equal('loading');
      expect(harness.progressbar?.getAttribute('aria-valuetext')).to.be.a('string').and.not.equal('');
      await waitForStatus(data);
      await element.updateComplete;
      await waitUntil(() => harness.shown, 'the cards show', { timeout: 15_000, interval: 20 });
      expect(harness.state).to.equal(undefined);
      expect(harness.cardElements).to.have.length(3);
    });

    it('shows the idle state without a data source', async () => {
      const element = await mount<LensSegments>(html`<lens-segments></lens-segments>`);
      expect(new SegmentsHarness(element).state).to.equal('idle');
      await expect(element).to.be.accessible();
    });

    it('shows the empty state for no transactions', async () => {
      const { data, element, harness } = await setup([]);
      await waitForStatus(data, 'empty');
      await element.updateComplete;
      expect(harness.state).to.equal('empty');
    });

    it('shows the error state with the rejected rows', async () => {
      const { data, element, harness } = await setup(badRows(10));
      await waitForStatus(data, 'error');
      await element.updateComplete;
      expect(harness.state).to.equal('error');
      expect(harness.rejectionCodes).to.deep.equal(['invalid-date']);
      await expect(element).to.be.accessible();
    });

    it('shows the engine’s error for a k larger than the customers', async () => {
      const { data, element, harness } = await setup(
        syntheticRows(20, 2),
        html`<lens-segments k="40"></lens-segments>`,
      );
      await waitForStatus(data);
      await waitUntil(() => harness.state === 'error', 'error state', { timeout: 10_000 });
      expect(harness.headline + harness.message).to.not.equal('');
      await expect(element).to.be.accessible();
    });
  });

  describe('ready', () => {
    it('shows the engine’s profiles: names, sizes, value shares, medians, tier mix', async () => {
      const { data, engine, element, harness } = await ready(
        undefined,
        html`<lens-segments k="3" seed="5" value="clv"></lens-segments>`,
      );
      const seg = await direct(data, engine, { k: 3, seed: 5, value: 'clv' });
      expect(seg.profiles).to.have.length(3);
      expect(element.segments?.profiles).to.deep.equal(seg.profiles);
      const cards = harness.cards;
      expect(cards.map((c) => c.segment)).to.deep.equal(seg.profiles.map((p) => p.segment));
      seg.profiles.forEach((p, i) => {
        const card = cards[i]!;
        expect(card.name).to.equal(p.name);
        const count = `${nf('en').format(p.customers)} customer${p.customers === 1 ? '' : 's'}`;
        expect(card.customers).to.equal(`${count} · ${pct1('en', p.customerShare)}`);
        expect(card.value).to.equal(`${pct1('en', p.valueShare)} of CLV`);
        expect(card.recency).to.equal(`${num('en', p.medianRecencyDays)} days`);
        expect(card.frequency).to.equal(num('en', p.medianFrequency));
        expect(card.monetary).to.equal(money('en', p.medianMonetary));
        const widths = harness.tierMixWidths(i);
        for (const t of p.tierMix) {
          if (t.customers > 0) expect(widths[t.tier]).to.be.closeTo(t.share * 100, 1);
          else expect(widths[t.tier]).to.equal(undefined);
        }
      });
      const sum = seg.profiles.reduce((s, p) => s + p.customers, 0);
      expect(harness.summary).to.contain(`3 segments of ${nf('en').format(sum)} customers`);
      expect(harness.sample).to.equal(
        `Showing ${nf('en').format(seg.points.segment.length)} of ${nf('en').format(seg.clustered)} customers`,
      );
      // The table alternative: the medians per segment.
      expect(harness.tableRows).to.deep.equal(
        seg.profiles.map((p) => [
          p.name,
          nf('en').format(p.customers),
          pct1('en', p.customerShare),
          pct1('en', p.valueShare),
          num('en', p.medianRecencyDays),
          num('en', p.medianFrequency),
          money('en', p.medianMonetary),
        ]),
      );
      await expect(element).to.be.accessible();
    });

    it('chooses k by silhouette with k="auto" (default), as the engine does', async () => {
      const { data, engine, element, harness } = await ready(
        undefined,
        html`<lens-segments></lens-segments>`,
      );
      const seg = await direct(data, engine, { k: 'auto', seed: 1 });
      expect(element.segments?.k).to.equal(seg.k);
      expect(harness.cards.map((c) => c.name)).to.deep.equal(seg.profiles.map((p) => p.name));
      // Another seed and k: a new engine call, the same as the engine's.
      element.setAttribute('k', '4');
      element.seed = 9;
      const four = await direct(data, engine, { k: 4, seed: 9 });
      await waitUntil(() => element.segments?.k === 4 && harness.cardElements.length === 4, 'k = 4');
      expect(harness.cards.map((c) => c.name)).to.deep.equal(four.profiles.map((p) => p.name));
    });

    it('draws the sample in the scatter, and follows the axis selects', async () => {
      const { data, engine, element, harness } = await ready();
      const seg = await direct(data, engine, { k: 3, seed: 5 });
      await element.scatter.updateComplete;
      const rows = () => element.scatter.view!.data(SEGMENTS_SCATTER_DATASET) as Record<string, unknown>[];
      await waitUntil(() => element.scatter.view !== undefined, 'drawn', { timeout: 10_000 });
      await element.scatter.updateComplete;
      expect(rows()).to.have.length(seg.points.segment.length);
      expect(rows().map((r) => r.x)).to.deep.equal([...seg.points.recencyDays]);
      expect(rows().map((r) => r.y)).to.deep.equal([...seg.points.monetary]);
      expect(rows().map((r) => r.segment)).to.deep.equal([...seg.points.segment]);
      harness.chooseAxis('y', 'frequency');
      await element.updateComplete;
      await element.scatter.updateComplete;
      expect(element.y).to.equal('frequency');
      expect(element.getAttribute('y')).to.equal('frequency');
      expect(rows().map((r) => r.y)).to.deep.equal([...seg.points.frequency]);
      expect(harness.chartContainer?.querySelector('canvas')).to.exist;
    });
  });

  describe('selection', () => {
    it('by click: lens-segment-select with the segment’s customer ids, change, and the scatter highlights it', async () => {
      const { data, engine, element, harness } = await ready();
      const seg = element.segments!;
      const selected = oneEvent(element, 'lens-segment-select') as Promise<LensSegmentSelectEvent>;
      const change = oneEvent(element, 'change');
      harness.card(1).click();
      const event = await selected;
      await change;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.segment).to.equal(1);
      expect(event.detail.name).to.equal(seg.profiles[1]!.name);
      expect(event.detail.customers).to.deep.equal(await idsOf(data, engine, seg, 1));
      expect(event.detail.customers).to.have.length(seg.profiles[1]!.customers);
      expect(element.segment).to.equal(1);
      expect(element.getAttribute('segment')).to.equal('1');
      expect(harness.cards.map((c) => c.selected)).to.deep.equal([false, true, false]);
      await element.scatter.updateComplete;
      const rows = element.scatter.view!.data(SEGMENTS_SCATTER_DATASET) as Record<string, unknown>[];
      for (const r of rows) expect(r.selected).to.equal(r.segment === 1);
      // Clicking it again clears the selection.
      const cleared = oneEvent(element, 'lens-segment-select') as Promise<LensSegmentSelectEvent>;
      harness.card(1).click();
      expect((await cleared).detail).to.deep.equal({ segment: null, name: null, customers: [] });
      expect(element.segment).to.equal(undefined);
    });

    it('by keyboard: the cards are a listbox (arrows, Home/End, Enter, Escape)', async () => {
      const { element, harness } = await ready();
      expect(harness.listbox?.getAttribute('role')).to.equal('listbox');
      expect(harness.cardElements.every((c) => c.getAttribute('role') === 'option')).to.equal(true);
      harness.card(0).focus();
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      expect(harness.root.activeElement).to.equal(harness.card(1));
      await sendKeys({ press: 'End' });
      await element.updateComplete;
      expect(harness.root.activeElement).to.equal(harness.card(2));
      await sendKeys({ press: 'Home' });
      await element.updateComplete;
      await sendKeys({ press: 'ArrowRight' });
      await element.updateComplete;
      const selected = oneEvent(element, 'lens-segment-select') as Promise<LensSegmentSelectEvent>;
      await sendKeys({ press: 'Enter' });
      expect((await selected).detail.segment).to.equal(1);
      expect(harness.card(1).getAttribute('aria-selected')).to.equal('true');
      const cleared = oneEvent(element, 'lens-segment-select') as Promise<LensSegmentSelectEvent>;
      await sendKeys({ press: 'Escape' });
      expect((await cleared).detail.segment).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('set by the page: no event', async () => {
      const { element, harness } = await ready();
      let fired = false;
      element.addEventListener('lens-segment-select', () => {
        fired = true;
      });
      element.setAttribute('segment', '2');
      await element.updateComplete;
      expect(harness.cards[2]!.selected).to.equal(true);
      expect(fired).to.equal(false);
    });
  });

  it('speaks zh-CN: names from the trait codes, numbers in the locale', async () => {
    const { element, harness } = await ready();
    const seg = element.segments!;
    element.locale = 'zh-CN';
    await element.updateComplete;
    const words = {
      recent: '近期活跃',
      lapsed: '沉睡',
      frequent: '高频',
      occasional: '低频',
      'one-time': '单次购买',
      high: '高消费客户',
      low: '客户',
    } as const;
    seg.profiles.forEach((p, i) => {
      const card = harness.cards[i]!;
      const numbered = / \((\d+)\)$/.exec(p.name)?.[1];
      const base =
        p.traits.frequency === 'none'
          ? `${words[p.traits.recency]}、窗口内无购买的客户`
          : `${words[p.traits.recency]}${words[p.traits.frequency]}${words[p.traits.spend]}`;
      expect(card.name).to.equal(numbered ? `${base}（${numbered}）` : base);
      expect(card.customers).to.equal(`${p.customers} 位客户 · ${pct1('zh-CN', p.customerShare)}`);
      expect(card.value).to.equal(`占收入 ${pct1('zh-CN', p.valueShare)}`);
      expect(card.recency).to.equal(`${num('zh-CN', p.medianRecencyDays)} 天`);
    });
    expect(harness.axisSelect('x').selectedOptions[0]?.textContent?.trim()).to.equal('最近购买（天）');
    expect(harness.tableRows[0]![0]).to.equal(harness.cards[0]!.name);
    await expect(element).to.be.accessible();
  });

  it('takes its colours from the --lens-* tokens', async () => {
    const { data, element, harness } = await ready();
    const swatch = (i: number) => harness.card(i).querySelector<HTMLElement>('[part~="swatch"]')!;
    expect(getComputedStyle(swatch(0)).backgroundColor).to.equal(computed(LIGHT_TOKENS['series-1']));
    expect(getComputedStyle(swatch(2)).backgroundColor).to.equal(computed(LIGHT_TOKENS['series-3']));
    const gold = harness.card(0).querySelector<HTMLElement>('[data-tier]');
    if (gold) {
      const tier = gold.dataset.tier as 'platinum' | 'gold' | 'iron' | 'lead';
      expect(getComputedStyle(gold).backgroundColor).to.equal(computed(LIGHT_TOKENS[`tier-${tier}`]));
    }
    data.style.setProperty('--lens-series-1', '#00aa55');
    expect(getComputedStyle(swatch(0)).backgroundColor).to.equal(computed('#00aa55'));
    data.style.removeProperty('--lens-series-1');
    data.theme = 'dark';
    await element.updateComplete;
    expect(getComputedStyle(harness.base!).backgroundColor).to.equal(
      computed(DARK_TOKENS['color-background']),
    );
    expect(getComputedStyle(swatch(0)).backgroundColor).to.equal(computed(DARK_TOKENS['series-1']));
    await expect(element).to.be.accessible();
  });

  it('is sized by its container: cards beside the scatter when wide, stacked when narrow', async () => {
    const { data, harness } = await ready();
    data.style.display = 'block';
    data.style.width = '1100px';
    const cards = harness.listbox!;
    const chart = harness.chartContainer!;
    expect(Math.round(chart.getBoundingClientRect().top)).to.be.below(
      Math.round(cards.getBoundingClientRect().bottom),
    );
    data.style.width = '360px';
    expect(Math.round(chart.getBoundingClientRect().top)).to.be.at.least(
      Math.round(cards.getBoundingClientRect().bottom),
    );
    expect(harness.base!.getBoundingClientRect().width).to.be.at.most(360);
  });

  it('is a good guest: adds nothing to document.head or body, and lets go when removed', async () => {
    const head = document.head.childNodes.length;
    const sheets = document.adoptedStyleSheets.length;
    const styleSheets = document.styleSheets.length;
    const { data, element, harness } = await ready();
    const body = document.body.childNodes.length;
    harness.card(0).click();
    await oneEvent(element, 'lens-segment-select');
    await element.scatter.updateComplete;
    expect(document.head.childNodes.length).to.equal(head);
    expect(document.body.childNodes.length).to.equal(body);
    expect(document.adoptedStyleSheets.length).to.equal(sheets);
    expect(document.styleSheets.length).to.equal(styleSheets);
    expect(data.subscriberCount).to.equal(1);
    element.remove();
    await waitUntil(() => data.subscriberCount === 0, 'unsubscribed');
    expect(element.scatter.view).to.equal(undefined);
    expect(document.head.childNodes.length).to.equal(head);
    // Put back: it subscribes again and shows the same segments.
    data.append(element);
    await waitUntil(() => data.subscriberCount === 1 && harness.cardElements.length === 3, 'back', {
      timeout: 10_000,
    });
    expect(harness.cards[0]!.selected).to.equal(true);
  });
});
