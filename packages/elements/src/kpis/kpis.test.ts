import type { Engine, KpisResult, PeriodWire } from '@crm-lens/engine';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../lens-data.js';
import '../lens-kpis.js';
import type { LensData } from '../data/data.js';
import { badRows, engineOn, mount, syntheticRows, waitForStatus } from '../testing/fixtures.js';
import { DARK_TOKENS, LIGHT_TOKENS } from '../themes/tokens.js';
import { KpisHarness } from './kpis.harness.js';
import type { LensKpis, LensPeriodChangeEvent } from './kpis.js';

/** Seeded synthetic orders (generateDataset of @crm-lens/testing) of 300 customers. */
const ROWS = syntheticRows(300, 11);

const engines: Engine[] = [];

async function setup(rows: Record<string, unknown>[] = ROWS, attributes = html`<lens-kpis></lens-kpis>`) {
  const engine = await engineOn('in-thread');
  engines.push(engine);
  const data = await mount<LensData>(
    html`<lens-data .engine=${engine} .transactions=${rows}>${attributes}</lens-data>`,
  );
  const element = data.querySelector('lens-kpis') as LensKpis;
  return { data, engine, element, harness: new KpisHarness(element) };
}

/** Setup, waiting until the figures are shown. */
async function ready(rows?: Record<string, unknown>[]) {
  const context = await setup(rows);
  await waitForStatus(context.data);
  await waitUntil(() => context.harness.shown, 'the figures show', { timeout: 10_000, interval: 20 });
  return context;
}

/** The engine's own indicators for the element's data (a call independent of the element). */
function direct(data: LensData, engine: Engine, period: PeriodWire = 'month'): Promise<KpisResult> {
  const asOf = data.dataState.request.asOf;
  return engine.kpis(data.datasetHandle!, { period, ...(asOf === undefined ? {} : { asOf }) });
}

const pct = (locale: string, v: number) =>
  new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(v);
const dec = (locale: string, v: number) =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
const int = (v: number) => new Intl.NumberFormat('en').format(v);

/** A CSS colour as the browser computes it, to compare colours written differently. */
function computed(color: string): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

/** The latest period with a retention rate, leaving out a partial last one (as the element should). */
function latestComplete(k: KpisResult): number {
  for (let p = k.series.length - (k.partialLastPeriod ? 2 : 1); p >= 1; p--) {
    if (Number.isFinite(k.series.retentionRate[p])) return p;
  }
  return -1;
}

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.dispose();
});

describe('<lens-kpis>', () => {
  describe('states', () => {
    it('shows loading with progress, then the figures', async () => {
      const { data, element, harness } = await setup(syntheticRows(2000, 3));
      expect(harness.state).to.equal('loading');
      expect(harness.progressbar?.getAttribute('aria-valuetext')).to.be.a('string').and.not.equal('');
      await waitForStatus(data);
      await element.updateComplete;
      // Scored; the strip's own `kpis` call shows the same loading look until it answers.
      await waitUntil(() => harness.shown, 'the figures show', { timeout: 10_000, interval: 20 });
      expect(harness.state).to.equal(undefined);
      expect(harness.figureElements).to.have.length(3);
    });

    it('shows the idle state without a data source', async () => {
      const element = await mount<LensKpis>(html`<lens-kpis></lens-kpis>`);
      expect(new KpisHarness(element).state).to.equal('idle');
      await expect(element).to.be.accessible();
    });

    it('shows the empty state for no transactions', async () => {
      const { data, element, harness } = await setup([]);
      await waitForStatus(data, 'empty');
      await element.updateComplete;
      expect(harness.state).to.equal('empty');
    });

    it('shows the error state with the data-quality summary', async () => {
      const { data, element, harness } = await setup(badRows(40));
      await waitForStatus(data, 'error');
      await element.updateComplete;
      expect(harness.state).to.equal('error');
      expect(harness.qualityText).to.contain('0 rows accepted, 40 rejected');
      expect(harness.rejectionCodes).to.deep.equal(['invalid-date']);
      await expect(element).to.be.accessible();
    });
  });

  describe('ready', () => {
    it('is accessible, and shows the engine’s indicators as labelled figures', async () => {
      const { data, engine, element, harness } = await ready();
      const k = await direct(data, engine);
      expect(k.customers).to.equal(300);
      expect(element.indicators?.repeatPurchaseRate).to.equal(k.repeatPurchaseRate);

      expect(harness.figure('repeat-purchase-rate')).to.deep.equal({
        label: 'Repeat-purchase rate',
        value: pct('en', k.repeatPurchaseRate),
        detail: `${int(k.repeatCustomers)} of ${int(k.customers)} customers ordered more than once`,
      });
      const latest = latestComplete(k);
      expect(latest).to.be.greaterThan(0);
      const start = new Date(k.series.start[latest]!);
      const name = new Intl.DateTimeFormat('en', { timeZone: 'UTC', year: 'numeric', month: 'short' }).format(
        start,
      );
      expect(harness.figure('retention-rate')).to.deep.equal({
        label: 'Monthly retention rate',
        value: pct('en', k.retentionRate),
        detail: `Latest complete: ${name}, ${pct('en', k.series.retentionRate[latest]!)}`,
      });
      expect(harness.figure('days-between-orders')).to.deep.equal({
        label: 'Average days between orders',
        value: dec('en', k.averageDaysBetweenOrders),
        detail: `Median ${dec('en', k.medianDaysBetweenOrders)} days`,
      });
      // The trend: the latest 12 months' retention, in words for screen readers.
      const items = harness.trendItems;
      expect(items).to.have.length(Math.min(12, k.series.length - 1));
      const last = k.series.length - 1;
      const lastRate = k.series.retentionRate[last]!;
      expect(items.at(-1)).to.contain(Number.isFinite(lastRate) ? pct('en', lastRate) : '—');
      // Labelled figures: every value is a <dd> after its <dt>.
      for (const figure of harness.figureElements) {
        expect(figure.querySelector('dt')?.textContent?.trim()).to.not.equal('');
        expect(figure.querySelector('dd')).to.exist;
      }
      await expect(element).to.be.accessible();
    });

    it('switches the period: event, change, and the engine’s quarterly figures', async () => {
      const { data, engine, element, harness } = await ready();
      const quarter = await direct(data, engine, 'quarter');
      const changed = oneEvent(element, 'lens-period-change') as Promise<LensPeriodChangeEvent>;
      const change = oneEvent(element, 'change');
      await harness.choosePeriod('quarter');
      const event = await changed;
      await change;
      expect(event.detail).to.deep.equal({ period: 'quarter', previous: 'month' });
      expect(event.bubbles && event.composed).to.equal(true);
      expect(element.getAttribute('period')).to.equal('quarter');
      await waitUntil(() => harness.shown && element.indicators?.period === 'quarter', 'quarterly figures');
      expect(harness.figure('retention-rate').label).to.equal('Quarterly retention rate');
      expect(harness.figure('retention-rate').value).to.equal(pct('en', quarter.retentionRate));
      expect(harness.figure('repeat-purchase-rate').value).to.equal(pct('en', quarter.repeatPurchaseRate));

      // Set by the page: no event, the figures follow.
      let fired = false;
      element.addEventListener('lens-period-change', () => {
        fired = true;
      });
      element.setAttribute('period', 'year');
      const year = await direct(data, engine, 'year');
      await waitUntil(() => element.indicators?.period === 'year', 'yearly figures');
      await element.updateComplete;
      expect(harness.figure('retention-rate').value).to.equal(pct('en', year.retentionRate));
      expect(fired).to.equal(false);
    });

    it('is driven by keyboard: the period select', async () => {
      const { element, harness } = await ready();
      harness.periodSelect!.focus();
      expect(harness.focused).to.equal(harness.periodSelect);
      const changed = oneEvent(element, 'lens-period-change') as Promise<LensPeriodChangeEvent>;
      await sendKeys({ press: 'ArrowDown' });
      const event = await changed;
      expect(event.detail).to.deep.equal({ period: 'quarter', previous: 'month' });
      await waitUntil(() => element.indicators?.period === 'quarter', 'quarterly figures');
    });

    it('speaks zh-CN: labels and numbers', async () => {
      const { data, engine, element, harness } = await ready();
      const k = await direct(data, engine);
      element.locale = 'zh-CN';
      await element.updateComplete;
      expect(harness.periodOptions).to.deep.equal(['周', '月', '季度', '年']);
      expect(harness.figure('repeat-purchase-rate').label).to.equal('复购率');
      expect(harness.figure('repeat-purchase-rate').value).to.equal(pct('zh-CN', k.repeatPurchaseRate));
      expect(harness.figure('repeat-purchase-rate').detail).to.equal(
        `${k.customers} 位客户中有 ${k.repeatCustomers} 位多次下单`,
      );
      expect(harness.figure('retention-rate').label).to.equal('月度留存率');
      expect(harness.figure('retention-rate').detail).to.match(/^最近完整周期：\d{4}年\d{1,2}月，/);
      expect(harness.figure('days-between-orders').detail).to.equal(
        `中位数 ${dec('zh-CN', k.medianDaysBetweenOrders)} 天`,
      );
      await expect(element).to.be.accessible();
    });

    it('takes its colours from the --lens-* tokens', async () => {
      const { data, element, harness } = await ready();
      const bar = harness.trendBars.find((b) => b.getBoundingClientRect().height > 0)!;
      expect(getComputedStyle(bar).backgroundColor).to.equal(computed(LIGHT_TOKENS['color-accent']));
      data.style.setProperty('--lens-color-accent', '#00aa55');
      expect(getComputedStyle(bar).backgroundColor).to.equal(computed('#00aa55'));
      data.style.removeProperty('--lens-color-accent');
      element.theme = 'dark';
      await element.updateComplete;
      expect(getComputedStyle(harness.base!).backgroundColor).to.equal(
        computed(DARK_TOKENS['color-background']),
      );
      expect(getComputedStyle(bar).backgroundColor).to.equal(computed(DARK_TOKENS['color-accent']));
      element.style.setProperty('--kpis-trend-color', 'rgb(1, 2, 3)');
      expect(getComputedStyle(bar).backgroundColor).to.equal('rgb(1, 2, 3)');
      await expect(element).to.be.accessible();
    });

    it('is sized by its container: the figures wrap when narrow', async () => {
      const { data, harness } = await ready();
      data.style.display = 'block';
      data.style.width = '900px';
      const tops = () => harness.figureElements.map((el) => Math.round(el.getBoundingClientRect().top));
      expect(new Set(tops()).size, 'one row when wide').to.equal(1);
      data.style.width = '320px';
      expect(new Set(tops()).size, 'one figure per row when narrow').to.equal(3);
      expect(harness.base!.getBoundingClientRect().width).to.be.at.most(320);
    });
  });

  describe('a good guest', () => {
    it('adds nothing to document.head or body, and lets go of everything when removed', async () => {
      const head = document.head.childNodes.length;
      const sheets = document.adoptedStyleSheets.length;
      const styleSheets = document.styleSheets.length;
      const { data, element, harness } = await ready();
      const body = document.body.childNodes.length;
      await harness.choosePeriod('week');
      await waitUntil(() => element.indicators?.period === 'week', 'weekly figures');
      expect(document.head.childNodes.length).to.equal(head);
      expect(document.body.childNodes.length).to.equal(body);
      expect(document.adoptedStyleSheets.length).to.equal(sheets);
      expect(document.styleSheets.length).to.equal(styleSheets);

      expect(data.subscriberCount).to.equal(1);
      // Removed while a call is pending: it is aborted, and nothing is left behind.
      await harness.choosePeriod('year');
      element.remove();
      await waitUntil(() => data.subscriberCount === 0, 'unsubscribed');
      expect(document.head.childNodes.length).to.equal(head);
      // Put back, it subscribes again and shows the figures of its period.
      data.append(element);
      await waitUntil(() => data.subscriberCount === 1 && harness.shown, 'back', { timeout: 10_000 });
      expect(element.indicators?.period).to.equal('year');
    });
  });
});
