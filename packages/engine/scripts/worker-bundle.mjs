// The classic-script bundles of the engine worker, for the `blob-worker` host (pages that allow blob: workers but
// not module workers from the script's URL). Run by `pnpm --filter @crm-lens/engine build`; the browser tests
// build the same bundles in memory. Two files, side by side in dist/:
//
//   engine.worker.classic.js    the worker: what the blob: worker loads with importScripts()
//   engine.analyses.classic.js  the issue-6 analyses (segments, rules, suggestions, sequences, cohorts, KPIs,
//                               drill-down, customer card): importScripts()'d by the worker on the first such
//                               call, found beside the worker bundle (src/load-analyses.classic.ts)
//
// The module worker needs neither: tsc's dist/backend.js loads dist/analyses.js with import().
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The file names in dist/ (exported as `@crm-lens/engine/<name>`). */
export const CLASSIC_FILES = {
  worker: 'engine.worker.classic.js',
  analyses: 'engine.analyses.classic.js',
};

/**
 * In a classic worker build, `./load-analyses.js` (imported by the backend) becomes a loader that
 * importScripts() `analysesFile` beside the worker bundle, instead of an import() that esbuild would inline
 * (putting every analysis back into the worker). Also used by packages/elements/scripts/bundle.mjs.
 * @param {string} analysesFile the classic analyses bundle's file name
 * @returns {import('esbuild').Plugin}
 */
export function classicAnalysesPlugin(analysesFile) {
  const src = join(packageDir, 'src');
  const namespace = 'crm-lens-classic-analyses';
  return {
    name: 'crm-lens-classic-analyses',
    setup(build) {
      build.onResolve({ filter: /^\.\/load-analyses\.js$/ }, (args) => {
        if (args.importer.split(sep).join('/') !== join(src, 'backend.ts').split(sep).join('/'))
          return undefined;
        return { path: 'load-analyses', namespace };
      });
      build.onResolve({ filter: /^\.\/analyses\.js$/ }, (args) => {
        if (!args.importer.endsWith(`${sep}load-analyses.ts`)) return undefined;
        return {
          errors: [{ text: 'a classic worker build must not bundle ./analyses.js through load-analyses.ts' }],
        };
      });
      build.onLoad({ filter: /.*/, namespace }, () => ({
        contents:
          `import { classicAnalysesLoader } from './load-analyses.classic.ts';\n` +
          `export const loadAnalyses = classicAnalysesLoader(${JSON.stringify(analysesFile)});\n`,
        resolveDir: src,
        loader: 'ts',
      }));
    },
  };
}

/** esbuild options shared by the build and the browser tests. */
const common = {
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  // Our packages' TypeScript sources; arquero's browser build (no node:fs).
  conditions: ['source', 'browser'],
  // Classic scripts may be decoded with another charset: keep them ASCII.
  charset: 'ascii',
  logLevel: 'silent',
};

/** esbuild options of the classic worker (the analyses left to {@link classicAnalysesOptions}). */
export const classicWorkerOptions = {
  ...common,
  entryPoints: [join(packageDir, 'src/engine.worker.ts')],
  plugins: [classicAnalysesPlugin(CLASSIC_FILES.analyses)],
};

/** esbuild options of the classic analyses bundle. */
export const classicAnalysesOptions = {
  ...common,
  entryPoints: [join(packageDir, 'src/analyses.classic.ts')],
};

/** Build the worker bundle; returns its text. */
export async function buildClassicWorker(esbuild, { minify = false } = {}) {
  const result = await esbuild.build({ ...classicWorkerOptions, minify, write: false });
  return result.outputFiles[0]?.text ?? '';
}

/** Build the analyses bundle; returns its text. */
export async function buildClassicAnalyses(esbuild, { minify = false } = {}) {
  const result = await esbuild.build({ ...classicAnalysesOptions, minify, write: false });
  return result.outputFiles[0]?.text ?? '';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const esbuild = await import('esbuild');
  await mkdir(join(packageDir, 'dist'), { recursive: true });
  const bundles = [
    { file: CLASSIC_FILES.worker, build: buildClassicWorker },
    { file: CLASSIC_FILES.analyses, build: buildClassicAnalyses },
  ];
  for (const { file, build } of bundles) {
    const text = await build(esbuild, { minify: true });
    const out = join(packageDir, 'dist', file);
    await writeFile(out, text);
    console.log(`wrote ${out} (${(text.length / 1024).toFixed(0)} KiB)`);
  }
}
