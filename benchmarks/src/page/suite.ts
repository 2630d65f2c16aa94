import { PRESETS } from '@crm-lens/core';
import type { DatasetResult, PipelineResult, SuiteConfig, SuiteResult } from '../shared/results.js';
import { chooseEngine } from './bench-engine.js';
import { log } from './bridge.js';
import { DuckDbBaseline } from './duckdb.js';
import { observeLongTasks, pageLongTasks } from './main-thread.js';
import { runPipeline } from './pipeline.js';
import { compareSummaries } from './summaries.js';
import { COLUMN_OPTIONS, copyColumns, generateSynthetic, ROW_OPTIONS } from './synthetic.js';

async function openDuckDb(): Promise<DuckDbBaseline | Error> {
  try {
    const duck = await DuckDbBaseline.open(new URL('duckdb/', location.href).href);
    log(`DuckDB-WASM ${await duck.version()} ready`);
    return duck;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`DuckDB-WASM could not start: ${message}`);
    return new Error(`DuckDB-WASM could not start: ${message}`);
  }
}

async function syntheticDataset(config: SuiteConfig, duck: DuckDbBaseline | Error): Promise<DatasetResult> {
  const title = `synthetic: generateDataset({ customers: ${config.customers.toLocaleString('en')}, seed: ${config.seed} })`;
  log(`${title}: generating on the page…`);
  const data = generateSynthetic(config.customers, config.seed, 0, true);
  const transactions = data.columns.date.length;
  const rows = data.rows!;
  log(`  ${transactions.toLocaleString('en')} transactions`);
  const pipelines: PipelineResult[] = [];
  pipelines.push(
    await runPipeline(
      {
        mode: 'columns',
        input: () => ({
          kind: 'columns',
          columns: copyColumns(data.columns),
          options: COLUMN_OPTIONS,
          transfer: true,
        }),
      },
      config.runs,
      'synthetic',
    ),
  );
  pipelines.push(
    await runPipeline(
      { mode: 'rows', input: () => ({ kind: 'rows', rows, options: ROW_OPTIONS }) },
      config.runs,
      'synthetic',
    ),
  );
  const { kernels, summary } = await compareSummaries(
    { columns: data.columns, options: COLUMN_OPTIONS },
    config.runs,
    duck,
  );
  return { key: 'synthetic', title, transactions, customers: data.customers, pipelines, kernels, summary };
}

async function onlineRetailDataset(
  url: string,
  runs: number,
  duck: DuckDbBaseline | Error,
): Promise<DatasetResult> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const title = `Online Retail (UCI), ${url.split('/').pop()}, ${(bytes.length / 1e6).toFixed(1)} MB gzip, preset online-retail`;
  log(`${title}`);
  const options = PRESETS['online-retail']!.options;
  const pipeline = await runPipeline(
    { mode: 'bytes', input: () => ({ kind: 'bytes', bytes: bytes.slice(), options, transfer: true }) },
    runs,
    'online retail',
  );
  const { kernels, summary } = await compareSummaries({ bytes, options }, runs, duck);
  return {
    key: 'online-retail',
    title,
    transactions: pipeline.transactions,
    customers: pipeline.customers,
    pipelines: [pipeline],
    kernels,
    summary,
  };
}

/** The default suite: synthetic data handed in as columns and as row objects, then the Online Retail file. */
export async function runSuite(config: SuiteConfig): Promise<SuiteResult> {
  const started = performance.now();
  chooseEngine(config.engine);
  const longTaskObserver = observeLongTasks();
  const duck = await openDuckDb();
  try {
    const datasets: DatasetResult[] = [await syntheticDataset(config, duck)];
    if (config.onlineRetailUrl)
      datasets.push(await onlineRetailDataset(config.onlineRetailUrl, config.runs, duck));
    return {
      userAgent: navigator.userAgent,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      longTaskObserver,
      pageLongTasks: pageLongTasks(),
      runs: config.runs,
      datasets,
      wallMs: performance.now() - started,
    };
  } finally {
    if (!(duck instanceof Error)) await duck.close();
  }
}
