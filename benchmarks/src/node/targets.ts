import type { DatasetResult, PipelineResult, ScaleResult, SuiteResult } from '../shared/results.js';
import { ms, ratio } from './format.js';

/** One target of issue #4, with the figure measured in this run. Reported, never asserted. */
export interface Target {
  readonly target: string;
  readonly figure: string;
  readonly met: boolean | null;
}

function pipeline(dataset: DatasetResult | undefined, mode: string): PipelineResult | undefined {
  return dataset?.pipelines.find((p) => p.mode === mode);
}

function workerStages(result: PipelineResult): number {
  return Object.entries(result.median.stages)
    .filter(([name]) => name !== 'columnarise' && name !== 'total')
    .reduce((sum, [, value]) => sum + value, 0);
}

export function suiteTargets(suite: SuiteResult): Target[] {
  const synthetic = suite.datasets.find((d) => d.key === 'synthetic');
  const targets: Target[] = [];
  // The first two targets are about 1M transactions / 100k customers: judged only at that size.
  const full = synthetic?.customers === 100_000;
  const columns = pipeline(synthetic, 'columns');
  const rows = pipeline(synthetic, 'rows');
  if (columns) {
    targets.push({
      target: '1M tx / 100k customers as columns: all stages < 1.0 s',
      figure: `${ms(columns.median.totalMs)} hand-in → results (worker stages ${ms(workerStages(columns))})`,
      met: full ? columns.median.totalMs < 1000 : null,
    });
  }
  if (rows) {
    targets.push({
      target: '… as row objects: < 2.5 s',
      figure: `${ms(rows.median.totalMs)} hand-in → results`,
      met: full ? rows.median.totalMs < 2500 : null,
    });
  }
  const summary = synthetic?.summary ?? [];
  const ours = summary[0]?.ms ?? null;
  const arquero = summary.find((s) => s.name === 'arquero groupby/rollup')?.ms ?? null;
  const arqueroIds = summary.find((s) => s.name === 'arquero groupby/rollup, string ids')?.ms ?? null;
  const duck = summary.find((s) => s.name.startsWith('DuckDB'))?.ms ?? null;
  const byDay = summary.find((s) => s.name === 'crm-lens, same-day occasions')?.ms ?? null;
  targets.push({
    target: 'RFM summary ≥ 5× faster than arquero groupby',
    figure: `${ratio(ours, arquero)} (same aggregates, by int32 code); ${ratio(ours, arqueroIds)} (arquero by string id); with same-day occasions ${ratio(byDay, arquero)}`,
    met: ours !== null && arquero !== null ? arquero / ours >= 5 : null,
  });
  targets.push({
    target: 'RFM summary faster than DuckDB-WASM',
    figure: `${ratio(ours, duck)} (same aggregates); with same-day occasions ${ratio(byDay, duck)}`,
    met: ours !== null && duck !== null ? duck / ours > 1 : null,
  });
  const all = suite.datasets.flatMap((d) => d.pipelines);
  const longest = Math.max(...all.map((p) => p.median.mainThread.longestBlockMs));
  const worst = all
    .map((p) => ({ dataset: suite.datasets.find((d) => d.pipelines.includes(p))?.key, p }))
    .filter(({ p }) => p.median.mainThread.longestLongTaskMs !== null)
    .sort(
      (a, b) =>
        (b.p.median.mainThread.longestLongTaskMs ?? 0) - (a.p.median.mainThread.longestLongTaskMs ?? 0),
    )[0];
  const longTask = worst
    ? `long task of ${ms(worst.p.median.mainThread.longestLongTaskMs)} (${worst.dataset}, ${worst.p.mode}, in ${worst.p.median.mainThread.longestLongTaskDuring})`
    : 'no long task';
  targets.push({
    target: 'longest main-thread task, hand-in → results: < 50 ms',
    figure: `${longTask}; longest block ${ms(longest)} (timer probe)`,
    met: !worst && longest < 50,
  });
  const stage = columns?.median.stages['purchase-model'];
  const kernel = synthetic?.kernels['bg-nbd fit'];
  const fit = stage ?? kernel;
  targets.push({
    target: 'BG/NBD fit on 100k customers: < 300 ms',
    figure:
      fit === undefined
        ? '—'
        : `${ms(fit)} (${stage === undefined ? 'kernel, bench worker' : 'pipeline stage'})`,
    met: fit === undefined || !full ? null : fit < 300,
  });
  return targets;
}

export function scaleTargets(scale: ScaleResult): Target[] {
  const memory = scale.memory;
  return [
    {
      target: `10M transactions (here ${(scale.transactions / 1e6).toFixed(1)}M): load and score complete, with progress`,
      figure: `${ms(scale.run.totalMs)} for ${scale.transactions.toLocaleString('en')} tx, ${scale.progressEvents} progress events`,
      met: scale.progressEvents > 0,
    },
    {
      target: '… a working cancel (rejects `aborted`, the worker answers after)',
      figure: `${scale.cancel.code}, ${ms(scale.cancel.rejectLatencyMs)} after abort(); ping ${ms(scale.cancel.pingMs)}`,
      met: scale.cancel.ok,
    },
    {
      target: '… worker memory < 300 bytes per transaction',
      figure: memory ? `${memory.bytesPerTransaction.toFixed(0)} B/tx` : 'not measured',
      met: memory ? memory.bytesPerTransaction < 300 : null,
    },
  ];
}
