import type { Engine, ScoreRequest, ScoreSummary } from '@crm-lens/engine';
import { expect, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../lens-data.js';
import '../lens-value-pyramid.js';
import { LensData } from '../data/data.js';
import type { LensCustomerOpenEvent } from '../events/customer-open.js';
import type { LensTierSelectEvent } from '../events/tier-select.js';
import type { DataController } from '../internal/data-controller.js';
import { observedLangCount } from '../internal/lang-observer.js';
import { registrySize } from '../internal/provider-registry.js';
import {
  badRows,
  CDNOW_PRESET,
  CDNOW_URL,
  engineOn,
  engineOptions,
  mount,
  syntheticCustomers,
  syntheticRows,
  waitForStatus,
} from '../testing/fixtures.js';
import { DARK_TOKENS } from '../themes/tokens.js';
import { CUSTOMER_FIELDS } from './pyramid-data.js';
import { MARKS, ValuePyramidHarness } from './value-pyramid.harness.js';
import type { LensValuePyramid } from './value-pyramid.js';

const CUSTOMERS = 300;
const SEED = 13;
const ROWS = syntheticRows(CUSTOMERS, SEED);
const NAMES = syntheticCustomers(CUSTOMERS, SEED);
const TIER_NAMES = ['Platinum', 'Gold', 'Iron', 'Lead'];

const en = {
  integer: new Intl.NumberFormat('en', { maximumFractionDigits: 0 }),
  percent: new Intl.NumberFormat('en', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }),
  percent0: new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }),
  usd: new Intl.NumberFormat('en', { style: 'currency', currency: 'USD' }),
};

interface Setup {
  readonly data: LensData;
  readonly el: LensValuePyramid;
  readonly harness: ValuePyramidHarness;
  /** The engine, dataset and request of the data source, for direct engine calls. */
  engineCall<T>(
    call: (
      engine: Engine,
      dataset: NonNullable<LensData['datasetHandle']>,
      request: ScoreRequest,
    ) => Promise<T>,
  ): Promise<T>;
}

async function setup(
  options: { rows?: unknown; customers?: unknown; attributes?: Record<string, string> } = {},
): Promise<Setup> {
  const data = await mount<LensData>(
    html`<lens-data .engineOptions=${engineOptions()} .transactions=${options.rows ?? ROWS}
      .customers=${options.customers}><lens-value-pyramid></lens-value-pyramid></lens-data>`,
  );
  const el = data.querySelector('lens-value-pyramid')!;
  for (const [name, value] of Object.entries(options.attributes ?? {})) el.setAttribute(name, value);
  await waitForStatus(data);
  await waitUntil(() => el.summary !== undefined, 'the pyramid is ready', { timeout: 20_000 });
  const harness = new ValuePyramidHarness(el);
  await harness.settled();
  return {
    data,
    el,
    harness,
    engineCall: (call) => {
      const { engine, dataset, request } = data.dataState;
      return call(engine!, dataset!, request);
    },
  };
}

/** The computed colour of a CSS colour, as `getComputedStyle` writes it. */
function colour(c: string): string {
  const probe = document.createElement('span');
  probe.style.color = c;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

/** The tier rows of the table, in the order and formats the widget shows (English, USD). */
function expectedTierRows(summary: ScoreSummary) {
  return summary.pyramid.tiers.map((t, i) => ({
    key: t.tier,
    header: TIER_NAMES[i]!,
    cells: [
      en.integer.format(t.customers),
      en.percent.format(t.customerShare),
      en.usd.format(t.currentValue),
      en.percent.format(t.currentShare),
      en.usd.format(t.potentialValue),
      en.percent.format(t.potentialShare),
    ],
  }));
}

/** Wait for the widget to show a scoring whose thresholds satisfy `test`. */
async function scoredWith(s: Setup, test: (thresholds: { current: number; potential: number }) => boolean) {
  await waitUntil(
    () => s.el.summary !== undefined && test(s.el.summary.pyramid.thresholds),
    'rescored with the new thresholds',
    { timeout: 20_000 },
  );
  await s.harness.settled();
}

describe('<lens-value-pyramid>', function () {
  // Real scoring, the vega runtime and axe on a shared 2-core machine: generous, not unbounded.
  this.timeout(40_000);

  afterEach(async () => {
    await resetMouse();
  });

  it('loads with progress, then shows the tiers exactly as the engine scores them', async () => {
    const data = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} .transactions=${ROWS}>
        <lens-value-pyramid></lens-value-pyramid>
      </lens-data>`,
    );
    const el = data.querySelector('lens-value-pyramid')!;
    const harness = new ValuePyramidHarness(el);
    expect(harness.state).to.equal('loading');
    expect(harness.progressbar).to.exist;
    await waitForStatus(data);
    await harness.settled();
    expect(harness.state).to.equal(undefined);

    // An independent engine, given the same rows, scores the same pyramid.
    const engine = await engineOn('in-thread');
    try {
      const { handle } = await engine.load({ kind: 'rows', rows: ROWS });
      const summary = await engine.score(handle, data.dataState.request);
      expect(el.summary!.pyramid).to.deep.equal(summary.pyramid);
      expect(harness.tableRows).to.deep.equal(expectedTierRows(summary));
      expect(harness.tierOptions.map((o) => [o.name, o.count, o.share])).to.deep.equal(
        summary.pyramid.tiers.map((t, i) => [
          TIER_NAMES[i],
          `${en.integer.format(t.customers)} customers`,
          `${en.percent0.format(t.currentShare)} of value`,
        ]),
      );
      const { current, potential } = summary.pyramid.thresholds;
      expect(harness.thresholdsText).to.equal(
        `High current value: above ${en.usd.format(current)} · high potential value: above ${en.usd.format(potential)}`,
      );
      // The pyramid is drawn: four bands with the tiers' names and counts.
      expect(harness.bandPaths).to.have.length(4);
      expect(harness.svg?.textContent).to.contain('Platinum');
      expect(harness.svg?.textContent).to.contain(
        `${en.integer.format(summary.pyramid.tiers[3]!.customers)} customers`,
      );
    } finally {
      await engine.dispose();
    }
    expect(harness.tableVisible).to.equal(false);
    expect(harness.candidatesMessage).to.equal('Select a tier to see its customers closest to moving up.');
    await expect(el).to.be.accessible();

    harness.tableToggle.click();
    await el.updateComplete;
    expect(el.showTable).to.equal(true);
    expect(el.hasAttribute('show-table')).to.equal(true);
    expect(harness.tableToggle.getAttribute('aria-pressed')).to.equal('true');
    expect(harness.tableVisible).to.equal(true);
    expect(harness.tableCaption).to.equal('Customers and value by tier');
    await expect(el).to.be.accessible();
  });

  it('scores with its own thresholds from current-threshold / potential-threshold', async () => {
    const s = await setup();
    const before = s.el.summary!;
    const engineDefault = await s.engineCall((engine, dataset, request) => engine.score(dataset, request));
    expect(before.pyramid).to.deep.equal(engineDefault.pyramid);

    s.el.setAttribute('current-threshold', 'p80');
    s.el.setAttribute('potential-threshold', '250');
    await s.el.updateComplete;
    expect(s.harness.state, 'rescoring shows the loading state').to.equal('loading');
    await scoredWith(s, (t) => t.potential === 250);
    const expected = await s.engineCall((engine, dataset, request) =>
      engine.score(dataset, {
        ...request,
        thresholds: { current: { kind: 'percentile', p: 0.8 }, potential: { kind: 'absolute', value: 250 } },
      }),
    );
    expect(s.el.summary!.pyramid).to.deep.equal(expected.pyramid);
    expect(expected.pyramid.tiers.map((t) => t.customers)).to.not.deep.equal(
      before.pyramid.tiers.map((t) => t.customers),
    );
    expect(s.harness.tableRows).to.deep.equal(expectedTierRows(expected));
    expect(s.harness.thresholdsText).to.contain(`above ${en.usd.format(250)}`);
    // The data source itself keeps its own scoring.
    expect(s.data.summary!.pyramid).to.deep.equal(before.pyramid);
    // The candidates come from the widget's scoring too.
    s.el.tier = 'iron';
    await s.el.updateComplete;
    await s.harness.candidatesSettled();
    const candidates = await s.engineCall((engine, dataset, request) =>
      engine.upgradeCandidates(
        dataset,
        {
          ...request,
          thresholds: {
            current: { kind: 'percentile', p: 0.8 },
            potential: { kind: 'absolute', value: 250 },
          },
        },
        'iron',
        10,
        CUSTOMER_FIELDS,
      ),
    );
    expect(s.harness.candidateRows.map((r) => r.key)).to.deep.equal(candidates.ids);
    s.el.tier = undefined;

    // Percentages are fractions of 100, and "median" is the default.
    s.el.currentThreshold = 'median';
    s.el.potentialThreshold = '90%';
    await scoredWith(s, (t) => t.current === before.pyramid.thresholds.current && t.potential !== 250);
    const p90 = await s.engineCall((engine, dataset, request) =>
      engine.score(dataset, { ...request, thresholds: { potential: { kind: 'percentile', p: 0.9 } } }),
    );
    expect(s.el.summary!.pyramid).to.deep.equal(p90.pyramid);

    // A value that is not a threshold: the shared error state names the attribute.
    s.el.potentialThreshold = 'lots';
    await s.el.updateComplete;
    expect(s.harness.state).to.equal('error');
    expect(s.harness.headline).to.equal('The data or an analysis option cannot be used.');
    expect(s.harness.message).to.contain('potential-threshold');
    await expect(s.el).to.be.accessible();

    // Without the attributes, the data source's scoring again.
    s.el.removeAttribute('current-threshold');
    s.el.removeAttribute('potential-threshold');
    await scoredWith(s, (t) => t.potential === before.pyramid.thresholds.potential);
    expect(s.el.summary).to.equal(s.data.summary);
  });

  it('selects a tier by click: lens-tier-select, change, the tier attribute and aria-selected', async () => {
    const s = await setup();
    const selects: LensTierSelectEvent[] = [];
    const changes: Event[] = [];
    s.data.addEventListener('lens-tier-select', (e) => selects.push(e));
    s.data.addEventListener('change', (e) => changes.push(e));
    const tiers = s.el.summary!.pyramid.tiers;

    s.harness.tierOption('iron').element.click();
    await s.el.updateComplete;
    expect(s.el.tier).to.equal('iron');
    expect(s.el.getAttribute('tier')).to.equal('iron');
    expect(s.harness.tierOptions.map((o) => o.selected)).to.deep.equal([false, false, true, false]);
    expect(selects.map((e) => e.detail)).to.deep.equal([{ tier: 'iron', customers: tiers[2]!.customers }]);
    expect(selects[0]!.bubbles && selects[0]!.composed).to.equal(true);
    await waitUntil(() => changes.length === 1, 'change after the update');
    expect(changes[0]!.bubbles).to.equal(true);

    // A band of the pyramid: the click reaches the chart, which selects Gold.
    await s.harness.settled();
    const gold = s.harness.bandPaths[1]!;
    const box = gold.getBoundingClientRect();
    await sendMouse({
      type: 'click',
      position: [Math.round(box.left + box.width / 2), Math.round(box.bottom - 3)],
    });
    await waitUntil(() => s.el.tier === 'gold', 'the gold band selects gold');
    expect(selects.at(-1)!.detail).to.deep.equal({ tier: 'gold', customers: tiers[1]!.customers });
    await s.harness.settled();
    // The chart outlines the selected band.
    expect(
      s.harness
        .itemData(MARKS.bands)
        .filter((d) => d.selected)
        .map((d) => d.tier),
    ).to.deep.equal(['gold', 'gold']);

    // Clicking the selected tier clears the selection.
    s.harness.tierOption('gold').element.click();
    await s.el.updateComplete;
    expect(s.el.tier).to.equal(undefined);
    expect(s.el.hasAttribute('tier')).to.equal(false);
    expect(selects.at(-1)!.detail).to.deep.equal({ tier: null, customers: 0 });

    // Setting the property (or attribute) selects without events.
    const count = selects.length;
    s.el.setAttribute('tier', 'lead');
    await s.el.updateComplete;
    expect(s.el.tier).to.equal('lead');
    expect(s.harness.tierOption('lead').selected).to.equal(true);
    expect(selects.length).to.equal(count);
  });

  it('selects a tier with the keyboard: arrows move, Enter and Space select, Escape clears', async () => {
    const s = await setup();
    const selects: LensTierSelectEvent[] = [];
    s.el.addEventListener('lens-tier-select', (e) => selects.push(e));
    const tiers = s.el.summary!.pyramid.tiers;
    expect(s.harness.tierList.getAttribute('role')).to.equal('listbox');
    expect(s.harness.tierOptions.map((o) => o.focusable)).to.deep.equal([true, false, false, false]);

    s.harness.tierOption('platinum').element.focus();
    await sendKeys({ press: 'ArrowDown' });
    await s.el.updateComplete;
    expect(s.el.shadowRoot!.activeElement).to.equal(s.harness.tierOption('gold').element);
    expect(s.harness.tierOptions.map((o) => o.focusable)).to.deep.equal([false, true, false, false]);
    expect(s.el.tier, 'moving does not select').to.equal(undefined);
    await sendKeys({ press: 'Enter' });
    await s.el.updateComplete;
    expect(s.el.tier).to.equal('gold');
    expect(s.harness.tierOption('gold').selected).to.equal(true);

    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: ' ' });
    await s.el.updateComplete;
    expect(s.el.tier).to.equal('iron');
    expect(s.el.shadowRoot!.activeElement).to.equal(s.harness.tierOption('iron').element);

    await sendKeys({ press: 'Escape' });
    await s.el.updateComplete;
    expect(s.el.tier).to.equal(undefined);
    expect(selects.map((e) => e.detail)).to.deep.equal([
      { tier: 'gold', customers: tiers[1]!.customers },
      { tier: 'iron', customers: tiers[2]!.customers },
      { tier: null, customers: 0 },
    ]);
  });

  it('lists the selected tier’s upgrade candidates as the engine ranks them', async () => {
    const s = await setup({ customers: NAMES, attributes: { 'candidate-limit': '8' } });
    const opened: LensCustomerOpenEvent[] = [];
    s.el.addEventListener('lens-customer-open', (e) => opened.push(e));
    const { thresholds } = s.el.summary!.pyramid;

    for (const tier of ['gold', 'iron', 'lead'] as const) {
      s.el.tier = tier;
      await s.el.updateComplete;
      await s.harness.candidatesSettled();
      const expected = await s.engineCall((engine, dataset, request) =>
        engine.upgradeCandidates(dataset, request, tier, 8, CUSTOMER_FIELDS),
      );
      expect(expected.ids.length).to.be.greaterThan(0);
      const rows = s.harness.candidateRows;
      expect(
        rows.map((r) => r.key),
        tier,
      ).to.deep.equal(expected.ids);
      expect(s.el.upgradeCandidates.map((c) => c.id)).to.deep.equal(expected.ids);
      const current = expected.columns.currentValue!;
      const potential = expected.columns.clv!;
      rows.forEach((row, k) => {
        expect(row.header).to.equal(`${expected.names![k]} ${expected.ids[k]}`);
        expect(row.cells[0]).to.equal(en.usd.format(current[k]!));
        expect(row.cells[1]).to.equal(en.usd.format(potential[k]!));
      });
      // The gap follows core's rule: Gold and Iron → Platinum, Lead → the nearer of Gold and Iron.
      const first = s.el.upgradeCandidates[0]!;
      if (tier === 'gold') {
        expect(first.gap).to.be.closeTo(thresholds.potential - potential[0]!, 1e-9);
        expect(rows[0]!.cells.slice(2)).to.deep.equal([
          `${en.usd.format(Math.max(0, first.gap))} more potential value`,
          'Platinum',
        ]);
      } else if (tier === 'iron') {
        expect(first.gap).to.be.closeTo(thresholds.current - current[0]!, 1e-9);
        expect(rows[0]!.cells[3]).to.equal('Platinum');
      } else {
        const gap = Math.min(thresholds.current - current[0]!, thresholds.potential - potential[0]!);
        expect(first.gap).to.be.closeTo(gap, 1e-9);
        expect(rows[0]!.cells[3]).to.be.oneOf(['Gold', 'Iron']);
      }
      // Smallest gap first.
      const gaps = s.el.upgradeCandidates.map((c) => c.gap);
      expect(gaps).to.deep.equal([...gaps].sort((a, b) => a - b));
    }
    expect(s.harness.candidateCaption).to.equal('Lead: the customers closest to the next tier');
    await expect(s.el).to.be.accessible();

    const id = s.harness.candidateRows[2]!.key;
    s.harness.candidateButton(id).click();
    s.harness.candidateButton(s.harness.candidateRows[0]!.key).focus();
    await sendKeys({ press: 'Enter' });
    expect(opened.map((e) => e.detail.index)).to.deep.equal([2, 0]);
    expect(opened[0]!.detail.customerId).to.equal(id);
    expect(opened[0]!.detail.name).to.equal(NAMES.find((c) => c.id === id)?.name);
    expect(opened[0]!.bubbles && opened[0]!.composed).to.equal(true);

    s.el.tier = 'platinum';
    await s.el.updateComplete;
    expect(s.harness.candidatesMessage).to.equal('Platinum is the top tier: there is no tier to move up to.');
  });

  it('toggles to the value quadrant: every customer as a point, the thresholds as rules', async () => {
    const s = await setup();
    const summary = s.el.summary!;
    s.harness.viewToggle('quadrant').click();
    await s.el.updateComplete;
    expect(s.el.view).to.equal('quadrant');
    expect(s.el.getAttribute('view')).to.equal('quadrant');
    expect(s.harness.viewToggle('quadrant').getAttribute('aria-pressed')).to.equal('true');
    expect(s.harness.viewToggle('pyramid').getAttribute('aria-pressed')).to.equal('false');
    await waitUntil(() => s.harness.sampleText.startsWith('Showing'), 'points loaded', { timeout: 15_000 });
    await s.harness.settled();
    expect(s.harness.canvas, 'drawn on a canvas').to.exist;
    expect(s.el.charts.pyramid.view, 'the pyramid is released').to.equal(undefined);

    const placed = summary.pyramid.tiers.reduce((sum, t) => sum + t.customers, 0);
    const points = s.harness.itemData(MARKS.points);
    expect(points).to.have.length(placed);
    expect(s.harness.sampleText).to.equal(`Showing ${placed} of ${placed} customers.`);
    const columns = await s.engineCall((engine, dataset, request) =>
      engine.customers(dataset, request, CUSTOMER_FIELDS),
    );
    const byId = new Map(columns.ids.map((id, k) => [id, k]));
    for (const point of points.slice(0, 25)) {
      const k = byId.get(String(point.id))!;
      expect(point.current).to.equal(columns.columns.currentValue![k]);
      expect(point.potential).to.equal(columns.columns.clv![k]);
      expect(point.tier).to.equal(columns.labels.tier[columns.columns.tier![k]!]);
    }
    expect(s.harness.itemData(MARKS.currentRule).map((d) => d.current)).to.deep.equal([
      summary.pyramid.thresholds.current,
    ]);
    expect(s.harness.itemData(MARKS.potentialRule).map((d) => d.potential)).to.deep.equal([
      summary.pyramid.thresholds.potential,
    ]);

    // The table alternative summarises the quadrants.
    expect(s.harness.tableCaption).to.equal('Value quadrant: customers by current and potential value');
    const { current, potential } = summary.pyramid.thresholds;
    expect(s.harness.tableRows[0]).to.deep.equal({
      key: 'platinum',
      header: 'Platinum',
      cells: [
        `above ${en.usd.format(current)}`,
        `above ${en.usd.format(potential)}`,
        en.integer.format(summary.pyramid.tiers[0]!.customers),
        en.percent.format(summary.pyramid.tiers[0]!.customerShare),
      ],
    });
    expect(s.harness.tableRows[3]!.cells.slice(0, 2)).to.deep.equal([
      `at or below ${en.usd.format(current)}`,
      `at or below ${en.usd.format(potential)}`,
    ]);
    await expect(s.el).to.be.accessible();

    // A cap: an even, deterministic sample, plus the selected tier's candidates.
    s.el.maxPoints = 50;
    s.el.tier = 'iron';
    await waitUntil(
      () => s.harness.sampleText.includes(`of ${placed} customers`) && s.el.upgradeCandidates.length > 0,
      'sampled',
      {
        timeout: 15_000,
      },
    );
    await waitUntil(() => !s.harness.sampleText.startsWith(`Showing ${placed}`), 'sample shown');
    await s.harness.settled();
    const sampled = s.harness.itemData(MARKS.points);
    expect(sampled.length).to.be.within(40, 50 + 10);
    expect(s.harness.sampleText).to.equal(
      `Showing ${sampled.length} of ${placed} customers. An even sample, plus the upgrade candidates of the selected tier.`,
    );
    const sampledIds = new Set(sampled.map((d) => d.id));
    for (const candidate of s.el.upgradeCandidates) expect(sampledIds.has(candidate.id)).to.equal(true);

    s.harness.viewToggle('pyramid').click();
    await s.harness.settled();
    expect(s.el.view).to.equal('pyramid');
    expect(s.el.charts.quadrant.view, 'the quadrant is released').to.equal(undefined);
    await waitUntil(() => s.harness.bandPaths.length === 4, 'the pyramid is drawn again');
  });

  it('speaks zh-CN: tier names, labels, numbers and money', async () => {
    const s = await setup();
    const summary = s.el.summary!;
    s.el.locale = 'zh-CN';
    await s.harness.settled();
    expect(s.harness.tierOptions.map((o) => o.name)).to.deep.equal([
      '白金客户',
      '黄金客户',
      '铁质客户',
      '铅质客户',
    ]);
    const zh = {
      integer: new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 }),
      percent: new Intl.NumberFormat('zh-CN', {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }),
      usd: new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'USD' }),
    };
    expect(s.harness.tierOptions[0]!.count).to.equal(
      `${zh.integer.format(summary.pyramid.tiers[0]!.customers)} 位客户`,
    );
    expect(s.harness.tierOptions[0]!.share).to.match(/^占价值 \d+%$/);
    expect(s.harness.viewToggle('quadrant').textContent?.trim()).to.equal('价值象限');
    expect(s.harness.tableCaption).to.equal('各等级的客户与价值');
    expect(s.harness.tableHeaders).to.deep.equal([
      '等级',
      '客户数',
      '客户占比',
      '当前价值',
      '当前价值占比',
      '潜在价值',
      '潜在价值占比',
    ]);
    const platinum = summary.pyramid.tiers[0]!;
    expect(s.harness.tableRows[0]!.cells[2]).to.equal(zh.usd.format(platinum.currentValue));
    expect(s.harness.tableRows[0]!.cells[2]).to.match(/^US\$/);
    expect(s.harness.thresholdsText).to.equal(
      `当前价值高：高于 ${zh.usd.format(summary.pyramid.thresholds.current)} · 潜在价值高：高于 ${zh.usd.format(summary.pyramid.thresholds.potential)}`,
    );
    expect(s.harness.svg?.textContent).to.contain('白金客户');
    expect(s.harness.svg?.textContent).to.contain('位客户');
    s.el.tier = 'platinum';
    await s.el.updateComplete;
    expect(s.harness.candidatesMessage).to.equal('白金客户已是最高等级，无可升级的等级。');
    s.el.currency = 'CNY';
    await s.el.updateComplete;
    expect(s.harness.tableRows[0]!.cells[2]).to.match(/^¥[\d,]+\.\d\d$/);
    await expect(s.el).to.be.accessible();
  });

  it('follows theme tokens and its own custom properties, in the list and the chart', async () => {
    const s = await setup();
    const swatch = () =>
      getComputedStyle(s.harness.tierOption('gold').element.querySelector('[part~="swatch"]')!)
        .backgroundColor;
    const goldFill = () => s.harness.bandPaths[1]?.getAttribute('fill');
    expect(swatch()).to.equal(colour('#b8860b'));
    expect(goldFill()).to.equal('#b8860b');

    // Nothing re-renders the element here: the chart notices the change itself (it watches the attributes of
    // the host and its ancestors). The signal to wait for: the observer's callback has run (it is a microtask,
    // so a macrotask later it has), then the chart's own queue of draws has drained. No polling, no timeout.
    const chartSettled = async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await s.el.charts.pyramid.updateComplete;
    };
    s.data.style.setProperty('--lens-tier-gold', 'rgb(200, 30, 90)');
    expect(swatch()).to.equal('rgb(200, 30, 90)');
    await chartSettled();
    expect(goldFill(), 'the chart takes the token').to.equal('rgb(200, 30, 90)');

    s.el.style.setProperty('--value-pyramid-tier-gold', 'rgb(1, 2, 3)');
    expect(swatch()).to.equal('rgb(1, 2, 3)');
    await chartSettled();
    expect(goldFill(), 'the chart takes the element property').to.equal('rgb(1, 2, 3)');

    s.data.style.removeProperty('--lens-tier-gold');
    s.el.style.removeProperty('--value-pyramid-tier-gold');
    s.data.theme = 'dark';
    await s.data.updateComplete;
    expect(getComputedStyle(s.harness.base!).backgroundColor).to.equal(
      colour(DARK_TOKENS['color-background']),
    );
    expect(swatch()).to.equal(colour(DARK_TOKENS['tier-gold']));
    await chartSettled();
    expect(goldFill(), 'the chart follows the dark theme').to.equal(DARK_TOKENS['tier-gold']);
    expect(s.harness.svg?.style.backgroundColor).to.equal(colour(DARK_TOKENS['color-background']));
    await expect(s.el).to.be.accessible();
  });

  it('shows the shared error state with the data-quality summary and the rejected rows', async () => {
    const data = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} .transactions=${badRows(12)}>
        <lens-value-pyramid></lens-value-pyramid>
      </lens-data>`,
    );
    await waitForStatus(data, 'error');
    const el = data.querySelector('lens-value-pyramid')!;
    await el.updateComplete;
    const harness = new ValuePyramidHarness(el);
    expect(harness.state).to.equal('error');
    expect(harness.qualityText).to.contain('0 rows accepted, 12 rejected');
    expect(harness.rejectionCodes).to.deep.equal(['invalid-date']);
    harness.rejectionsToggle!.click();
    await waitUntil(() => harness.rejectionRows.length === 12, 'rejected rows listed');
    await expect(el).to.be.accessible();
  });

  it('shows the empty and idle states', async () => {
    const data = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} .transactions=${[]}>
        <lens-value-pyramid></lens-value-pyramid>
      </lens-data>`,
    );
    await waitForStatus(data, 'empty');
    const el = data.querySelector('lens-value-pyramid')!;
    await el.updateComplete;
    expect(new ValuePyramidHarness(el).state).to.equal('empty');
    await expect(el).to.be.accessible();

    const alone = await mount<LensValuePyramid>(html`<lens-value-pyramid></lens-value-pyramid>`);
    expect(new ValuePyramidHarness(alone).state).to.equal('idle');
  });

  it('lets go of everything when removed, and adds nothing to the document', async () => {
    const head = document.head.childNodes.length;
    const sheets = document.adoptedStyleSheets.length;
    const styleSheets = document.styleSheets.length;
    const s = await setup({ attributes: { 'current-threshold': 'p60', tier: 'gold' } });
    const body = document.body.childNodes.length;
    s.el.view = 'quadrant';
    await waitUntil(() => s.harness.sampleText.startsWith('Showing'), 'points loaded', { timeout: 15_000 });
    await s.harness.settled();
    expect(s.el.charts.quadrant.view).to.exist;
    expect(document.head.childNodes.length).to.equal(head);
    expect(document.body.childNodes.length).to.equal(body);
    expect(document.adoptedStyleSheets.length).to.equal(sheets);
    expect(document.styleSheets.length).to.equal(styleSheets);

    const watched = observedLangCount();
    expect(s.data.subscriberCount).to.equal(1);
    s.el.remove();
    await waitUntil(() => s.data.subscriberCount === 0, 'unsubscribed');
    expect(observedLangCount()).to.equal(watched - 1);
    expect(s.el.charts.quadrant.view).to.equal(undefined);
    expect(s.el.charts.pyramid.view).to.equal(undefined);
    expect(s.el.summary).to.equal(undefined);
    expect(s.el.shadowRoot!.querySelector('.lens-chart-view')).to.equal(null);

    // Put back, it takes its data again and draws.
    s.data.append(s.el);
    await waitUntil(() => s.harness.sampleText.startsWith('Showing'), 'points again', { timeout: 15_000 });
    await s.harness.settled();
    expect(s.harness.canvas).to.exist;
    expect(s.data.subscriberCount).to.equal(1);
  });
});

describe('<lens-value-pyramid src=…> without a <lens-data>', () => {
  it('loads its own file (CDNOW), scores it with its own thresholds, and releases it when removed', async function () {
    this.timeout(40_000);
    const previous = LensData.defaultEngineOptions;
    LensData.defaultEngineOptions = engineOptions();
    try {
      const el = await mount<LensValuePyramid>(
        html`<lens-value-pyramid src=${CDNOW_URL} preset=${CDNOW_PRESET} current-threshold="p75"></lens-value-pyramid>`,
      );
      const harness = new ValuePyramidHarness(el);
      await waitUntil(() => el.summary !== undefined, 'own data loaded and scored', { timeout: 30_000 });
      await harness.settled();
      const { engine, dataset, request } = (el as unknown as { data: DataController }).data;
      expect(request.thresholds?.current).to.deep.equal({ kind: 'percentile', p: 0.75 });
      const expected = await engine!.score(dataset!, request);
      expect(el.summary!.pyramid).to.deep.equal(expected.pyramid);
      expect(harness.tableRows).to.deep.equal(expectedTierRows(expected));
      await expect(el).to.be.accessible();
      // The pyramid's own data source holds the page's shared engine; removing the last user disposes it.
      el.remove();
      await waitUntil(
        () =>
          engine!.score(dataset!, {}).then(
            () => false,
            (error: { code?: string }) => error.code === 'disposed' || error.code === 'unknown-dataset',
          ),
        'engine released',
        { timeout: 5000 },
      );
      expect(registrySize().providers).to.equal(0);
    } finally {
      LensData.defaultEngineOptions = previous;
    }
  });
});
