import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateDataset } from '@crm-lens/testing';
import type { SummaryTiming } from '../shared/results.js';
import { median } from '../shared/stats.js';

const run = promisify(execFile);
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '../../python/rfm_summary.py');
const NAME = 'pandas groupby/agg';

/**
 * Pythons to try: $PYTHON, the `python3` on PATH, and Debian's own (where python3-pandas installs, when PATH
 * leads to another Python, such as pyenv's).
 */
function pythons(): string[] {
  return [...new Set([process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p))];
}

export type PandasCheck =
  | { readonly python: string; readonly version: string }
  | { readonly missing: string };

/** The first Python that imports pandas, with the pandas version; or why there is none. */
export async function pandasAvailable(): Promise<PandasCheck> {
  const tried: string[] = [];
  for (const python of pythons()) {
    try {
      const { stdout } = await run(python, ['-c', 'import pandas; print(pandas.__version__)']);
      return { python, version: stdout.trim() };
    } catch (error) {
      const text = `${(error as { stderr?: string }).stderr ?? ''}`;
      if ((error as { code?: unknown }).code === 'ENOENT') tried.push(`${python}: not found`);
      else if (text.includes('No module named')) tried.push(`${python}: no pandas`);
      else tried.push(`${python}: ${text.trim().split('\n').pop() ?? (error as Error).message}`);
    }
  }
  return {
    missing: `no Python with pandas (${tried.join('; ')}); install Debian's python3-pandas (apt-get install -y python3-pandas)`,
  };
}

export function pandasSkipped(reason: string): SummaryTiming {
  return { name: NAME, ms: null, runs: [], where: 'python3 subprocess', skipped: reason };
}

/** The synthetic transactions (same options and seed as the page) as customer,date,amount CSV. */
async function writeSyntheticCsv(path: string, customers: number, seed: number): Promise<void> {
  const { transactions } = generateDataset({ customers, seed });
  const out = createWriteStream(path);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write('customer,date,amount\n');
  const lines: string[] = [];
  for (let i = 0; i < transactions.date.length; i++) {
    lines.push(`${transactions.customerId[i]!.slice(1)},${transactions.date[i]},${transactions.amount[i]}`);
    if (lines.length === 50_000) {
      await write(`${lines.join('\n')}\n`);
      lines.length = 0;
    }
  }
  if (lines.length > 0) await write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

async function timePandas(python: string, kind: string, path: string, runs: number): Promise<SummaryTiming> {
  const { stdout } = await run(python, [SCRIPT, kind, path, String(runs)], { maxBuffer: 1 << 20 });
  const result = JSON.parse(stdout) as { times: number[]; groups: number; rows: number; pandas: string };
  return {
    name: NAME,
    ms: median(result.times),
    runs: result.times,
    where: `${python} subprocess, pandas ${result.pandas}`,
    groups: result.groups,
    note: `groupby only (CSV read before timing), ${result.rows.toLocaleString('en')} rows`,
  };
}

export async function pandasSynthetic(
  python: string,
  customers: number,
  seed: number,
  runs: number,
): Promise<SummaryTiming> {
  const dir = await mkdtemp(join(tmpdir(), 'crm-lens-bench-'));
  try {
    const path = join(dir, 'synthetic.csv');
    await writeSyntheticCsv(path, customers, seed);
    return await timePandas(python, 'synthetic', path, runs);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function pandasOnlineRetail(python: string, path: string, runs: number): Promise<SummaryTiming> {
  return timePandas(python, 'online-retail', path, runs);
}
