/**
 * `pnpm bench`: bundles the bench page and workers with esbuild, serves them (cross-origin isolated) on
 * 127.0.0.1, drives headless Chromium through puppeteer-core, adds the pandas baseline when python3-pandas is
 * installed, and prints the report (or JSON with --json). Exit code 0 on success, 1 on failure, 2 on bad options.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetResult, SuiteResult, SummaryTiming } from '../shared/results.js';
import { parseArgs, USAGE } from './args.js';
import { BenchBrowser } from './browser.js';
import { buildBundles } from './build.js';
import { findChromium } from './chromium.js';
import { pandasAvailable, pandasOnlineRetail, pandasSkipped, pandasSynthetic } from './pandas.js';
import { scaleReport, suiteReport } from './report.js';
import { type RulesBenchResult, runRulesBench } from './rules-bench.js';
import { startServer } from './server.js';
import { scaleTargets, suiteTargets } from './targets.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const ONLINE_RETAIL = join(ROOT, '../shared/data/online-retail/online-retail-2010-12_2011-12.csv.gz');
const PAGE =
  '<!doctype html><meta charset="utf-8"><title>crm-lens bench</title><link rel="icon" href="data:,"><script type="module" src="/bench-page.js"></script>\n';

const progress = (line: string) => process.stderr.write(`${line}\n`);

function duckDbFiles(): Map<string, string> {
  const require = createRequire(import.meta.url);
  const files = new Map<string, string>();
  for (const name of ['duckdb-eh.wasm', 'duckdb-browser-eh.worker.js']) {
    files.set(`/duckdb/${name}`, require.resolve(`@duckdb/duckdb-wasm/dist/${name}`));
  }
  return files;
}

/** The pandas rows, run after the browser is closed (so they do not compete for the 2 cores). */
async function withPandas(
  suite: SuiteResult,
  args: { customers: number; seed: number; runs: number },
): Promise<SuiteResult> {
  const pandas = await pandasAvailable();
  if ('missing' in pandas) progress(`pandas baseline skipped: ${pandas.missing}`);
  else progress(`pandas ${pandas.version} (${pandas.python}): timing the groupby…`);
  const datasets: DatasetResult[] = [];
  for (const dataset of suite.datasets) {
    let row: SummaryTiming;
    if ('missing' in pandas) row = pandasSkipped(pandas.missing);
    else if (dataset.key === 'synthetic') {
      row = await pandasSynthetic(pandas.python, args.customers, args.seed, args.runs);
    } else row = await pandasOnlineRetail(pandas.python, ONLINE_RETAIL, args.runs);
    datasets.push({ ...dataset, summary: [...dataset.summary, row] });
  }
  return { ...suite, datasets };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const chromium = findChromium();
  progress('bundling the bench page and workers (esbuild)…');
  const bundles = await buildBundles(args.engine);
  const memory = new Map<string, Uint8Array>([['/', new TextEncoder().encode(PAGE)]]);
  for (const [name, body] of bundles) memory.set(`/${name}`, body);
  const files = duckDbFiles();
  const retail = args.retail && !args.scale && existsSync(ONLINE_RETAIL);
  if (args.retail && !args.scale && !retail) progress(`Online Retail skipped: ${ONLINE_RETAIL} not found`);
  if (retail) files.set('/data/online-retail.csv.gz', ONLINE_RETAIL);

  const busy = loadavg()[0]!;
  if (busy > availableParallelism()) {
    progress(
      `warning: the machine is busy (load average ${busy.toFixed(2)} on ${availableParallelism()} CPUs): figures will be slower than on a quiet machine`,
    );
  }
  const server = await startServer({ memory, files });
  progress(`serving on ${server.origin}; starting ${chromium}`);
  let browser: BenchBrowser | undefined;
  try {
    browser = await BenchBrowser.open(chromium, `${server.origin}/`, progress, args.profile);
    const load = loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
    const header = `crm-lens bench — ${await browser.version()}, ${availableParallelism()} CPUs, Node ${process.version}, load average at start ${load}`;
    if (args.scale) {
      const scale = await browser.runScale({
        engine: args.engine ? 'engine' : 'interim',
        customers: args.customers,
        chunkCustomers: 100_000,
        seed: args.seed,
      });
      await browser.close();
      browser = undefined;
      const targets = scaleTargets(scale);
      console.log(
        args.json ? JSON.stringify({ header, scale, targets }, null, 2) : scaleReport(scale, header, targets),
      );
      return 0;
    }
    const inBrowser = await browser.runSuite({
      engine: args.engine ? 'engine' : 'interim',
      customers: args.customers,
      seed: args.seed,
      runs: args.runs,
      onlineRetailUrl: retail ? `${server.origin}/data/online-retail.csv.gz` : null,
    });
    await browser.close();
    browser = undefined;
    const suite = await withPandas(inBrowser, args);
    const targets = suiteTargets(suite);
    progress('association rules on Groceries (Node)…');
    const rules = await runRulesBench();
    console.log(
      args.json
        ? JSON.stringify({ header, suite, targets, rules }, null, 2)
        : `${suiteReport(suite, header, targets)}

${rulesReport(rules)}`,
    );
    return 0;
  } finally {
    await browser?.close();
    await server.close();
  }
}

/** The association-rules figures (issue #6: the rule miner's time at support 0.001). */
function rulesReport(r: RulesBenchResult): string {
  return [
    `── association rules: Groceries (${r.baskets.toLocaleString('en')} baskets, ${r.items} items), in Node, median of 3 runs`,
    `   FP-growth at support ${r.minSupport}: ${r.itemsets.toLocaleString('en')} frequent itemsets in ${r.mineMs.toFixed(1)} ms`,
    `   rules at confidence 0.5: ${r.rules.toLocaleString('en')} rules in ${r.rulesMs.toFixed(1)} ms`,
  ].join('\n');
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `pnpm bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  },
);
