#!/usr/bin/env node
// @ts-check
// `pnpm size`: the size budgets. Builds the script-tag build exactly as packages/elements/scripts/bundle.mjs does
// (minified, nothing written), gzips each file on its own at level 9, prints tables and exits 1 when a figure is
// over its budget. Budgets are in kB of gzip (1 kB = 1000 bytes).
//
// The elements' budget (issue 5: "the elements without vega ≤ 25 kB gzipped") is read as what a page using the
// issue-5 tags — <lens-data>, <lens-value-pyramid>, <lens-rfm-heatmap>, <lens-churn-list> — downloads of crm-lens
// before vega: every file it loads, each gzipped, summed. That is crm-lens.js (the loader), the four tag files and
// every chunk they import (the loader fetches them all at once). A loader that merely defers the rest would not
// meet it: the figure is the sum over what the page really loads before its first chart. Not counted: vega
// (crm-lens.vega.js, with the chart specs: first chart drawn), the worker (its own budget) and what loads only in
// some cases (a translation, the in-thread engine, page-side ingestion). Also printed, without a budget: the loader
// alone, each tag's cost (alone on a page; added to a page with <lens-data>; added to the issue-5 page) and a page
// with every tag.
//
// The workers' budget counts what a worker loads when it starts, which is all a scoring page needs:
// crm-lens.worker.js (module) or crm-lens.worker.classic.js (classic, blob:). The analyses they load only on the
// first segments/rules/suggestions/sequences/cohorts/KPIs/drill-down/customer-card call — crm-lens.analyses.js
// (import(), also used by the in-thread engine) and crm-lens.analyses.classic.js (importScripts()) — get a row
// each, without a budget.
//
// `--why` lists the files of the issue-5 page with their inputs, and the largest inputs of every other file
// (always shown for one over budget); `--json` prints the figures as JSON instead of the tables.
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { buildCdn, CDN_FILES, TAGS, TAG_FILES } = await import(
  pathToFileURL(join(root, 'packages/elements/scripts/bundle.mjs')).href
);

/** The tags of issue 5: the page the elements' budget is about. */
const ISSUE_5_TAGS = ['lens-data', 'lens-value-pyramid', 'lens-rfm-heatmap', 'lens-churn-list'];
const ELEMENTS_BUDGET = 25;

/**
 * The other files, with their budget (kB gzip; undefined: reported only).
 * @type {{ key: keyof typeof CDN_FILES, label: string, budget?: number }[]}
 */
const ENTRIES = [
  { key: 'worker', label: 'engine worker (module), eager: load + scoring', budget: 80 },
  { key: 'classicWorker', label: 'engine worker (classic, blob: fallback), eager', budget: 80 },
  { key: 'analyses', label: 'on demand: engine analyses (first segments/rules/… call)' },
  { key: 'classicAnalyses', label: 'on demand: engine analyses, classic (blob: worker)' },
  { key: 'vega', label: 'lazy: vega runtime + chart specs (first chart drawn)' },
  { key: 'zhCN', label: 'lazy: Chinese messages (first element in zh)' },
  { key: 'inlineEngine', label: 'lazy: in-thread engine (no worker could start)' },
  { key: 'iframeEngine', label: "lazy: iframe compute host's client ('iframe' host tried)" },
  { key: 'ingest', label: 'lazy: page-side ingestion (customers/interactions rows)' },
];

const args = process.argv.slice(2);
const why = args.includes('--why');
const json = args.includes('--json');

const build = await buildCdn({ write: false, outdir: join(root, '.size') });
const { manifest } = build;

/** @param {number} bytes */
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/**
 * Every JavaScript output of the builds, by file name: its bytes, gzip -9 bytes and metafile entry.
 * @type {Map<string, { minified: number, gzip: number, output: import('esbuild').Metafile['outputs'][string] }>}
 */
const files = new Map();
for (const result of [build.elements, build.main, ...ENTRIES.map(({ key }) => build[key])]) {
  for (const file of result.outputFiles ?? []) {
    if (!file.path.endsWith('.js')) continue;
    const name = /** @type {string} */ (file.path.split(/[\\/]/).at(-1));
    const output = Object.entries(result.metafile?.outputs ?? {}).find(([path]) =>
      path.endsWith(`/${name}`),
    )?.[1];
    if (!output) throw new Error(`no metafile entry for ${name}`);
    files.set(name, {
      minified: file.contents.length,
      gzip: gzipSync(file.contents, { level: 9 }).length,
      output,
    });
  }
}
/** @param {string} name */
const file = (name) => {
  const found = files.get(name);
  if (!found) throw new Error(`no output ${name}`);
  return found;
};

/**
 * The files of a tag (its own and every chunk it imports); an unknown tag is an error, not an empty list (the
 * budget must not shrink because a tag was renamed).
 * @param {string} tag
 * @returns {string[]}
 */
function filesOf(tag) {
  const names = manifest.tags[tag];
  if (!names)
    throw new Error(`the script-tag build has no <${tag}> (bundle.mjs reads the tags from define.ts)`);
  return names;
}

/**
 * What a page with these tags downloads of crm-lens before vega: the loader and each tag's files.
 * @param {readonly string[]} tags
 */
function page(tags) {
  const names = [CDN_FILES.main, ...new Set(tags.flatMap(filesOf))];
  const sum = (/** @type {'minified' | 'gzip'} */ what) => names.reduce((s, n) => s + file(n)[what], 0);
  return { tags, files: names, minified: sum('minified'), gzip: sum('gzip') };
}
/**
 * The files `tag` adds to a page that has `tags` already, and their gzip bytes.
 * @param {string} tag
 * @param {readonly string[]} tags
 */
function added(tag, tags) {
  const have = new Set(page(tags).files);
  const extra = filesOf(tag).filter((n) => !have.has(n));
  return {
    files: extra,
    gzip: extra.reduce((/** @type {number} */ s, /** @type {string} */ n) => s + file(n).gzip, 0),
  };
}

const loader = file(CDN_FILES.main);
const issue5 = page(ISSUE_5_TAGS);
const allTags = page(TAGS);
const overElements = issue5.gzip > ELEMENTS_BUDGET * 1000;
const tagRows = TAGS.map((/** @type {string} */ tag) => ({
  tag,
  file: TAG_FILES[tag],
  own: file(TAG_FILES[tag]).gzip,
  alone: page([tag]).gzip,
  withData: added(tag, ['lens-data']).gzip,
  onIssue5: ISSUE_5_TAGS.includes(tag) ? undefined : added(tag, ISSUE_5_TAGS).gzip,
}));
const rows = ENTRIES.map(({ key, label, budget }) => {
  const f = file(CDN_FILES[key]);
  const over = budget !== undefined && f.gzip > budget * 1000;
  return { key, file: CDN_FILES[key], label, minified: f.minified, gzip: f.gzip, budget, over };
});

/**
 * The inputs of one output, by bytes in it, grouped by package (or by folder for our sources).
 * @param {import('esbuild').Metafile['outputs'][string]} output
 */
function contributors(output) {
  /** @type {Map<string, number>} */
  const byGroup = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const parts = input.split('node_modules/');
    let group;
    if (parts.length > 1) {
      const name = /** @type {string} */ (parts.at(-1)).split('/');
      group = name[0]?.startsWith('@') ? `${name[0]}/${name[1]}` : /** @type {string} */ (name[0]);
    } else if (input.includes(':')) {
      group = input; // a virtual module (the tag entries, the loader's constants)
    } else {
      group = relative(root, join(process.cwd(), dirname(input)));
    }
    byGroup.set(group, (byGroup.get(group) ?? 0) + bytesInOutput);
  }
  return [...byGroup.entries()].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1]);
}

/** @param {(string | number)[][]} table @param {Set<number>} numeric */
function print(table, numeric) {
  const widths = /** @type {string[]} */ (table[0]).map((_, i) =>
    Math.max(...table.map((row) => String(row[i] ?? '').length)),
  );
  for (const row of table) {
    console.log(
      row
        .map((cell, i) =>
          numeric.has(i) ? String(cell).padStart(widths[i] ?? 0) : String(cell).padEnd(widths[i] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    );
  }
}

if (json) {
  console.log(
    JSON.stringify(
      {
        elements: {
          budget: ELEMENTS_BUDGET,
          over: overElements,
          loader: { file: CDN_FILES.main, minified: loader.minified, gzip: loader.gzip },
          issue5,
          allTags,
          tags: tagRows,
          files: Object.fromEntries(
            [...files]
              .filter(([n]) => allTags.files.includes(n))
              .map(([n, f]) => [n, { minified: f.minified, gzip: f.gzip }]),
          ),
        },
        files: rows,
      },
      null,
      2,
    ),
  );
} else {
  console.log(
    'Elements (script-tag build): what a page downloads of crm-lens before vega, each file gzip -9, summed',
  );
  print(
    [
      ['page', 'files', 'minified', 'gzip -9', 'budget', ''],
      ['crm-lens.js alone (the loader)', 1, kB(loader.minified), kB(loader.gzip), '—', ''],
      [
        `issue 5: ${ISSUE_5_TAGS.map((t) => `<${t}>`).join(' ')}`,
        issue5.files.length,
        kB(issue5.minified),
        kB(issue5.gzip),
        `${ELEMENTS_BUDGET} kB`,
        overElements ? 'OVER' : 'ok',
      ],
      [`every tag (${TAGS.length})`, allTags.files.length, kB(allTags.minified), kB(allTags.gzip), '—', ''],
    ],
    new Set([1, 2, 3, 4]),
  );
  console.log(
    '\nEach tag (gzip -9): its own file; a page with it alone; what it adds to a page with <lens-data>; what it adds to the issue-5 page',
  );
  print(
    [
      ['tag', 'file', 'own file', 'alone', '+ to <lens-data>', '+ to issue 5'],
      ...tagRows.map((r) => [
        `<${r.tag}>`,
        r.file,
        kB(r.own),
        kB(r.alone),
        kB(r.withData),
        r.onIssue5 === undefined ? '(in it)' : kB(r.onIssue5),
      ]),
    ],
    new Set([2, 3, 4, 5]),
  );
  console.log('\nOther files');
  print(
    [
      ['file', 'what', 'minified', 'gzip -9', 'budget', ''],
      ...rows.map((r) => [
        r.file,
        r.label,
        kB(r.minified),
        kB(r.gzip),
        r.budget === undefined ? '—' : `${r.budget} kB`,
        r.budget === undefined ? '' : r.over ? 'OVER' : 'ok',
      ]),
    ],
    new Set([2, 3, 4]),
  );
  if (why || overElements) {
    console.log(
      `\nThe issue-5 page${overElements ? ` is ${kB(issue5.gzip - ELEMENTS_BUDGET * 1000)} over its budget` : ''}: its files and their inputs (minified bytes)`,
    );
    for (const name of issue5.files) {
      const f = file(name);
      console.log(`  ${name}  ${kB(f.minified)} minified, ${kB(f.gzip)} gzip`);
      const groups = contributors(f.output);
      for (const [group, bytes] of why ? groups : groups.slice(0, 6)) {
        console.log(`    ${kB(bytes).padStart(9)}  ${group}`);
      }
    }
  }
  for (const r of rows) {
    if (!why && !r.over) continue;
    console.log(
      `\n${r.file}${r.over ? ` is ${kB(r.gzip - (r.budget ?? 0) * 1000)} over its budget` : ''}; largest inputs (minified bytes):`,
    );
    for (const [group, bytes] of contributors(file(r.file).output).slice(0, 12)) {
      console.log(`  ${kB(bytes).padStart(9)}  ${group}`);
    }
  }
}

const over = [
  ...(overElements ? ['the issue-5 page'] : []),
  ...rows.filter((r) => r.over).map((r) => r.file),
];
if (over.length > 0) {
  console.error(`\nsize: ${over.join(', ')} over budget`);
  process.exit(1);
}
