import type { CohortsResult, Engine, PeriodWire } from '@crm-lens/engine';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../lens-data.js';
import '../lens-cohort-retention.js';
import type { LensData } from '../data/data.js';
import type { LensPeriodChangeEvent } from '../kpis/period.js';
import { badRows, engineOn, mount, syntheticRows, waitForStatus } from '../testing/fixtures.js';
import { DARK_TOKENS, LIGHT_TOKENS } from '../themes/tokens.js';
import { CohortRetentionHarness } from './cohort-retention.harness.js';
import type { LensCohortRetention } from './cohort-retention.js';
import type { LensCohortSelectEvent } from './cohort-select.js';

/** Seeded synthetic orders (generateDataset of @crm-lens/testing) of 300 customers. */
const ROWS = syntheticRows(300, 11);

const engines: Engine[] = [];

async function setup(rows: Record<string, unknown>[] = ROWS) {
  const engine = await engineOn('in-thread');
  engines.push(engine);
  const data = await mount<LensData>(
    html`<lens-data .engine=${engine} .transactions=${rows}><lens-cohort-retention></lens-cohort-retention></lens-data>`,
  );
  const element = data.querySelector('lens-cohort-retention') as LensCohortRetention;
  return { data, engine, element, harness: new CohortRetentionHarness(element) };
}

async function ready(rows?: Record<string, unknown>[]) {
  const context = await setup(rows);
  await waitForStatus(context.data);
  await waitUntil(() => context.harness.shown, 'the matrix shows', { timeout: 10_000, interval: 20 });
  return context;
}

/** The engine's own cohorts for the element's data (a call independent of the element). */
function direct(data: LensData, engine: Engine, period: PeriodWire = 'month'): Promise<CohortsResult> {
  const asOf = data.dataState.request.asOf;
  return engine.cohorts(data.datasetHandle!, { period, ...(asOf === undefined ? {} : { asOf }) });
}

const pct = (locale: string, v: number) =>
  new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(v);

/** The non-empty cohorts of a result (what the grid shows, up to 24). */
const nonEmpty = (c: CohortsResult) => [...c.size.keys()].filter((i) => c.size[i]! > 0).slice(-24);

function computed(color: string): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

/** Every shown cell's text equals the engine's retention (blank when not observed). */
function expectCells(harness: CohortRetentionHarness, c: CohortsResult, locale = 'en') {
  const rows = nonEmpty(c);
  const shown = harness.cells;
  expect([...new Set(shown.map((cell) => cell.cohort))]).to.deep.equal(rows);
  const columns = Math.min(24, c.periods - rows[0]!);
  expect(shown).to.have.length(rows.length * columns);
  for (const cell of shown) {
    const value = c.retention[cell.cohort * c.periods + cell.since]!;
    expect(cell.value, `cell ${cell.cohort}, ${cell.since}`).to.equal(
      Number.isFinite(value) ? pct(locale, value) : '',
    );
  }
}

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.dispose();
});

describe('<lens-cohort-retention>', () => {
  describe('states', () => {
    it('shows loading with progress, then the matrix', async () => {
      const { data, harness } = await setup(syntheticRows(2000, 3));
      expect(harness.state).to.equal('loading');
      expect(harness.progressbar?.getAttribute('aria-valuetext')).to.be.a('string').and.not.equal('');
      await waitForStatus(data);
      await waitUntil(() => harness.shown, 'the matrix shows', { timeout: 10_000, interval: 20 });
      expect(harness.state).to.equal(undefined);
    });

    it('shows the idle state without a data source', async () => {
      const element = await mount<LensCohortRetention>(html`<lens-cohort-retention></lens-cohort-retention>`);
      expect(new CohortRetentionHarness(element).state).to.equal('idle');
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
    it('is accessible, and shows the engine’s cohort matrix', async () => {
      const { data, engine, element, harness } = await ready();
      const c = await direct(data, engine);
      expect(element.matrix?.customers).to.equal(c.customers);
      expect(c.customers).to.equal(300);
      expectCells(harness, c);
      const rows = nonEmpty(c);
      const month = new Intl.DateTimeFormat('en', { timeZone: 'UTC', year: 'numeric', month: 'short' });
      expect(harness.rowHeaders).to.deep.equal(
        rows.map(
          (i) =>
            `${month.format(c.cohortStart[i]!)} ${c.size[i] === 1 ? '1 customer' : `${c.size[i]} customers`}`,
        ),
      );
      const columns = Math.min(24, c.periods - rows[0]!);
      expect(harness.columnHeaders.slice(0, 3)).to.deep.equal([
        'First month',
        '1 month later',
        '2 months later',
      ]);
      expect(harness.overall).to.deep.equal(
        [...c.overall.slice(0, columns)].map((v) => (Number.isFinite(v) ? pct('en', v) : '—')),
      );
      // The first column is 100% and on the top of the ramp.
      for (const i of rows) expect(harness.cell(i, 0).dataset.ramp).to.equal('5');
      expect(harness.table!.getAttribute('role')).to.equal('grid');
      expect(harness.cellElements.filter((td) => td.tabIndex === 0)).to.have.length(1);
      await expect(element).to.be.accessible();
    });

    it('selects a cell by click: the event carries the cohort and period', async () => {
      const { data, engine, element, harness } = await ready();
      const c = await direct(data, engine);
      const i = nonEmpty(c)[0]!;
      const selected = oneEvent(element, 'lens-cohort-select') as Promise<LensCohortSelectEvent>;
      const change = oneEvent(element, 'change');
      harness.cell(i, 1).click();
      const event = await selected;
      await change;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({
        period: 'month',
        cohort: c.labels[i],
        cohortStart: c.cohortStart[i],
        periodsSince: 1,
        periodLabel: c.labels[i + 1],
        periodStart: c.cohortStart[i + 1],
        customers: c.size[i],
        active: c.active[i * c.periods + 1],
        retention: c.retention[i * c.periods + 1],
      });
      expect(element.selectedCell).to.equal(`${c.labels[i]}:1`);
      await element.updateComplete;
      expect(harness.cell(i, 1).getAttribute('aria-selected')).to.equal('true');
      expect(harness.selectionText).to.contain(`${c.active[i * c.periods + 1]} of ${c.size[i]} customers`);
    });

    it('is driven by keyboard: arrows move the focus, Enter selects, Escape clears', async () => {
      const { data, engine, element, harness } = await ready();
      const c = await direct(data, engine);
      const rows = nonEmpty(c);
      const first = harness.activeCell!;
      expect([first.dataset.cohort, first.dataset.since]).to.deep.equal([String(rows[0]), '0']);
      first.focus();
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      expect((harness.focused as HTMLElement).dataset).to.include({ cohort: String(rows[1]), since: '2' });
      expect(harness.activeCell).to.equal(harness.focused);
      expect(harness.cellElements.filter((td) => td.tabIndex === 0)).to.have.length(1);

      let selected = oneEvent(element, 'lens-cohort-select') as Promise<LensCohortSelectEvent>;
      await sendKeys({ press: 'Enter' });
      let event = await selected;
      expect(event.detail).to.include({ cohort: c.labels[rows[1]!], periodsSince: 2 });
      expect(event.detail.retention).to.equal(c.retention[rows[1]! * c.periods + 2]);

      await sendKeys({ press: 'Home' });
      await sendKeys({ press: 'PageDown' });
      await element.updateComplete;
      expect((harness.focused as HTMLElement).dataset).to.include({
        cohort: String(rows.at(-1)),
        since: '0',
      });
      selected = oneEvent(element, 'lens-cohort-select') as Promise<LensCohortSelectEvent>;
      await sendKeys({ press: 'Space' });
      event = await selected;
      expect(event.detail).to.include({ cohort: c.labels[rows.at(-1)!], periodsSince: 0, retention: 1 });

      selected = oneEvent(element, 'lens-cohort-select') as Promise<LensCohortSelectEvent>;
      await sendKeys({ press: 'Escape' });
      event = await selected;
      expect(event.detail).to.include({ cohort: null, periodsSince: null, period: 'month' });
      expect(element.selectedCell).to.equal(undefined);
      await expect(element).to.be.accessible();
    });

    it('switches the period: event, and the engine’s quarterly matrix', async () => {
      const { data, engine, element, harness } = await ready();
      const quarter = await direct(data, engine, 'quarter');
      const changed = oneEvent(element, 'lens-period-change') as Promise<LensPeriodChangeEvent>;
      await harness.choosePeriod('quarter');
      expect((await changed).detail).to.deep.equal({ period: 'quarter', previous: 'month' });
      expect(element.getAttribute('period')).to.equal('quarter');
      await waitUntil(() => harness.shown && element.matrix?.period === 'quarter', 'the quarterly matrix');
      await element.updateComplete;
      expectCells(harness, quarter);
      expect(harness.columnHeaders[1]).to.equal('1 quarter later');
      expect(harness.rowHeaders[0]).to.match(/^Q[1-4] \d{4} /);
    });

    it('speaks zh-CN: headers, cohorts and numbers', async () => {
      const { data, engine, element, harness } = await ready();
      const c = await direct(data, engine);
      element.locale = 'zh-CN';
      await element.updateComplete;
      expect(harness.columnHeaders.slice(0, 3)).to.deep.equal(['首月', '1 个月后', '2 个月后']);
      expect(harness.rowHeaders[0]).to.match(/^\d{4}年\d{1,2}月 \d+ 位客户$/);
      expect(harness.selectionText).to.equal('选择一个单元格以选定同期群和周期。');
      expectCells(harness, c, 'zh-CN');
      await expect(element).to.be.accessible();
    });

    it('colours the cells from the --lens-ramp-* tokens', async () => {
      const { data, element, harness } = await ready();
      const top = harness.cellElements.find((td) => td.dataset.ramp === '5')!;
      expect(getComputedStyle(top).backgroundColor).to.equal(computed(LIGHT_TOKENS['ramp-5']));
      const low = harness.cellElements.find((td) => td.dataset.ramp === '1');
      if (low) expect(getComputedStyle(low).backgroundColor).to.equal(computed(LIGHT_TOKENS['ramp-1']));
      // Coloured through the CSSOM: no style attribute was ever written as markup.
      expect(top.style.getPropertyValue('background-color')).to.contain('--lens-ramp-5');

      data.style.setProperty('--lens-ramp-5', '#00aa55');
      expect(getComputedStyle(top).backgroundColor).to.equal(computed('#00aa55'));
      expect(getComputedStyle(harness.legendSwatches[4]!).backgroundColor).to.equal(computed('#00aa55'));
      data.style.removeProperty('--lens-ramp-5');

      element.theme = 'dark';
      await element.updateComplete;
      expect(getComputedStyle(top).backgroundColor).to.equal(computed(DARK_TOKENS['ramp-5']));
      expect(getComputedStyle(harness.base!).backgroundColor).to.equal(
        computed(DARK_TOKENS['color-background']),
      );
      await expect(element).to.be.accessible();
    });

    it('is sized by its container: the grid scrolls inside it', async () => {
      const { data, harness } = await ready();
      data.style.display = 'block';
      data.style.width = '360px';
      const grid = harness.root.querySelector<HTMLElement>('[part~="grid"]')!;
      expect(harness.base!.getBoundingClientRect().width).to.be.at.most(360);
      expect(grid.scrollWidth).to.be.greaterThan(grid.clientWidth);
      data.style.width = '2400px';
      expect(harness.base!.getBoundingClientRect().width).to.be.greaterThan(2000);
    });
  });

  describe('a good guest', () => {
    it('adds nothing to document.head or body, and lets go of everything when removed', async () => {
      const head = document.head.childNodes.length;
      const sheets = document.adoptedStyleSheets.length;
      const styleSheets = document.styleSheets.length;
      const { data, element, harness } = await ready();
      const body = document.body.childNodes.length;
      harness.cellElements[1]!.click();
      await harness.choosePeriod('week');
      await waitUntil(() => element.matrix?.period === 'week', 'the weekly matrix');
      expect(document.head.childNodes.length).to.equal(head);
      expect(document.body.childNodes.length).to.equal(body);
      expect(document.adoptedStyleSheets.length).to.equal(sheets);
      expect(document.styleSheets.length).to.equal(styleSheets);

      expect(data.subscriberCount).to.equal(1);
      await harness.choosePeriod('year');
      element.remove();
      await waitUntil(() => data.subscriberCount === 0, 'unsubscribed');
      data.append(element);
      await waitUntil(() => data.subscriberCount === 1 && harness.shown, 'back', { timeout: 10_000 });
      expect(element.matrix?.period).to.equal('year');
    });
  });
});
