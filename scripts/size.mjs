#!/usr/bin/env node
// @ts-check
// `pnpm size`: the size budgets. Bundles every shipped entry point with esbuild (minified, exactly as the script-tag
// build: packages/elements/scripts/bundle.mjs), gzips each file at level 9, prints a table and exits 1 when one is
// over its budget. Budgets are in kB of gzip (1 kB = 1000 bytes).
//
// The elements' budget counts what a page downloads before anything is drawn: crm-lens.js (it imports nothing
// statically). The files it loads with import() only when needed — vega with the chart specs, a translation, the
// in-thread engine, page-side ingestion — are reported one by one, without a budget.
//
// The workers' budget counts what a worker loads when it starts, which is all a scoring page needs:
// crm-lens.worker.js (module) or crm-lens.worker.classic.js (classic, blob:). The analyses they load only on the
// first segments/rules/suggestions/sequences/cohorts/KPIs/drill-down/customer-card call — crm-lens.analyses.js
// (import(), also used by the in-thread engine) and crm-lens.analyses.classic.js (importScripts()) — get a row
// each, without a budget.
//
// `--why` lists the largest inputs of every file (always shown for one over budget; every input of crm-lens.js);
// `--json` prints the figures as JSON instead of the table.
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { buildCdn, CDN_FILES } = await import(
  pathToFileURL(join(root, 'packages/elements/scripts/bundle.mjs')).href
);

/**
 * What is measured, with its budget (kB gzip; undefined: reported only).
 * @type {{ key: keyof typeof CDN_FILES, label: string, budget?: number }[]}
 */
const ENTRIES = [
  { key: 'main', label: 'elements, eager: every tag, without vega', budget: 25 },
  { key: 'worker', label: 'engine worker (module), eager: load + scoring', budget: 80 },
  { key: 'classicWorker', label: 'engine worker (classic, blob: fallback), eager', budget: 80 },
  { key: 'analyses', label: 'on demand: engine analyses (first segments/rules/… call)' },
  { key: 'classicAnalyses', label: 'on demand: engine analyses, classic (blob: worker)' },
  { key: 'vega', label: 'lazy: vega runtime + chart specs (first chart drawn)' },
  { key: 'zhCN', label: 'lazy: Chinese messages (first element in zh)' },
  { key: 'inlineEngine', label: 'lazy: in-thread engine (no worker could start)' },
  { key: 'ingest', label: 'lazy: page-side ingestion (customers/interactions rows)' },
];

const args = process.argv.slice(2);
const why = args.includes('--why');
const json = args.includes('--json');

const results = await buildCdn({ write: false, outdir: join(root, '.size') });

/** @param {number} bytes */
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/**
 * The inputs of a bundle, by bytes in the output, grouped by package (or by folder for our sources).
 * @param {import('esbuild').Metafile} metafile
 */
function contributors(metafile) {
  const output = Object.entries(metafile.outputs).find(([file]) => !file.endsWith('.map'))?.[1];
  /** @type {Map<string, number>} */
  const byGroup = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const parts = input.split('node_modules/');
    let group;
    if (parts.length > 1) {
      const name = /** @type {string} */ (parts.at(-1)).split('/');
      group = name[0]?.startsWith('@') ? `${name[0]}/${name[1]}` : /** @type {string} */ (name[0]);
    } else {
      group = relative(root, join(process.cwd(), dirname(input)));
    }
    byGroup.set(group, (byGroup.get(group) ?? 0) + bytesInOutput);
  }
  return [...byGroup.entries()].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1]);
}

// The eager part is one file: crm-lens.js must not import another statically (that would download it too).
for (const [file, output] of Object.entries(results.main.metafile?.outputs ?? {})) {
  const eager = output.imports.filter((i) => i.kind !== 'dynamic-import');
  if (eager.length > 0) throw new Error(`${file} imports ${eager.map((i) => i.path).join(', ')} statically`);
}

const rows = ENTRIES.map(({ key, label, budget }) => {
  const result = results[key];
  const file = result.outputFiles?.find((f) => f.path.endsWith(CDN_FILES[key]));
  if (!file) throw new Error(`no output for ${CDN_FILES[key]}`);
  const gzip = gzipSync(file.contents, { level: 9 }).length;
  const over = budget !== undefined && gzip > budget * 1000;
  return { key, file: CDN_FILES[key], label, minified: file.contents.length, gzip, budget, over, result };
});

if (json) {
  console.log(
    JSON.stringify(
      rows.map(({ result: _result, ...row }) => row),
      null,
      2,
    ),
  );
} else {
  const header = ['file', 'what', 'minified', 'gzip -9', 'budget', ''];
  const table = [
    header,
    ...rows.map((r) => [
      r.file,
      r.label,
      kB(r.minified),
      kB(r.gzip),
      r.budget === undefined ? '—' : `${r.budget} kB`,
      r.budget === undefined ? '' : r.over ? 'OVER' : 'ok',
    ]),
  ];
  const widths = header.map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
  const numeric = new Set([2, 3, 4]);
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
  for (const r of rows) {
    if (!why && !r.over) continue;
    const all = r.key === 'main';
    console.log(
      `\n${r.file}${r.over ? ` is ${kB(r.gzip - (r.budget ?? 0) * 1000)} over its budget` : ''}; ${all ? 'inputs' : 'largest inputs'} (minified bytes):`,
    );
    const groups = contributors(/** @type {import('esbuild').Metafile} */ (r.result.metafile));
    for (const [group, bytes] of all ? groups : groups.slice(0, 12)) {
      console.log(`  ${kB(bytes).padStart(9)}  ${group}`);
    }
  }
}

const over = rows.filter((r) => r.over);
if (over.length > 0) {
  console.error(`\nsize: ${over.map((r) => r.file).join(', ')} over budget`);
  process.exit(1);
}
