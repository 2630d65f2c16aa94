import { expect, html, waitUntil } from '@open-wc/testing';
import '../testing/probe-element.js';
import { StatesHarness } from '../internal/states.harness.js';
import { mount } from '../testing/fixtures.js';
import type { LensTestProbe } from '../testing/probe-element.js';
import { type Catalog, en, type MessageKey } from './en.js';
import { availableLocales, closestCatalog, loadCatalog, registerCatalog, resolveLocale } from './locale.js';
import { Localizer, localizer } from './localizer.js';
import { checkMessage, formatMessage, messageArguments } from './message-format.js';
import { zhCN } from './zh-cn.js';

const KEYS = Object.keys(en) as MessageKey[];

// First in this file: nothing has loaded the shipped Chinese catalog yet (each test file has its own page).
describe('a shipped catalog is loaded on first use', () => {
  it('speaks English until zh-CN has arrived, then re-renders in Chinese by itself', async () => {
    expect(availableLocales()).to.include('zh-CN');
    // Not loaded yet: English meanwhile, and the load is under way.
    const early = new Localizer('zh-CN');
    expect(early.language).to.equal('en');
    expect(early.loading).to.be.instanceOf(Promise);
    expect(early.tier('gold')).to.equal('Gold');
    expect(closestCatalog('zh').loading, 'one load for every zh locale').to.equal(early.loading);

    const probe = await mount<LensTestProbe>(html`<lens-test-probe locale="en"></lens-test-probe>`);
    const states = new StatesHarness(probe);
    expect(states.headline).to.equal('No data yet.');
    probe.locale = 'zh-CN';
    // updateComplete waits for the catalog and the re-render in Chinese.
    await probe.updateComplete;
    expect(states.headline).to.equal('暂无数据。');

    const late = localizer('zh-CN');
    expect(late.language).to.equal('zh-CN');
    expect(late.loading).to.equal(undefined);
    expect(late.tier('gold')).to.equal('黄金客户');
    await loadCatalog('zh-Hans'); // already there: resolves at once
  });
});

describe('message catalogs', () => {
  before(() => loadCatalog('zh-CN'));

  it('every message parses', () => {
    for (const catalog of [en, zhCN] as Catalog[]) {
      for (const key of KEYS) expect(checkMessage(catalog[key]), key).to.equal(undefined);
    }
  });

  it('zh-CN translates every key with the same placeholders', () => {
    expect(Object.keys(zhCN).sort()).to.deep.equal([...KEYS].sort());
    for (const key of KEYS) {
      expect([...messageArguments(zhCN[key])].sort(), key).to.deep.equal(
        [...messageArguments(en[key])].sort(),
      );
    }
  });

  it('names the tiers as the product does', () => {
    const zh = new Localizer('zh-CN');
    expect(['platinum', 'gold', 'iron', 'lead'].map((t) => zh.tier(t))).to.deep.equal([
      '白金客户',
      '黄金客户',
      '铁质客户',
      '铅质客户',
    ]);
  });
});

describe('message format', () => {
  const f = new Localizer('en').format;
  it('fills placeholders, plurals and formats', () => {
    expect(formatMessage('{n, plural, =0 {none} one {# row} other {# rows}}', { n: 0 }, f)).to.equal('none');
    expect(formatMessage('{n, plural, =0 {none} one {# row} other {# rows}}', { n: 1 }, f)).to.equal('1 row');
    expect(formatMessage('{n, plural, one {# row} other {# rows}}', { n: 1234 }, f)).to.equal('1,234 rows');
    expect(formatMessage('{p, percent} of {x}', { p: 0.473, x: 'them' }, f)).to.equal('47% of them');
    expect(formatMessage('{k, select, a {A} other {?}}', { k: 'a' }, f)).to.equal('A');
    expect(formatMessage('{v, decimal}', { v: 2 }, f)).to.equal('2.0');
  });

  it('shows a malformed message as written', () => {
    expect(checkMessage('{oops')).to.be.a('string');
    expect(formatMessage('{oops', {}, f)).to.equal('{oops');
  });
});

describe('Intl helpers', () => {
  before(() => loadCatalog('zh-CN'));

  it('format numbers, money, percentages, dates and relative days per locale', () => {
    const en = new Localizer('en', 'USD').format;
    const zh = new Localizer('zh-CN', 'CNY').format;
    const de = new Localizer('de-DE', 'EUR').format;
    expect(en.number(1234.567)).to.equal('1,234.57');
    expect(de.number(1234.567)).to.equal('1.234,57');
    expect(en.currency(1234.5)).to.equal('$1,234.50');
    expect(zh.currency(1234.5)).to.equal('¥1,234.50');
    expect(de.currency(1234.5)).to.match(/^1\.234,50\s€$/);
    expect(en.compact(1_250_000)).to.equal('1.3M');
    expect(zh.compact(1_250_000)).to.equal('125万');
    expect(en.percent(0.125, 1)).to.equal('12.5%');
    expect(en.date(Date.UTC(1997, 8, 30))).to.equal('Sep 30, 1997');
    expect(zh.date(Date.UTC(1997, 8, 30))).to.equal('1997年9月30日');
    expect(en.days(1)).to.equal('yesterday');
    expect(en.days(40)).to.equal('40 days ago');
    expect(zh.days(40)).to.equal('40天前');
    expect(en.number(Number.NaN)).to.equal('—');
    expect(new Localizer('en', 'NOT-A-CODE').format.currency(5)).to.equal('5');
  });

  it('translate churn reasons, falling back to the English text', () => {
    const reason = { code: 'overdue', values: { usualDays: 30, silentDays: 94 }, text: 'x' };
    expect(new Localizer('en').reason(reason)).to.equal('usually buys every 30 days, silent for 94');
    expect(new Localizer('zh-CN').reason(reason)).to.equal('通常每 30 天购买一次，已有 94 天未购买');
    expect(new Localizer('zh-CN').reason({ code: 'new-signal', values: {}, text: 'in English' })).to.equal(
      'in English',
    );
    const complaints = { code: 'complaints', values: { complaints: 1, days: 90 }, text: '' };
    expect(new Localizer('en').reason(complaints)).to.equal('1 complaint in the last 90 days');
  });
});

describe('locale resolution', () => {
  before(() => loadCatalog('zh-CN'));

  it('own attribute → closest lang (across shadow roots) → browser', async () => {
    const outer = await mount<HTMLDivElement>(html`<div lang="zh-cn"><span></span></div>`);
    const span = outer.querySelector('span')!;
    expect(resolveLocale(span)).to.equal('zh-CN');
    expect(resolveLocale(span, 'de-CH')).to.equal('de-CH');
    const host = document.createElement('div');
    outer.append(host);
    const inner = host.attachShadow({ mode: 'open' });
    const deep = document.createElement('b');
    inner.append(deep);
    expect(resolveLocale(deep)).to.equal('zh-CN');
    const detached = document.createElement('i');
    expect(resolveLocale(detached)).to.equal(navigator.language);
  });

  it('closest catalog', () => {
    expect(closestCatalog('zh').tag).to.equal('zh-CN');
    expect(closestCatalog('zh-Hans-SG').tag).to.equal('zh-CN');
    expect(closestCatalog('zh-TW').tag).to.equal('zh-CN');
    expect(closestCatalog('en-GB').tag).to.equal('en');
    expect(closestCatalog('fr').tag).to.equal('en');
  });

  it('re-renders on a locale attribute, an ancestor lang change, and a new catalog', async () => {
    const outer = await mount<HTMLDivElement>(html`<div lang="en"><lens-test-probe></lens-test-probe></div>`);
    const probe = outer.querySelector('lens-test-probe') as LensTestProbe;
    const states = new StatesHarness(probe);
    expect(states.headline).to.equal('No data yet.');
    probe.locale = 'zh-CN';
    await probe.updateComplete;
    expect(states.headline).to.equal('暂无数据。');
    probe.locale = undefined;
    await probe.updateComplete;
    expect(states.headline).to.equal('No data yet.');
    outer.lang = 'zh';
    await waitUntil(() => states.headline === '暂无数据。', 'lang change re-renders');
    registerCatalog('eo', { 'state.idle': 'Nothing here (test).' });
    outer.lang = 'eo';
    await waitUntil(() => states.headline === 'Nothing here (test).', 'registered catalog used');
  });
});
