// The classic-script bundle of the engine worker (dist/engine.worker.classic.js): what the `blob-worker` host
// loads with importScripts() on pages that allow blob: workers but not module workers from the script's URL.
// Run by `pnpm --filter @crm-lens/engine build`; the browser tests build the same bundle in memory.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** esbuild options shared by the build and the browser tests. */
export const classicWorkerOptions = {
  entryPoints: [join(packageDir, 'src/engine.worker.ts')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  // Our packages' TypeScript sources; arquero's browser build (no node:fs).
  conditions: ['source', 'browser'],
  logLevel: 'silent',
};

/** Build the bundle; returns its text. */
export async function buildClassicWorker(esbuild, { minify = false } = {}) {
  const result = await esbuild.build({ ...classicWorkerOptions, minify, write: false });
  return result.outputFiles[0]?.text ?? '';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const esbuild = await import('esbuild');
  const text = await buildClassicWorker(esbuild, { minify: true });
  const out = join(packageDir, 'dist/engine.worker.classic.js');
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, text);
  console.log(`wrote ${out} (${(text.length / 1024).toFixed(0)} KiB)`);
}
