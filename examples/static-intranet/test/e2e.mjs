#!/usr/bin/env node
// @ts-check
// End-to-end test of the built static example (`pnpm test:e2e` builds it first): the page in headless Chromium,
// served with `Content-Security-Policy: default-src 'self'` (no 'unsafe-eval', no 'unsafe-inline', no blob:), on
// both data sets (CDNOW, then Online Retail through the page's own data switch). It checks that
//
// - the engine runs in the module worker (`<lens-data compute-host="module-worker">`);
// - <lens-value-pyramid>, <lens-rfm-heatmap> and <lens-churn-list> show the numbers of the command-line tool on
//   the same data (`crm-lens score <file> --preset … --json`): the customers per tier, the customers per R × F
//   cell, and the first rows of the churn list (id, tier, risk, value at risk, lifetime value) — and that the
//   engine's own summary agrees with the CLI exactly;
// - the English page downloaded crm-lens.js and the element files it loads for the page's tags, the worker, its
//   analyses and the vega file only (none of the files loaded on demand in other cases), and switching to 中文
//   loads crm-lens.zh-cn.js and the widgets speak Chinese;
// - nothing violated the CSP (securitypolicyviolation events, console errors, page and worker errors, failed
//   requests);
// - nothing was added to the host document outside the widgets: its light DOM holds exactly the elements of the
//   page's HTML as served, a MutationObserver installed before any script sees no style attribute set, and the
//   document has no adopted or extra style sheets.
//
// Run: node test/e2e.mjs after `pnpm build` (the root `pnpm test:e2e` does both). Exit code 1 when a check fails.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, waitForDashboard } from '../scripts/browser.mjs';
import { CSP, serve } from '../scripts/serve.mjs';

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(exampleDir, '../..');
const dataDir = resolve(process.env.CRM_LENS_DATA ?? join(repoDir, '../shared/data'));
const TOP_ROWS = 10;
const TIER_LABELS = { platinum: 'Platinum', gold: 'Gold', iron: 'Iron', lead: 'Lead' };
const WIDGETS = ['lens-value-pyramid', 'lens-rfm-heatmap', 'lens-churn-list'];

/** @type {{ name: string, ok: boolean, detail: string }[]} */
const results = [];
/**
 * @param {string} name
 * @param {boolean} ok
 * @param {string} [detail]
 */
function check(name, ok, detail = '') {
  results.push({ name, ok, detail });
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}${detail ? ` — ${detail}` : ''}`);
}

const en = new Intl.NumberFormat('en');

// ---- The command-line tool on the source files ------------------------------------------------------------

/**
 * `crm-lens score <file> --preset … --json`, from the TypeScript sources, as `pnpm crm-lens` runs it.
 * @param {string} file
 * @param {string} preset
 */
function cliScore(file, preset) {
  return new Promise((resolveScore, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        'packages/cli/src/bin.ts',
        'score',
        file,
        '--preset',
        preset,
        '--json',
      ],
      { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    /** @type {Buffer[]} */
    const out = [];
    let err = '';
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`crm-lens score ${file} exited with ${code}: ${err.trim()}`));
      else resolveScore(JSON.parse(Buffer.concat(out).toString('utf8')));
    });
  });
}

/**
 * What the widgets should show, from the CLI's JSON.
 * @param {any} cli
 */
function expectations(cli) {
  /** @type {Map<string, number>} */
  const cells = new Map();
  for (const c of cli.customers) cells.set(`${c.r},${c.f}`, (cells.get(`${c.r},${c.f}`) ?? 0) + 1);
  // Largest value at risk first; equal values (the CLI rounds to cents) may come in any order.
  const byRisk = [...cli.customers].sort((a, b) => b.value_at_risk - a.value_at_risk);
  return {
    asOf: cli.asOf,
    scored: cli.customers.length,
    tiers: Object.fromEntries(cli.pyramid.tiers.map((t) => [t.tier, t.customers])),
    cells,
    top: byRisk.slice(0, TOP_ROWS),
    /** @param {number} value */
    tiedIds: (value) => new Set(byRisk.filter((c) => c.value_at_risk === value).map((c) => String(c.id))),
  };
}

// ---- What the page shows ----------------------------------------------------------------------------------

/** Installed before any script of the page: records what the host document sees. */
function instrument() {
  const log = {
    violations: /** @type {object[]} */ ([]),
    added: /** @type {object[]} */ ([]),
    styleAttributes: /** @type {object[]} */ ([]),
    loads: /** @type {object[]} */ ([]),
    globals: Object.getOwnPropertyNames(window),
  };
  Object.defineProperty(window, '__e2e', { value: log, enumerable: false });
  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      const path = event.composedPath().filter((node) => node instanceof Element);
      log.violations.push({
        directive: event.violatedDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
        where: path
          .map((el) => el.localName)
          .filter((name) => name.startsWith('lens-'))
          .join(' < '),
      });
    },
    true,
  );
  document.addEventListener('lens-data-load', (event) => {
    const target = /** @type {Element} */ (event.target);
    log.loads.push({ src: target.getAttribute('src'), at: performance.now() });
  });
  const describe = (/** @type {Node} */ node) =>
    node instanceof Element
      ? `<${node.localName}${node.id ? `#${node.id}` : ''}${node.className && typeof node.className === 'string' ? `.${node.className.split(' ')[0]}` : ''}>`
      : node.nodeName;
  new MutationObserver((records) => {
    // The parser builds the page while the document is loading; everything after that was added by a script.
    const byParser = document.readyState === 'loading';
    for (const record of records) {
      if (record.type === 'attributes') {
        log.styleAttributes.push({
          element: describe(record.target),
          value: /** @type {Element} */ (record.target).getAttribute('style'),
        });
        continue;
      }
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        log.added.push({ element: describe(node), parent: describe(record.target), byParser });
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
}

/**
 * Everything the test reads from the page, in one round trip.
 * @param {import('puppeteer-core').Page} page
 */
function readPage(page) {
  return page.evaluate((widgetTags) => {
    /** Text, aria-labels and titles of a shadow tree (and those inside it), as separate strings. */
    const strings = (/** @type {Node} */ root) => {
      /** @type {string[]} */
      const out = [];
      const walk = (/** @type {Node} */ node) => {
        if (node.nodeType === Node.TEXT_NODE) {
          if (node.parentElement?.localName !== 'style' && node.textContent?.trim())
            out.push(node.textContent.trim());
          return;
        }
        if (node instanceof Element) {
          for (const name of ['aria-label', 'title', 'aria-valuetext']) {
            const value = node.getAttribute(name);
            if (value) out.push(value);
          }
          // One string per table row too, so that a row's cells can be read together.
          if (node.getAttribute('role') === 'row' || node.localName === 'tr') {
            out.push((node.textContent ?? '').replace(/\s+/g, ' ').trim());
          }
          if (node.shadowRoot) walk(node.shadowRoot);
        }
        for (const child of node.childNodes) walk(child);
      };
      walk(root);
      return out;
    };
    const data = /** @type {any} */ (document.querySelector('lens-data'));
    const widgets = Object.fromEntries(
      widgetTags.map((tag) => {
        const el = document.querySelector(tag);
        return [
          tag,
          {
            present: !!el,
            defined: !!customElements.get(tag),
            state: el?.shadowRoot?.querySelector('[part~="state"]')?.getAttribute('part') ?? null,
            strings: el?.shadowRoot ? strings(el.shadowRoot) : [],
          },
        ];
      }),
    );
    // The churn list's grid: the header texts and the loaded rows, top to bottom.
    const list = document.querySelector('lens-churn-list')?.shadowRoot;
    const clean = (/** @type {Element} */ el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const churn = {
      headers: [...(list?.querySelectorAll('[role="columnheader"]') ?? [])].map(clean),
      count: clean(list?.querySelector('[part~="count"]') ?? document.createElement('i')),
      rows: [...(list?.querySelectorAll('[role="row"][data-customer-id]') ?? [])]
        .map((row) => ({
          index: Number(row.getAttribute('aria-rowindex')),
          id: /** @type {HTMLElement} */ (row).dataset.customerId,
          cells: [...row.querySelectorAll('[role="gridcell"]')].map(clean),
        }))
        .sort((a, b) => a.index - b.index),
    };
    const summary = data?.summary;
    const log = /** @type {any} */ (window).__e2e;
    return {
      src: data?.getAttribute('src'),
      status: data?.getAttribute('status'),
      host: data?.getAttribute('compute-host'),
      summary: summary && {
        asOf: summary.asOf,
        customers: summary.customers,
        scored: summary.scored,
        tiers: Object.fromEntries(summary.pyramid.tiers.map((/** @type {any} */ t) => [t.tier, t.customers])),
        cells: summary.heatmap.map((/** @type {any} */ c) => [c.r, c.f, c.customers]),
      },
      widgets,
      churn,
      loads: log.loads,
    };
  }, WIDGETS);
}

/** @param {string} text */
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A formatted number as a whole token (not part of a longer number). @param {number} n */
const token = (n) => `(?<![\\d.,])${escapeRegExp(en.format(n))}(?![\\d]|[.,]\\d)`;
/** The number in a money or percent text ("£1,234.56", "-$3.10", "41%"). @param {string} text */
const amount = (text) => Number(text.replace(/[^\d.-]/g, ''));

/**
 * Compare one data set's page with the CLI; returns the failures and the figures compared.
 * @param {Awaited<ReturnType<typeof readPage>>} page
 * @param {ReturnType<typeof expectations>} want
 */
function compare(page, want) {
  const failures = [];
  const note = (/** @type {boolean} */ ok, /** @type {string} */ what) => {
    if (!ok) failures.push(what);
    return ok;
  };
  const s = page.summary;
  // The engine's summary against the CLI (exact).
  note(page.host === 'module-worker', `compute-host is ${page.host}, not module-worker`);
  note(!!s, 'no summary on <lens-data>');
  if (s) {
    note(
      new Date(s.asOf).toISOString().slice(0, 10) === want.asOf,
      `engine as-of ${new Date(s.asOf).toISOString()} ≠ CLI ${want.asOf}`,
    );
    note(s.scored === want.scored, `engine scored ${s.scored} customers, CLI ${want.scored}`);
    for (const [tier, n] of Object.entries(want.tiers))
      note(s.tiers[tier] === n, `engine ${tier}: ${s.tiers[tier]}, CLI ${n}`);
    const engineCells = new Map(s.cells.filter(([, , n]) => n > 0).map(([r, f, n]) => [`${r},${f}`, n]));
    for (const [key, n] of want.cells)
      note(engineCells.get(key) === n, `engine cell R,F ${key}: ${engineCells.get(key)}, CLI ${n}`);
    note(
      engineCells.size === want.cells.size,
      `engine has ${engineCells.size} non-empty cells, CLI ${want.cells.size}`,
    );
  }
  for (const tag of WIDGETS) {
    const w = page.widgets[tag];
    note(
      w.present && w.defined && !w.state,
      `<${tag}> ${!w.present ? 'missing' : !w.defined ? 'not registered' : `shows ${w.state}`}`,
    );
  }
  // The pyramid: every tier's customers, next to the tier's name.
  const pyramid = page.widgets['lens-value-pyramid'].strings;
  for (const [tier, n] of Object.entries(want.tiers)) {
    const pattern = new RegExp(
      `${TIER_LABELS[/** @type {keyof typeof TIER_LABELS} */ (tier)]}\\b\\D{0,40}${token(n)}`,
    );
    note(
      pyramid.some((text) => pattern.test(text)),
      `pyramid does not show ${TIER_LABELS[/** @type {keyof typeof TIER_LABELS} */ (tier)]} = ${en.format(n)}`,
    );
  }
  // The heat map: every non-empty R × F cell's customers, in a label or row naming that cell.
  const heatmap = page.widgets['lens-rfm-heatmap'].strings;
  for (const [key, n] of want.cells) {
    const [r, f] = key.split(',');
    const cell = new RegExp(`\\bR\\s*${r}\\b.*\\bF\\s*${f}\\b`);
    const count = new RegExp(token(n));
    note(
      heatmap.some((text) => cell.test(text) && count.test(text)),
      `heat map does not show R ${r} · F ${f} = ${en.format(n)}`,
    );
  }
  // The churn list: its count, and the first rows against the CLI's largest values at risk.
  const { headers, rows, count } = page.churn;
  const col = (/** @type {string} */ name) => headers.findIndex((h) => h.startsWith(name));
  const [cTier, cRisk, cVar, cClv] = [col('Tier'), col('Risk'), col('Value at risk'), col('Lifetime value')];
  note(
    cTier >= 0 && cRisk >= 0 && cVar >= 0 && cClv >= 0,
    `churn list columns not found in ${JSON.stringify(headers)}`,
  );
  note(
    new RegExp(token(want.scored)).test(count),
    `churn list count "${count}" ≠ ${en.format(want.scored)} customers`,
  );
  note(rows.length >= TOP_ROWS, `churn list shows ${rows.length} rows`);
  const compared = [];
  for (let i = 0; i < Math.min(TOP_ROWS, rows.length); i++) {
    const row = /** @type {(typeof rows)[number]} */ (rows[i]);
    const cli = want.top[i];
    const ids = want.tiedIds(cli.value_at_risk);
    const shown = {
      var: amount(row.cells[cVar] ?? ''),
      clv: amount(row.cells[cClv] ?? ''),
      risk: amount(row.cells[cRisk] ?? ''),
    };
    const rowOk =
      note(row.index === i + 2, `churn row ${i + 1} is at aria-rowindex ${row.index}`) &&
      note(
        ids.has(String(row.id)),
        `churn row ${i + 1}: customer ${row.id}, CLI ${cli.id} (value at risk ${cli.value_at_risk})`,
      ) &&
      note(
        Math.abs(shown.var - cli.value_at_risk) < 0.011,
        `churn row ${i + 1} (${row.id}): value at risk ${row.cells[cVar]}, CLI ${cli.value_at_risk}`,
      );
    if (rowOk && String(row.id) === String(cli.id)) {
      note(
        Math.abs(shown.clv - cli.clv) < 0.011,
        `churn row ${i + 1} (${row.id}): lifetime value ${row.cells[cClv]}, CLI ${cli.clv}`,
      );
      note(
        Math.abs(shown.risk - cli.churn_score * 100) <= 0.51,
        `churn row ${i + 1} (${row.id}): risk ${row.cells[cRisk]}, CLI ${cli.churn_score}`,
      );
      note(
        (row.cells[cTier] ?? '').includes(TIER_LABELS[/** @type {keyof typeof TIER_LABELS} */ (cli.tier)]),
        `churn row ${i + 1} (${row.id}): tier "${row.cells[cTier]}", CLI ${cli.tier}`,
      );
    }
    compared.push(`${row.id} ${row.cells[cVar]}`);
  }
  return {
    failures,
    figures: [
      `scored ${en.format(want.scored)}; tiers ${Object.entries(want.tiers)
        .map(([t, n]) => `${t} ${en.format(n)}`)
        .join(', ')}`,
      `${want.cells.size} non-empty R × F cells (${[...want.cells].map(([k, n]) => `${k}:${n}`).join(' ')})`,
      `top ${TOP_ROWS} by value at risk: ${compared.join(', ')}`,
    ],
  };
}

/**
 * Poll the page until it matches the CLI (widgets redraw after a data switch), or time out.
 * @param {import('puppeteer-core').Page} page
 * @param {string} label
 * @param {string} file
 * @param {ReturnType<typeof expectations>} want
 */
async function verify(page, label, file, want, timeout = 60_000) {
  const started = Date.now();
  let last;
  for (;;) {
    const state = await readPage(page);
    const loaded = state.src === file && state.status === 'ready' && state.loads.some((l) => l.src === file);
    last = loaded
      ? compare(state, want)
      : { failures: [`<lens-data> is ${state.status} for ${state.src}`], figures: [] };
    if (last.failures.length === 0 || Date.now() - started > timeout) break;
    if (loaded)
      await waitForDashboard(page, { timeout: Math.max(1000, timeout - (Date.now() - started)) }).catch(
        () => {},
      );
    await new Promise((r) => setTimeout(r, 250));
  }
  check(
    `${label}: widgets show the CLI's numbers, engine in the module worker`,
    last.failures.length === 0,
    last.failures.slice(0, 12).join('; '),
  );
  for (const line of last.figures) console.log(`        ${line}`);
}

// ---- Run ---------------------------------------------------------------------------------------------------

const manifest = JSON.parse(await readFile(join(exampleDir, 'dist/data/datasets.json'), 'utf8'));
/** @type {any[]} */
const datasets = manifest.datasets;

console.log('crm-lens score (CLI) on the source files …');
/** @type {Map<string, ReturnType<typeof expectations>>} */
const wanted = new Map();
for (const dataset of datasets) {
  const started = Date.now();
  const cli = await cliScore(join(dataDir, dataset.source.file), dataset.source.preset);
  wanted.set(dataset.id, expectations(cli));
  console.log(
    `  ${dataset.source.file}: ${cli.customers.length} customers (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

const server = await serve({ port: 0 });
const browser = await launchBrowser();
const context = await browser.createBrowserContext();
const page = await context.newPage();
await page.setViewport({ width: 1440, height: 1000 });
/** @type {string[]} */
const problems = [];
/** Console messages, shortened (Chromium's CSP messages run to 600 characters, each with its own hash). @param {string} text */
const short = (text) => {
  const plain = text.replace(/'sha256-[^']*'/g, "'sha256-…'");
  return plain.length > 160 ? `${plain.slice(0, 157)}…` : plain;
};
page.on('console', (message) => {
  if (message.type() === 'error') problems.push(`console error: ${short(message.text())}`);
});
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
page.on('requestfailed', (request) =>
  problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
);
/** The crm-lens files the page fetched, in order (file names only). @type {string[]} */
const crmLensFiles = [];
page.on('response', (response) => {
  if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  const match = /\/crm-lens\/(crm-lens(?:\.[^/]+)?\.js)$/.exec(new URL(response.url()).pathname);
  if (match?.[1]) crmLensFiles.push(match[1]);
});
/** @type {string[]} */
const workers = [];
page.on('workercreated', (worker) => {
  workers.push(worker.url());
  worker.on('console', (message) => {
    if (message.type() === 'error') problems.push(`worker console error: ${short(message.text())}`);
  });
  worker.on('error', (error) => problems.push(`worker error: ${error.message}`));
});
await page.evaluateOnNewDocument(instrument);

try {
  console.log(`\n${server.url} (Content-Security-Policy: ${CSP})`);
  const [first, ...others] = datasets;
  const response = await page.goto(`${server.url}?data=${first.id}&lang=en&theme=light`, {
    waitUntil: 'load',
  });
  check(
    'the page is served with the strict CSP',
    response?.headers()['content-security-policy'] === CSP,
    String(response?.headers()['content-security-policy']),
  );
  await waitForDashboard(page);
  await verify(page, first.name, first.file, /** @type {any} */ (wanted.get(first.id)));
  for (const dataset of others) {
    // Through the page's own switch, as a person would.
    await page.click(`button[data-dataset="${dataset.id}"]`);
    await verify(page, dataset.name, dataset.file, /** @type {any} */ (wanted.get(dataset.id)));
  }

  // What an English page with a worker downloaded: crm-lens.js (the loader) and the element files it imports for
  // the page's tags (crm-lens.<noun>.js, and their shared chunks: this page has every tag, so every chunk), the
  // worker, vega (for the charts) and the worker's analyses (for the KPI strip and the cohort matrix), and none of
  // the files loaded only on demand in other cases (the Chinese messages, the in-thread engine, page-side
  // ingestion, the classic worker's files).
  const english = [...new Set(crmLensFiles)].sort();
  const { TAG_FILES } = await import(
    new URL('../../../packages/elements/scripts/bundle.mjs', import.meta.url).href
  );
  const pageTags = [
    ...new Set((await readFile(join(exampleDir, 'src/index.html'), 'utf8')).match(/(?<=<)lens-[a-z-]+/g)),
  ];
  const chunks = (await readdir(join(exampleDir, 'dist/crm-lens'))).filter((f) =>
    /^crm-lens\.chunk-\w+\.js$/.test(f),
  );
  const expected = [
    'crm-lens.analyses.js',
    'crm-lens.js',
    'crm-lens.vega.js',
    'crm-lens.worker.js',
    ...pageTags.map((tag) => TAG_FILES[tag]),
    ...chunks,
  ].sort();
  check(
    'an English page with a worker loads only crm-lens.js and its element files, the worker, its analyses and vega',
    JSON.stringify(english) === JSON.stringify(expected),
    english.join(', '),
  );
  // The language switch: the widgets load their Chinese messages on demand, under the same policy.
  await page.click('button[data-lang="zh-CN"]');
  const chinese = await page
    .waitForFunction(
      () => {
        const pyramid = document.querySelector('lens-value-pyramid')?.shadowRoot;
        const list = document.querySelector('lens-churn-list')?.shadowRoot;
        const tier = pyramid?.querySelector('[part~="tier"] .name')?.textContent?.trim();
        const header = list?.querySelector('[role="columnheader"]')?.textContent?.trim();
        return tier === '白金客户' && header === '客户' ? { tier, header } : false;
      },
      { timeout: 15_000 },
    )
    .then(
      (handle) => handle.jsonValue(),
      () => undefined,
    );
  check(
    'switching to 中文 loads crm-lens.zh-cn.js and the widgets speak Chinese',
    !!chinese && crmLensFiles.includes('crm-lens.zh-cn.js'),
    chinese
      ? `${JSON.stringify(chinese)}; fetched ${crmLensFiles.join(', ')}`
      : 'the widgets stayed in English',
  );

  const log = await page.evaluate(async () => {
    const e2e = /** @type {any} */ (window).__e2e;
    // The page's own elements are those of its HTML as served: the live light DOM must hold exactly those (a
    // MutationObserver cannot tell parser insertions from script ones reliably: its records arrive in batches,
    // possibly after the document stopped loading).
    const describeAll = (/** @type {Document} */ doc) =>
      [...doc.querySelectorAll('head *, body *')].map(
        (el) => `<${el.localName}${el.id ? `#${el.id}` : ''}> in <${el.parentElement?.localName ?? ''}>`,
      );
    const served = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
    const own = describeAll(served);
    const live = describeAll(document);
    const remaining = [...own];
    const added = [];
    for (const element of live) {
      const i = remaining.indexOf(element);
      if (i >= 0) remaining.splice(i, 1);
      else added.push({ element, parent: '' });
    }
    return {
      violations: e2e.violations,
      added,
      parserAdded: own.length,
      styleAttributes: e2e.styleAttributes,
      adopted: document.adoptedStyleSheets.length,
      sheets: [...document.styleSheets].map(
        (sheet) => sheet.href ?? `<${sheet.ownerNode?.nodeName.toLowerCase()}>`,
      ),
      // Besides the test's own (__e2e) and Puppeteer's (aria query helpers).
      newGlobals: Object.getOwnPropertyNames(window).filter(
        (name) => !e2e.globals.includes(name) && name !== '__e2e' && !/ariaQuerySelector/.test(name),
      ),
    };
  });
  const pageSheets = ['crm-lens/themes/light.css', 'crm-lens/themes/dark.css', 'app.css'].map(
    (p) => new URL(p, server.url).href,
  );
  check(
    'no CSP violation (securitypolicyviolation events)',
    log.violations.length === 0,
    summarize(
      log.violations.map((v) => `${v.directive} ${v.blocked} in ${v.where || 'the page'} (${v.source})`),
    ),
  );
  check('no console, page or worker error, no failed request', problems.length === 0, summarize(problems));
  const widgetErrors = await page.evaluate(() =>
    [...document.querySelectorAll('*')]
      .filter(
        (el) => el.localName.startsWith('lens-') && el.shadowRoot?.querySelector('[part~="state-error"]'),
      )
      .map(
        (el) =>
          `${el.localName}: ${el.shadowRoot?.querySelector('[part~="state-error"]')?.textContent?.trim()}`,
      ),
  );
  check('no widget shows an error state', widgetErrors.length === 0, summarize(widgetErrors));
  check(
    'the engine worker is the module worker from the page origin',
    workers.length > 0 &&
      workers.every((url) => url.startsWith(server.url) && url.endsWith('crm-lens/crm-lens.worker.js')),
    workers.join(', '),
  );
  check(
    `nothing added to <head>/<body> after the page's own ${log.parserAdded} elements`,
    log.added.length === 0,
    summarize(log.added.map((/** @type {{element: string}} */ a) => a.element)),
  );
  check(
    'no style attribute set on the host document',
    log.styleAttributes.length === 0,
    summarize(log.styleAttributes.map((a) => `${a.element}: ${a.value}`)),
  );
  check(
    "no style sheet added to the host document (only the page's own)",
    log.adopted === 0 &&
      log.sheets.length === pageSheets.length &&
      log.sheets.every((href) => pageSheets.includes(href)),
    `${log.adopted} adopted; ${log.sheets.join(', ')}`,
  );
  console.log(`  info  globals added by the page's scripts: ${log.newGlobals.join(', ') || 'none'}`);
} catch (error) {
  check('the test ran to the end', false, /** @type {Error} */ (error).stack ?? String(error));
} finally {
  await browser.close();
  await server.close();
}

/** @param {string[]} lines */
function summarize(lines) {
  const unique = [...new Set(lines)];
  const counted = unique.map((line) => {
    const n = lines.filter((l) => l === line).length;
    return n > 1 ? `${line} (×${n})` : line;
  });
  return counted.length > 6
    ? `${counted.slice(0, 6).join('; ')}; … ${counted.length - 6} more`
    : counted.join('; ');
}

const failures = results.filter((r) => !r.ok).length;
console.log(`\n${results.length - failures} passed, ${failures} failed`);
process.exit(failures > 0 ? 1 : 0);
