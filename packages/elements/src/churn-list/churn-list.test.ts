import type { ChurnQuery } from '@crm-lens/engine';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../lens-churn-list.js';
import '../lens-data.js';
import { LensData } from '../data/data.js';
import type { LensCustomerOpenEvent } from '../events/customer-open.js';
import type { LensExportEvent } from '../events/export.js';
import { parseCsv } from '../internal/csv.js';
import type { DataController } from '../internal/data-controller.js';
import { observedLangCount } from '../internal/lang-observer.js';
import { registrySize } from '../internal/provider-registry.js';
import {
  badRows,
  CDNOW_PRESET,
  CDNOW_URL,
  engineOptions,
  mount,
  syntheticCustomers,
  syntheticRows,
  waitForStatus,
} from '../testing/fixtures.js';
import { DARK_TOKENS } from '../themes/tokens.js';
import { ChurnListHarness } from './churn-list.harness.js';
import type { LensChurnList } from './churn-list.js';
import { ROW_FIELDS } from './churn-rows.js';

const CUSTOMERS = 600;
const ROWS = syntheticRows(CUSTOMERS, 11);
const NAMES = syntheticCustomers(CUSTOMERS, 11);

interface Setup {
  readonly data: LensData;
  readonly list: LensChurnList;
  readonly harness: ChurnListHarness;
  /** The engine's own answer for a query of the current data. */
  engineList(query: Partial<ChurnQuery>): ReturnType<import('@crm-lens/engine').Engine['churnList']>;
}

async function setup(
  options: { rows?: unknown; customers?: unknown; listAttributes?: Record<string, string> } = {},
): Promise<Setup> {
  const data = await mount<LensData>(
    html`<lens-data .engineOptions=${engineOptions()} .transactions=${options.rows ?? ROWS}
      .customers=${options.customers}><lens-churn-list></lens-churn-list></lens-data>`,
  );
  const list = data.querySelector('lens-churn-list')!;
  for (const [name, value] of Object.entries(options.listAttributes ?? {})) list.setAttribute(name, value);
  await waitForStatus(data);
  const harness = new ChurnListHarness(list);
  await harness.settled();
  return {
    data,
    list,
    harness,
    engineList: (query) => {
      const { engine, dataset, request } = data.dataState;
      return engine!.churnList(dataset!, request, { offset: 0, limit: 50, fields: ROW_FIELDS, ...query });
    },
  };
}

/** The customer ids of the rendered rows, top to bottom (only the visible ones are in the DOM). */
function ids(s: Setup): string[] {
  const rows = s.harness.rows.map((r) => r.customerId);
  expect(rows.length).to.be.greaterThan(0);
  return rows;
}

/** Wait until the list shows `total` customers and its rows are loaded. */
async function showsTotal(s: Setup, total: number) {
  await waitUntil(() => s.list.rowCount === total, `list total ${total} (is ${s.list.rowCount})`, {
    timeout: 10_000,
  });
  await s.harness.settled();
}

describe('<lens-churn-list>', () => {
  it('is accessible and lists the engine’s churn list in order, with names', async () => {
    const s = await setup({ customers: NAMES });
    await expect(s.list).to.be.accessible();
    const expected = await s.engineList({ limit: 10 });
    expect(s.list.rowCount).to.equal(expected.total);
    expect(s.harness.grid.getAttribute('aria-rowcount')).to.equal(String(expected.total + 1));
    const rows = s.harness.rows.slice(0, 10);
    expect(rows.map((r) => r.customerId)).to.deep.equal(expected.rows.ids);
    expect(rows.map((r) => r.index)).to.deep.equal([...Array(10).keys()]);
    expect(rows[0]!.element.getAttribute('aria-rowindex')).to.equal('2');
    // Name (with the id below it), tier, risk and band, reasons in words, value at risk in dollars.
    const first = rows[0]!.cells;
    expect(first[0]).to.equal(`${expected.rows.names![0]} ${expected.rows.ids[0]}`);
    expect(first[1]).to.be.oneOf(['Platinum', 'Gold', 'Iron', 'Lead']);
    expect(first[2]).to.match(/^\d+% (High|Medium|Low)$/);
    expect(first[3]).to.not.equal('');
    expect(first[6]).to.match(/^\$[\d,]+\.\d\d$/);
    expect(s.harness.headers).to.deep.equal([
      'Customer',
      'Tier',
      'Risk↕',
      'Reasons',
      'Last purchase',
      'Usual interval',
      'Value at risk▼',
      'Lifetime value↕',
    ]);
    expect(s.harness.count).to.equal(`${expected.total} customers`);
  });

  it('translates reasons from their codes', async () => {
    const s = await setup();
    const page = await s.engineList({ limit: 5, reasons: true });
    const withReason = page.rows.reasons!.findIndex((reasons) => reasons.length > 0);
    expect(withReason).to.be.greaterThan(-1);
    expect(s.harness.row(withReason)!.cells[3]).to.equal(
      page.rows.reasons![withReason]!.map((r) => r.text).join('; '),
    );
  });

  it('filters by band and tier', async () => {
    const s = await setup();
    s.harness.bandToggle('high').click();
    const high = await s.engineList({ bands: ['high'] });
    await showsTotal(s, high.total);
    expect(s.harness.bandToggle('high').getAttribute('aria-pressed')).to.equal('true');
    expect(s.list.bands).to.deep.equal(['high']);
    expect(s.harness.rows.every((r) => r.cells[2]!.endsWith('High'))).to.equal(true);
    expect(ids(s)).to.deep.equal(high.rows.ids.slice(0, ids(s).length));

    s.harness.selectTier('gold');
    const highGold = await s.engineList({ bands: ['high'], tiers: ['gold'] });
    await showsTotal(s, highGold.total);
    expect(s.harness.rows.every((r) => r.cells[1] === 'Gold')).to.equal(true);

    s.harness.bandToggle('high').click();
    s.harness.selectTier('all');
    await showsTotal(s, (await s.engineList({})).total);
  });

  it('takes filters and sort from attributes', async () => {
    const s = await setup({ listAttributes: { bands: 'medium, high', tiers: 'platinum', sort: 'risk' } });
    const expected = await s.engineList({
      bands: ['high', 'medium'],
      tiers: ['platinum'],
      sort: 'churnScore',
    });
    await showsTotal(s, expected.total);
    expect(s.list.bands).to.deep.equal(['high', 'medium']);
    expect(ids(s)).to.deep.equal(expected.rows.ids.slice(0, ids(s).length));
    expect(s.harness.headerCell('risk').getAttribute('aria-sort')).to.equal('descending');
  });

  it('searches names and ids, debounced', async () => {
    const s = await setup({ customers: NAMES });
    s.list.searchDelay = 150;
    const all = s.list.rowCount;
    const name = String(NAMES[3]!.name).split(' ')[0]!.slice(0, 4);
    const expected = await s.engineList({ search: name });
    expect(expected.total).to.be.lessThan(all!);
    s.harness.typeSearch(name);
    await s.list.updateComplete;
    expect(s.list.rowCount, 'not filtered before the delay').to.equal(all);
    await showsTotal(s, expected.total);
    expect(s.list.search).to.equal(name);
    expect(ids(s)).to.deep.equal(expected.rows.ids.slice(0, ids(s).length));

    s.harness.typeSearch('no customer is called this');
    await showsTotal(s, 0);
    expect(s.harness.messageRow).to.equal('No customers match these filters.');
    expect(s.harness.count).to.equal('No customers');
    expect(s.harness.exportButton.disabled).to.equal(true);
    await expect(s.list).to.be.accessible();
  });

  it('sorts by risk and by lifetime value', async () => {
    const s = await setup();
    s.harness.sortBy('clv');
    const byClv = await s.engineList({ sort: 'clv' });
    await waitUntil(() => s.harness.rows[0]?.customerId === byClv.rows.ids[0], 'sorted by clv');
    await s.harness.settled();
    expect(s.list.getAttribute('sort')).to.equal('clv');
    expect(s.harness.headerCell('clv').getAttribute('aria-sort')).to.equal('descending');
    expect(s.harness.headerCell('value-at-risk').getAttribute('aria-sort')).to.equal('none');
    expect(ids(s)).to.deep.equal(byClv.rows.ids.slice(0, ids(s).length));
    s.harness.sortBy('risk');
    const byRisk = await s.engineList({ sort: 'churnScore' });
    await waitUntil(() => s.harness.rows[0]?.customerId === byRisk.rows.ids[0], 'sorted by risk');
  });

  it('moves the active row with the keyboard and opens it with Enter and Space', async () => {
    const s = await setup();
    const opened: LensCustomerOpenEvent[] = [];
    s.list.addEventListener('lens-customer-open', (e) => opened.push(e));
    s.harness.grid.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await s.list.updateComplete;
    expect(s.harness.activeDescendant).to.equal('row-2');
    expect(s.harness.row(2)!.element.getAttribute('part')).to.equal('row row-active');
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: ' ' });
    expect(opened.map((e) => e.detail.index)).to.deep.equal([2, 1]);
    expect(opened[0]!.detail.customerId).to.equal(s.harness.row(2)!.customerId);
    expect(opened[0]!.bubbles && opened[0]!.composed).to.equal(true);

    // End goes to the last customer, fetching its page and scrolling it into view.
    await sendKeys({ press: 'End' });
    const last = s.list.rowCount! - 1;
    await waitUntil(() => s.harness.row(last) !== undefined, 'last row rendered');
    await s.harness.settled();
    expect(s.harness.activeDescendant).to.equal(`row-${last}`);
    const tail = await s.engineList({ offset: last, limit: 1 });
    expect(s.harness.row(last)!.customerId).to.equal(tail.rows.ids[0]);
    await sendKeys({ press: 'Home' });
    await s.harness.settled();
    expect(s.harness.activeDescendant).to.equal('row-0');
    expect(s.harness.grid.scrollTop).to.equal(0);
  });

  it('opens a customer on click', async () => {
    const s = await setup({ customers: NAMES });
    const row = s.harness.row(4)!;
    const event = oneEvent(s.list, 'lens-customer-open') as Promise<LensCustomerOpenEvent>;
    row.element.click();
    const { detail } = await event;
    expect(detail).to.deep.equal({
      customerId: row.customerId,
      name: row.cells[0]!.replace(` ${row.customerId}`, ''),
      index: 4,
    });
    expect(s.list.shadowRoot!.activeElement).to.equal(s.harness.grid);
  });

  it('exports every matching row as RFC 4180 CSV', async () => {
    const tricky = NAMES.map((c, i) =>
      i === 0 ? { ...c, name: 'Smith, "Junior"\nII' } : i === 1 ? { ...c, name: '=HYPERLINK("x")' } : c,
    );
    const s = await setup({ customers: tricky });
    s.harness.bandToggle('high').click();
    s.harness.bandToggle('medium').click();
    const expected = await s.engineList({ bands: ['high', 'medium'], limit: 100_000 });
    await showsTotal(s, expected.total);
    let exported: LensExportEvent | undefined;
    s.list.addEventListener('lens-export', (e) => {
      exported = e;
      e.preventDefault();
    });
    const content = await s.list.exportCsv();
    expect(exported?.detail.content).to.equal(content);
    expect(exported?.detail.rows).to.equal(expected.total);
    expect(exported?.detail.filename).to.equal('customers-at-risk.csv');
    expect(content!.endsWith('\r\n')).to.equal(true);
    const records = parseCsv(content!);
    expect(records[0]).to.deep.equal([
      'Customer id',
      'Name',
      'Tier',
      'Risk score',
      'Risk band',
      'Reasons',
      'Last purchase',
      'Usual interval (days)',
      'Days since last purchase',
      'Value at risk',
      'Lifetime value',
      'Currency',
    ]);
    expect(records.length - 1).to.equal(expected.total);
    expect(records.slice(1).map((r) => r[0])).to.deep.equal(expected.rows.ids);
    const first = records[1]!;
    expect(Number(first[3])).to.be.closeTo(expected.rows.columns.churnScore![0]!, 1e-4);
    expect(Number(first[9])).to.be.closeTo(expected.rows.columns.valueAtRisk![0]!, 0.01);
    expect(first[4]).to.be.oneOf(['High', 'Medium']);
    expect(first[11]).to.equal('USD');
    // Quoting: commas, quotes and line breaks survive; formulas are defused.
    const names = new Map(records.slice(1).map((r) => [r[0], r[1]]));
    const smith = String(tricky[0]!.id);
    const formula = String(tricky[1]!.id);
    if (names.has(smith)) expect(names.get(smith)).to.equal('Smith, "Junior"\nII');
    if (names.has(formula)) expect(names.get(formula)).to.equal(`'=HYPERLINK("x")`);
    expect(content).to.not.match(/(^|,)=HYPERLINK/m);
  });

  it('downloads the export through a link inside its own shadow root', async () => {
    const s = await setup();
    const bodyChildren = document.body.childElementCount;
    let href = '';
    let filename = '';
    s.list.addEventListener('click', (event) => {
      const target = event.composedPath()[0];
      if (target instanceof HTMLAnchorElement) {
        href = target.href;
        filename = target.download;
        expect(target.getRootNode()).to.equal(s.list.shadowRoot);
        event.preventDefault(); // no real download in the test browser
      }
    });
    s.list.exportFilename = 'at-risk';
    s.harness.exportButton.click();
    await waitUntil(() => href !== '', 'download link clicked');
    expect(filename).to.equal('at-risk.csv');
    expect(href.startsWith('blob:')).to.equal(true);
    const bytes = new Uint8Array(await (await fetch(href)).arrayBuffer());
    // A UTF-8 byte-order mark first (Response.text() would strip it), then the CSV.
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).startsWith('Customer id,')).to.equal(true);
    expect(document.body.childElementCount).to.equal(bodyChildren);
    expect(s.list.shadowRoot!.querySelector('a')).to.equal(null);
    s.list.remove();
    // Revoked on disconnect.
    await new Promise((r) => setTimeout(r, 10));
    let revoked = false;
    await fetch(href).catch(() => {
      revoked = true;
    });
    expect(revoked).to.equal(true);
  });

  it('switches to zh-CN: headers, tiers, bands, numbers and money', async () => {
    const s = await setup();
    s.list.locale = 'zh-CN';
    await s.list.updateComplete;
    expect(s.harness.headers).to.deep.equal([
      '客户',
      '等级',
      '风险↕',
      '原因',
      '最近购买',
      '通常间隔',
      '风险价值▼',
      '终身价值↕',
    ]);
    const row = s.harness.rows[0]!.cells;
    expect(row[1]).to.be.oneOf(['白金客户', '黄金客户', '铁质客户', '铅质客户']);
    expect(row[2]).to.match(/^\d+% [高中低]$/);
    expect(row[4]).to.match(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(row[5]).to.match(/^每 \d+ 天$/);
    expect(row[6]).to.match(/^US\$[\d,]+\.\d\d$/);
    expect(s.harness.count).to.match(/^[\d,]+ 位客户$/);
    expect(s.harness.bandToggle('high').textContent?.trim()).to.equal('高');
    s.list.currency = 'CNY';
    await s.list.updateComplete;
    expect(s.harness.rows[0]!.cells[6]).to.match(/^¥[\d,]+\.\d\d$/);
    await expect(s.list).to.be.accessible();
  });

  it('follows theme tokens: dark theme and per-element properties', async () => {
    const s = await setup();
    const base = s.list.shadowRoot!.querySelector('[part~="base"]')!;
    const band = s.list.shadowRoot!.querySelector<HTMLElement>(
      '[part~="band-toggle"][data-band="high"] .dot',
    )!;
    const colour = (c: string) => {
      const probe = document.createElement('span');
      probe.style.color = c;
      s.list.shadowRoot!.append(probe);
      const value = getComputedStyle(probe).color;
      probe.remove();
      return value;
    };
    expect(getComputedStyle(base).backgroundColor).to.equal(colour('#ffffff'));
    s.data.theme = 'dark';
    await s.list.updateComplete;
    expect(getComputedStyle(base).backgroundColor).to.equal(colour(DARK_TOKENS['color-background']));
    expect(getComputedStyle(band).backgroundColor).to.equal(colour(DARK_TOKENS['color-danger']));
    s.list.style.setProperty('--churn-list-band-high', 'rgb(10, 20, 30)');
    expect(getComputedStyle(band).backgroundColor).to.equal('rgb(10, 20, 30)');
    await expect(s.list).to.be.accessible();
  });

  it('links to a <lens-data> elsewhere with source=', async () => {
    const container = await mount<HTMLDivElement>(
      html`<div>
        <lens-churn-list source="orders"></lens-churn-list>
        <lens-data id="orders" .engineOptions=${engineOptions()} .transactions=${ROWS}></lens-data>
      </div>`,
    );
    const list = container.querySelector('lens-churn-list')!;
    await waitForStatus(container.querySelector('lens-data')!);
    const harness = new ChurnListHarness(list);
    await harness.settled();
    expect(harness.rows.length).to.be.greaterThan(5);
  });

  it('shows the shared error state when the data is bad', async () => {
    const data = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} .transactions=${badRows(12)}>
        <lens-churn-list></lens-churn-list>
      </lens-data>`,
    );
    await waitForStatus(data, 'error');
    const list = data.querySelector('lens-churn-list')!;
    await list.updateComplete;
    const harness = new ChurnListHarness(list);
    expect(harness.state).to.equal('error');
    harness.rejectionsToggle!.click();
    await waitUntil(() => harness.rejectionRows.length === 12, 'rejected rows listed');
    await expect(list).to.be.accessible();
  });

  it('lets go of everything when removed', async () => {
    const s = await setup();
    const watched = observedLangCount();
    expect(s.data.subscriberCount).to.equal(1);
    s.list.remove();
    await waitUntil(() => s.data.subscriberCount === 0, 'unsubscribed');
    expect(observedLangCount()).to.equal(watched - 1);
  });
});

describe('<lens-churn-list> with 10,000 customers in the worker', () => {
  it('renders only the visible rows and fetches pages as it scrolls', async function () {
    this.timeout(90_000);
    const rows = syntheticRows(10_000, 5);
    const data = await mount<LensData>(
      html`<lens-data engine-key="big" .engineOptions=${engineOptions('module-worker')} .transactions=${rows}>
        <lens-churn-list></lens-churn-list>
      </lens-data>`,
    );
    await waitForStatus(data, 'ready', 80_000);
    expect(data.computeHost).to.equal('module-worker');
    const list = data.querySelector('lens-churn-list')!;
    const harness = new ChurnListHarness(list);
    await harness.settled(20_000);
    const total = list.rowCount!;
    expect(total).to.be.greaterThan(5000);
    expect(harness.grid.getAttribute('aria-rowcount')).to.equal(String(total + 1));
    const inDom = harness.rowElements.length;
    expect(inDom).to.be.lessThan(40);

    // Jump to the middle and to the end: new pages come from the engine, the DOM stays small.
    const rowPx = harness.rowElements[0]!.offsetHeight;
    const { engine, dataset, request } = data.dataState;
    for (const target of [Math.floor(total / 2), total - 1]) {
      harness.scrollTo(target * rowPx);
      await waitUntil(() => harness.row(target) !== undefined, `row ${target} rendered`, { timeout: 20_000 });
      await harness.settled(20_000);
      expect(harness.rowElements.length).to.be.lessThan(40);
      const expected = await engine!.churnList(dataset!, request, { offset: target, limit: 1, fields: [] });
      expect(harness.row(target)!.customerId).to.equal(expected.rows.ids[0]);
    }
    await expect(list).to.be.accessible();
  });
});

describe('<lens-churn-list src=…> without a <lens-data>', () => {
  it('loads its own file and releases it when removed', async () => {
    const previous = LensData.defaultEngineOptions;
    LensData.defaultEngineOptions = engineOptions();
    try {
      const list = await mount<LensChurnList>(
        html`<lens-churn-list src=${CDNOW_URL} preset=${CDNOW_PRESET}></lens-churn-list>`,
      );
      const harness = new ChurnListHarness(list);
      await waitUntil(() => list.rowCount !== undefined, 'own data loaded', { timeout: 20_000 });
      await harness.settled();
      expect(harness.rows.length).to.be.greaterThan(0);
      await expect(list).to.be.accessible();
      // The list's own data source holds the page's shared engine; removing the last user disposes it.
      const { engine, dataset } = (list as unknown as { data: DataController }).data;
      list.remove();
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
