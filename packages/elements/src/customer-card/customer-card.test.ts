import type { CustomerCard } from '@crm-lens/engine';
import { generateDataset, toRows } from '@crm-lens/testing';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../lens-customer-card.js';
import '../lens-data.js';
import type { LensSuggestionOpenEvent } from '../cross-sell/cross-sell-events.js';
import type { LensData } from '../data/data.js';
import { loadCatalog } from '../i18n/locale.js';
import { Localizer } from '../i18n/localizer.js';
import { observedLangCount } from '../internal/lang-observer.js';
import { badRows, engineOptions, mount, waitForStatus } from '../testing/fixtures.js';
import { DARK_TOKENS } from '../themes/tokens.js';
import { CustomerCardHarness } from './customer-card.harness.js';
import type { LensCustomerCard } from './customer-card.js';

// Orders of several products each, so that the card has cross-sell suggestions.
const DATASET = generateDataset({ customers: 300, seed: 11, basketSize: 3, products: 30 });
const ROWS = toRows(DATASET.transactions);
const CUSTOMERS = toRows(DATASET.customers);
const IDS = [...new Set(ROWS.map((row) => String(row.customerId)))];

interface Setup {
  readonly data: LensData;
  readonly el: LensCustomerCard;
  readonly harness: CustomerCardHarness;
  /** The engine's own card for an id, with the card's query. */
  engineCard(id: string): Promise<CustomerCard>;
}

async function setup(
  attributes: Record<string, string> = {},
  options: { rows?: unknown; customers?: unknown } = {},
): Promise<Setup> {
  const data = await mount<LensData>(
    html`<lens-data .engineOptions=${engineOptions()} .transactions=${options.rows ?? ROWS}
      .customers=${options.customers}><lens-customer-card locale="en"></lens-customer-card></lens-data>`,
  );
  const el = data.querySelector('lens-customer-card')!;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return {
    data,
    el,
    harness: new CustomerCardHarness(el),
    engineCard: (id) => {
      const { engine, dataset, request } = data.dataState;
      return engine!.customerCard(dataset!, request, id, el.cardQuery);
    },
  };
}

/** A customer of the data with cross-sell suggestions, churn reasons and a next-order window. */
async function richCustomer(s: Setup): Promise<CustomerCard> {
  for (const id of IDS) {
    const card = await s.engineCard(id);
    if ((card.crossSell?.length ?? 0) >= 2 && card.churn.reasons.length > 0 && card.nextOrder && card.tier) {
      return card;
    }
  }
  throw new Error('no customer with suggestions, reasons and a next-order window');
}

async function ready(s: Setup, id: string) {
  await waitForStatus(s.data);
  s.el.customerId = id;
  await s.harness.settled();
  expect(s.harness.view, s.harness.headline).to.equal(undefined);
}

const en = new Localizer('en', 'USD');

describe('<lens-customer-card>', () => {
  it('shows the engine’s card for a customer, as a labelled region with a definition list', async () => {
    const s = await setup({}, { customers: CUSTOMERS });
    await waitForStatus(s.data);
    const card = await richCustomer(s);
    await ready(s, card.id);
    const f = en.format;
    expect(s.el.result).to.deep.equal(card);
    expect(s.harness.name).to.equal(card.name ?? card.id);
    expect(s.harness.base!.localName).to.equal('section');
    expect(s.harness.label).to.equal(`Customer card: ${card.name ?? card.id}`);
    expect(s.harness.figureList).to.exist;
    expect(s.harness.terms).to.deep.equal([
      'Value tier',
      'RFM cell',
      'RFM segment',
      'Lifetime value',
      'Current value',
      'Chance still active',
      'Churn risk',
      'Why',
      'Value at risk',
      'Purchases',
      'Usual interval',
      'Next order expected',
    ]);
    const figures = s.harness.figures;
    expect(figures.tier).to.equal(en.tier(card.tier!));
    expect(figures.rfm).to.equal(
      `${card.rfm.cell}: recency ${card.rfm.r}, frequency ${card.rfm.f}, spend ${card.rfm.m} (of 5)`,
    );
    expect(figures.segment).to.equal(card.rfm.segment);
    expect(card.clvInterval).to.not.equal(null);
    const interval = card.clvInterval!;
    expect(figures.clv).to.equal(
      `${f.currency(card.clv)} (90% interval ${f.currency(interval.low)}–${f.currency(interval.high)})`,
    );
    expect(figures['current-value']).to.equal(f.currency(card.currentValue));
    expect(figures['p-alive']).to.equal(f.percent(card.pAlive));
    expect(figures.churn).to.equal(`${f.percent(card.churn.score)} · ${en.band(card.churn.band!)}`);
    expect(s.harness.reasons).to.deep.equal(card.churn.reasons.map((r) => r.text));
    expect(figures['value-at-risk']).to.equal(f.currency(card.churn.valueAtRisk));
    expect(figures.interval).to.equal(`every ${Math.max(1, Math.round(card.usualIntervalDays))} days`);
    expect(figures['next-order']).to.contain(
      `${f.date(card.nextOrder!.from)} – ${f.date(card.nextOrder!.to)}`,
    );
    if (card.nextOrder!.overdueDays >= 1) expect(figures['next-order']).to.match(/\(\d+ days? overdue\)$/);
    expect(figures.purchases).to.contain(`last on ${f.date(card.lastPurchase)}`);
    // Cross-sell: the engine's suggestions, best first, with the rule behind each.
    expect(s.harness.suggestedItems).to.deep.equal(card.crossSell!.map((x) => x.item));
    const first = card.crossSell![0]!;
    expect(s.harness.suggestionButtons[0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      `${first.item} bought ${first.rule.antecedent.join(' + ')} · confidence ${f.percent(first.rule.confidence)} · lift ${f.decimal(first.rule.lift)}`,
    );
    await expect(s.el).to.be.accessible();
  });

  it('follows customer-id and the cross-sell attributes', async () => {
    const s = await setup();
    await waitForStatus(s.data);
    const card = await richCustomer(s);
    s.el.setAttribute('cross-sell-limit', '1');
    await ready(s, card.id);
    expect(s.harness.suggestedItems).to.deep.equal([card.crossSell![0]!.item]);
    const other = IDS.find((id) => id !== card.id)!;
    s.el.setAttribute('customer-id', other);
    await s.el.updateComplete;
    expect(s.harness.view, 'loading the other customer').to.equal('loading');
    expect(s.harness.progressbar).to.exist;
    await s.harness.settled();
    expect(s.el.result!.id).to.equal(other);
    expect(s.el.result).to.deep.equal(await s.engineCard(other));
    s.el.crossSellLimit = 0;
    await s.harness.settled();
    await waitUntil(() => s.el.result?.crossSell === null, 'card without cross-sell');
    await s.el.updateComplete;
    expect(s.harness.crossSellText).to.equal('');
  });

  it('says plainly when the customer is not found', async () => {
    const s = await setup({ 'customer-id': 'NO-SUCH-CUSTOMER' });
    await waitForStatus(s.data);
    await s.harness.settled();
    expect(s.harness.view).to.equal('not-found');
    expect(s.harness.headline).to.equal('Customer not found');
    expect(s.harness.hint).to.equal('The data has no customer with the id "NO-SUCH-CUSTOMER".');
    expect(s.el.result).to.equal(undefined);
    await expect(s.el).to.be.accessible();
    // A known id afterwards shows its card.
    await ready(s, IDS[0]!);
    expect(s.el.result!.id).to.equal(IDS[0]);
  });

  it('asks for a customer without customer-id, and shows idle, loading and error states', async () => {
    const alone = await mount<LensCustomerCard>(html`<lens-customer-card></lens-customer-card>`);
    expect(new CustomerCardHarness(alone).state).to.equal('idle');
    await expect(alone).to.be.accessible();

    const s = await setup();
    expect(s.harness.state).to.be.oneOf(['loading', 'idle']);
    await waitForStatus(s.data);
    await s.el.updateComplete;
    expect(s.harness.view).to.equal('choose');
    expect(s.harness.headline).to.equal('Choose a customer to see their card.');
    await expect(s.el).to.be.accessible();

    const bad = await setup({ 'customer-id': 'C0' }, { rows: badRows(10) });
    await waitForStatus(bad.data, 'error');
    await bad.el.updateComplete;
    expect(bad.harness.state).to.equal('error');
    expect(bad.harness.qualityText).to.contain('10 rejected');
    expect(bad.harness.rejectionCodes).to.deep.equal(['invalid-date']);
    await expect(bad.el).to.be.accessible();
  });

  it('fires lens-suggestion-open on click and from the keyboard', async () => {
    const s = await setup();
    await waitForStatus(s.data);
    const card = await richCustomer(s);
    await ready(s, card.id);
    const clicked = oneEvent(s.el, 'lens-suggestion-open') as Promise<LensSuggestionOpenEvent>;
    s.harness.suggestionButtons[1]!.click();
    const event = await clicked;
    expect(event.bubbles && event.composed).to.equal(true);
    const expected = card.crossSell![1]!;
    expect(event.detail).to.deep.equal({
      customerId: card.id,
      item: expected.item,
      score: expected.score,
      rule: { ...expected.rule },
      index: 1,
    });

    const opened: LensSuggestionOpenEvent[] = [];
    s.data.addEventListener('lens-suggestion-open', (e) => opened.push(e));
    s.harness.suggestionButtons[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: ' ' });
    expect(opened.map((e) => e.detail.index)).to.deep.equal([0, 1]);
    expect(opened[0]!.detail.item).to.equal(card.crossSell![0]!.item);
  });

  it('speaks zh-CN: terms, tier, band, money, dates and reasons', async () => {
    await loadCatalog('zh-CN');
    const s = await setup();
    await waitForStatus(s.data);
    const card = await richCustomer(s);
    await ready(s, card.id);
    s.el.locale = 'zh-CN';
    await s.el.updateComplete;
    const zh = new Localizer('zh-CN', 'USD');
    expect(s.harness.terms).to.deep.equal([
      '价值等级',
      'RFM 单元格',
      'RFM 细分',
      '终身价值',
      '当前价值',
      '仍为活跃客户的概率',
      '流失风险',
      '原因',
      '风险价值',
      '购买',
      '通常间隔',
      '预计下次下单',
    ]);
    const figures = s.harness.figures;
    expect(figures.tier).to.be.oneOf(['白金客户', '黄金客户', '铁质客户', '铅质客户']);
    expect(figures.churn).to.match(/^\d+% · [高中低]$/);
    const interval = card.clvInterval!;
    expect(figures.clv).to.equal(
      `${zh.format.currency(card.clv)} (90% 区间 ${zh.format.currency(interval.low)}–${zh.format.currency(interval.high)})`,
    );
    expect(figures.clv).to.match(/^US\$/);
    expect(figures.interval).to.match(/^每 \d+ 天$/);
    expect(figures['next-order']).to.match(/^\d{4}年\d{1,2}月\d{1,2}日 – \d{4}年\d{1,2}月\d{1,2}日/);
    expect(s.harness.reasons).to.deep.equal(card.churn.reasons.map((r) => zh.reason(r)));
    expect(s.harness.reasons[0]).to.not.equal(card.churn.reasons[0]!.text);
    expect(s.harness.label).to.equal(`客户卡片：${card.name ?? card.id}`);
    s.el.currency = 'CNY';
    await s.el.updateComplete;
    expect(s.harness.figures.clv).to.match(/^¥/);
    s.el.customerId = 'NO-SUCH-CUSTOMER';
    await s.harness.settled();
    expect(s.harness.headline).to.equal('未找到客户');
    await expect(s.el).to.be.accessible();
  });

  it('follows theme tokens: a --lens-* token, theme="dark" and its own properties', async () => {
    const s = await setup();
    await ready(s, IDS[0]!);
    const colour = (c: string) => {
      const probe = document.createElement('span');
      probe.style.color = c;
      s.el.shadowRoot!.append(probe);
      const value = getComputedStyle(probe).color;
      probe.remove();
      return value;
    };
    const base = s.harness.base!;
    expect(getComputedStyle(base).backgroundColor).to.equal(colour('#ffffff'));
    s.el.style.setProperty('--lens-color-background', 'rgb(1, 2, 3)');
    expect(getComputedStyle(base).backgroundColor).to.equal('rgb(1, 2, 3)');
    s.el.style.removeProperty('--lens-color-background');
    s.data.theme = 'dark';
    await s.el.updateComplete;
    expect(getComputedStyle(base).backgroundColor).to.equal(colour(DARK_TOKENS['color-background']));
    const header = s.el.shadowRoot!.querySelector<HTMLElement>('[part~="header"]')!;
    s.el.style.setProperty('--customer-card-accent', 'rgb(10, 20, 30)');
    expect(getComputedStyle(header).borderBottomColor).to.equal('rgb(10, 20, 30)');
    await expect(s.el).to.be.accessible();
  });

  it('lets go of its data source when removed, and adds nothing to the document', async () => {
    const head = document.head.childNodes.length;
    const sheets = document.adoptedStyleSheets.length;
    const styleSheets = document.styleSheets.length;
    const s = await setup();
    const body = document.body.childNodes.length;
    await ready(s, IDS[1]!);
    expect(document.head.childNodes.length).to.equal(head);
    expect(document.body.childNodes.length).to.equal(body);
    expect(document.adoptedStyleSheets.length).to.equal(sheets);
    expect(document.styleSheets.length).to.equal(styleSheets);

    const watched = observedLangCount();
    expect(s.data.subscriberCount).to.equal(1);
    s.el.remove();
    await waitUntil(() => s.data.subscriberCount === 0, 'unsubscribed');
    expect(observedLangCount()).to.equal(watched - 1);
    // Put back, it shows the card again.
    s.data.append(s.el);
    await s.harness.settled();
    expect(s.el.result!.id).to.equal(IDS[1]);
  });
});
