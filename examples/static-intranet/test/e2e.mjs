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
// - <lens-cross-sell> and <lens-segments> show what `crm-lens rules` and `crm-lens segments` compute from the same
//   source file with the widgets' settings (their attributes in the page, else the widgets' defaults; the test
//   also checks that the widgets ask the engine for exactly those): on data with baskets the number of rules and
//   of baskets, and each rule the widget lists (items, support, confidence, lift as shown, and the engine's values
//   to 1e-9), on data without them the widget's "no baskets" message where the CLI refuses the file; and k, the
//   silhouette and every segment's name, size, shares, medians and tier mix, as the cards and the table show them;
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
 * `crm-lens <args…>` from the TypeScript sources, as `pnpm crm-lens` runs it: its exit code and output.
 * @param {string[]} args
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function runCli(args) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'packages/cli/src/bin.ts', ...args],
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
    child.on('close', (code) =>
      resolveRun({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: err.trim() }),
    );
  });
}

/**
 * `crm-lens <command> <file> <args…> --json`, parsed; throws when the command fails.
 * @param {string} command
 * @param {string} file
 * @param {string[]} args
 */
async function cliJson(command, file, args) {
  const { code, stdout, stderr } = await runCli([command, file, ...args, '--json']);
  if (code !== 0) throw new Error(`crm-lens ${command} ${file} exited with ${code}: ${stderr}`);
  return JSON.parse(stdout);
}

/**
 * `crm-lens score <file> --preset … --json`.
 * @param {string} file
 * @param {string} preset
 */
const cliScore = (file, preset) => cliJson('score', file, ['--preset', preset]);

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

// ---- The cross-sell rules and the segments ---------------------------------------------------------------

// What the two analysis widgets ask the engine for comes from their attributes in the page's HTML; an attribute
// the page leaves out takes the widget's default (below). The CLI gets the same settings as flags, and in the
// page the test checks that the widget's own query (`.rulesQuery`, `.query`) is what the CLI was given — so a
// page attribute the widget reads differently from the CLI shows up as a failure, not as a quiet difference.

/** The widgets' defaults for the attributes the CLI needs (lens-cross-sell.md, lens-segments.md). */
const WIDGET_DEFAULTS = {
  'lens-cross-sell': { 'min-support': '0.01', 'min-confidence': '0.2', limit: '20' },
  'lens-segments': { k: 'auto', seed: '1', value: 'revenue' },
};
/** Rules spelled out in the detail lines (all the widget shows are compared). */
const RULES_PRINTED = 5;

const pct0 = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
const pct1 = new Intl.NumberFormat('en', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const num2 = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
/** @param {number} value @param {string} currency */
const money = (value, currency) => new Intl.NumberFormat('en', { style: 'currency', currency }).format(value);
/** Equal to 1e-9 relative (the page's engine and the CLI run the same code on the same rows). */
const close = (/** @type {number} */ a, /** @type {number} */ b) =>
  a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The attributes of the first `<tag …>` in an HTML text (name → value; '' for a boolean attribute).
 * @param {string} html
 * @param {string} tag
 * @returns {Record<string, string>}
 */
function tagAttributes(html, tag) {
  const match = new RegExp(`<${tag}\\b([^>]*)>`).exec(html);
  if (!match) throw new Error(`the page has no <${tag}>`);
  /** @type {Record<string, string>} */
  const attributes = {};
  for (const m of (match[1] ?? '').matchAll(/([^\s=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    attributes[/** @type {string} */ (m[1])] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return attributes;
}

/**
 * `<lens-cross-sell>`'s settings as `crm-lens rules` flags. The baskets are the same on both sides: one per order,
 * its distinct products, return rows left out (neither the widget nor the page asks for returns), itemsets of up
 * to 10 items (the engine's and the CLI's default; the widget has no attribute for it).
 * @param {Record<string, string>} attributes
 */
function rulesSettings(attributes) {
  const a = { ...WIDGET_DEFAULTS['lens-cross-sell'], ...attributes };
  const minSupport = Number(a['min-support']);
  const minConfidence = Number(a['min-confidence']);
  const minLift = a['min-lift'] !== undefined ? Number(a['min-lift']) : 0;
  // The page's list as the CLI reads --exclude: comma-separated, each entry verbatim.
  const exclude = a.exclude ? a.exclude.split(',') : [];
  return {
    minSupport,
    minConfidence,
    minLift,
    limit: Number(a.limit),
    exclude,
    excludeAttribute: a.exclude ?? '',
    args: [
      '--min-support',
      String(minSupport),
      '--min-confidence',
      String(minConfidence),
      ...(a['min-lift'] !== undefined ? ['--min-lift', String(minLift)] : []),
      ...(exclude.length > 0 ? ['--exclude', /** @type {string} */ (a.exclude)] : []),
    ],
  };
}

/**
 * `<lens-segments>`'s settings as `crm-lens segments` flags. `--tiers`: the widget shows each segment's tier mix
 * (the engine always computes it; the CLI then takes its customer summary from the scoring, as the engine does).
 * @param {Record<string, string>} attributes
 */
function segmentsSettings(attributes) {
  const a = { ...WIDGET_DEFAULTS['lens-segments'], ...attributes };
  const k = a.k === 'auto' ? 'auto' : Number(a.k);
  return {
    k,
    seed: Number(a.seed),
    value: a.value,
    args: ['--k', String(k), '--seed', String(a.seed), '--value', a.value, '--tiers'],
  };
}

/**
 * Everything the test reads from `<lens-cross-sell>` and `<lens-segments>`, once both settled on the current data
 * (or the timeout passed: then whatever they show).
 * @param {import('puppeteer-core').Page} page
 * @param {boolean} expectRules whether the data has baskets (else the cross-sell shows its message)
 */
async function readAnalyses(page, expectRules, timeout = 60_000) {
  const settled = await page
    .waitForFunction(
      (rules) => {
        const data = /** @type {any} */ (document.querySelector('lens-data'));
        const id = data?.datasetHandle?.id;
        if (!id || data.getAttribute('status') !== 'ready') return false;
        const crossSell = /** @type {any} */ (document.querySelector('lens-cross-sell'));
        const segments = /** @type {any} */ (document.querySelector('lens-segments'));
        const cs = crossSell?.shadowRoot;
        const sg = segments?.shadowRoot;
        if (!cs || !sg) return false;
        const error = '[part~="state-error"]';
        const rulesDone =
          !!cs.querySelector(error) ||
          (!cs.querySelector('[part~="state-loading"]') &&
            (rules
              ? crossSell.rulesResult?.dataset === id && !!cs.querySelector('tbody tr, [part~="message"]')
              : !!cs.querySelector('[part~="message"]')));
        const segmentsDone =
          !!sg.querySelector(error) ||
          (segments.segments?.dataset === id && !!sg.querySelector('[part~="cards"], [part~="state-empty"]'));
        return rulesDone && segmentsDone;
      },
      { timeout, polling: 100 },
      expectRules,
    )
    .then(
      () => true,
      () => false,
    );
  await page.evaluate(() =>
    Promise.all(
      ['lens-cross-sell', 'lens-segments'].map(
        (tag) => /** @type {any} */ (document.querySelector(tag))?.updateComplete,
      ),
    ),
  );
  const state = await page.evaluate(() => {
    const clean = (/** @type {Element | null | undefined} */ el) =>
      (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const crossSell = /** @type {any} */ (document.querySelector('lens-cross-sell'));
    const segments = /** @type {any} */ (document.querySelector('lens-segments'));
    const cs = /** @type {ShadowRoot} */ (crossSell.shadowRoot);
    const sg = /** @type {ShadowRoot} */ (segments.shadowRoot);
    const rules = crossSell.rulesResult;
    const result = segments.segments;
    return {
      dataset: /** @type {any} */ (document.querySelector('lens-data'))?.datasetHandle?.id,
      crossSell: {
        query: crossSell.rulesQuery,
        state: cs.querySelector('[part~="state"]')?.getAttribute('part') ?? null,
        stateText: clean(cs.querySelector('[part~="state"]')),
        message: clean(cs.querySelector('[part~="message"]')),
        caption: clean(cs.querySelector('[part~="caption"]')),
        headers: [...cs.querySelectorAll('[part~="header-cell"]')].map(clean),
        // The rendered rows, top to bottom, with the engine index each shows.
        rows: [...cs.querySelectorAll('tbody tr')].map((tr) => ({
          index: Number(/** @type {HTMLElement} */ (tr).dataset.index),
          cells: [...tr.querySelectorAll('td')].map(clean),
        })),
        result: rules && {
          dataset: rules.dataset,
          baskets: rules.baskets,
          itemsets: rules.itemsets,
          minCount: rules.minCount,
          total: rules.total,
          rules: Array.from({ length: rules.rules.length }, (_, i) => ({
            antecedent: [...rules.rules.antecedent[i]],
            consequent: [...rules.rules.consequent[i]],
            count: rules.rules.count[i],
            support: rules.rules.support[i],
            confidence: rules.rules.confidence[i],
            lift: rules.rules.lift[i],
          })),
        },
      },
      segments: {
        query: segments.query,
        state: sg.querySelector('[part~="state"]')?.getAttribute('part') ?? null,
        stateText: clean(sg.querySelector('[part~="state"]')),
        summary: clean(sg.querySelector('[part~="summary"]')),
        cards: [...sg.querySelectorAll('[part~="card"]')].map((card) => {
          const field = (/** @type {string} */ name) => clean(card.querySelector(`[data-field="${name}"]`));
          return {
            segment: Number(/** @type {HTMLElement} */ (card).dataset.segment),
            name: field('name'),
            customers: field('customers'),
            value: field('value'),
            recency: field('recency'),
            frequency: field('frequency'),
            monetary: field('monetary'),
            tierMix: field('tier-mix'),
          };
        }),
        // The table alternative (always in the shadow tree, for screen readers).
        table: [...sg.querySelectorAll('[part~="table"] tbody tr')].map((tr) => [...tr.children].map(clean)),
        result: result && {
          dataset: result.dataset,
          asOf: result.asOf,
          k: result.k,
          seed: result.seed,
          value: result.value,
          clustered: result.clustered,
          excluded: result.excluded,
          silhouette: result.silhouette,
          silhouetteSampled: result.silhouetteSampled,
          candidates: result.candidates,
          profiles: result.profiles,
        },
      },
    };
  });
  return { settled, ...state };
}

/** A rule as the widget's row shows it (antecedent ⇒ consequent). @param {{ antecedent: string[], consequent: string[] }} r */
const ruleText = (r) => `${r.antecedent.join(' + ')} ⇒ ${r.consequent.join(' + ')}`;

/**
 * Compare `<lens-cross-sell>` with `crm-lens rules` on the same file and settings.
 * @param {Awaited<ReturnType<typeof readAnalyses>>} page
 * @param {{ code: number | null, stderr: string, json: any }} cli
 * @param {ReturnType<typeof rulesSettings>} settings
 */
function compareRules(page, cli, settings) {
  const failures = [];
  const note = (/** @type {boolean} */ ok, /** @type {string} */ what) => {
    if (!ok) failures.push(what);
    return ok;
  };
  const w = page.crossSell;
  const figures = [];
  note(
    page.settled,
    `<lens-cross-sell> did not settle on the data (${w.state ?? 'no state'} ${w.stateText})`,
  );
  note(!w.state, `<lens-cross-sell> shows ${w.state}: ${w.stateText}`);
  if (cli.code !== 0) {
    // No baskets in this data: the CLI refuses it, the widget says so instead of a table.
    note(
      /needs an order id and a product/.test(cli.stderr),
      `crm-lens rules exited with ${cli.code}: ${cli.stderr}`,
    );
    note(
      !!w.message && w.rows.length === 0 && !w.result,
      `the widget shows ${w.rows.length} rules${w.message ? ` and "${w.message}"` : ''}, the CLI none`,
    );
    figures.push(
      `crm-lens rules: exit ${cli.code} (${cli.stderr.split(':').slice(1, 2).join('').trim()}); widget: "${w.message}"`,
    );
    return { failures, figures };
  }
  // The widget asks the engine for what the CLI was given (with no baskets, nothing depends on it).
  const q = w.query ?? {};
  note(
    q.minSupport === settings.minSupport,
    `widget min support ${q.minSupport}, CLI ${settings.minSupport}`,
  );
  note(
    q.minConfidence === settings.minConfidence,
    `widget min confidence ${q.minConfidence}, CLI ${settings.minConfidence}`,
  );
  note((q.minLift ?? 0) === settings.minLift, `widget min lift ${q.minLift ?? 0}, CLI ${settings.minLift}`);
  const widgetExclude = [...new Set(q.exclude ?? [])].sort();
  const cliExclude = [...new Set(settings.exclude)].sort();
  note(
    JSON.stringify(widgetExclude) === JSON.stringify(cliExclude),
    `the widget excludes ${JSON.stringify(widgetExclude)}, the CLI ${JSON.stringify(cliExclude)} (exclude="${settings.excludeAttribute}": ${
      cliExclude
        .filter((p) => !widgetExclude.includes(p))
        .map((p) => `"${p}"`)
        .join(', ') || 'none'
    } not excluded by the widget, ${
      widgetExclude
        .filter((p) => !cliExclude.includes(p))
        .map((p) => `"${p}"`)
        .join(', ') || 'none'
    } only by the widget)`,
  );
  const want = cli.json;
  const shown = Math.min(settings.limit, want.rules.length);
  figures.push(
    `crm-lens rules … ${settings.args.join(' ')}: ${en.format(want.baskets)} baskets, ${en.format(want.itemsets.count)} itemsets, ${en.format(want.rules.length)} rules`,
  );
  const r = w.result;
  note(!!r, 'the widget has no rules result');
  if (r) {
    // The engine's result against the CLI's (exact counts).
    note(r.baskets.baskets === want.baskets, `engine ${r.baskets.baskets} baskets, CLI ${want.baskets}`);
    for (const key of [
      'rows',
      'rowsUsed',
      'returnRows',
      'excludedRows',
      'duplicateItems',
      'ordersWithoutItems',
    ])
      note(
        r.baskets[key] === want.report[key],
        `engine basket report ${key} ${r.baskets[key]}, CLI ${want.report[key]}`,
      );
    note(r.itemsets === want.itemsets.count, `engine ${r.itemsets} itemsets, CLI ${want.itemsets.count}`);
    note(
      r.minCount === want.itemsets.minCount,
      `engine min count ${r.minCount}, CLI ${want.itemsets.minCount}`,
    );
    note(r.total === want.rules.length, `engine ${r.total} rules, CLI ${want.rules.length}`);
  }
  // What the widget shows: the caption's counts, then every row against the CLI's rule at that place.
  note(
    new RegExp(token(want.rules.length)).test(w.caption) && new RegExp(token(want.baskets)).test(w.caption),
    `caption "${w.caption}" ≠ ${en.format(want.rules.length)} rules from ${en.format(want.baskets)} baskets`,
  );
  const col = (/** @type {string} */ name) => w.headers.findIndex((h) => h.startsWith(name));
  const [cA, cC, cS, cConf, cL] = ['If bought', 'Then also', 'Support', 'Confidence', 'Lift'].map(col);
  note(
    [cA, cC, cS, cConf, cL].every((c) => c >= 0),
    `rules table columns not found in ${JSON.stringify(w.headers)}`,
  );
  note(w.rows.length === shown, `the widget shows ${w.rows.length} rules, the CLI's top ${shown} expected`);
  for (let i = 0; i < Math.min(shown, w.rows.length); i++) {
    const row = /** @type {(typeof w.rows)[number]} */ (w.rows[i]);
    const c = want.rules[i];
    // Rules with the same lift, confidence and support come in item-code order: any of them may be here.
    const tied = want.rules.filter(
      (/** @type {any} */ t) => t.lift === c.lift && t.confidence === c.confidence && t.support === c.support,
    );
    const text = `${row.cells[cA]} ⇒ ${row.cells[cC]}`;
    const match = tied.find((/** @type {any} */ t) => ruleText(t) === text);
    const at = `rule ${i + 1}`;
    if (
      !note(
        !!match,
        `${at}: widget ${text}, CLI ${ruleText(c)}${tied.length > 1 ? ` (or a tie: ${tied.map(ruleText).join(', ')})` : ''}`,
      )
    )
      continue;
    const m = /** @type {any} */ (match);
    const expected = [pct1.format(m.support), pct0.format(m.confidence), num2.format(m.lift)];
    const cells = [row.cells[cS], row.cells[cConf], row.cells[cL]];
    note(
      JSON.stringify(cells) === JSON.stringify(expected),
      `${at} ${text}: support, confidence, lift shown ${cells.join(' ')}, CLI ${expected.join(' ')} (${m.support} ${m.confidence} ${m.lift})`,
    );
    const e = r?.rules[row.index];
    if (
      e &&
      note(ruleText(e) === text, `${at}: row shows ${text}, engine rule ${row.index} is ${ruleText(e)}`)
    ) {
      note(
        e.count === m.count &&
          close(e.support, m.support) &&
          close(e.confidence, m.confidence) &&
          close(e.lift, m.lift),
        `${at} ${text}: engine count ${e.count}, support ${e.support}, confidence ${e.confidence}, lift ${e.lift}; CLI ${m.count}, ${m.support}, ${m.confidence}, ${m.lift}`,
      );
    }
  }
  const printed = want.rules
    .slice(0, Math.min(shown, RULES_PRINTED))
    .map(
      (/** @type {any} */ c) =>
        `${ruleText(c)} ${pct1.format(c.support)} ${pct0.format(c.confidence)} ${num2.format(c.lift)}`,
    );
  figures.push(
    `CLI's top ${shown} by lift, each compared with the widget's row (support %, 1 decimal; confidence %, whole; lift, 2 decimals; the engine's values to 1e-9): ${printed.join('; ')}${shown > RULES_PRINTED ? '; …' : ''}`,
  );
  return { failures, figures };
}

/**
 * Compare `<lens-segments>` with `crm-lens segments` on the same file and settings.
 * @param {Awaited<ReturnType<typeof readAnalyses>>} page
 * @param {any} want the CLI's JSON
 * @param {ReturnType<typeof segmentsSettings>} settings
 * @param {string} currency the page's currency for the data set
 */
function compareSegments(page, want, settings, currency) {
  const failures = [];
  const note = (/** @type {boolean} */ ok, /** @type {string} */ what) => {
    if (!ok) failures.push(what);
    return ok;
  };
  const w = page.segments;
  note(page.settled, `<lens-segments> did not settle on the data (${w.state ?? 'no state'} ${w.stateText})`);
  note(!w.state, `<lens-segments> shows ${w.state}: ${w.stateText}`);
  const q = w.query ?? {};
  note(
    q.k === settings.k && q.seed === settings.seed && q.value === settings.value,
    `widget asks for k ${q.k}, seed ${q.seed}, value ${q.value}; CLI --k ${settings.k} --seed ${settings.seed} --value ${settings.value}`,
  );
  const r = w.result;
  const candidates = want.candidates
    .map((/** @type {any} */ c) => `${c.k}: ${c.silhouette.toFixed(3)}`)
    .join(', ');
  const figures = [
    `crm-lens segments … ${settings.args.join(' ')}: as of ${want.asOf}, k ${want.k} (silhouette ${want.silhouette.toFixed(3)}${want.silhouetteSampled ? ', sampled' : ''}; by k ${candidates}), ${en.format(want.clustered)} clustered`,
  ];
  note(!!r, 'the widget has no segments');
  if (r) {
    // The engine's segmentation against the CLI's (exact, floating point to 1e-9).
    const asOf = new Date(r.asOf).toISOString().slice(0, 10);
    note(asOf === want.asOf, `engine as-of ${asOf}, CLI ${want.asOf}`);
    note(r.k === want.k, `engine k ${r.k}, CLI ${want.k}`);
    note(r.clustered === want.clustered, `engine clustered ${r.clustered}, CLI ${want.clustered}`);
    note(
      JSON.stringify(r.excluded) === JSON.stringify(want.excluded),
      `engine left out ${JSON.stringify(r.excluded)}, CLI ${JSON.stringify(want.excluded)}`,
    );
    note(
      close(r.silhouette, want.silhouette) && r.silhouetteSampled === want.silhouetteSampled,
      `engine silhouette ${r.silhouette}${r.silhouetteSampled ? ' (sampled)' : ''}, CLI ${want.silhouette}${want.silhouetteSampled ? ' (sampled)' : ''}`,
    );
    note(
      r.candidates.length === want.candidates.length &&
        r.candidates.every(
          (/** @type {any} */ c, /** @type {number} */ i) =>
            c.k === want.candidates[i].k && close(c.silhouette, want.candidates[i].silhouette),
        ),
      `engine silhouettes by k ${r.candidates.map((/** @type {any} */ c) => `${c.k}: ${c.silhouette.toFixed(3)}`).join(', ')}, CLI ${candidates}`,
    );
    note(
      r.profiles.length === want.profiles.length,
      `engine ${r.profiles.length} segments, CLI ${want.profiles.length}`,
    );
    for (const [j, p] of want.profiles.entries()) {
      const e = r.profiles[j];
      if (!e) continue;
      const bad = ['segment', 'name', 'customers', 'untiered'].filter((key) => e[key] !== p[key]);
      bad.push(
        ...[
          'customerShare',
          'value',
          'valueShare',
          'medianRecencyDays',
          'medianFrequency',
          'medianMonetary',
        ].filter((key) => !close(e[key], p[key])),
      );
      if (
        JSON.stringify(e.tierMix.map((/** @type {any} */ t) => [t.tier, t.customers])) !==
        JSON.stringify(p.tierMix.map((/** @type {any} */ t) => [t.tier, t.customers]))
      )
        bad.push('tierMix');
      note(
        bad.length === 0,
        `engine segment ${j}: ${bad.map((key) => `${key} ${JSON.stringify(e[key])}, CLI ${JSON.stringify(p[key])}`).join('; ')}`,
      );
    }
  }
  // What the widget shows: the summary line, one card per segment, the table alternative.
  note(
    new RegExp(
      `^${escapeRegExp(en.format(want.k))}\\D+${escapeRegExp(en.format(want.clustered))}\\D+${escapeRegExp(num2.format(want.silhouette))}$`,
    ).test(w.summary),
    `summary "${w.summary}" ≠ k ${want.k}, ${en.format(want.clustered)} customers, silhouette ${num2.format(want.silhouette)}`,
  );
  note(
    w.cards.length === want.profiles.length,
    `${w.cards.length} cards, CLI ${want.profiles.length} segments`,
  );
  note(
    w.table.length === want.profiles.length,
    `${w.table.length} table rows, CLI ${want.profiles.length} segments`,
  );
  const valueWords = { revenue: 'of revenue', clv: 'of CLV', current: 'of current value' };
  for (const [j, p] of want.profiles.entries()) {
    const card = w.cards[j];
    const mix = p.tierMix
      .filter((/** @type {any} */ t) => t.customers > 0)
      .map(
        (/** @type {any} */ t) =>
          `${TIER_LABELS[/** @type {keyof typeof TIER_LABELS} */ (t.tier)]} ${pct0.format(t.share)}`,
      );
    const expected = {
      segment: p.segment,
      name: p.name,
      customers: `${en.format(p.customers)} ${p.customers === 1 ? 'customer' : 'customers'} · ${pct1.format(p.customerShare)}`,
      value: `${pct1.format(p.valueShare)} ${valueWords[/** @type {keyof typeof valueWords} */ (want.value)]}`,
      recency: `${num2.format(p.medianRecencyDays)} days`,
      frequency: num2.format(p.medianFrequency),
      monetary: money(p.medianMonetary, currency),
      tierMix: `Tier mix: ${mix.join(', ')}`,
    };
    if (card) {
      const bad = Object.entries(expected).filter(([key, value]) => /** @type {any} */ (card)[key] !== value);
      note(
        bad.length === 0,
        `card ${j}: ${bad.map(([key, value]) => `${key} "${/** @type {any} */ (card)[key]}", CLI "${value}"`).join('; ')}`,
      );
    }
    const row = w.table[j];
    const cells = [
      p.name,
      en.format(p.customers),
      pct1.format(p.customerShare),
      pct1.format(p.valueShare),
      num2.format(p.medianRecencyDays),
      num2.format(p.medianFrequency),
      money(p.medianMonetary, currency),
    ];
    if (row)
      note(
        JSON.stringify(row) === JSON.stringify(cells),
        `table row ${j}: ${JSON.stringify(row)}, CLI ${JSON.stringify(cells)}`,
      );
    figures.push(
      `${p.segment} ${expected.name}: ${expected.customers}, ${expected.value}; medians ${expected.recency}, frequency ${expected.frequency}, ${expected.monetary}; ${mix.join(', ')}`,
    );
  }
  return { failures, figures };
}

/**
 * Check the two analysis widgets of the data set the page shows against the CLI.
 * @param {import('puppeteer-core').Page} page
 * @param {any} dataset the manifest's entry
 * @param {{ rules: { code: number | null, stderr: string, json: any }, segments: any }} cli
 */
async function verifyAnalyses(page, dataset, cli) {
  const state = await readAnalyses(page, cli.rules.code === 0);
  const rules = compareRules(state, cli.rules, rulesFlags);
  check(
    cli.rules.code === 0
      ? `${dataset.name}: <lens-cross-sell> shows the rules of crm-lens rules (count; top ${Math.min(rulesFlags.limit, cli.rules.json.rules.length)}: items, support, confidence, lift)`
      : `${dataset.name}: <lens-cross-sell> shows no rules, as crm-lens rules finds no baskets (no order id, no product)`,
    rules.failures.length === 0,
    rules.failures.slice(0, 12).join('; '),
  );
  for (const line of rules.figures) console.log(`        ${line}`);
  const segments = compareSegments(state, cli.segments, segmentsFlags, dataset.currency);
  check(
    `${dataset.name}: <lens-segments> shows the segments of crm-lens segments (k, names, sizes, shares, medians, tier mix)`,
    segments.failures.length === 0,
    segments.failures.slice(0, 12).join('; '),
  );
  for (const line of segments.figures) console.log(`        ${line}`);
}

// ---- Run ---------------------------------------------------------------------------------------------------

const manifest = JSON.parse(await readFile(join(exampleDir, 'dist/data/datasets.json'), 'utf8'));
/** @type {any[]} */
const datasets = manifest.datasets;

// The analysis widgets' settings, from the page as served.
const servedHtml = await readFile(join(exampleDir, 'dist/index.html'), 'utf8');
const rulesFlags = rulesSettings(tagAttributes(servedHtml, 'lens-cross-sell'));
const segmentsFlags = segmentsSettings(tagAttributes(servedHtml, 'lens-segments'));

console.log('crm-lens score, segments and rules (CLI) on the source files …');
/** @type {Map<string, ReturnType<typeof expectations>>} */
const wanted = new Map();
/** @type {Map<string, { rules: { code: number | null, stderr: string, json: any }, segments: any }>} */
const analyses = new Map();
for (const dataset of datasets) {
  const started = Date.now();
  const file = join(dataDir, dataset.source.file);
  const preset = ['--preset', dataset.source.preset];
  const [cli, segments, rules] = await Promise.all([
    cliScore(file, dataset.source.preset),
    cliJson('segments', file, [...preset, ...segmentsFlags.args]),
    runCli(['rules', file, ...preset, ...rulesFlags.args, '--json']),
  ]);
  wanted.set(dataset.id, expectations(cli));
  analyses.set(dataset.id, {
    segments,
    rules: {
      code: rules.code,
      stderr: rules.stderr,
      json: rules.code === 0 ? JSON.parse(rules.stdout) : null,
    },
  });
  console.log(
    `  ${dataset.source.file}: ${cli.customers.length} customers, ${segments.k} segments, ${
      rules.code === 0 ? `${JSON.parse(rules.stdout).rules.length} rules` : `no rules (exit ${rules.code})`
    } (${((Date.now() - started) / 1000).toFixed(1)} s)`,
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
  await verifyAnalyses(page, first, /** @type {any} */ (analyses.get(first.id)));
  for (const dataset of others) {
    // Through the page's own switch, as a person would.
    await page.click(`button[data-dataset="${dataset.id}"]`);
    await verify(page, dataset.name, dataset.file, /** @type {any} */ (wanted.get(dataset.id)));
    await verifyAnalyses(page, dataset, /** @type {any} */ (analyses.get(dataset.id)));
  }

  // What an English page with a worker downloaded: crm-lens.js (the loader) and the element files it imports for
  // the page's tags (crm-lens.<noun>.js, and their shared chunks: this page has every tag, so every chunk), the
  // worker, vega (for the charts) and the worker's analyses (for the KPI strip, the cohort matrix, the drill-down,
  // the segments and the cross-sell rules: one file, loaded once, whichever asks first), and none of
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
