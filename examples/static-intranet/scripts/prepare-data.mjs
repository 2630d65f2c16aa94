#!/usr/bin/env node
// @ts-check
// Prepares the demo's data at build time: reads the reference files (../shared/data beside the repository) with
// @crm-lens/core's ingestion and the presets `cdnow-master` and `online-retail`, and writes the accepted
// transactions — customer id, date (epoch ms), amount, and order, product and region where the source has them — as gzipped Arrow IPC to public/data/, with the
// data-quality figures of each file in public/data/datasets.json. The page then downloads about 3 MB instead of
// 48 MB of CSV, and `<lens-data src="data/….arrow.gz">` reads it with the same ingestion in the engine's worker.
//
// Run: node --conditions=source --import tsx scripts/prepare-data.mjs [--force]
// (skips the work when the outputs are newer than the inputs). CRM_LENS_DATA overrides ../shared/data.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ingestTransactions, PRESETS } from '@crm-lens/core';
import { dictionary, float64, int32, tableFromArrays, tableToIPC, utf8 } from '@uwdata/flechette';

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(exampleDir, '../..');
const dataDir = resolve(process.env.CRM_LENS_DATA ?? join(repoDir, '../shared/data'));
const outDir = join(exampleDir, 'public/data');
const manifestPath = join(outDir, 'datasets.json');

/** The data sets of the demo. `fields` and `format`/`dateFormat` are what `<lens-data>` needs to read the file. */
const DATASETS = [
  {
    id: 'cdnow',
    name: 'CDNOW',
    source: 'cdnow/CDNOW_master.txt',
    preset: 'cdnow-master',
    currency: 'USD',
    description:
      'CD purchases of 23,570 customers of the CDNOW online store, 1997–1998 (Fader, Hardie & Lee).',
  },
  {
    id: 'online-retail',
    name: 'Online Retail',
    source: 'online-retail/online-retail-2010-12_2011-12.csv.gz',
    preset: 'online-retail',
    currency: 'GBP',
    description:
      'Invoices of a UK online gift retailer, Dec 2010 – Dec 2011 (UCI Machine Learning Repository).',
  },
];

/** Column names in the prepared files (and the `<lens-data>` field attributes that read them). */
const COLUMNS = { customerId: 'customer', date: 'date', amount: 'amount' };
/** Text columns kept when the source has them: order (baskets for cross-selling), product, region (drill-down). */
const TEXT_COLUMNS = /** @type {const} */ ({ orderId: 'order', product: 'product', region: 'region' });

/** @param {string} path */
const mtime = async (path) => (await stat(path).catch(() => undefined))?.mtimeMs;

async function upToDate() {
  const manifest = await mtime(manifestPath);
  if (manifest === undefined) return false;
  const inputs = [fileURLToPath(import.meta.url), ...DATASETS.map((d) => join(dataDir, d.source))];
  const outputs = DATASETS.map((d) => join(outDir, `${d.id}.arrow.gz`));
  for (const output of outputs) if ((await mtime(output)) === undefined) return false;
  for (const input of inputs) {
    const t = await mtime(input);
    if (t === undefined || t > manifest) return false;
  }
  return true;
}

/** @param {(typeof DATASETS)[number]} dataset */
async function prepare(dataset) {
  const sourcePath = join(dataDir, dataset.source);
  const preset = PRESETS[dataset.preset];
  if (!preset) throw new Error(`core has no preset "${dataset.preset}"`);
  const bytes = await readFile(sourcePath).catch((error) => {
    throw new Error(
      `cannot read ${sourcePath} (${error.code ?? error.message}); the reference data is expected in ../shared/data beside the repository, or set CRM_LENS_DATA`,
    );
  });
  const started = performance.now();
  const { table, report } = await ingestTransactions(new Uint8Array(bytes), preset.options);

  // Rows in their original order, so the customers come out in the same order (and ties break the same way).
  const { codes, dictionary: ids } = table.customer;
  const customer = Array.from(codes, (code) => /** @type {string} */ (ids[code]));
  /** @type {Record<string, unknown>} */
  const columns = {
    [COLUMNS.customerId]: customer,
    [COLUMNS.date]: table.date,
    [COLUMNS.amount]: table.amount,
  };
  /** @type {Record<string, any>} */
  const types = {
    [COLUMNS.customerId]: dictionary(utf8(), int32()),
    [COLUMNS.date]: float64(),
    [COLUMNS.amount]: float64(),
  };
  /** @type {Record<string, string>} */
  const fields = { ...COLUMNS };
  for (const [field, name] of Object.entries(TEXT_COLUMNS)) {
    const column = /** @type {{ codes: Int32Array, dictionary: readonly string[] } | undefined} */ (
      /** @type {any} */ (table)[field]
    );
    if (!column) continue;
    columns[name] = Array.from(column.codes, (code) => (code < 0 ? null : column.dictionary[code]));
    types[name] = dictionary(utf8(), int32());
    fields[field] = name;
  }
  const arrow = tableFromArrays(columns, { types });
  const ipc = tableToIPC(arrow, { format: 'file' });
  if (!ipc) throw new Error('flechette wrote no Arrow IPC bytes');
  const gz = gzipSync(ipc, { level: 9 });
  const file = `${dataset.id}.arrow.gz`;
  await writeFile(join(outDir, file), gz);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `  ${dataset.source}: ${report.total.toLocaleString('en')} rows, ${report.accepted.toLocaleString('en')} accepted, ${report.rejected.toLocaleString('en')} rejected → data/${file} (${(gz.length / 1e6).toFixed(1)} MB, ${seconds} s)`,
  );
  return {
    id: dataset.id,
    name: dataset.name,
    description: dataset.description,
    file: `data/${file}`,
    currency: dataset.currency,
    // How <lens-data> reads the prepared file.
    format: 'arrow',
    dateFormat: 'epoch-ms',
    fields,
    // Where it came from, and what ingestion made of it (core's IngestReport, without the row lists).
    source: { file: dataset.source, preset: dataset.preset, bytes: bytes.length },
    preparedBytes: gz.length,
    quality: {
      total: report.total,
      accepted: report.accepted,
      rejected: report.rejected,
      excludedByPolicy: report.excludedByPolicy,
      rejectedByReason: report.rejectedByReason,
      rejectedByField: report.rejectedByField,
      warnings: report.warnings,
      customers: report.customers,
      dateRange: report.dateRange,
      policy: report.policy,
    },
  };
}

const force = process.argv.includes('--force');
if (!force && (await upToDate())) {
  console.log(`data: ${relative(process.cwd(), outDir)} is up to date`);
} else {
  await mkdir(outDir, { recursive: true });
  console.log(`data: preparing ${relative(process.cwd(), outDir)} from ${dataDir}`);
  const datasets = [];
  for (const dataset of DATASETS) datasets.push(await prepare(dataset));
  await writeFile(manifestPath, `${JSON.stringify({ datasets }, null, 2)}\n`);
}
