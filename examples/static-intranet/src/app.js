// The page's own script: the data-set, theme and language switches, and the data-quality figures. crm-lens itself
// is crm-lens/crm-lens.js (loaded by its own <script type="module">); this file only sets attributes on its tags.
// No inline script or style anywhere: the page runs under `Content-Security-Policy: default-src 'self'`.
//
// The URL keeps the choices (?data=online-retail&theme=dark&lang=zh-CN), so every view can be linked to.

/** The page's own words; the widgets bring their own translations and follow <html lang>. */
const TEXT = {
  en: {
    title: 'Customer value',
    tagline: 'Who brings the value, who could bring more, who is about to leave',
    settings: 'Settings',
    dataset: 'Data',
    theme: 'Theme',
    light: 'Light',
    dark: 'Dark',
    language: 'Language',
    rows: 'Rows read',
    accepted: 'Accepted',
    rejected: 'Rejected',
    customers: 'Customers',
    period: 'Period',
    pyramidTitle: 'Value pyramid',
    pyramidHint: 'Current value against lifetime-value potential',
    heatmapTitle: 'Recency × frequency',
    heatmapHint: 'Customers per RFM score cell',
    churnTitle: 'Customers at risk',
    churnHint: 'Ordered by the value that would be lost',
    kpisTitle: 'Loyalty',
    kpisHint: 'Repeat purchases, retention and the time between orders',
    cohortsTitle: 'Cohort retention',
    cohortsHint: 'Customers by month of first purchase: who came back, and when',
    customerTitle: 'Customer card',
    customerHint: 'Open a customer in the list above to see them here',
    crossSellTitle: 'What sells together',
    crossSellHint:
      "Association rules over the orders' products, and suggestions for the customer opened above",
    segmentsTitle: 'Segments',
    segmentsHint: 'Customers clustered by recency, frequency and spend (k-means, k by silhouette)',
    drilldownTitle: 'Where the value is',
    drilldownHint: 'Revenue and customer value by period and region: click a year to drill in',
    footer:
      'Computed in your browser by crm-lens, in a Web Worker. Data: CDNOW (Fader, Hardie & Lee) and UCI Online Retail (Chen, Sain & Guo), prepared at build time into compact Arrow files.',
    noRejections: 'Every row was accepted.',
    rejections: (n, reasons) => `${n} rows were left out: ${reasons}.`,
    reason: { 'missing-value': 'a required value (customer id) is missing' },
    prepared: (mb, source) => `Downloaded: ${mb} MB of Arrow, prepared from the ${source} MB source file.`,
    descriptions: {
      cdnow: 'CD purchases of 23,570 customers of the CDNOW online store, January 1997 to June 1998.',
      'online-retail': 'Invoices of a UK online gift retailer, December 2010 to December 2011.',
    },
  },
  'zh-CN': {
    title: '客户价值',
    tagline: '谁带来价值，谁还能带来更多，谁即将流失',
    settings: '设置',
    dataset: '数据',
    theme: '主题',
    light: '浅色',
    dark: '深色',
    language: '语言',
    rows: '读取行数',
    accepted: '已接受',
    rejected: '已拒绝',
    customers: '客户数',
    period: '时间范围',
    pyramidTitle: '客户价值金字塔',
    pyramidHint: '当前价值与终身价值潜力',
    heatmapTitle: '最近购买 × 购买频次',
    heatmapHint: '各 RFM 评分格中的客户数',
    churnTitle: '流失风险客户',
    churnHint: '按可能损失的价值排序',
    kpisTitle: '忠诚度',
    kpisHint: '复购、留存与两次购买的间隔',
    cohortsTitle: '同期群留存',
    cohortsHint: '按首次购买月份分组：谁回来了，何时回来',
    customerTitle: '客户卡片',
    customerHint: '在上方列表中打开一位客户，即可在此查看',
    crossSellTitle: '哪些商品一起卖',
    crossSellHint: '基于订单商品的关联规则，以及对上方所选客户的推荐',
    segmentsTitle: '客户细分',
    segmentsHint: '按最近购买、购买频次和消费聚类（k-means，按轮廓系数选 k）',
    drilldownTitle: '价值在哪里',
    drilldownHint: '按时间和地区查看收入与客户价值：点击某一年可逐级下钻',
    footer:
      '由 crm-lens 在您的浏览器中（Web Worker 内）计算。数据：CDNOW（Fader、Hardie 与 Lee）和 UCI Online Retail（Chen、Sain 与 Guo），在构建时转换为紧凑的 Arrow 文件。',
    noRejections: '所有行均已接受。',
    rejections: (n, reasons) => `${n} 行未被采用：${reasons}。`,
    reason: { 'missing-value': '缺少必填值（客户编号）' },
    prepared: (mb, source) => `已下载 ${mb} MB 的 Arrow 文件（由 ${source} MB 的源文件转换）。`,
    descriptions: {
      cdnow: 'CDNOW 网上商店 23,570 位客户的 CD 购买记录，1997 年 1 月至 1998 年 6 月。',
      'online-retail': '一家英国网上礼品零售商的发票，2010 年 12 月至 2011 年 12 月。',
    },
  },
};

const DATASETS_URL = 'data/datasets.json';
const LANGS = ['en', 'zh-CN'];
const THEMES = ['light', 'dark'];

const lensData = document.getElementById('data');
const params = new URLSearchParams(location.search);

/** A stored choice: the URL first, then this browser's last choice, then the default. */
function initial(name, allowed, fallback) {
  const value = params.get(name) ?? localStorage.getItem(`crm-lens-demo.${name}`);
  return allowed.includes(value) ? value : fallback;
}

const state = {
  dataset: 'cdnow',
  theme: initial('theme', THEMES, matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'),
  lang: initial('lang', LANGS, navigator.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'),
};

/** @type {{ datasets: any[] }} */
let manifest = { datasets: [] };

/** Keep a choice in the URL (`?data=…&theme=…&lang=…`) and in this browser. */
function remember(name, value) {
  try {
    localStorage.setItem(`crm-lens-demo.${name}`, value);
  } catch {
    // Storage may be off (private mode, policy): the URL still keeps the choice.
  }
  const url = new URL(location.href);
  url.searchParams.set(name, value);
  history.replaceState(null, '', url);
}

function press(attribute, value) {
  for (const button of document.querySelectorAll(`button[${attribute}]`)) {
    button.setAttribute('aria-pressed', String(button.getAttribute(attribute) === value));
  }
}

function setText(id, text) {
  const element = document.getElementById(id);
  if (element && element.textContent !== text) element.textContent = text;
}

function applyTheme() {
  document.documentElement.classList.toggle('lens-theme-dark', state.theme === 'dark');
  press('data-theme', state.theme);
}

function applyLang() {
  const text = TEXT[state.lang];
  // The widgets follow the closest `lang`: this switches their messages, numbers and dates too.
  document.documentElement.lang = state.lang;
  document.title = `${text.title} · crm-lens`;
  for (const element of document.querySelectorAll('[data-text]')) {
    const value = text[element.dataset.text];
    if (typeof value === 'string' && element.textContent !== value) element.textContent = value;
  }
  for (const element of document.querySelectorAll('[data-label]')) {
    element.setAttribute('aria-label', text[element.dataset.label]);
  }
  press('data-lang', state.lang);
  showFigures();
}

/** The data-quality figures of the current data set, from the report written when the data was prepared. */
function showFigures() {
  const dataset = manifest.datasets.find((d) => d.id === state.dataset);
  if (!dataset) return;
  const text = TEXT[state.lang];
  const number = new Intl.NumberFormat(state.lang);
  const q = dataset.quality;
  setText('dataset-name', dataset.name);
  setText('dataset-description', text.descriptions[dataset.id] ?? dataset.description);
  setText('figure-rows', number.format(q.total));
  setText('figure-accepted', number.format(q.accepted));
  setText('figure-rejected', number.format(q.rejected));
  setText('figure-customers', number.format(q.customers));
  setText('figure-period', q.dateRange ? `${q.dateRange.first} – ${q.dateRange.last}` : '–');
  const reasons = Object.entries(q.rejectedByReason)
    .map(([code, n]) => `${text.reason[code] ?? code} (${number.format(n)})`)
    .join('; ');
  const mb = (bytes) => new Intl.NumberFormat(state.lang, { maximumFractionDigits: 1 }).format(bytes / 1e6);
  const sentences = [
    q.rejected > 0 ? text.rejections(number.format(q.rejected), reasons) : text.noRejections,
    text.prepared(mb(dataset.preparedBytes), mb(dataset.source.bytes)),
  ];
  // Chinese sentences follow each other without a space.
  setText('quality-note', sentences.join(state.lang === 'zh-CN' ? '' : ' '));
}

/** Point <lens-data> at a prepared file: it loads and scores it in the engine's worker, and the widgets follow. */
function applyDataset() {
  const dataset = manifest.datasets.find((d) => d.id === state.dataset);
  if (!dataset) return;
  press('data-dataset', dataset.id);
  lensData.setAttribute('format', dataset.format);
  lensData.setAttribute('date-format', dataset.dateFormat);
  lensData.setAttribute('customer-field', dataset.fields.customerId);
  lensData.setAttribute('date-field', dataset.fields.date);
  lensData.setAttribute('amount-field', dataset.fields.amount);
  // Order, product and region where the data has them (cross-selling baskets, drill-down by region).
  for (const [field, attribute] of [
    ['orderId', 'order-field'],
    ['product', 'product-field'],
    ['region', 'region-field'],
  ]) {
    if (dataset.fields[field]) lensData.setAttribute(attribute, dataset.fields[field]);
    else lensData.removeAttribute(attribute);
  }
  lensData.setAttribute('currency', dataset.currency);
  lensData.setAttribute('src', dataset.file);
  showFigures();
}

// Opening a customer in the churn list shows them in the customer card (the cross-sell panel follows by itself).
const customerCard = document.getElementById('customer-card');
document.addEventListener('lens-customer-open', (event) => {
  if (customerCard && event.detail?.customerId)
    customerCard.setAttribute('customer-id', event.detail.customerId);
});

document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button') : null;
  if (!button) return;
  if (button.dataset.dataset && button.dataset.dataset !== state.dataset) {
    state.dataset = button.dataset.dataset;
    remember('data', state.dataset);
    applyDataset();
  } else if (button.dataset.theme) {
    state.theme = button.dataset.theme;
    remember('theme', state.theme);
    applyTheme();
  } else if (button.dataset.lang) {
    state.lang = button.dataset.lang;
    remember('lang', state.lang);
    applyLang();
  }
});

applyTheme();
applyLang();
try {
  const response = await fetch(DATASETS_URL);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  manifest = await response.json();
} catch (error) {
  setText(
    'dataset-description',
    `Could not read ${DATASETS_URL}: ${error.message}. Build the example first.`,
  );
}
state.dataset = initial(
  'data',
  manifest.datasets.map((d) => d.id),
  manifest.datasets[0]?.id ?? 'cdnow',
);
applyDataset();
