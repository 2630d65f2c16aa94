import type { DrilldownQuery, DrilldownResult, Engine } from '@crm-lens/engine';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../lens-data.js';
import '../lens-drilldown.js';
import type { LensData } from '../data/data.js';
import { badRows, engineOn, mount, syntheticRows, waitForStatus } from '../testing/fixtures.js';
import { DARK_TOKENS, LIGHT_TOKENS } from '../themes/tokens.js';
import type { LensDimensionSelectEvent, LensDrillEvent } from './drill-events.js';
import { DrilldownHarness } from './drilldown.harness.js';
import type { LensDrilldown } from './drilldown.js';
import { type DrillLevel, periodStart, timeLabel } from './drilldown-model.js';

/** Seeded synthetic orders (generateDataset of @crm-lens/testing: regions, categories, channels) of 300 customers. */
const ROWS = syntheticRows(300, 11);

const engines: Engine[] = [];

async function setup(
  rows: Record<string, unknown>[] = ROWS,
  widget = html`<lens-drilldown></lens-drilldown>`,
) {
  const engine = await engineOn('in-thread');
  engines.push(engine);
  const data = await mount<LensData>(
    html`<lens-data .engine=${engine} .transactions=${rows}>${widget}</lens-data>`,
  );
  const element = data.querySelector('lens-drilldown') as LensDrilldown;
  return { data, engine, element, harness: new DrilldownHarness(element) };
}

/** Setup, waiting until the bars and the breakdown are shown. */
async function ready(widget?: ReturnType<typeof html>) {
  const context = await setup(ROWS, widget);
  await waitForStatus(context.data);
  await shown(context.element, context.harness);
  return context;
}

/** Wait until the bars and breakdown of the element's current query are shown. */
async function shown(element: LensDrilldown, harness: DrilldownHarness) {
  await waitUntil(() => element.bars && element.breakdown && harness.shown, 'the drill-down shows', {
    timeout: 10_000,
    interval: 20,
  });
  await element.updateComplete;
}

/** The engine's own drill-down for the element's data (a call independent of the element). */
function direct(data: LensData, engine: Engine, query: DrilldownQuery): Promise<DrilldownResult> {
  return engine.drilldown(data.datasetHandle!, data.dataState.request, query);
}

const money = (locale: string, v: number) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(v);
const int = (locale: string, v: number) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(v);
const pct = (locale: string, v: number) =>
  new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(v);

/** Group indices ranked by a column, descending (ties in engine order). */
function ranked(column: ArrayLike<number>): number[] {
  return Array.from({ length: column.length }, (_, g) => g).sort(
    (a, b) => (column[b] as number) - (column[a] as number) || a - b,
  );
}

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

describe('<lens-drilldown>', () => {
  describe('states', () => {
    it('shows loading with progress, then the bars and the breakdown', async () => {
      const { data, element, harness } = await setup(syntheticRows(2000, 3));
      expect(harness.state).to.equal('loading');
      expect(harness.progressbar?.getAttribute('aria-valuetext')).to.be.a('string').and.not.equal('');
      await waitForStatus(data);
      await shown(element, harness);
      expect(harness.state).to.equal(undefined);
      expect(harness.barElements.length).to.be.greaterThan(0);
    });

    it('shows the idle state without a data source', async () => {
      const element = await mount<LensDrilldown>(html`<lens-drilldown></lens-drilldown>`);
      expect(new DrilldownHarness(element).state).to.equal('idle');
      await expect(element).to.be.accessible();
    });

    it('shows the empty state for no transactions, and for a selection without sales', async () => {
      const { data, element, harness } = await setup([]);
      await waitForStatus(data, 'empty');
      await element.updateComplete;
      expect(harness.state).to.equal('empty');

      const other = await ready();
      other.element.filter = { region: 'Nowhere' };
      await waitUntil(() => other.element.bars?.length === 0, 'empty result');
      await other.element.updateComplete;
      expect(other.harness.state).to.equal('empty');
      expect(other.harness.headline).to.equal('No sales in this selection');
      expect(other.harness.crumbs).to.deep.equal(['All time']);
      await expect(other.element).to.be.accessible();
    });

    it('shows the error state with the data-quality summary', async () => {
      const { data, element, harness } = await setup(badRows(40));
      await waitForStatus(data, 'error');
      await element.updateComplete;
      expect(harness.state).to.equal('error');
      expect(harness.rejectionCodes).to.deep.equal(['invalid-date']);
      await expect(element).to.be.accessible();
    });
  });

  describe('ready', () => {
    it('is accessible, and its bars and breakdown equal engine.drilldown on the same query', async () => {
      const { data, engine, element, harness } = await ready();
      expect(element.barsQuery).to.deep.equal({ by: ['year'], filter: {}, models: true });
      const years = await direct(data, engine, { by: ['year'], filter: {}, models: true });
      expect(years.length).to.be.greaterThan(1);
      const high = Math.max(...years.revenue);
      expect(harness.bars).to.deep.equal(
        years.keys[0]!.labels.map((label, g) => ({
          label,
          name: label,
          value: money('en', years.revenue[g]!),
          width: Number(((Math.abs(years.revenue[g]!) / high) * 100).toFixed(2)),
        })),
      );
      expect(harness.listbox!.getAttribute('role')).to.equal('listbox');
      expect(harness.barElements.filter((b) => b.tabIndex === 0)).to.have.length(1);
      expect(harness.total).to.equal(
        `All time: ${money('en', years.total.revenue)} revenue, ${int('en', years.total.orders)} orders, ${int('en', years.total.customers)} customers`,
      );

      // The breakdown: regions of the seeded data, ranked by revenue, with their share of the total.
      const regions = await direct(data, engine, { by: ['region'], filter: {}, models: true });
      expect(regions.keys[0]!.labels.length).to.be.greaterThan(1);
      expect(regions.keys[0]!.labels).to.not.include('(none)');
      expect(harness.columns).to.deep.equal(['Rank', 'Region', 'Revenue', 'Share']);
      expect(harness.caption).to.equal('Region · Revenue · All time');
      expect(harness.rows).to.deep.equal(
        ranked(regions.revenue)
          .slice(0, 10)
          .map((g) => ({
            value: regions.keys[0]!.labels[g]!,
            name: regions.keys[0]!.labels[g]!,
            figure: money('en', regions.revenue[g]!),
            share: pct('en', regions.revenue[g]! / regions.total.revenue),
          })),
      );
      // The figures table: every measure per year.
      const table = harness.figuresTable;
      expect(table[0]).to.deep.equal([
        'Year',
        'Revenue',
        'Orders',
        'Customers',
        'Customer lifetime value',
        'Value at risk',
        'Mean churn risk',
      ]);
      expect(table[1]).to.deep.equal([
        years.keys[0]!.labels[0]!,
        money('en', years.revenue[0]!),
        int('en', years.orders[0]!),
        int('en', years.customers[0]!),
        money('en', years.clv![0]!),
        money('en', years.valueAtRisk![0]!),
        pct('en', years.meanChurnRisk![0]!),
      ]);
      await expect(element).to.be.accessible();
    });

    it('drills by click: lens-drill, change, level, filter, breadcrumbs, and the engine’s quarters', async () => {
      const { data, engine, element, harness } = await ready();
      const year = harness.bars[0]!.label;
      const drilled = oneEvent(element, 'lens-drill') as Promise<LensDrillEvent>;
      const change = oneEvent(element, 'change');
      harness.bar(year).click();
      const event = await drilled;
      await change;
      expect(event.detail).to.deep.equal({
        level: 'quarter',
        filter: { year },
        period: { level: 'year', label: year, start: Date.UTC(Number(year), 0, 1) },
      });
      expect(event.bubbles && event.composed).to.equal(true);
      expect(element.getAttribute('level')).to.equal('quarter');
      expect(element.filter).to.deep.equal({ year });
      await shown(element, harness);

      const quarters = await direct(data, engine, { by: ['quarter'], filter: { year }, models: true });
      expect(harness.bars.map((b) => b.label)).to.deep.equal(quarters.keys[0]!.labels);
      expect(harness.bars.map((b) => b.value)).to.deep.equal(
        [...quarters.revenue].map((v) => money('en', v)),
      );
      const [, q] = /-Q(\d)$/.exec(quarters.keys[0]!.labels[0]!)!;
      expect(harness.bars[0]!.name).to.equal(`Q${q} ${year}`);
      expect(harness.crumbs).to.deep.equal(['All time', year]);
      expect(harness.total).to.match(
        new RegExp(`^${year}: ${money('en', quarters.total.revenue).replace('$', '\\$')}`),
      );

      // The breakdown follows the time selection.
      const regions = await direct(data, engine, { by: ['region'], filter: { year }, models: true });
      expect(harness.rows.map((r) => r.figure)).to.deep.equal(
        ranked(regions.revenue)
          .slice(0, 10)
          .map((g) => money('en', regions.revenue[g]!)),
      );
      expect(harness.caption).to.equal(`Region · Revenue · ${year}`);

      // Back up with the breadcrumbs.
      const back = oneEvent(element, 'lens-drill') as Promise<LensDrillEvent>;
      harness.crumbButtons[0]!.click();
      expect((await back).detail).to.deep.equal({ level: 'year', filter: {}, period: null });
      await shown(element, harness);
      expect(element.level).to.equal('year');
      expect(harness.crumbs).to.deep.equal(['All time']);
      await expect(element).to.be.accessible();
    });

    it('drills by keyboard down to days and back up, with the engine’s periods at every level', async () => {
      const { data, engine, element, harness } = await ready();
      const events: LensDrillEvent[] = [];
      element.addEventListener('lens-drill', (e) => events.push(e));
      // Tab stop: the active bar; ↓ moves, Enter drills into the focused period.
      harness.barElements[0]!.focus();
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      const second = harness.bars[1]!.label;
      expect(harness.focused).to.equal(harness.bar(second));
      expect(harness.bar(second).getAttribute('aria-selected')).to.equal('true');
      await sendKeys({ press: 'Enter' });
      await shown(element, harness);
      expect(events.at(-1)!.detail.period?.label).to.equal(second);
      expect(element.level).to.equal('quarter');

      const path: Record<string, string> = { year: second };
      for (const level of ['quarter', 'month', 'week', 'day'] as DrillLevel[]) {
        expect(element.level).to.equal(level);
        const result = await direct(data, engine, { by: [level], filter: path, models: true });
        expect(harness.bars.map((b) => b.label)).to.deep.equal(result.keys[0]!.labels);
        // Every period's start is the engine's (ISO weeks start on Monday).
        result.keys[0]!.labels.forEach((label, g) => {
          expect(periodStart(level, label), label).to.equal(result.keys[0]!.start![g]);
        });
        await waitUntil(() => harness.focused?.getAttribute('role') === 'option', 'focus on a bar');
        await sendKeys({ press: 'End' });
        await element.updateComplete;
        const last = harness.bars.at(-1)!.label;
        expect(harness.focused).to.equal(harness.bar(last));
        if (level === 'day') break;
        await sendKeys({ press: 'Enter' });
        await shown(element, harness);
        path[level] = last;
        expect(events.at(-1)!.detail).to.deep.equal({
          level: ['quarter', 'month', 'week', 'day', 'day'][
            ['quarter', 'month', 'week', 'day'].indexOf(level) + 1
          ],
          filter: { ...path },
          period: { level, label: last, start: periodStart(level, last) },
        });
      }
      // Days are the finest level: Enter does nothing.
      const count = events.length;
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(events.length).to.equal(count);
      expect(harness.crumbs.length).to.equal(5);

      // Backspace goes up one level and focuses the period it came from.
      const week = path.week!;
      await sendKeys({ press: 'Backspace' });
      await shown(element, harness);
      expect(events.at(-1)!.detail).to.deep.equal({
        level: 'week',
        filter: { year: path.year, quarter: path.quarter, month: path.month },
        period: { level: 'month', label: path.month, start: periodStart('month', path.month!) },
      });
      await waitUntil(() => harness.focused === harness.bar(week), 'focus back on the week');
      await expect(element).to.be.accessible();
    });

    it('switches the measure: the bars and the ranking follow, no refetch', async () => {
      const { data, engine, element, harness } = await ready();
      const years = await direct(data, engine, element.barsQuery);
      const regions = await direct(data, engine, element.breakdownQuery);
      const bars = element.bars;
      const change = oneEvent(element, 'change');
      await harness.choose(harness.measureSelect, 'customers');
      await change;
      expect(element.getAttribute('measure')).to.equal('customers');
      expect(element.bars).to.equal(bars);
      expect(harness.bars.map((b) => b.value)).to.deep.equal([...years.customers].map((v) => int('en', v)));
      expect(harness.rows.map((r) => r.value)).to.deep.equal(
        ranked(regions.customers)
          .slice(0, 10)
          .map((g) => regions.keys[0]!.labels[g]!),
      );

      element.measure = 'meanChurnRisk';
      await element.updateComplete;
      expect(harness.bars.map((b) => b.value)).to.deep.equal(
        [...years.meanChurnRisk!].map((v) => pct('en', v)),
      );
      expect(harness.columns).to.deep.equal(['Rank', 'Region', 'Mean churn risk']);

      element.measure = 'clv';
      await element.updateComplete;
      expect(harness.bars.map((b) => b.value)).to.deep.equal([...years.clv!].map((v) => money('en', v)));
      expect(harness.rows[0]!.figure).to.equal(money('en', Math.max(...regions.clv!)));
    });

    it('activates breakdown rows by click and keyboard: lens-dimension-select, then change', async () => {
      const { element, harness } = await ready();
      const [first, second] = harness.rows;
      const selected = oneEvent(element, 'lens-dimension-select') as Promise<LensDimensionSelectEvent>;
      const change = oneEvent(element, 'change');
      harness.rowButton(first!.value).click();
      expect((await selected).detail).to.deep.equal({
        dimension: 'region',
        value: first!.value,
        label: first!.name,
      });
      await change;
      expect(harness.selection).to.equal(`Selected: ${first!.name}`);
      expect(harness.rowButton(first!.value).getAttribute('aria-pressed')).to.equal('true');

      harness.rowButton(first!.value).focus();
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      expect(harness.focused).to.equal(harness.rowButton(second!.value));
      const next = oneEvent(element, 'lens-dimension-select') as Promise<LensDimensionSelectEvent>;
      await sendKeys({ press: 'Enter' });
      expect((await next).detail.value).to.equal(second!.value);
    });

    it('breaks down by value tier with translated names, and by channel and category', async () => {
      const { data, engine, element, harness } = await ready(
        html`<lens-drilldown dimension="tier"></lens-drilldown>`,
      );
      const tiers = await direct(data, engine, { by: ['tier'], filter: {}, models: true });
      expect(harness.rows.map((r) => r.value)).to.deep.equal(
        ranked(tiers.revenue).map((g) => tiers.keys[0]!.labels[g]!),
      );
      expect(harness.rows.map((r) => r.name)).to.include('Platinum');
      expect(harness.columns[1]).to.equal('Value tier');

      const change = oneEvent(element, 'change');
      await harness.choose(harness.dimensionSelect, 'channel');
      await change;
      expect(element.getAttribute('dimension')).to.equal('channel');
      await shown(element, harness);
      const channels = await direct(data, engine, { by: ['channel'], filter: {}, models: true });
      expect(harness.rows.map((r) => r.value)).to.deep.equal(
        ranked(channels.revenue).map((g) => channels.keys[0]!.labels[g]!),
      );
      expect(channels.keys[0]!.labels).to.not.include('(none)');

      element.dimension = 'category';
      element.maxRows = 3;
      await waitUntil(() => element.breakdown?.by[0] === 'category', 'categories');
      await element.updateComplete;
      const categories = await direct(data, engine, { by: ['category'], filter: {}, models: true });
      expect(categories.length).to.be.greaterThan(3);
      expect(harness.rows).to.have.length(3);
      expect(harness.note).to.equal(`Top 3 of ${categories.length}.`);
    });

    it('says so when the data has no value for the breakdown’s key', async () => {
      const rows = ROWS.map(({ region: _, ...row }) => row);
      const { data, element, harness } = await setup(rows);
      await waitForStatus(data);
      await shown(element, harness);
      expect(harness.rows.map((r) => r.name)).to.deep.equal(['(none)']);
      expect(harness.text).to.contain('No row of this data has a value for Region.');
    });

    it('speaks zh-CN: period names, labels and numbers', async () => {
      const { data, engine, element, harness } = await ready();
      const year = harness.bars[0]!.label;
      harness.bar(year).click();
      await shown(element, harness);
      element.locale = 'zh-CN';
      await element.updateComplete;
      const quarters = await direct(data, engine, element.barsQuery);
      const [, q] = /-Q(\d)$/.exec(quarters.keys[0]!.labels[0]!)!;
      expect(harness.bars[0]!.name).to.equal(`${year}年第${q}季度`);
      expect(harness.bars[0]!.value).to.equal(money('zh-CN', quarters.revenue[0]!));
      expect(harness.crumbs).to.deep.equal(['全部时间', `${year}年`]);
      expect(harness.columns).to.deep.equal(['排名', '地区', '收入', '占比']);
      expect(harness.measureSelect!.options[0]!.textContent?.trim()).to.equal('收入');
      expect(harness.total).to.contain(`${int('zh-CN', quarters.total.customers)} 位客户`);
      // Weeks and months in words.
      element.filter = { year, quarter: quarters.keys[0]!.labels[0]! };
      element.level = 'week';
      await shown(element, harness);
      await waitUntil(() => element.bars?.by[0] === 'week', 'weeks');
      await element.updateComplete;
      const [, wy, w] = /^(\d{4})-W(\d{2})$/.exec(harness.bars[0]!.label)!;
      expect(harness.bars[0]!.name).to.equal(`${wy}年第${Number(w)}周`);
      expect(harness.crumbs.at(-1)).to.equal(`${year}年第${q}季度`);
      await expect(element).to.be.accessible();
    });

    it('takes its colours from the --lens-* tokens', async () => {
      const { data, element, harness } = await ready();
      const fill = harness.barElements[0]!.querySelector<HTMLElement>('[part~="bar-fill"]')!;
      expect(getComputedStyle(fill).backgroundColor).to.equal(computed(LIGHT_TOKENS['color-accent']));
      data.style.setProperty('--lens-color-accent', '#00aa55');
      expect(getComputedStyle(fill).backgroundColor).to.equal(computed('#00aa55'));
      data.style.removeProperty('--lens-color-accent');
      element.theme = 'dark';
      await element.updateComplete;
      expect(getComputedStyle(harness.base!).backgroundColor).to.equal(
        computed(DARK_TOKENS['color-background']),
      );
      expect(getComputedStyle(fill).backgroundColor).to.equal(computed(DARK_TOKENS['color-accent']));
      element.style.setProperty('--drilldown-bar-color', 'rgb(1, 2, 3)');
      expect(getComputedStyle(fill).backgroundColor).to.equal('rgb(1, 2, 3)');
      await expect(element).to.be.accessible();
    });

    it('is sized by its container: bars and breakdown side by side when wide, stacked when narrow', async () => {
      const { data, harness } = await ready();
      data.style.display = 'block';
      const top = (el: Element | null) => Math.round(el!.getBoundingClientRect().top);
      data.style.width = '1000px';
      expect(top(harness.listbox?.parentElement ?? null)).to.equal(
        top(harness.breakdownTable?.closest('.panel') ?? null),
      );
      data.style.width = '360px';
      expect(top(harness.breakdownTable)).to.be.greaterThan(
        harness.listbox!.getBoundingClientRect().bottom - 1,
      );
      expect(harness.base!.getBoundingClientRect().width).to.be.at.most(360);
    });

    it('reads codes in the filter as the engine does', () => {
      expect(timeLabel('quarter', 8045)).to.equal('2011-Q2');
      expect(timeLabel('month', 24134)).to.equal('2011-03');
      expect(timeLabel('week', 0)).to.equal('1970-W01');
      expect(timeLabel('day', 0)).to.equal('1970-01-01');
      expect(periodStart('week', '2010-W52')).to.equal(Date.UTC(2010, 11, 27));
      expect(periodStart('week', '2009-W53')).to.equal(Date.UTC(2009, 11, 28));
      expect(timeLabel('week', Math.round((Date.UTC(2010, 11, 27) / 86_400_000 + 3) / 7))).to.equal(
        '2010-W52',
      );
    });
  });

  describe('a good guest', () => {
    it('adds nothing to document.head or body, and lets go of everything when removed', async () => {
      const head = document.head.childNodes.length;
      const sheets = document.adoptedStyleSheets.length;
      const styleSheets = document.styleSheets.length;
      const { data, element, harness } = await ready();
      const body = document.body.childNodes.length;
      harness.bar(harness.bars[0]!.label).click();
      await shown(element, harness);
      expect(document.head.childNodes.length).to.equal(head);
      expect(document.body.childNodes.length).to.equal(body);
      expect(document.adoptedStyleSheets.length).to.equal(sheets);
      expect(document.styleSheets.length).to.equal(styleSheets);
      // No style attribute written as markup: bar widths go through the CSSOM only.
      expect(data.subscriberCount).to.equal(1);
      // Removed while a call is pending: it is aborted, and nothing is left behind.
      element.measure = 'orders';
      element.dimension = 'channel';
      element.remove();
      await waitUntil(() => data.subscriberCount === 0, 'unsubscribed');
      expect(document.head.childNodes.length).to.equal(head);
      // Put back, it subscribes again and shows its level.
      data.append(element);
      await waitUntil(() => data.subscriberCount === 1, 'back', { timeout: 10_000 });
      await shown(element, harness);
      expect(element.bars?.by).to.deep.equal(['quarter']);
      expect(element.breakdown?.by).to.deep.equal(['channel']);
    });
  });
});
