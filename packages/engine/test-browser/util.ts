// Shared by the engine's browser tests (not a test file itself).
import { PRESETS } from '@crm-lens/core';
import { generateDataset, toRows } from '@crm-lens/testing';
import type { DatasetHandle, Engine, ScoreSummary } from '../src/index.js';

/** The module worker as the dev server serves it: the TypeScript entry, transformed on request. */
export const WORKER_URL = new URL('../src/engine.worker.ts', import.meta.url);
/** The classic-script bundle of the worker, built by a middleware of web-test-runner.config.mjs. */
export const CLASSIC_WORKER_URL = '/__engine/classic-worker.js';
/** The first 200 rows of CDNOW_master.txt, committed as a core fixture. */
export const FIXTURE_URL = '/packages/core/test/fixtures/cdnow-master-head.txt';
export const FIXTURE_OPTIONS = { ...PRESETS['cdnow-master']!.options, now: Date.UTC(2026, 0, 1) };
export const FIXTURE_AS_OF = Date.UTC(1997, 5, 30);

export async function fixtureBytes(): Promise<Uint8Array> {
  const response = await fetch(FIXTURE_URL);
  if (!response.ok) throw new Error(`${FIXTURE_URL}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Seeded synthetic order lines as row objects, as a host page would hand them over. */
export function syntheticRows(customers: number, seed = 3): Record<string, unknown>[] {
  return toRows(generateDataset({ customers, seed }).transactions);
}

/** Everything the views ask an engine for, minus what legitimately differs between runs (times, dataset ids). */
export async function everything(engine: Engine, handle: DatasetHandle, asOf?: number) {
  const request = asOf === undefined ? {} : { asOf };
  const { timings: _, dataset: __, ...summary }: ScoreSummary = await engine.score(handle, request);
  return {
    summary,
    customers: await engine.customers(handle, request, [
      'clv',
      'pAlive',
      'tier',
      'segment',
      'churnScore',
      'abc',
    ]),
    churn: await engine.churnList(handle, request, {
      offset: 0,
      limit: 25,
      fields: ['valueAtRisk', 'churnBand'],
      reasons: true,
    }),
    upgrade: await engine.upgradeCandidates(handle, request, 'lead', 10, ['currentValue', 'clv']),
  };
}
