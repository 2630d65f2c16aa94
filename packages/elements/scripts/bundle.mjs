#!/usr/bin/env node
// @ts-check
// The script-tag build of crm-lens, for pages with no build step: `node scripts/bundle.mjs` writes dist/cdn/
//
//   crm-lens.js                 ES module, the one file a page names: every <lens-…> tag, lit, the engine client,
//                               the chart embedding, the English messages. All a page needs before it draws.
//   crm-lens.worker.js          the engine as a module worker, found beside crm-lens.js (import.meta.url)
//   crm-lens.worker.classic.js  the same as a classic script, for a `blob:` worker when crm-lens.js comes from
//                               another origin (module workers must be same-origin)
//   crm-lens.analyses.js        on demand, in the engine: the analyses of segments, rules, suggestions, sequences,
//                               cohorts, KPIs, drill-down and the customer card (first such call; never for scoring),
//                               imported by crm-lens.worker.js and crm-lens.inline-engine.js
//   crm-lens.analyses.classic.js  the same as a classic script, importScripts()'d by crm-lens.worker.classic.js,
//                               found beside it (a blob: worker cannot import() a relative URL)
//   crm-lens.vega.js            lazy: vega, vega-interpreter and the compiled chart specs (first chart drawn)
//   crm-lens.zh-cn.js           lazy: the Chinese messages (first element that speaks zh)
//   crm-lens.inline-engine.js   lazy: the engine in the page's own thread (only when no worker can start)
//   crm-lens.ingest.js          lazy: page-side ingestion, for customers/interactions given as rows or columns
//   themes/light.css, dark.css  optional: the --lens-* tokens for the page (class lens-theme-dark on <html>)
//
// (+ a .map beside each). The lazy files are ES modules that crm-lens.js loads with import(), resolved beside
// itself: keep the files together. Each is a build of its own (an `import()` of the sources becomes an external
// `import('./crm-lens.<name>.js')`), not an esbuild split chunk: esbuild assigns whole files to chunks by what can
// reach them through import statements, barrels included, so splitting pulled code that only a lazy part uses
// (core's ingestion, the in-thread engine) into chunks that crm-lens.js imported statically. A lazy file may hold
// a copy of a little code that crm-lens.js has too (engine errors, constants); nothing depends on their identity
// (errors are recognised by name and code).
//
// The engine's on-demand analyses work the same way (ENGINE_LAZY_FILES): the worker and the in-thread engine
// import('./crm-lens.analyses.js'), resolved beside themselves. The classic worker cannot (a blob: worker's base
// URL is the blob's): its build replaces the loader with one that importScripts() crm-lens.analyses.classic.js
// beside the classic worker's URL, which createEngine passes in the blob's bootstrap (packages/engine/scripts/
// worker-bundle.mjs, classicAnalysesPlugin).
//
// Everything is bundled from the TypeScript sources (the `source` export condition), so nothing needs `tsc`
// first. Under a strict CSP (`default-src 'self'`: no 'unsafe-eval', no 'unsafe-inline', no blob:) these files
// served from the page's origin are all it needs. scripts/size.mjs (repo root) measures the same builds.
// Options: --outdir DIR (default dist/cdn), --no-minify.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classicAnalysesPlugin } from '../../engine/scripts/worker-bundle.mjs';
import { copyThemes } from './copy-themes.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const engineDir = join(packageDir, '../engine');

/** The output files, by role. */
export const CDN_FILES = {
  main: 'crm-lens.js',
  worker: 'crm-lens.worker.js',
  classicWorker: 'crm-lens.worker.classic.js',
  vega: 'crm-lens.vega.js',
  zhCN: 'crm-lens.zh-cn.js',
  inlineEngine: 'crm-lens.inline-engine.js',
  ingest: 'crm-lens.ingest.js',
  analyses: 'crm-lens.analyses.js',
  classicAnalyses: 'crm-lens.analyses.classic.js',
};

/**
 * A file loaded with import(): which imports of the sources become it (`importer`: the importing source file,
 * relative to the repo's packages/ folder; any importer when absent), and the entry it is built from.
 * @typedef {{ key: keyof typeof CDN_FILES, entry: string, imports: { specifier: RegExp, importer?: string }[] }} LazyFile
 */

/**
 * The files crm-lens.js loads with import().
 * @type {LazyFile[]}
 */
export const LAZY_FILES = [
  {
    key: 'vega',
    entry: join(packageDir, 'scripts/cdn/vega-runtime.ts'),
    imports: [
      { specifier: /^(vega|vega-interpreter)$/ },
      { specifier: /^\.\/chart-runtime\.js$/, importer: 'elements/src/internal/chart/load-vega.ts' },
    ],
  },
  {
    key: 'zhCN',
    entry: join(packageDir, 'src/i18n/zh-cn.ts'),
    imports: [{ specifier: /^\.\/zh-cn\.js$/, importer: 'elements/src/i18n/locale.ts' }],
  },
  {
    key: 'inlineEngine',
    entry: join(engineDir, 'src/inline-engine.ts'),
    imports: [{ specifier: /^\.\/inline-engine\.js$/, importer: 'engine/src/create-engine.ts' }],
  },
  {
    key: 'ingest',
    entry: join(packageDir, 'src/internal/local-ingest.ts'),
    imports: [{ specifier: /^\.\/local-ingest\.js$/, importer: 'elements/src/internal/data-session.ts' }],
  },
];

/**
 * The file the engine (crm-lens.worker.js and crm-lens.inline-engine.js) loads with import(): the issue-6 analyses,
 * on the first call of one of them (the classic worker has its own: classicAnalysesPlugin).
 * @type {LazyFile[]}
 */
export const ENGINE_LAZY_FILES = [
  {
    key: 'analyses',
    entry: join(engineDir, 'src/analyses.ts'),
    imports: [{ specifier: /^\.\/analyses\.js$/, importer: 'engine/src/load-analyses.ts' }],
  },
];

/** @param {string} path */
const posix = (path) => path.split(sep).join('/');

/**
 * Every import that `files` names becomes an external `./crm-lens.<name>.js`, resolved by the browser beside the
 * importing file. Only dynamic imports may be redirected: a static one would make the file eager.
 * @param {LazyFile[]} files
 * @returns {import('esbuild').Plugin}
 */
const lazyFiles = (files) => ({
  name: 'crm-lens-lazy-files',
  setup(build) {
    for (const { key, imports } of files) {
      for (const { specifier, importer } of imports) {
        build.onResolve({ filter: specifier }, (args) => {
          if (importer && !posix(args.importer).endsWith(`/${importer}`)) return undefined;
          if (args.kind !== 'dynamic-import') {
            return {
              errors: [
                {
                  text: `"${args.path}" must be loaded with import() (it is ${CDN_FILES[key]}, loaded lazily)`,
                },
              ],
            };
          }
          return { path: `./${CDN_FILES[key]}`, external: true };
        });
      }
    }
  },
});

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
  /** @param {string} file */
  const out = (file) => join(outdir, file);
  /** @type {Record<string, import('esbuild').BuildOptions>} */
  const lazy = {};
  for (const { key, entry } of LAZY_FILES) {
    lazy[key] = {
      ...common,
      entryPoints: [entry],
      format: 'esm',
      outfile: out(CDN_FILES[key]),
      // The in-thread engine leaves the analyses to crm-lens.analyses.js, as the worker does.
      ...(key === 'inlineEngine' ? { plugins: [lazyFiles(ENGINE_LAZY_FILES)] } : {}),
    };
  }
  return {
    main: {
      ...common,
      entryPoints: [join(packageDir, 'scripts/cdn/entry.ts')],
      format: 'esm',
      outfile: out(CDN_FILES.main),
      plugins: [lazyFiles(LAZY_FILES)],
    },
    .../** @type {Record<'vega' | 'zhCN' | 'inlineEngine' | 'ingest', import('esbuild').BuildOptions>} */ (
      lazy
    ),
    worker: {
      ...common,
      entryPoints: [join(engineDir, 'src/engine.worker.ts')],
      format: 'esm',
      outfile: out(CDN_FILES.worker),
      plugins: [lazyFiles(ENGINE_LAZY_FILES)],
    },
    classicWorker: {
      ...common,
      entryPoints: [join(engineDir, 'src/engine.worker.ts')],
      format: 'iife',
      // Classic scripts may be decoded with another charset: keep this one ASCII.
      charset: 'ascii',
      outfile: out(CDN_FILES.classicWorker),
      plugins: [classicAnalysesPlugin(CDN_FILES.classicAnalyses)],
    },
    analyses: {
      ...common,
      entryPoints: [join(engineDir, 'src/analyses.ts')],
      format: 'esm',
      outfile: out(CDN_FILES.analyses),
    },
    classicAnalyses: {
      ...common,
      entryPoints: [join(engineDir, 'src/analyses.classic.ts')],
      format: 'iife',
      charset: 'ascii',
      outfile: out(CDN_FILES.classicAnalyses),
    },
  };
}

/**
 * Checks that a build loads each of `files` with import() only and bundles none of their code: without
 * splitting, esbuild would inline an import() of a bundled module, and the page would download it at once.
 * @param {import('esbuild').Metafile} metafile the build's (crm-lens.js, a worker, the in-thread engine)
 * @param {LazyFile[]} files
 */
function checkLazy(metafile, files) {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    for (const { key, entry } of files) {
      const imports = output.imports.filter((i) => i.path === `./${CDN_FILES[key]}`);
      const eager = imports.filter((i) => i.kind !== 'dynamic-import');
      if (eager.length > 0) {
        throw new Error(
          `${file} imports ${CDN_FILES[key]} statically (${eager.map((i) => i.kind).join(', ')}); it must be loaded with import() only`,
        );
      }
      const bundled = Object.keys(output.inputs).find((input) => resolve(input) === entry);
      if (bundled) throw new Error(`${file} bundles ${bundled}, which must stay in ${CDN_FILES[key]}`);
      if (imports.length === 0) {
        throw new Error(`${file} never loads ${CDN_FILES[key]}: is it still needed (LAZY_FILES)?`);
      }
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
  const folder = dirname(/** @type {string} */ (options.main.outfile));
  if (write) await mkdir(folder, { recursive: true });
  const entries = /** @type {[keyof typeof CDN_FILES, import('esbuild').BuildOptions][]} */ (
    Object.entries(options)
  );
  // One after another: the machine may be shared, and each build is quick.
  /** @type {Partial<Record<keyof typeof CDN_FILES, import('esbuild').BuildResult>>} */
  const results = {};
  for (const [name, buildOptions] of entries) {
    results[name] = await esbuild.build({ ...buildOptions, write });
  }
  /** @param {keyof typeof CDN_FILES} name */
  const metafile = (name) => /** @type {import('esbuild').Metafile} */ (results[name]?.metafile);
  checkLazy(metafile('main'), LAZY_FILES);
  checkLazy(metafile('worker'), ENGINE_LAZY_FILES);
  checkLazy(metafile('inlineEngine'), ENGINE_LAZY_FILES);
  // The classic worker importScripts() its analyses: none of their code may be in it.
  const analysesEntry = join(engineDir, 'src/analyses.ts');
  for (const [file, output] of Object.entries(metafile('classicWorker').outputs)) {
    if (Object.keys(output.inputs).some((input) => resolve(input) === analysesEntry)) {
      throw new Error(`${file} bundles ${analysesEntry}, which must stay in ${CDN_FILES.classicAnalyses}`);
    }
  }
  if (write) await copyThemes(join(folder, 'themes'));
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
  console.log(`crm-lens script-tag build done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
