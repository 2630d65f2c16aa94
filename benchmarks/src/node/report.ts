import { SCORE_STAGES } from '@crm-lens/core';
import type {
  DatasetResult,
  PipelineResult,
  ScaleResult,
  SuiteResult,
  WorkerMemory,
} from '../shared/results.js';
import { bytes, int, ms, ratio, table } from './format.js';
import type { Target } from './targets.js';

const STAGE_NAMES: Readonly<Record<string, string>> = {
  columnarise: 'columnarise row objects (main thread, ≤ 20k-row chunks)',
  decode: 'expand dictionary columns (worker)',
  ingest: 'ingest (worker)',
  summary: 'customer summary',
  rfm: 'RFM scores + segments',
  abc: 'ABC',
  occasions: 'BTYD inputs (occasions)',
  'purchase-model': 'BG/NBD fit',
  'spend-model': 'Gamma-Gamma fit',
  clv: 'CLV',
  pyramid: 'pyramid',
  churn: 'churn',
  views: 'result views (engine)',
};
/** Keys of the host's timings that are not stages. */
const NOT_STAGES = new Set(['total']);
const LOAD_STAGES = ['columnarise', 'decode', 'ingest'];

/** A stage key: one stage, or several that ran without a pause between them, joined with `+`. */
function stageName(key: string): string {
  const parts = key.split('+');
  const names = parts.map((part) => STAGE_NAMES[part] ?? part).join(' + ');
  return parts.length > 1 ? `${names} (no pause between)` : names;
}

function stageOrder(key: string): number {
  const first = key.split('+')[0]!;
  const load = LOAD_STAGES.indexOf(first);
  if (load >= 0) return load - 10;
  const stage = (SCORE_STAGES as readonly string[]).indexOf(first);
  return stage >= 0 ? stage : 100;
}

function memoryLine(memory: WorkerMemory | null): string {
  if (!memory) return '—';
  return `${memory.bytesPerTransaction.toFixed(0)} B/tx`;
}

function pipelineTable(pipelines: readonly PipelineResult[]): string {
  const keys = [...new Set(pipelines.flatMap((p) => Object.keys(p.median.stages)))].filter(
    (k) => !NOT_STAGES.has(k),
  );
  const loadKeys = keys.filter((k) => LOAD_STAGES.includes(k)).sort((a, b) => stageOrder(a) - stageOrder(b));
  const scoreKeys = keys
    .filter((k) => !LOAD_STAGES.includes(k))
    .sort((a, b) => stageOrder(a) - stageOrder(b));
  const cell = (p: PipelineResult, key: string) => ms(p.median.stages[key]);
  const rows: string[][] = [['stage', ...pipelines.map((p) => `as ${p.mode}`)]];
  rows.push(['hand-in + ingest (page wall time of load)', ...pipelines.map((p) => ms(p.median.loadMs))]);
  for (const key of loadKeys) rows.push([`  ${stageName(key)}`, ...pipelines.map((p) => cell(p, key))]);
  rows.push(['score (page wall time)', ...pipelines.map((p) => ms(p.median.scoreMs))]);
  for (const key of scoreKeys) rows.push([`  ${stageName(key)}`, ...pipelines.map((p) => cell(p, key))]);
  rows.push(['total, hand-in → results', ...pipelines.map((p) => ms(p.median.totalMs))]);
  rows.push([
    'longest main-thread task (longtask, ≥ 50 ms)',
    ...pipelines.map((p) =>
      p.median.mainThread.longestLongTaskMs === null
        ? 'none'
        : `${ms(p.median.mainThread.longestLongTaskMs)} in ${p.median.mainThread.longestLongTaskDuring}`,
    ),
  ]);
  rows.push([
    'longest main-thread block (10 ms timer probe)',
    ...pipelines.map((p) => ms(p.median.mainThread.longestBlockMs)),
  ]);
  rows.push(['worker memory, data resident + scored', ...pipelines.map((p) => memoryLine(p.memory))]);
  return table(rows);
}

function kernelTable(kernels: Readonly<Record<string, number>>): string {
  const k = (name: string) => kernels[name];
  const rfm = (k('summary') ?? Number.NaN) + (k('rfm') ?? Number.NaN);
  return table(
    [
      ['stage', 'ms', ''],
      [
        'RFM (summary + scores)',
        ms(rfm),
        `summary ${ms(k('summary'))} + scores and segments ${ms(k('rfm'))}`,
      ],
      ['ABC', ms(k('abc')), ''],
      ['BTYD inputs (occasions)', ms(k('occasions')), ''],
      ['BG/NBD fit', ms(k('bg-nbd fit')), ''],
      ['Gamma-Gamma fit', ms(k('gamma-gamma fit')), ''],
    ],
    'lrl',
  );
}

function summaryTable(dataset: DatasetResult): string {
  const ours = dataset.summary[0]?.ms ?? null;
  const rows = [['implementation', 'ms', 'groups', 'ours vs it', 'where / note']];
  dataset.summary.forEach((s, i) => {
    const note = s.skipped ? `skipped: ${s.skipped}` : [s.where, s.note].filter(Boolean).join('; ');
    rows.push([
      s.name,
      ms(s.ms),
      s.groups === undefined ? '—' : int(s.groups),
      i === 0 ? '(ours)' : ratio(ours, s.ms),
      note,
    ]);
  });
  return table(rows, 'lrrrl');
}

function datasetReport(dataset: DatasetResult): string {
  const memory = dataset.pipelines.map((p) => p.memory).find((m) => m);
  return [
    `── ${dataset.title}`,
    `   ${int(dataset.transactions)} transactions, ${int(dataset.customers)} customers`,
    '',
    'Pipeline through the worker (medians; longest task/block: the worst run)',
    pipelineTable(dataset.pipelines),
    ...(memory
      ? [
          `  memory: ${bytes(memory.afterBytes)} held (${bytes(memory.beforeBytes)} before hand-in, so ${memory.addedBytesPerTransaction.toFixed(0)} B/tx added)`,
        ]
      : []),
    '',
    'Stage kernels called one by one on the same table (bench worker, medians)',
    kernelTable(dataset.kernels),
    '',
    'RFM per-customer summary (per customer: max date, count, sum of amount) — same data, same browser, same run',
    summaryTable(dataset),
  ].join('\n');
}

export function targetTable(targets: readonly Target[]): string {
  return table(
    [
      ['target (issue #4)', '', 'figure'],
      ...targets.map((t) => [t.target, t.met === null ? 'n/a' : t.met ? 'met' : 'MISSED', t.figure]),
    ],
    'lll',
  );
}

export function suiteReport(suite: SuiteResult, header: string, targets: readonly Target[]): string {
  const host = suite.datasets[0]?.pipelines[0]?.host ?? '?';
  const memory = suite.datasets.flatMap((d) => d.pipelines).find((p) => p.memory)?.memory;
  return [
    header,
    `host: ${host}; cross-origin isolated: ${suite.crossOriginIsolated ? 'yes' : 'no'}`,
    `${suite.runs} runs of each measurement, medians shown: each pipeline run in a fresh worker (cold, as a page load); kernels and baselines after one warm-up run`,
    '',
    ...suite.datasets.flatMap((d) => [datasetReport(d), '']),
    'Targets (reported, not asserted)',
    targetTable(targets),
    '',
    `long tasks: ${suite.longTaskObserver ? `the observer saw ${suite.pageLongTasks.count} on the page over the whole run (longest ${ms(suite.pageLongTasks.longestMs)}, data generation included)` : 'the longtask entry type is not supported here'}`,
    `memory: ${memory?.method ?? 'not measured'}`,
    `total bench time in the browser: ${ms(suite.wallMs)}`,
  ].join('\n');
}

export function scaleReport(scale: ScaleResult, header: string, targets: readonly Target[]): string {
  const memory = scale.memory;
  return [
    header,
    `host: ${scale.host}`,
    '',
    `── scale: ${int(scale.customers)} customers (1M customers × ~10.5 transactions, not 100k × 100), ${int(scale.transactions)} transactions`,
    `   generated on the page in ${ms(scale.generateMs)} (10 seeds of generateDataset, 100k customers each), handed in as columns (transferred)`,
    '',
    pipelineTable([
      {
        mode: 'columns',
        host: scale.host,
        transactions: scale.transactions,
        customers: scale.customers,
        runs: [scale.run],
        median: scale.run,
        memory,
      },
    ]),
    '',
    memory
      ? [
          `worker memory: ${bytes(memory.afterBytes)} = ${memory.bytesPerTransaction.toFixed(0)} B/tx (before hand-in ${bytes(memory.beforeBytes)}; added ${memory.addedBytesPerTransaction.toFixed(0)} B/tx)`,
          `  parts: ${Object.entries(memory.parts)
            .map(([k, v]) => `${k} ${bytes(v)}`)
            .join(', ')}`,
          `  measured by: ${memory.method}`,
        ].join('\n')
      : 'worker memory: not measured (the worker target was not found)',
    scale.uaMemory.workerBytes === null
      ? `  cross-check, measureUserAgentSpecificMemory: ${scale.uaMemory.note}`
      : `  cross-check, measureUserAgentSpecificMemory: ${bytes(scale.uaMemory.workerBytes)} attributed to the worker = ${(scale.uaMemory.workerBytes / scale.transactions).toFixed(0)} B/tx (whole page ${bytes(scale.uaMemory.pageTotalBytes ?? 0)})`,
    '',
    `cancel: abort() ${ms(scale.cancel.abortedAfterMs)} into a second scoring (during "${scale.cancel.stageAtAbort}"), rejected with "${scale.cancel.code}" ${ms(scale.cancel.rejectLatencyMs)} later; ping afterwards ${ms(scale.cancel.pingMs)}`,
    '',
    'Targets (reported, not asserted)',
    targetTable(targets),
  ].join('\n');
}
