/**
 * The bench's own worker for the like-for-like comparisons: it ingests the same data as the pipeline, then
 * times core's kernels one by one (ours) and the same per-customer summary as an arquero groupby/rollup, and
 * hands the canonical columns to DuckDB-WASM as Arrow IPC.
 */
import { ingestTransactions, type TransactionTable } from '@crm-lens/core';
import { table as arqueroTable, op, toArrowIPC } from 'arquero';
import type { WireError } from '../shared/engine-types.js';
import type { BaselineRequest, GroupbyTimes, KernelTimes, PreparedTable } from './baseline-protocol.js';
import { timeKernels } from './kernels.js';
import { workerScope } from './worker-scope.js';

let prepared: TransactionTable | undefined;

function current(): TransactionTable {
  if (!prepared) throw new Error('no table: send prepare first');
  return prepared;
}

/** customer code, date, amount: the canonical columns every implementation reads. */
function canonicalColumns(table: TransactionTable): Record<string, ArrayLike<unknown>> {
  return { customer: table.customer.codes, date: table.date, amount: table.amount };
}

function arqueroSummary(runs: number, key: 'code' | 'id'): GroupbyTimes {
  const table = current();
  const columns = canonicalColumns(table);
  if (key === 'id') {
    const { codes, dictionary } = table.customer;
    const ids = new Array<string>(codes.length);
    for (let i = 0; i < codes.length; i++) ids[i] = dictionary[codes[i]!]!;
    Object.assign(columns, { customer: ids });
  }
  const data = arqueroTable(columns);
  const times: number[] = [];
  let groups = 0;
  // One warm-up run (not counted), then `runs`.
  for (let r = -1; r < runs; r++) {
    const started = performance.now();
    const summary = data
      .groupby('customer')
      .rollup({ last: op.max('date'), n: op.count(), total: op.sum('amount') });
    if (r >= 0) times.push(performance.now() - started);
    groups = summary.numRows();
  }
  return { times, groups };
}

function kernels(runs: number): KernelTimes {
  const times: Record<string, number[]> = {};
  let groups = 0;
  timeKernels(current()); // warm-up, not counted
  for (let r = 0; r < runs; r++) {
    const run = timeKernels(current());
    groups = run.groups;
    for (const [name, ms] of Object.entries(run.times)) {
      times[name] ??= [];
      times[name].push(ms);
    }
  }
  return { times, groups };
}

async function answer(request: BaselineRequest): Promise<{ value: unknown; transfer?: Transferable[] }> {
  switch (request.type) {
    case 'prepare': {
      const input = request.bytes ?? request.columns;
      if (!input) throw new Error('prepare needs columns or bytes');
      prepared = (await ingestTransactions(input, request.options ?? {})).table;
      const value: PreparedTable = {
        transactions: prepared.length,
        customers: prepared.customer.dictionary.length,
      };
      return { value };
    }
    case 'kernels':
      return { value: kernels(request.runs) };
    case 'arquero':
      return { value: arqueroSummary(request.runs, request.key) };
    case 'arrow': {
      const bytes = toArrowIPC(arqueroTable(canonicalColumns(current())), { format: 'stream' });
      return { value: bytes, transfer: [bytes.buffer] };
    }
    case 'release':
      prepared = undefined;
      return { value: true };
  }
}

workerScope.onmessage = (event: MessageEvent) => {
  const request = event.data as BaselineRequest;
  answer(request).then(
    ({ value, transfer }) =>
      workerScope.postMessage({ type: 'result', id: request.id, value }, transfer ?? []),
    (error: unknown) => {
      const wire: WireError = {
        name: 'EngineError',
        code: 'internal',
        message: error instanceof Error ? error.message : String(error),
      };
      workerScope.postMessage({ type: 'error', id: request.id, error: wire });
    },
  );
};
