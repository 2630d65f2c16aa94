import type { NodeBridge, WorkerMemorySample } from '../shared/bridge.js';
import type { WorkerMemory } from '../shared/results.js';

const bridge = globalThis as unknown as Partial<NodeBridge>;

/** A progress line on the terminal running `pnpm bench` (and the page console). */
export function log(line: string): void {
  console.info(line);
  void bridge.__benchLog?.(line);
}

/** Collect the page's garbage now (through the driver), so that no GC of the bench's own data falls in a window. */
export async function collectPageGarbage(): Promise<void> {
  await bridge.__benchCollectGarbage?.();
}

/** The worker's memory after a forced GC, through the driver (DevTools protocol); null when unavailable. */
export async function sampleWorkerMemory(workerUrl: string): Promise<WorkerMemorySample | null> {
  return (await bridge.__benchWorkerMemory?.(workerUrl)) ?? null;
}

export function workerMemory(
  before: WorkerMemorySample | null,
  after: WorkerMemorySample | null,
  transactions: number,
): WorkerMemory | null {
  if (!before || !after || transactions <= 0) return null;
  return {
    method: after.method,
    beforeBytes: before.totalBytes,
    afterBytes: after.totalBytes,
    transactions,
    bytesPerTransaction: after.totalBytes / transactions,
    addedBytesPerTransaction: (after.totalBytes - before.totalBytes) / transactions,
    parts: after.parts,
  };
}
