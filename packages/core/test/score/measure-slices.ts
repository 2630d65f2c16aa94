// How long scoreCustomersSteps runs between two yields, per stage, on a large synthetic dataset, and what the
// checkpoints cost against the plain synchronous scoreCustomers. Timings live here, not in tests.
//
//   node --conditions=source --import tsx packages/core/test/score/measure-slices.ts [customers] [options]
//
// customers defaults to 100,000 (≈ 1.06M transactions). Options:
//   --date-order  sort the rows by date first (many exports are; the generator writes them customer by customer)
//   --rounds=N    runs to compare (default 7)
//   --cold        each run in a fresh process, without warm-up: what a page sees the first time
//
// Checkpoints are deterministic (the kernels count rows, not time), so stretch i does the same work in every run.
// Besides the median run's longest stretch per stage, the script prints the longest of the per-stretch minima over
// the runs with garbage-collection pauses taken out: the kernels' own time, without the collector or the machine's
// other load. `gc` is the most collector time seen inside one stretch (a pause no checkpoint can split).
import { spawnSync } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateDataset } from '@crm-lens/testing';
import { SCORE_STAGES, scoreCustomers, scoreCustomersSteps } from '../../src/index.js';
import type { TransactionTable } from '../../src/schema/transactions.js';

const args = process.argv.slice(2);
const customers = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const dateOrder = args.includes('--date-order');
const cold = args.includes('--cold');
const child = args.includes('--child');
const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 7);

function buildTable(): TransactionTable {
  const { transactions } = generateDataset({ customers, seed: 7 });
  const n = transactions.date.length;
  const order = Array.from({ length: n }, (_, i) => i);
  if (dateOrder) order.sort((a, b) => transactions.date[a]! - transactions.date[b]! || a - b);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(n);
  const date = new Float64Array(n);
  const amount = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const id = transactions.customerId[i]!;
    let code = index.get(id);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(id);
      index.set(id, code);
    }
    codes[k] = code;
    date[k] = transactions.date[i]!;
    amount[k] = transactions.amount[i]!;
  }
  return { kind: 'transactions', length: n, customer: { codes, dictionary }, date, amount };
}

/** Garbage-collection pauses, on the performance.now() clock. */
const pauses: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push({ start: e.startTime, end: e.startTime + e.duration });
}).observe({ entryTypes: ['gc'] });
/** Lets the observer deliver the entries of a synchronous run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 20));

/** One stepped run: per stretch its stage, its length and the GC pause time inside it. */
interface Run {
  readonly total: number;
  readonly stages: string[];
  readonly ms: number[];
  readonly gc: number[];
}

async function runSteps(table: TransactionTable): Promise<Run> {
  const stretches: { stage: string; start: number; end: number }[] = [];
  const begin = performance.now();
  let mark = begin;
  let stage = 'setup';
  const steps = scoreCustomersSteps(table);
  for (;;) {
    const step = steps.next();
    const now = performance.now();
    stretches.push({ stage, start: mark, end: now });
    if (step.done) break;
    stage = step.value;
    mark = performance.now();
  }
  const total = performance.now() - begin;
  await flush();
  const gc = stretches.map((s) => {
    let sum = 0;
    for (const p of pauses) sum += Math.max(0, Math.min(s.end, p.end) - Math.max(s.start, p.start));
    return sum;
  });
  return { total, stages: stretches.map((s) => s.stage), ms: stretches.map((s) => s.end - s.start), gc };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const max = (values: readonly number[]) => values.reduce((m, v) => Math.max(m, v), 0);
const f = (v: number, width = 10) => v.toFixed(1).padStart(width);

function report(runs: readonly Run[]): void {
  const first = runs[0]!;
  if (runs.some((r) => r.ms.length !== first.ms.length)) throw new Error('runs yielded differently');
  // Per stretch: its shortest length over the runs without GC pauses (what recurs), per stage the longest.
  const minimum = first.ms.map((_, i) => Math.min(...runs.map((r) => r.ms[i]! - r.gc[i]!)));
  console.log(
    `${'stage'.padEnd(16)}${'yields'.padStart(7)}${'recurring'.padStart(11)}${'median'.padStart(10)}` +
      `${'worst'.padStart(10)}${'gc'.padStart(10)}${'total'.padStart(10)}  (ms; longest stretch)`,
  );
  for (const stage of ['setup', ...SCORE_STAGES]) {
    const at = first.stages.flatMap((s, i) => (s === stage ? [i] : []));
    if (at.length === 0) continue;
    const longest = runs.map((r) => max(at.map((i) => r.ms[i]!)));
    const total = runs.map((r) => at.reduce((sum, i) => sum + r.ms[i]!, 0));
    console.log(
      `${stage.padEnd(16)}${String(at.length).padStart(7)} ${f(max(at.map((i) => minimum[i]!)))}` +
        `${f(median(longest))}${f(max(longest))}${f(max(runs.map((r) => max(at.map((i) => r.gc[i]!)))))}` +
        `${f(median(total))}`,
    );
  }
  console.log(
    `longest stretch: ${max(minimum).toFixed(1)} ms recurring, ${median(runs.map((r) => max(r.ms))).toFixed(1)} ms ` +
      `in the median run, ${max(runs.map((r) => max(r.ms))).toFixed(1)} ms at worst`,
  );
}

const table = buildTable();
if (child) {
  // One cold run for the parent: print it and quit.
  console.log(JSON.stringify(await runSteps(table)));
  process.exit(0);
}
console.log(
  `${customers.toLocaleString('en')} customers, ${table.length.toLocaleString('en')} transactions, ` +
    `${dateOrder ? 'rows in date order' : 'rows customer by customer'}`,
);
if (cold) {
  const runs: Run[] = [];
  const script = fileURLToPath(import.meta.url);
  for (let round = 0; round < rounds; round++) {
    const out = spawnSync(process.execPath, [...process.execArgv, script, ...args, '--child'], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (out.status !== 0) throw new Error(out.stderr);
    runs.push(JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Run);
  }
  console.log(`cold: ${rounds} runs, each the first in a fresh process`);
  report(runs);
  console.log(`stepped run: median ${median(runs.map((r) => r.total)).toFixed(1)} ms`);
} else {
  const timeSync = () => {
    const start = performance.now();
    scoreCustomers(table);
    return performance.now() - start;
  };
  timeSync(); // warm-up: compile the kernels before timing
  await runSteps(table);
  // Alternate the two paths so drift (GC, other load on the machine) hits both alike.
  const sync: number[] = [];
  const runs: Run[] = [];
  for (let round = 0; round < rounds; round++) {
    sync.push(timeSync());
    runs.push(await runSteps(table));
  }
  console.log(`warm: ${rounds} runs after a warm-up`);
  report(runs);
  const syncMs = median(sync);
  const stepsMs = median(runs.map((r) => r.total));
  console.log(
    `scoreCustomers ${syncMs.toFixed(1)} ms (min ${Math.min(...sync).toFixed(1)}), stepped to completion ` +
      `${stepsMs.toFixed(1)} ms (min ${Math.min(...runs.map((r) => r.total)).toFixed(1)}): ` +
      `${((stepsMs / syncMs - 1) * 100).toFixed(1)} %`,
  );
}
