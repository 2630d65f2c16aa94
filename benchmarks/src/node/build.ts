import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles served at the page's root: the page, the interim pipeline worker and the baseline worker. */
const ENTRIES: Readonly<Record<string, string>> = {
  'bench-page.js': join(SRC, 'page/bench-page.ts'),
  'pipeline-worker.js': join(SRC, 'worker/pipeline-worker.ts'),
  'baseline-worker.js': join(SRC, 'worker/baseline-worker.ts'),
};

/**
 * With `--engine`: `@crm-lens/engine`'s createEngine (page side) and its worker, from the package's `./worker`
 * export (its TypeScript source: the bench runs under `--conditions=source`).
 */
function engineEntries(): Record<string, string> {
  return {
    'engine-host.js': join(SRC, 'page/engine-host.ts'),
    'engine.worker.js': createRequire(import.meta.url).resolve('@crm-lens/engine/worker'),
  };
}

/** Bundle every entry in memory (ES modules for Chromium, our packages from their TypeScript sources). */
export async function buildBundles(withEngine: boolean): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  const entries = { ...ENTRIES, ...(withEngine ? engineEntries() : {}) };
  await Promise.all(
    Object.entries(entries).map(async ([name, entry]) => {
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'browser',
        target: 'chrome120',
        conditions: ['source'],
        // Whitespace and syntax only: names stay readable in errors and stacks.
        minifyWhitespace: true,
        minifySyntax: true,
        keepNames: true,
        sourcemap: false,
        logLevel: 'silent',
        legalComments: 'none',
      });
      const file = result.outputFiles[0];
      if (!file) throw new Error(`esbuild produced nothing for ${entry}`);
      out.set(name, file.contents);
    }),
  );
  return out;
}
