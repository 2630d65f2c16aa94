import type { WireIngestOptions } from '../shared/engine-types.js';
import type { SummaryTiming } from '../shared/results.js';
import { median } from '../shared/stats.js';
import type { GroupbyTimes, KernelTimes, PreparedTable } from '../worker/baseline-protocol.js';
import { log } from './bridge.js';
import type { DuckDbBaseline } from './duckdb.js';
import { withContext } from './pipeline.js';
import { WorkerRpc } from './worker-rpc.js';

export interface BaselineInput {
  readonly columns?: Readonly<Record<string, ArrayLike<unknown>>>;
  readonly bytes?: Uint8Array;
  readonly options: WireIngestOptions;
}

export interface SummaryComparison {
  readonly kernels: Record<string, number>;
  readonly summary: SummaryTiming[];
}

function medians(times: Readonly<Record<string, readonly number[]>>): Record<string, number> {
  return Object.fromEntries(Object.entries(times).map(([name, runs]) => [name, median(runs)]));
}

/**
 * The RFM per-customer summary (per customer: max date, count, sum of amount) on the same canonical columns:
 * core's kernel and arquero in the bench worker, SQL in DuckDB-WASM; also core's kernel as scoring runs it
 * (counting same-day occasions, not rows), which the baselines do not do. Also core's other stage kernels, one by one.
 * The data is copied to the bench worker (the caller keeps it).
 */
export async function compareSummaries(
  input: BaselineInput,
  runs: number,
  duck: DuckDbBaseline | Error,
): Promise<SummaryComparison> {
  try {
    return await compare(input, runs, duck);
  } catch (error) {
    throw withContext(error, 'baselines');
  }
}

async function compare(
  input: BaselineInput,
  runs: number,
  duck: DuckDbBaseline | Error,
): Promise<SummaryComparison> {
  const rpc = new WorkerRpc(
    new Worker('baseline-worker.js', { type: 'module', name: 'crm-lens-bench-baselines' }),
  );
  try {
    const prepared = await rpc.call<PreparedTable>((id) => ({ type: 'prepare', id, ...input }));
    log(`  baselines: ${prepared.transactions.toLocaleString('en')} rows ingested in the bench worker`);
    const kernels = await rpc.call<KernelTimes>((id) => ({ type: 'kernels', id, runs }));
    const ours = kernels.times['summary-rows'] ?? [];
    const oursByDay = kernels.times.summary ?? [];
    log(`  crm-lens summarizeCustomers (row counts): ${ours.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    log(
      `  crm-lens summarizeCustomers (same-day occasions): ${oursByDay.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );
    const arquero = await rpc.call<GroupbyTimes>((id) => ({ type: 'arquero', id, runs, key: 'code' }));
    log(`  arquero groupby/rollup by code: ${arquero.times.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    const arqueroIds = await rpc.call<GroupbyTimes>((id) => ({ type: 'arquero', id, runs, key: 'id' }));
    log(`  arquero groupby/rollup by id: ${arqueroIds.times.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    const summary: SummaryTiming[] = [
      {
        name: 'crm-lens summarizeCustomers',
        ms: median(ours),
        runs: ours,
        where: 'bench worker (core kernel, mergeSameDay: false)',
        groups: kernels.groups,
        note: 'the same aggregates (last date, row count, amount sum) and more: first purchase, recency, gross, returns',
      },
      {
        name: 'crm-lens, same-day occasions',
        ms: median(oursByDay),
        runs: oursByDay,
        where: 'bench worker (core kernel, as scoring calls it)',
        groups: kernels.groups,
        note: "a customer's rows of one day merged into one purchase occasion (a sort per customer), as RFM uses them",
      },
      {
        name: 'arquero groupby/rollup',
        ms: median(arquero.times),
        runs: arquero.times,
        where: 'bench worker',
        groups: arquero.groups,
        note: 'grouped by the int32 customer code, as the others',
      },
      {
        name: 'arquero groupby/rollup, string ids',
        ms: median(arqueroIds.times),
        runs: arqueroIds.times,
        where: 'bench worker',
        groups: arqueroIds.groups,
        note: 'grouped by the customer id string, as in a table of the raw data',
      },
    ];
    if (duck instanceof Error) {
      summary.push({ name: 'DuckDB-WASM SQL', ms: null, runs: [], where: '', skipped: duck.message });
    } else {
      const ipc = await rpc.call<Uint8Array>((id) => ({ type: 'arrow', id }));
      const loadMs = await duck.load(ipc);
      const result = await duck.summarize(runs);
      log(`  DuckDB-WASM: ${result.times.map((ms) => ms.toFixed(0)).join(', ')} ms`);
      summary.push({
        name: 'DuckDB-WASM SQL',
        ms: median(result.times),
        runs: result.times,
        where: 'DuckDB worker (EH bundle)',
        groups: result.groups,
        note: `CREATE TABLE … GROUP BY; loading the Arrow IPC took ${loadMs.toFixed(0)} ms, not counted`,
      });
    }
    return { kernels: medians(kernels.times), summary };
  } finally {
    rpc.terminate();
  }
}
