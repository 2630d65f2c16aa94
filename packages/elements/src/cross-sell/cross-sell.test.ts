import type { RulesQuery, SuggestionsQuery } from '@crm-lens/engine';
import { generateDataset, toRows } from '@crm-lens/testing';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../lens-churn-list.js';
import '../lens-cross-sell.js';
import '../lens-data.js';
import { ChurnListHarness } from '../churn-list/churn-list.harness.js';
import type { LensData } from '../data/data.js';
import { loadCatalog } from '../i18n/locale.js';
import { Localizer } from '../i18n/localizer.js';
import { observedLangCount } from '../internal/lang-observer.js';
import { badRows, engineOptions, mount, waitForStatus } from '../testing/fixtures.js';
import { DARK_TOKENS } from '../themes/tokens.js';
import { CrossSellHarness } from './cross-sell.harness.js';
import type { LensCrossSell, LensRuleSelectEvent, LensSuggestionOpenEvent } from './cross-sell.js';

// Orders of several products each, so that there are association rules.
const DATASET = generateDataset({ customers: 300, seed: 11, basketSize: 3, products: 30 });
const ROWS = toRows(DATASET.transactions);
const IDS = [...new Set(ROWS.map((row) => String(row.customerId)))];

const en = new Localizer('en', 'USD');

interface Setup {
  readonly data: LensData;
  readonly el: LensCrossSell;
  readonly harness: CrossSellHarness;
  engineRules(query: RulesQuery): ReturnType<import('@crm-lens/engine').Engine['rules']>;
  engineSuggestions(query: SuggestionsQuery): ReturnType<import('@crm-lens/engine').Engine['suggestions']>;
}

async function setup(attributes: Record<string, string> = {}, rows: unknown = ROWS): Promise<Setup> {
  const data = await mount<LensData>(
    html`<lens-data .engineOptions=${engineOptions()} .transactions=${rows}>
      <lens-cross-sell locale="en"></lens-cross-sell>
    </lens-data>`,
  );
  const el = data.querySelector('lens-cross-sell')!;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  const harness = new CrossSellHarness(el);
  return {
    data,
    el,
    harness,
    engineRules: (query) => {
      const { engine, dataset } = data.dataState;
      return engine!.rules(dataset!, query);
    },
    engineSuggestions: (query) => {
      const { engine, dataset } = data.dataState;
      return engine!.suggestions(dataset!, query);
    },
  };
}

async function ready(s: Setup) {
  await waitForStatus(s.data);
  await s.harness.settled();
}

/** A customer who gets at least two suggestions with the widget's thresholds. */
async function customerWithSuggestions(s: Setup): Promise<string> {
  const answer = await s.engineSuggestions(s.el.suggestionsQuery(IDS[0]!));
  expect(answer.rules).to.be.greaterThan(0);
  const all = await s.engineSuggestions({ ...s.el.suggestionsQuery(IDS[0]!), customerIds: IDS.slice(0, 80) });
  const found = all.customers.find((c) => c.suggestions.length >= 2);
  if (!found) throw new Error('no customer with two suggestions');
  return found.id;
}

describe('<lens-cross-sell>', () => {
  it('is accessible and lists the engine’s rules for the same query', async () => {
    const s = await setup({ 'min-support': '0.01', 'min-confidence': '0.25', 'min-lift': '1', limit: '12' });
    await ready(s);
    const query = { minSupport: 0.01, minConfidence: 0.25, minLift: 1, limit: 12 };
    expect(s.el.rulesQuery).to.deep.equal(query);
    const expected = await s.engineRules(query);
    expect(expected.rules.length).to.be.greaterThan(3);
    expect(s.el.rulesResult).to.deep.equal(expected);
    const rows = s.harness.rows;
    expect(rows.map((r) => r.index)).to.deep.equal([...Array(expected.rules.length).keys()]);
    const f = en.format;
    rows.forEach((row, i) => {
      const r = expected.rules;
      expect(row.cells).to.deep.equal([
        r.antecedent[i]!.join(' + '),
        r.consequent[i]!.join(' + '),
        f.percent(r.support[i]!, 1),
        f.percent(r.confidence[i]!),
        f.number(r.lift[i]!),
      ]);
    });
    expect(s.harness.headers).to.deep.equal(['If bought', 'Then also', 'Support↕', 'Confidence↕', 'Lift▼']);
    expect(s.harness.grid!.getAttribute('role')).to.equal('grid');
    expect(s.harness.grid!.getAttribute('aria-rowcount')).to.equal(String(expected.rules.length + 1));
    expect(s.harness.caption).to.contain(
      `${expected.rules.length} of ${expected.total} rules from ${f.integer(expected.baskets.baskets)} orders`,
    );
    expect(s.harness.panelText).to.contain('Select a customer');
    await expect(s.el).to.be.accessible();
  });

  it('sorts by confidence and support, and refetches when a threshold changes', async () => {
    const s = await setup();
    await ready(s);
    const expected = await s.engineRules(s.el.rulesQuery);
    const changes: Event[] = [];
    s.el.addEventListener('change', (e) => changes.push(e));
    s.harness.sortBy('confidence');
    await s.el.updateComplete;
    expect(s.el.getAttribute('sort')).to.equal('confidence');
    expect(s.harness.headerCell('confidence').getAttribute('aria-sort')).to.equal('descending');
    expect(s.harness.headerCell('lift').getAttribute('aria-sort')).to.equal('none');
    const confidence = [...expected.rules.confidence];
    const byConfidence = s.harness.rows.map((r) => confidence[r.index]!);
    expect(byConfidence).to.deep.equal([...byConfidence].sort((a, b) => b - a));
    expect(changes.length).to.equal(1);
    s.harness.sortBy('support');
    await s.el.updateComplete;
    const support = s.harness.rows.map((r) => expected.rules.support[r.index]!);
    expect(support).to.deep.equal([...support].sort((a, b) => b - a));

    s.el.minConfidence = 0.5;
    await s.el.updateComplete;
    await s.harness.settled();
    expect(s.el.rulesResult).to.deep.equal(await s.engineRules(s.el.rulesQuery));
    expect(s.el.rulesResult!.rules.confidence.every((c) => c >= 0.5)).to.equal(true);
  });

  it('reads exclude as comma-separated product ids, which may contain spaces', async () => {
    const s = await setup({ exclude: ' POST, BANK CHARGES ,,DOT ' });
    expect(s.el.exclude).to.deep.equal(['POST', 'BANK CHARGES', 'DOT']);
    expect(s.el.rulesQuery.exclude).to.deep.equal(['POST', 'BANK CHARGES', 'DOT']);
  });

  it('moves the active rule with the keyboard, selects it with Enter and clears with Escape', async () => {
    const s = await setup();
    await ready(s);
    const events: LensRuleSelectEvent[] = [];
    s.data.addEventListener('lens-rule-select', (e) => events.push(e));
    s.harness.grid!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowDown' });
    await s.el.updateComplete;
    expect(s.harness.activeDescendant).to.equal('rule-2');
    await sendKeys({ press: 'Enter' });
    await s.el.updateComplete;
    expect(events.length).to.equal(1);
    const { detail } = events[0]!;
    expect(events[0]!.bubbles && events[0]!.composed).to.equal(true);
    expect(detail.index).to.equal(s.harness.rows[2]!.index);
    expect(detail.rule).to.deep.equal(s.el.rule(detail.index));
    const r = s.el.rulesResult!.rules;
    expect(detail.rule!.antecedent).to.deep.equal(r.antecedent[detail.index]);
    expect(detail.rule!.lift).to.equal(r.lift[detail.index]);
    expect(s.harness.rows[2]!.selected).to.equal(true);
    expect(s.harness.rows[2]!.element.getAttribute('part')).to.equal('row row-active row-selected');

    await sendKeys({ press: 'End' });
    await s.el.updateComplete;
    expect(s.harness.activeDescendant).to.equal(`rule-${s.harness.rows.length - 1}`);
    await sendKeys({ press: 'Home' });
    await s.el.updateComplete;
    expect(s.harness.activeDescendant).to.equal('rule-0');
    await sendKeys({ press: 'Escape' });
    await s.el.updateComplete;
    expect(events.at(-1)!.detail).to.deep.equal({ rule: null, index: -1 });
    expect(s.harness.rows.some((row) => row.selected)).to.equal(false);

    // A click selects too.
    const clicked = oneEvent(s.el, 'lens-rule-select') as Promise<LensRuleSelectEvent>;
    s.harness.rows[4]!.element.click();
    expect((await clicked).detail.index).to.equal(s.harness.rows[4]!.index);
  });

  it('shows the engine’s suggestions for the selected customer, with the rule behind each', async () => {
    const s = await setup({ 'suggestion-limit': '4' });
    await ready(s);
    const id = await customerWithSuggestions(s);
    s.el.customerId = id;
    await s.harness.suggestionsSettled();
    const expected = await s.engineSuggestions(s.el.suggestionsQuery(id));
    const list = expected.customers[0]!.suggestions;
    expect(s.el.suggestions).to.deep.equal(list);
    expect(s.harness.suggestedItems).to.deep.equal(list.map((x) => x.item));
    expect(s.harness.panelTitle).to.equal(`Suggestions for ${id}`);
    const first = list[0]!;
    expect(s.harness.suggestionButtons[0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      `${first.item} score ${en.format.decimal(first.score)} because of ${first.rule.antecedent.join(' + ')} ⇒ ${first.rule.consequent.join(' + ')}: confidence ${en.format.percent(first.rule.confidence)}, lift ${en.format.number(first.rule.lift)}`,
    );
    await expect(s.el).to.be.accessible();

    const opened = oneEvent(s.el, 'lens-suggestion-open') as Promise<LensSuggestionOpenEvent>;
    s.harness.suggestionButtons[1]!.focus();
    await sendKeys({ press: 'Enter' });
    const event = await opened;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail).to.deep.equal({
      customerId: id,
      item: list[1]!.item,
      score: list[1]!.score,
      rule: { ...list[1]!.rule },
      index: 1,
    });

    s.harness.clearButton!.click();
    await s.el.updateComplete;
    expect(s.el.customerId).to.equal(undefined);
    expect(s.harness.panelText).to.contain('Select a customer');
  });

  it('follows lens-customer-open from a sibling churn list with follow-customer', async () => {
    const data = await mount<LensData>(
      html`<lens-data .engineOptions=${engineOptions()} .transactions=${ROWS}>
        <lens-churn-list></lens-churn-list>
        <lens-cross-sell locale="en" follow-customer></lens-cross-sell>
      </lens-data>`,
    );
    await waitForStatus(data);
    const list = data.querySelector('lens-churn-list')!;
    const el = data.querySelector('lens-cross-sell')!;
    const listHarness = new ChurnListHarness(list);
    await listHarness.settled();
    const harness = new CrossSellHarness(el);
    await harness.settled();
    const row = listHarness.row(3)!;
    row.element.click();
    await el.updateComplete;
    expect(el.customerId).to.equal(row.customerId);
    await harness.suggestionsSettled();
    const { engine, dataset } = data.dataState;
    const expected = await engine!.suggestions(dataset!, el.suggestionsQuery(row.customerId));
    expect(el.suggestions).to.deep.equal(expected.customers[0]!.suggestions);
    // Not following: events are ignored.
    el.followCustomer = false;
    await el.updateComplete;
    listHarness.row(5)!.element.click();
    await el.updateComplete;
    expect(el.customerId).to.equal(row.customerId);
  });

  it('says when the customer is not found, when no rule passes, and when there are no baskets', async () => {
    const s = await setup({ 'customer-id': 'NO-SUCH-CUSTOMER' });
    await ready(s);
    await s.harness.suggestionsSettled();
    expect(s.harness.panelText).to.equal(
      'Customer not found: the data has no customer with the id "NO-SUCH-CUSTOMER".',
    );
    expect(s.harness.state).to.equal(undefined);
    expect(s.harness.grid).to.exist;
    await expect(s.el).to.be.accessible();

    s.el.minSupport = 0.9;
    await s.el.updateComplete;
    await s.harness.settled();
    expect(s.harness.rulesMessage).to.equal(
      'No rules at these thresholds. Try a lower minimum support or confidence.',
    );

    const noProducts = ROWS.map(({ product: _product, ...row }) => row);
    const t = await setup({}, noProducts);
    await ready(t);
    expect(t.harness.rulesMessage).to.equal(
      'Cross-selling needs order ids and products, and this data has none.',
    );
    await expect(t.el).to.be.accessible();
  });

  it('shows the idle, loading and error states', async () => {
    const alone = await mount<LensCrossSell>(html`<lens-cross-sell></lens-cross-sell>`);
    expect(new CrossSellHarness(alone).state).to.equal('idle');

    const s = await setup();
    await waitForStatus(s.data);
    // Another threshold: the rules are mined again, with a progress bar meanwhile.
    s.el.minSupport = 0.004;
    await s.el.updateComplete;
    expect(s.harness.rulesProgress).to.exist;
    await s.harness.settled();
    expect(s.harness.grid).to.exist;

    const bad = await setup({}, badRows(10));
    await waitForStatus(bad.data, 'error');
    await bad.el.updateComplete;
    expect(bad.harness.state).to.equal('error');
    expect(bad.harness.qualityText).to.contain('10 rejected');
    expect(bad.harness.rejectionCodes).to.deep.equal(['invalid-date']);
    await expect(bad.el).to.be.accessible();
  });

  it('speaks zh-CN', async () => {
    await loadCatalog('zh-CN');
    const s = await setup();
    await ready(s);
    s.el.locale = 'zh-CN';
    await s.el.updateComplete;
    expect(s.harness.headers).to.deep.equal(['如果购买', '则也会购买', '支持度↕', '置信度↕', '提升度▼']);
    expect(s.harness.caption).to.match(/^共 \d+ 条规则，显示 \d+ 条/);
    s.el.customerId = await customerWithSuggestions(s);
    await s.harness.suggestionsSettled();
    expect(s.harness.panelTitle).to.equal(`为 ${s.el.customerId} 推荐`);
    expect(s.harness.suggestionButtons[0]!.textContent).to.contain('置信度');
    await expect(s.el).to.be.accessible();
  });

  it('follows theme tokens: a --lens-* token, theme="dark" and its own properties', async () => {
    const s = await setup();
    await ready(s);
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
    const th = s.el.shadowRoot!.querySelector('th')!;
    s.el.style.setProperty('--cross-sell-header-background', 'rgb(10, 20, 30)');
    expect(getComputedStyle(th).backgroundColor).to.equal('rgb(10, 20, 30)');
    await expect(s.el).to.be.accessible();
  });

  it('lets go of its data source when removed, and adds nothing to the document', async () => {
    const head = document.head.childNodes.length;
    const sheets = document.adoptedStyleSheets.length;
    const styleSheets = document.styleSheets.length;
    const s = await setup({ 'customer-id': IDS[2]!, 'follow-customer': '' });
    const body = document.body.childNodes.length;
    await ready(s);
    await s.harness.suggestionsSettled();
    expect(document.head.childNodes.length).to.equal(head);
    expect(document.body.childNodes.length).to.equal(body);
    expect(document.adoptedStyleSheets.length).to.equal(sheets);
    expect(document.styleSheets.length).to.equal(styleSheets);

    const watched = observedLangCount();
    expect(s.data.subscriberCount).to.equal(1);
    s.el.remove();
    await waitUntil(() => s.data.subscriberCount === 0, 'unsubscribed');
    expect(observedLangCount()).to.equal(watched - 1);
    // No longer following: an open event elsewhere in the document does not reach it.
    document.body.dispatchEvent(
      new CustomEvent('lens-customer-open', { detail: { customerId: IDS[3], index: 0 }, bubbles: true }),
    );
    expect(s.el.customerId).to.equal(IDS[2]);
    s.data.append(s.el);
    await s.harness.settled();
    expect(s.harness.grid).to.exist;
  });
});
