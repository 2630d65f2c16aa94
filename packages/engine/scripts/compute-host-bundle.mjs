// @ts-check
// The iframe compute host: a page on its own origin that runs the engine for pages which may not start workers
// themselves (Salesforce's Lightning Web Security forbids `new Worker` and blob: scripts). createEngine's 'iframe'
// host loads it in a hidden iframe (options.iframeUrl) and talks to it over a MessagePort; see
// docs/guide/compute-hosts.md and src/iframe-host.ts.
//
// Contract of buildComputeHost({ outdir, prefix = 'crm-lens', minify = true, allowedOrigins = [], write = true,
// esbuild }): it bundles the TypeScript sources (the `source` export condition, so no tsc first) and returns
// `{ files: [{ name, text }] }`; with `write` (the default) it also writes them into `outdir`:
//
//   <prefix>.compute.html           the page to deploy: no inline script or style, so it works under
//                                   `default-src 'self'`. Its <meta name="crm-lens-allowed-origins"> lists the
//                                   origins that may embed it (`allowedOrigins`; empty — nobody — by default:
//                                   the deployer fills it in).
//   <prefix>.compute.js             its module script (src/iframe-host.ts): waits for the embedding page, checks
//                                   it, and starts the engine in the worker beside it
//   <prefix>.compute-worker.js      the engine as a module worker (ingestion and scoring)
//   <prefix>.compute-analyses.js    on demand: the analyses (segments, rules, …), imported by the worker (or the
//                                   in-thread fallback) on the first such call
//   <prefix>.compute-inline.js      only when the host page cannot start its worker: the engine in its own thread
//
// ES modules that find each other by relative URLs: serve them from one folder of the compute origin, with a
// policy that lets the allowed origins frame the page (`frame-ancestors`) and allows module workers from 'self'.
// As in the script-tag build, each lazy file is a build of its own (an import() of it becomes an external
// `import('./<prefix>.compute-<name>.js')`), not an esbuild chunk, so the page script stays small and the worker
// does not carry the analyses. `pnpm --filter @crm-lens/engine build` writes dist/engine.compute.* (prefix
// `engine`); the script-tag build calls this with prefix `crm-lens`. CLI: node scripts/compute-host-bundle.mjs
// [--outdir DIR] [--prefix NAME] [--allow ORIGIN]… [--no-minify].
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The meta element the host page reads its allow-list from (src/iframe-protocol.ts, ALLOWED_ORIGINS_META). */
const ALLOWED_ORIGINS_META = 'crm-lens-allowed-origins';

/**
 * The file names of a build.
 * @param {string} [prefix]
 */
export function computeHostFiles(prefix = 'crm-lens') {
  return {
    html: `${prefix}.compute.html`,
    script: `${prefix}.compute.js`,
    worker: `${prefix}.compute-worker.js`,
    analyses: `${prefix}.compute-analyses.js`,
    inline: `${prefix}.compute-inline.js`,
  };
}

/** @param {string} text */
const escapeHtml = (text) =>
  text.replace(/[&<>"']/g, (c) => `&#${/** @type {number} */ (c.codePointAt(0))};`);

/**
 * The host page: its allow-list, and its module script beside it. No inline script, no style.
 * @param {{ prefix?: string, allowedOrigins?: string | readonly string[] }} [options]
 */
export function computeHostHtml({ prefix = 'crm-lens', allowedOrigins = [] } = {}) {
  const origins = typeof allowedOrigins === 'string' ? allowedOrigins : allowedOrigins.join(' ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<!-- The origins of the pages that may use this compute host, separated by spaces: exact origins
     (https://acme.my.salesforce.com) or every subdomain of a host (https://*.lightning.force.com).
     No other origin may connect; none may while this is empty. -->
<meta name="${ALLOWED_ORIGINS_META}" content="${escapeHtml(origins.trim())}">
<title>crm-lens compute host</title>
<script type="module" src="${escapeHtml(computeHostFiles(prefix).script)}"></script>
</head>
<body></body>
</html>
`;
}

const ENTRY = 'crm-lens-compute-host-entry';

/**
 * The page script's entry, written here because it names the worker file of this build's prefix, which the
 * script finds beside itself (import.meta.url).
 * @param {string} workerFile
 * @returns {import('esbuild').Plugin}
 */
function entryPlugin(workerFile) {
  const namespace = 'crm-lens-compute-host';
  return {
    name: namespace,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${ENTRY}$`) }, () => ({ path: ENTRY, namespace }));
      build.onLoad({ filter: /.*/, namespace }, () => ({
        contents:
          `import { serveComputeHost } from './iframe-host.ts';\n` +
          `serveComputeHost({\n` +
          `  engineOptions: {\n` +
          `    hosts: ['module-worker', 'in-thread'],\n` +
          `    workerUrl: new URL(${JSON.stringify(`./${workerFile}`)}, import.meta.url),\n` +
          `  },\n` +
          `});\n`,
        resolveDir: join(packageDir, 'src'),
        loader: 'ts',
      }));
    },
  };
}

/**
 * Dynamic imports of the sources that become another file of the build, resolved beside the importing file.
 * @param {{ specifier: RegExp, importer: string, file: string }[]} lazy
 * @returns {import('esbuild').Plugin}
 */
function lazyFiles(lazy) {
  return {
    name: 'crm-lens-compute-lazy-files',
    setup(build) {
      for (const { specifier, importer, file } of lazy) {
        build.onResolve({ filter: specifier }, (args) => {
          if (args.importer.split(sep).join('/') !== join(packageDir, 'src', importer).split(sep).join('/')) {
            return undefined;
          }
          if (args.kind !== 'dynamic-import') {
            return { errors: [{ text: `${args.path} must be loaded with import() (it is ${file})` }] };
          }
          return { path: `./${file}`, external: true };
        });
      }
    },
  };
}

/**
 * Build the compute host (see the header for the files and how to serve them).
 * @param {{
 *   outdir?: string,
 *   prefix?: string,
 *   minify?: boolean,
 *   allowedOrigins?: string | readonly string[],
 *   write?: boolean,
 *   esbuild?: typeof import('esbuild'),
 * }} [options]
 * @returns {Promise<{ files: { name: string, text: string }[] }>}
 */
export async function buildComputeHost({
  outdir = join(packageDir, 'dist'),
  prefix = 'crm-lens',
  minify = true,
  allowedOrigins = [],
  write = true,
  esbuild,
} = {}) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(prefix)) throw new Error(`not a file name prefix: "${prefix}"`);
  const build = esbuild ?? (await import('esbuild'));
  const names = computeHostFiles(prefix);
  const analyses = { specifier: /^\.\/analyses\.js$/, importer: 'load-analyses.ts', file: names.analyses };
  const inline = { specifier: /^\.\/inline-engine\.js$/, importer: 'create-engine.ts', file: names.inline };
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source', 'browser'],
    charset: 'utf8',
    minify,
    write: false,
    logLevel: 'silent',
    metafile: true,
  };
  /** @type {[string, import('esbuild').BuildOptions][]} */
  const builds = [
    [names.script, { entryPoints: [ENTRY], plugins: [entryPlugin(names.worker), lazyFiles([inline])] }],
    [
      names.worker,
      { entryPoints: [join(packageDir, 'src/engine.worker.ts')], plugins: [lazyFiles([analyses])] },
    ],
    [names.analyses, { entryPoints: [join(packageDir, 'src/analyses.ts')] }],
    [
      names.inline,
      { entryPoints: [join(packageDir, 'src/inline-engine.ts')], plugins: [lazyFiles([analyses])] },
    ],
  ];
  const files = [{ name: names.html, text: computeHostHtml({ prefix, allowedOrigins }) }];
  // One after another: the machine may be shared, and each build is quick.
  const analysesEntry = join(packageDir, 'src/analyses.ts');
  for (const [name, options] of builds) {
    const result = await build.build({ ...common, ...options, outfile: join(resolve(outdir), name) });
    // Only their own file may hold the analyses: an import() of a bundled module would be inlined.
    const inputs = Object.values(result.metafile?.outputs ?? {}).flatMap((output) =>
      Object.keys(output.inputs),
    );
    if (name !== names.analyses && inputs.some((input) => resolve(input) === analysesEntry)) {
      throw new Error(`${name} bundles ${analysesEntry}, which must stay in ${names.analyses}`);
    }
    files.push({ name, text: result.outputFiles?.[0]?.text ?? '' });
  }
  if (write) {
    await mkdir(outdir, { recursive: true });
    for (const file of files) await writeFile(join(outdir, file.name), file.text);
  }
  return { files };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  /** @param {string} flag */
  const values = (flag) => args.flatMap((arg, i) => (arg === flag && args[i + 1] ? [args[i + 1]] : []));
  const outdir = values('--outdir')[0];
  const { files } = await buildComputeHost({
    outdir: outdir ? resolve(outdir) : join(packageDir, 'dist'),
    prefix: values('--prefix')[0] ?? 'engine',
    allowedOrigins: /** @type {string[]} */ (values('--allow')),
    minify: !args.includes('--no-minify'),
  });
  for (const file of files) console.log(`wrote ${file.name} (${(file.text.length / 1024).toFixed(0)} KiB)`);
}
