#!/usr/bin/env node
// @ts-check
// Builds crm-lens for Salesforce: force-app/main/default/staticresources/crmLens.js (+ crmLens.resource-meta.xml),
// the static resource the crmLens Lightning Web Component loads with `loadScript`.
//
// Why a build of its own: `loadScript` (lightning/platformResourceLoader) injects a CLASSIC script, and Lightning
// Web Security (and Lightning Locker) support no ES module `import()` from a static resource, no `new Worker` and
// no `blob:` script. So this is one IIFE (src/static-resource.ts) with everything inlined — the tags, lit, vega
// and the chart specs, the in-thread engine, the analyses, the Salesforce adapter — and without the worker hosts:
// the engine's create-engine.ts is replaced by src/lws-create-engine.ts (hosts 'iframe' and 'in-thread' only), so
// no code that makes a Worker or a blob: URL is in the file at all. Bundled from the TypeScript sources (the
// `source` export condition), like packages/elements/scripts/bundle.mjs; nothing needs `tsc` first.
//
// After building it checks the output: no `import(`, no `new Worker`, no `importScripts`, no `blob:`, no
// `eval(` / `new Function(`, and classic-script safe (ASCII, no top-level `import`/`export`). It prints the size,
// minified and gzipped.
//
// Options: --no-minify; --outdir DIR (default force-app/main/default/staticresources);
//          --compute-host DIR [--allow ORIGIN]…  also build the iframe compute host (packages/engine/scripts/
//          compute-host-bundle.mjs, prefix crm-lens) into DIR, allowing the given origins (your org's Lightning
//          origins) — deploy DIR on another origin and set the component's "Compute host URL" to
//          <that origin>/…/crm-lens.compute.html.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(exampleDir, '../..');
const engineSrc = join(repoDir, 'packages/engine/src');

export const RESOURCE_NAME = 'crmLens';
export const STATIC_RESOURCES_DIR = join(exampleDir, 'force-app/main/default/staticresources');

/** The resource's metadata: a JavaScript file, cached publicly (it holds no org data). */
export const RESOURCE_META = `<?xml version="1.0" encoding="UTF-8"?>
<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">
    <cacheControl>Public</cacheControl>
    <contentType>application/javascript</contentType>
    <description>crm-lens: customer-value widgets (value pyramid, RFM, churn) for the crmLens Lightning Web Component. Built by examples/salesforce-lwc/scripts/build-static-resource.mjs.</description>
</StaticResource>
`;

/** The esbuild that @web/dev-server-esbuild brings (not a direct dependency), as the other example builds do. */
export function loadEsbuild() {
  return createRequire(createRequire(join(repoDir, 'package.json')).resolve('@web/dev-server-esbuild'))(
    'esbuild',
  );
}

/** @param {string} path */
const posix = (path) => path.split(sep).join('/');

/**
 * Every import of the engine's create-engine module resolves to src/lws-create-engine.ts instead.
 * @returns {import('esbuild').Plugin}
 */
const withoutWorkerHosts = () => ({
  name: 'crm-lens-lws-create-engine',
  setup(build) {
    build.onResolve({ filter: /^\.\/create-engine\.js$/ }, (args) => {
      if (posix(args.importer).startsWith(`${posix(engineSrc)}/`)) {
        return { path: join(exampleDir, 'src/lws-create-engine.ts') };
      }
      return undefined;
    });
  },
});

/**
 * d3-dsv (bundled through vega's loader, for CSV data that crm-lens never gives vega) builds its row objects with
 * `new Function`, which a policy without 'unsafe-eval' forbids. It is replaced by the same function written as a
 * closure, so the file holds no eval at all; if d3-dsv changes, the build stops here instead of shipping it.
 * @returns {import('esbuild').Plugin}
 */
const withoutDsvEval = () => ({
  name: 'crm-lens-d3-dsv-without-eval',
  setup(build) {
    build.onLoad({ filter: /[\\/]d3-dsv[\\/].*\.m?js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const original =
        /function objectConverter\(columns\) \{\n {2}return new Function\("d", "return \{" \+ columns\.map\(function\(name, i\) \{\n {4}return JSON\.stringify\(name\) \+ ": d\[" \+ i \+ "\] \|\| \\"\\"";\n {2}\}\)\.join\(","\) \+ "\}"\);\n\}/;
      if (!source.includes('new Function')) return undefined;
      if (!original.test(source)) {
        throw new Error(
          `${args.path}: objectConverter is not the one withoutDsvEval replaces; update the plugin`,
        );
      }
      const closure = `function objectConverter(columns) {
  return function(d) {
    var object = {};
    for (var i = 0; i < columns.length; i++) {
      Object.defineProperty(object, columns[i], { value: d[i] || "", enumerable: true, writable: true, configurable: true });
    }
    return object;
  };
}`;
      return { contents: source.replace(original, closure), loader: 'js' };
    });
  },
});

/**
 * PapaParse (core's CSV reader) can parse in a worker of its own, made from a `blob:` URL of `text/javascript`
 * (`worker: true`, which crm-lens never asks for). Under Lightning Web Security both throw, and the Locker lint
 * flags the blob. The build takes PapaParse's readable file (not its minified `browser` build) and removes that
 * path: `WORKERS_SUPPORTED` is false, and the functions that made the blob and the worker are gone. If PapaParse
 * changes, the build stops here.
 * @returns {import('esbuild').Plugin}
 */
const withoutPapaWorkers = () => ({
  name: 'crm-lens-papaparse-without-workers',
  setup(build) {
    build.onResolve({ filter: /^papaparse$/ }, async (args) => {
      const resolved = await build.resolve('papaparse/papaparse.js', {
        kind: args.kind,
        resolveDir: args.resolveDir,
      });
      return resolved.errors.length > 0 ? undefined : { path: resolved.path };
    });
    // Its readable file names Node's `stream` for its Node-only duplex stream (never used in a browser).
    build.onResolve({ filter: /^stream$/ }, (args) =>
      /[\\/]papaparse[\\/]/.test(args.importer) ? { path: 'stream', namespace: 'crm-lens-empty' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'crm-lens-empty' }, () => ({ contents: 'module.exports = {};' }));
    build.onLoad({ filter: /[\\/]papaparse[\\/]papaparse\.js$/ }, async (args) => {
      let source = await readFile(args.path, 'utf8');
      const edits = [
        [
          /function getWorkerBlob\(\) \{[\s\S]*?\{type: 'text\/javascript'\}\)\)\);\s*\}/,
          "function getWorkerBlob() {\n\t\tthrow new Error('crm-lens: PapaParse workers are not in this build');\n\t}",
        ],
        [/Papa\.WORKERS_SUPPORTED = !IS_WORKER && !!global\.Worker;/, 'Papa.WORKERS_SUPPORTED = false;'],
        [
          /var workerUrl = getWorkerBlob\(\);\s*var w = new global\.Worker\(workerUrl\);[\s\S]*?return w;/,
          'return false;',
        ],
      ];
      for (const [pattern, replacement] of edits) {
        if (!(/** @type {RegExp} */ (pattern).test(source))) {
          throw new Error(`${args.path}: ${pattern} not found; update withoutPapaWorkers`);
        }
        source = source.replace(/** @type {RegExp} */ (pattern), /** @type {string} */ (replacement));
      }
      return { contents: source, loader: 'js' };
    });
  },
});

/**
 * Characters outside ASCII as \u escapes. esbuild's `charset: 'ascii'` escapes every string it can; what it leaves
 * are characters in tagged template literals (lit's css``), whose cooked value — the one lit reads — is the same.
 * @param {string} text
 */
export function escapeNonAscii(text) {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What must not be in the file, with the reason. */
const FORBIDDEN = [
  {
    pattern: /\bimport\s*\(/,
    why: 'a dynamic import() (LWS/Locker do not load ES modules from static resources)',
  },
  { pattern: /\bnew\s+(?:[\w$]+\.)?Worker\b/, why: 'new Worker (Lightning Web Security throws on it)' },
  {
    pattern: /\btype:\s*["']text\/javascript["']/,
    why: 'a text/javascript Blob (LWS refuses its object URL; a blob: script)',
  },
  { pattern: /\bimportScripts\b/, why: 'importScripts (worker-only code)' },
  { pattern: /blob:/, why: 'a blob: URL (no blob: scripts under LWS or a strict CSP)' },
  // A call of eval (not a method called eval, nor a method definition `eval(a, b) {`).
  { pattern: /(?<![.\w$])eval\s*\((?![^()]*\)\s*\{)/, why: 'eval (no unsafe-eval)' },
  { pattern: /\bnew\s+Function\s*\(/, why: 'new Function (no unsafe-eval)' },
  {
    pattern: /[\u0080-\uffff]/,
    why: 'a non-ASCII character (a classic script may be decoded with another charset)',
  },
];

/**
 * Check a built file's text (throws with every problem found).
 * @param {string} text
 */
export function checkStaticResource(text) {
  const problems = FORBIDDEN.filter(({ pattern }) => pattern.test(text)).map(({ pattern, why }) => {
    const at = text.search(pattern);
    return `${why}: …${text.slice(Math.max(0, at - 60), at + 60)}…`;
  });
  if (/^\s*(import|export)\s/m.test(text.replace(/\/\*[\s\S]*?\*\//g, ''))) {
    problems.push('a top-level import/export statement (a classic script cannot have one)');
  }
  if (problems.length > 0) {
    throw new Error(`the static resource is not fit for Lightning Web Security:\n- ${problems.join('\n- ')}`);
  }
}

async function version() {
  const pkg = JSON.parse(await readFile(join(repoDir, 'packages/elements/package.json'), 'utf8'));
  return String(pkg.version);
}

/**
 * Build the static resource. With `write: false` nothing is written (the browser tests serve it from memory).
 * @param {{ minify?: boolean, write?: boolean, outdir?: string, esbuild?: any }} [options]
 * @returns {Promise<{ text: string, bytes: number, gzipBytes: number, file: string }>}
 */
export async function buildStaticResource({
  minify = true,
  write = true,
  outdir = STATIC_RESOURCES_DIR,
  esbuild = loadEsbuild(),
} = {}) {
  const v = await version();
  const file = join(outdir, `${RESOURCE_NAME}.js`);
  const result = await esbuild.build({
    entryPoints: [join(exampleDir, 'src/static-resource.ts')],
    outfile: file,
    bundle: true,
    // One classic script: no imports, no exports, nothing at the top level but one function call.
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    // Our packages' TypeScript sources; the browser builds of dependencies.
    conditions: ['source', 'browser'],
    minify,
    // A classic script may be decoded with the page's charset: keep it ASCII (the Chinese catalog as \u escapes).
    charset: 'ascii',
    banner: { js: `/*! crm-lens ${v} for Salesforce | MIT */` },
    legalComments: 'eof',
    define: { __CRM_LENS_VERSION__: JSON.stringify(v) },
    plugins: [withoutWorkerHosts(), withoutDsvEval(), withoutPapaWorkers()],
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  const output = result.outputFiles.find((/** @type {{ path: string }} */ f) => f.path === file);
  if (!output) throw new Error('esbuild wrote no static resource');
  const text = escapeNonAscii(output.text);
  checkStaticResource(text);
  const inputs = Object.keys(result.metafile.outputs[relative(process.cwd(), file)]?.inputs ?? {}).map((i) =>
    posix(resolve(i)),
  );
  if (inputs.some((i) => i === posix(join(engineSrc, 'create-engine.ts')))) {
    throw new Error(
      'the static resource bundles the engine create-engine.ts (its worker hosts): see withoutWorkerHosts',
    );
  }
  if (write) {
    await mkdir(outdir, { recursive: true });
    await writeFile(file, text);
    await writeFile(join(outdir, `${RESOURCE_NAME}.resource-meta.xml`), RESOURCE_META);
  }
  return { text, bytes: Buffer.byteLength(text), gzipBytes: gzipSync(text).length, file };
}

/**
 * The `crmLens` API without the tags (src/crm-lens-api.ts) as a CommonJS module exporting `crmLensApi`, for the
 * component's Jest tests (test/jest/global-setup.mjs): the same adapter code the static resource runs.
 * @param {{ outfile: string, esbuild?: any }} options
 */
export async function buildApiForTests({ outfile, esbuild = loadEsbuild() }) {
  await esbuild.build({
    entryPoints: [join(exampleDir, 'src/crm-lens-api.ts')],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source', 'browser'],
    plugins: [withoutWorkerHosts(), withoutDsvEval(), withoutPapaWorkers()],
    logLevel: 'warning',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  /** @param {string} flag */
  const values = (flag) => args.flatMap((arg, i) => (arg === flag && args[i + 1] ? [args[i + 1]] : []));
  const outdir = values('--outdir')[0];
  const started = performance.now();
  const built = await buildStaticResource({
    minify: !args.includes('--no-minify'),
    ...(outdir ? { outdir: resolve(outdir) } : {}),
  });
  console.log(
    `  ${relative(process.cwd(), built.file)}  ${(built.bytes / 1024).toFixed(1)} KiB (${built.bytes} bytes), ` +
      `${(built.gzipBytes / 1024).toFixed(1)} KiB gzipped (${built.gzipBytes} bytes)`,
  );
  const computeDir = values('--compute-host')[0];
  if (computeDir) {
    const { buildComputeHost } = await import(
      pathToFileURL(join(repoDir, 'packages/engine/scripts/compute-host-bundle.mjs')).href
    );
    const { files } = await buildComputeHost({
      outdir: resolve(computeDir),
      prefix: 'crm-lens',
      allowedOrigins: values('--allow'),
      esbuild: loadEsbuild(),
    });
    for (const f of files) console.log(`  ${join(relative(process.cwd(), resolve(computeDir)), f.name)}`);
    if (values('--allow').length === 0) {
      console.log(
        '  (no --allow ORIGIN: the compute host page lets no origin connect until you fill in its meta)',
      );
    }
  }
  console.log(`crm-lens static resource built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
