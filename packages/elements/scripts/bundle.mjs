#!/usr/bin/env node
// @ts-check
// The single-file ("script tag") build of crm-lens, for pages with no build step: `node scripts/bundle.mjs`
// writes dist/cdn/
//
//   crm-lens.js                 ES module: every <lens-…> tag, lit, the engine client, the chart code (no vega)
//   crm-lens.worker.js          the engine as a module worker, found beside crm-lens.js (import.meta.url)
//   crm-lens.worker.classic.js  the same as a classic script, for a `blob:` worker when crm-lens.js comes from
//                               another origin (module workers must be same-origin)
//   crm-lens.vega.js            the vega runtime, loaded by the charts on their first draw only
//   themes/light.css, dark.css  optional: the --lens-* tokens for the page (class lens-theme-dark on <html>)
//
// (+ a .map beside each). Everything is bundled from the TypeScript sources (the `source` export condition), so
// nothing needs `tsc` first. Under a strict CSP (`default-src 'self'`, no 'unsafe-eval', no blob:) the four files
// served from the page's origin are all it needs. scripts/size.mjs (repo root) measures the same builds.
// Options: --outdir DIR (default dist/cdn), --no-minify.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyThemes } from './copy-themes.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const engineDir = join(packageDir, '../engine');

/** The output files, by role. */
export const CDN_FILES = {
  main: 'crm-lens.js',
  worker: 'crm-lens.worker.js',
  classicWorker: 'crm-lens.worker.classic.js',
  vega: 'crm-lens.vega.js',
};

/** The vega packages, loaded lazily by src/internal/chart/load-vega.ts. */
const VEGA_PACKAGES = /^(vega|vega-interpreter)$/;

/**
 * In the main bundle, `import('vega')` and `import('vega-interpreter')` both become `import('./crm-lens.vega.js')`,
 * a file of its own (one module exporting both), resolved by the browser relative to crm-lens.js.
 * @type {import('esbuild').Plugin}
 */
const lazyVega = {
  name: 'crm-lens-lazy-vega',
  setup(build) {
    build.onResolve({ filter: VEGA_PACKAGES }, () => ({ path: `./${CDN_FILES.vega}`, external: true }));
  },
};

async function version() {
  const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  return String(pkg.version);
}

/**
 * The esbuild options of every file of the build (also used by scripts/size.mjs).
 * @param {{ outdir?: string, minify?: boolean }} [options]
 * @returns {Promise<Record<keyof typeof CDN_FILES, import('esbuild').BuildOptions>>}
 */
export async function cdnBuildOptions({ outdir = join(packageDir, 'dist/cdn'), minify = true } = {}) {
  const banner = `/*! crm-lens ${await version()} | MIT */`;
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    // Our packages' TypeScript sources; the browser builds of dependencies.
    conditions: ['source', 'browser'],
    minify,
    sourcemap: 'linked',
    // The Chinese catalog as UTF-8, not \u escapes (module scripts and workers are always decoded as UTF-8).
    charset: 'utf8',
    banner: { js: banner },
    legalComments: 'eof',
    logLevel: 'warning',
    metafile: true,
  };
  const out = (file) => join(outdir, file);
  return {
    main: {
      ...common,
      entryPoints: [join(packageDir, 'scripts/cdn/entry.ts')],
      format: 'esm',
      outfile: out(CDN_FILES.main),
      plugins: [lazyVega],
    },
    vega: {
      ...common,
      entryPoints: [join(packageDir, 'scripts/cdn/vega-runtime.ts')],
      format: 'esm',
      outfile: out(CDN_FILES.vega),
    },
    worker: {
      ...common,
      entryPoints: [join(engineDir, 'src/engine.worker.ts')],
      format: 'esm',
      outfile: out(CDN_FILES.worker),
    },
    classicWorker: {
      ...common,
      entryPoints: [join(engineDir, 'src/engine.worker.ts')],
      format: 'iife',
      // Classic scripts may be decoded with another charset: keep this one ASCII.
      charset: 'ascii',
      outfile: out(CDN_FILES.classicWorker),
    },
  };
}

/**
 * Checks the main bundle loads vega only lazily: a static import of it would download vega with every page.
 * @param {import('esbuild').Metafile} metafile
 */
function checkVegaIsLazy(metafile) {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    const eager = output.imports.filter(
      (i) => i.path.endsWith(CDN_FILES.vega) && i.kind !== 'dynamic-import',
    );
    if (eager.length > 0) {
      throw new Error(
        `${file} imports vega statically (${eager.map((i) => i.kind).join(', ')}); the charts must load it with import() only (src/internal/chart/load-vega.ts)`,
      );
    }
  }
}

/**
 * Build every file. With `write: false` nothing is written and the outputs are returned (for the size check).
 * @param {{ outdir?: string, minify?: boolean, write?: boolean }} [options]
 * @returns {Promise<Record<keyof typeof CDN_FILES, import('esbuild').BuildResult>>}
 */
export async function buildCdn({ outdir, minify = true, write = true } = {}) {
  const esbuild = await import('esbuild');
  const options = await cdnBuildOptions({ outdir, minify });
  if (write && outdir === undefined) await rm(join(packageDir, 'dist/cdn'), { recursive: true, force: true });
  if (write) await mkdir(dirname(/** @type {string} */ (options.main.outfile)), { recursive: true });
  const entries = /** @type {[keyof typeof CDN_FILES, import('esbuild').BuildOptions][]} */ (
    Object.entries(options)
  );
  // One after another: the machine may be shared, and each build is quick.
  /** @type {Partial<Record<keyof typeof CDN_FILES, import('esbuild').BuildResult>>} */
  const results = {};
  for (const [name, buildOptions] of entries) {
    results[name] = await esbuild.build({ ...buildOptions, write });
  }
  checkVegaIsLazy(/** @type {import('esbuild').Metafile} */ (results.main?.metafile));
  if (write) await copyThemes(join(dirname(/** @type {string} */ (options.main.outfile)), 'themes'));
  return /** @type {Record<keyof typeof CDN_FILES, import('esbuild').BuildResult>} */ (results);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outdirFlag = args.indexOf('--outdir');
  const outdir = outdirFlag >= 0 ? resolve(/** @type {string} */ (args[outdirFlag + 1])) : undefined;
  const started = performance.now();
  const results = await buildCdn({ outdir, minify: !args.includes('--no-minify') });
  for (const result of Object.values(results)) {
    for (const [file, output] of Object.entries(result.metafile?.outputs ?? {})) {
      if (file.endsWith('.map')) continue;
      console.log(
        `  ${relative(process.cwd(), file).padEnd(48)} ${(output.bytes / 1000).toFixed(1).padStart(7)} kB`,
      );
    }
  }
  console.log(`crm-lens single-file build done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
