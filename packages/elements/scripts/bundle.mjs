#!/usr/bin/env node
// @ts-check
// The script-tag build of crm-lens, for pages with no build step: `node scripts/bundle.mjs` writes dist/cdn/
//
//   crm-lens.js                 ES module, the one file a page names: the loader (about 1 kB). It holds no element;
//                               it finds the <lens-…> tags in the document (and those added later) and imports the
//                               files of each, all at once (scripts/cdn/loader.ts; `crmLens.load(…tags)` for tags
//                               in a page's own shadow roots)
//   crm-lens.<noun>.js          one per tag (crm-lens.data.js, crm-lens.value-pyramid.js, …): registers
//                               <lens-<noun>>, imported by the loader when the tag is first in the page
//   crm-lens.chunk-<hash>.js    the code several tags share (lit, the data controller and states, the engine client,
//                               the chart embedding, the shared English messages, …), imported by the tag files
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
//   crm-lens.iframe-engine.js   lazy: the client of an iframe compute host (only when the 'iframe' host is tried)
//   crm-lens.ingest.js          lazy: page-side ingestion, for customers/interactions given as rows or columns
//   themes/light.css, dark.css  optional: the --lens-* tokens for the page (class lens-theme-dark on <html>)
//
// (+ a .map beside each). Everything is resolved beside the file that imports it: keep the files together.
//
// The tag files and their chunks are ONE esbuild build with code splitting (`elements`: an entry per tag, each
// `scripts/cdn/engine-defaults.ts` + `src/lens-<noun>.ts`); the loader is a build of its own, made after it, with
// the names of the files each tag needs written into it (elementsManifest). The lazy files are NOT part of that
// split build: each is a build of its own (an `import()` of the sources becomes an external
// `import('./crm-lens.<name>.js')`). esbuild assigns whole files to chunks by what can reach them through import
// statements, barrels included, so splitting them in pulled code that only a lazy part uses (core's ingestion, the
// in-thread engine) into chunks that the eager files imported statically. buildCdn checks that this stays so
// (checkSplit): the split build has no import() but those externals and bundles none of the lazy entries. A lazy
// file may hold a copy of a little code that the element files have too (engine errors, constants); nothing
// depends on their identity (errors are recognised by name and code).
//
// The engine's on-demand analyses work the same way (ENGINE_LAZY_FILES): the worker and the in-thread engine
// import('./crm-lens.analyses.js'), resolved beside themselves. The classic worker cannot (a blob: worker's base
// URL is the blob's): its build replaces the loader with one that importScripts() crm-lens.analyses.classic.js
// beside the classic worker's URL, which createEngine passes in the blob's bootstrap (packages/engine/scripts/
// worker-bundle.mjs, classicAnalysesPlugin).
//
// The element files' lit templates are minified at build time (scripts/minify-templates.mjs: whitespace in
// css`…` and between tags in html`…`).
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
import { minifyTemplates } from './minify-templates.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const engineDir = join(packageDir, '../engine');

/** The output files of a fixed name, by role (the tag files: TAG_FILES; the chunks are named by their hash). */
export const CDN_FILES = {
  main: 'crm-lens.js',
  worker: 'crm-lens.worker.js',
  classicWorker: 'crm-lens.worker.classic.js',
  vega: 'crm-lens.vega.js',
  zhCN: 'crm-lens.zh-cn.js',
  inlineEngine: 'crm-lens.inline-engine.js',
  iframeEngine: 'crm-lens.iframe-engine.js',
  ingest: 'crm-lens.ingest.js',
  analyses: 'crm-lens.analyses.js',
  classicAnalyses: 'crm-lens.analyses.classic.js',
};

/**
 * The tags of the script-tag build, in the order src/define.ts registers them (read from it, so that a new tag
 * there gets its file here): `lens-data`, `lens-churn-list`, …
 * @type {readonly string[]}
 */
export const TAGS = [
  ...(await readFile(join(packageDir, 'src/define.ts'), 'utf8')).matchAll(
    /^import '\.\/(lens-[a-z-]+)\.js';/gm,
  ),
].map((match) => /** @type {string} */ (match[1]));

/** The file of each tag: `lens-value-pyramid` → `crm-lens.value-pyramid.js`. */
export const TAG_FILES = /** @type {Record<string, string>} */ (
  Object.fromEntries(TAGS.map((tag) => [tag, `crm-lens.${tag.replace(/^lens-/, '')}.js`]))
);

/** The shared chunks of the tag files: `crm-lens.chunk-<hash>.js`. */
const CHUNK_NAMES = 'crm-lens.chunk-[hash]';

/**
 * A file loaded with import(): which imports of the sources become it (`importer`: the importing source file,
 * relative to the repo's packages/ folder; any importer when absent), and the entry it is built from.
 * @typedef {{ key: keyof typeof CDN_FILES, entry: string, imports: { specifier: RegExp, importer?: string }[] }} LazyFile
 */

/**
 * The files the element files load with import().
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
    key: 'iframeEngine',
    entry: join(engineDir, 'src/iframe-engine.ts'),
    imports: [{ specifier: /^\.\/iframe-engine\.js$/, importer: 'engine/src/create-engine.ts' }],
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

/**
 * The entries of the split build: `crm-lens-tag:<tag>` is a module that points the engine at the files beside it,
 * then registers the tag (and exports its class), and re-exports what every widget needs (scripts/cdn/shared.ts:
 * esbuild then puts it in the chunk every tag file imports, not in one more file).
 * @returns {import('esbuild').Plugin}
 */
const tagEntries = () => ({
  name: 'crm-lens-tag-entries',
  setup(build) {
    build.onResolve({ filter: /^crm-lens-tag:/ }, (args) => ({
      path: args.path.slice('crm-lens-tag:'.length),
      namespace: 'crm-lens-tag',
    }));
    build.onLoad({ filter: /.*/, namespace: 'crm-lens-tag' }, (args) => ({
      contents: `import './engine-defaults.js';\nexport * from '../../src/${args.path}.js';\nexport * from './shared.js';\n`,
      resolveDir: join(packageDir, 'scripts/cdn'),
      loader: 'ts',
    }));
  },
});

async function version() {
  const pkg = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  return String(pkg.version);
}

/**
 * @typedef {keyof typeof CDN_FILES | 'elements'} BuildKey
 * `elements`: the split build of the tag files and their chunks; `main`: the loader, built after it (its
 * options get the file names of the elements build: loaderDefines).
 */

/**
 * The esbuild options of every build (also used by scripts/size.mjs).
 * @param {{ outdir?: string, minify?: boolean }} [options]
 * @returns {Promise<Record<BuildKey, import('esbuild').BuildOptions>>}
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
    elements: {
      ...common,
      entryPoints: TAGS.map((tag) => ({
        in: `crm-lens-tag:${tag}`,
        out: /** @type {string} */ (TAG_FILES[tag]).replace(/\.js$/, ''),
      })),
      format: 'esm',
      splitting: true,
      // Class fields with their standard semantics ([[Define]]), as the browser tests compile the elements: with
      // `useDefineForClassFields: false` (tsconfig.base.json, for tsc's output) esbuild moves field initialisers into
      // the constructor and, to keep their order, lowers every private field (the storage of each `accessor`) to a
      // WeakMap. Safe because every decorated property is an `accessor` (src/internal/README.md); lit's legacy
      // decorators as in tsconfig.json. (tsconfigRaw replaces the tsconfig files of every input: the one other
      // option esbuild reads from them that matters here, verbatimModuleSyntax, is repeated.)
      tsconfigRaw: {
        compilerOptions: {
          experimentalDecorators: true,
          useDefineForClassFields: true,
          verbatimModuleSyntax: true,
        },
      },
      outdir,
      chunkNames: CHUNK_NAMES,
      // The engine client's own import() of the analyses (for the in-thread engine, which is a lazy file of its
      // own) is dead code here, but esbuild picks the entries of a split build before it shakes the tree: bundled,
      // it became a chunk that pulled core's analyses into a chunk every tag imported. Kept external, it vanishes.
      plugins: [
        tagEntries(),
        lazyFiles([...LAZY_FILES, ...ENGINE_LAZY_FILES]),
        ...(minify ? [minifyTemplates()] : []),
      ],
    },
    main: {
      ...common,
      entryPoints: [join(packageDir, 'scripts/cdn/loader.ts')],
      format: 'esm',
      outfile: out(CDN_FILES.main),
    },
    .../** @type {Record<'vega' | 'zhCN' | 'inlineEngine' | 'iframeEngine' | 'ingest', import('esbuild').BuildOptions>} */ (
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
 * What each tag needs of the split build: its file and every chunk that one imports, directly or through another
 * chunk (all of them are fetched at once by the loader). File names, relative to the build's folder.
 * @param {import('esbuild').Metafile} metafile the `elements` build's
 * @returns {{ files: string[], tags: Record<string, string[]> }} `files`: every JavaScript file of the build
 */
export function elementsManifest(metafile) {
  const outputs = metafile.outputs;
  const js = Object.keys(outputs).filter((file) => !file.endsWith('.map'));
  /** @param {string} file */
  const name = (file) => /** @type {string} */ (posix(file).split('/').at(-1));
  /** @type {Record<string, string[]>} */
  const tags = {};
  for (const tag of TAGS) {
    const entry = js.find((file) => outputs[file]?.entryPoint === `crm-lens-tag:${tag}`);
    if (!entry) throw new Error(`the elements build has no file for <${tag}>`);
    /** @type {string[]} */
    const needed = [];
    const queue = [entry];
    while (queue.length > 0) {
      const file = /** @type {string} */ (queue.shift());
      if (needed.includes(file)) continue;
      needed.push(file);
      for (const i of outputs[file]?.imports ?? []) {
        if (i.kind === 'import-statement' && !i.external) queue.push(i.path);
      }
    }
    tags[tag] = needed.map(name);
  }
  return { files: js.map(name), tags };
}

/**
 * The constants the loader is built with (scripts/cdn/loader.ts): the files and, per tag, the indexes of those
 * it needs.
 * @param {ReturnType<typeof elementsManifest>} manifest
 * @returns {Promise<Record<string, string>>}
 */
async function loaderDefines({ tags }) {
  const used = [...new Set(Object.values(tags).flat())];
  return {
    CRM_LENS_FILES: JSON.stringify(used),
    CRM_LENS_TAGS: JSON.stringify(
      Object.fromEntries(
        Object.entries(tags).map(([tag, needed]) => [tag, needed.map((f) => used.indexOf(f))]),
      ),
    ),
    CRM_LENS_VERSION: JSON.stringify(await version()),
  };
}

/**
 * Checks that a build loads each of `files` with import() only and bundles none of their code: without
 * splitting, esbuild would inline an import() of a bundled module, and the page would download it at once.
 * Over all the outputs of the build together (the split build has several): each lazy file is loaded by one at
 * least.
 * @param {import('esbuild').Metafile} metafile the build's (the element files, a worker, the in-thread engine)
 * @param {LazyFile[]} files
 */
function checkLazy(metafile, files) {
  const outputs = Object.entries(metafile.outputs).filter(([file]) => !file.endsWith('.map'));
  for (const { key, entry } of files) {
    let loaded = false;
    for (const [file, output] of outputs) {
      const imports = output.imports.filter((i) => i.path === `./${CDN_FILES[key]}`);
      const eager = imports.filter((i) => i.kind !== 'dynamic-import');
      if (eager.length > 0) {
        throw new Error(
          `${file} imports ${CDN_FILES[key]} statically (${eager.map((i) => i.kind).join(', ')}); it must be loaded with import() only`,
        );
      }
      const bundled = Object.keys(output.inputs).find((input) => resolve(input) === entry);
      if (bundled) throw new Error(`${file} bundles ${bundled}, which must stay in ${CDN_FILES[key]}`);
      loaded ||= imports.length > 0;
    }
    if (!loaded) throw new Error(`no file loads ${CDN_FILES[key]}: is it still needed (LAZY_FILES)?`);
  }
}

/**
 * Checks the split build and the loader: the element files import() nothing but the lazy files (an import() of
 * our own code would become a chunk of the split build, and its imports could be hoisted into chunks that the
 * tag files import statically — the reason the lazy files are builds of their own); no input of a lazy file's
 * build that the element files do not need themselves is in them (checked through the lazy entries: checkLazy);
 * and the loader imports nothing statically and bundles nothing but itself.
 * @param {import('esbuild').Metafile} elements
 * @param {import('esbuild').Metafile} loader
 */
function checkSplit(elements, loader) {
  const lazy = new Set([...LAZY_FILES, ...ENGINE_LAZY_FILES].map(({ key }) => `./${CDN_FILES[key]}`));
  const tagEntries = new Set(TAGS.map((tag) => `crm-lens-tag:${tag}`));
  for (const [file, output] of Object.entries(elements.outputs)) {
    if (output.entryPoint !== undefined && !tagEntries.has(output.entryPoint)) {
      throw new Error(
        `${file} is an entry of its own (${output.entryPoint}): a bundled import() of our code?`,
      );
    }
    const inputs = Object.entries(output.inputs);
    if (!file.endsWith('.map') && inputs.every(([, input]) => input.bytesInOutput === 0)) {
      // esbuild gives a module a chunk even when nothing of it is left, e.g. a barrel some tags import: one more
      // file to fetch for nothing. Import the modules behind it instead.
      throw new Error(
        `${file} is empty (${inputs.map(([input]) => input).join(', ')}): import what it re-exports`,
      );
    }
    for (const i of output.imports) {
      if (i.kind === 'dynamic-import' && !(i.external && lazy.has(i.path))) {
        throw new Error(
          `${file} loads ${i.path} with import(): only the lazy files (LAZY_FILES) may be, as builds of their own`,
        );
      }
    }
  }
  checkLazy(elements, LAZY_FILES);
  for (const [file, output] of Object.entries(loader.outputs)) {
    if (file.endsWith('.map')) continue;
    if (output.imports.length > 0) {
      throw new Error(`${file} imports ${output.imports.map((i) => i.path).join(', ')}: the loader must not`);
    }
    const inputs = Object.keys(output.inputs).filter(
      (input) => !input.endsWith('scripts/cdn/loader.ts') && !input.startsWith('<define:'),
    );
    if (inputs.length > 0)
      throw new Error(`${file} bundles ${inputs.join(', ')}: the loader must stay alone`);
  }
}

/**
 * @typedef {Record<BuildKey, import('esbuild').BuildResult> & { manifest: ReturnType<typeof elementsManifest> }} CdnBuild
 */

/**
 * Build every file. With `write: false` nothing is written and the outputs are returned (for the size check).
 * @param {{ outdir?: string, minify?: boolean, write?: boolean }} [options]
 * @returns {Promise<CdnBuild>}
 */
export async function buildCdn({ outdir, minify = true, write = true } = {}) {
  const esbuild = await import('esbuild');
  const options = await cdnBuildOptions({ outdir, minify });
  if (write && outdir === undefined) await rm(join(packageDir, 'dist/cdn'), { recursive: true, force: true });
  const folder = dirname(/** @type {string} */ (options.main.outfile));
  if (write) await mkdir(folder, { recursive: true });
  // One after another: the machine may be shared, and each build is quick. The element files first: the loader
  // is built with their names.
  const elements = await esbuild.build({ ...options.elements, write });
  const manifest = elementsManifest(/** @type {import('esbuild').Metafile} */ (elements.metafile));
  /** @type {Partial<Record<BuildKey, import('esbuild').BuildResult>>} */
  const results = { elements };
  for (const [name, buildOptions] of /** @type {[BuildKey, import('esbuild').BuildOptions][]} */ (
    Object.entries(options)
  )) {
    if (name === 'elements') continue;
    const define = name === 'main' ? await loaderDefines(manifest) : undefined;
    results[name] = await esbuild.build({ ...buildOptions, ...(define ? { define } : {}), write });
  }
  /** @param {BuildKey} name */
  const metafile = (name) => /** @type {import('esbuild').Metafile} */ (results[name]?.metafile);
  checkSplit(metafile('elements'), metafile('main'));
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
  return /** @type {CdnBuild} */ ({ ...results, manifest });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outdirFlag = args.indexOf('--outdir');
  const outdir = outdirFlag >= 0 ? resolve(/** @type {string} */ (args[outdirFlag + 1])) : undefined;
  const started = performance.now();
  const { manifest, ...results } = await buildCdn({ outdir, minify: !args.includes('--no-minify') });
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
