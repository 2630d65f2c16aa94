import { type CreateEngineOptions, createEngine } from './create-engine.js';
import type { Engine } from './engine.js';

interface Entry {
  readonly engine: Promise<Engine>;
  users: number;
  resolved?: Engine;
}

const entries = new Map<string, Entry>();

/**
 * The page's shared engine for `key` (default `'default'`): every widget that acquires it shares one host and
 * one copy of the data. The first caller's options create it; later callers get the same engine. Pair every
 * call with {@link releaseEngine}: the engine is disposed when its last user releases it.
 */
export function acquireEngine(key = 'default', options?: CreateEngineOptions): Promise<Engine> {
  let entry = entries.get(key);
  if (!entry) {
    const created: Entry = { engine: createEngine(options), users: 0 };
    created.engine.then(
      (engine) => {
        created.resolved = engine;
        // Everyone released it while it was starting: nobody will, so dispose of it now.
        if (created.users === 0 && entries.get(key) !== created) void engine.dispose();
      },
      () => {
        // A failed start is not kept: the next acquire tries again.
        if (entries.get(key) === created) entries.delete(key);
      },
    );
    entries.set(key, created);
    entry = created;
  }
  entry.users++;
  return entry.engine;
}

/**
 * Give back an engine from {@link acquireEngine} (or the key it was acquired under); the last release disposes
 * of it. Releasing more often than acquiring does nothing.
 */
export async function releaseEngine(engineOrKey: Engine | string): Promise<void> {
  for (const [key, entry] of entries) {
    if (typeof engineOrKey === 'string' ? key !== engineOrKey : entry.resolved !== engineOrKey) continue;
    entry.users--;
    if (entry.users > 0) return;
    entries.delete(key);
    if (entry.resolved) await entry.resolved.dispose();
    return;
  }
}
