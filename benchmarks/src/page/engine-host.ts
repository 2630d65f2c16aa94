/**
 * The real engine: `@crm-lens/engine`'s createEngine on the module-worker host, with its worker bundled from
 * `@crm-lens/engine/worker` (served as engine.worker.js). A separate bundle, loaded by bench-engine.ts when the
 * bench runs with `--engine`.
 */
import { createEngine } from '@crm-lens/engine';
import type { BenchHost } from './bench-engine.js';

export async function createEngineHost(): Promise<BenchHost> {
  const workerUrl = new URL('engine.worker.js', location.href).href;
  const engine = await createEngine({ hosts: ['module-worker'], workerUrl });
  return { engine, workerUrl };
}
