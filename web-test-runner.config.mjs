// @ts-check
// Browser tests (Web Test Runner + system Chromium). Run them with `pnpm test:browser`
// (scripts/test-browser.mjs finds Chromium, adds a pass/fail summary and passes any wtr flags through).
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import {
  buildComputeHost as buildEngineComputeHost,
  computeHostHtml as engineComputeHostHtml,
} from './packages/engine/scripts/compute-host-bundle.mjs';
import {
  buildClassicAnalyses as buildEngineClassicAnalyses,
  buildClassicWorker as buildEngineClassicWorker,
  CLASSIC_FILES as ENGINE_CLASSIC_FILES,
} from './packages/engine/scripts/worker-bundle.mjs';

const root = dirname(fileURLToPath(import.meta.url));

// Where browser tests live, as (folder inside the package, file-name suffix) pairs. By default:
//   packages/<pkg>/test-browser/**/*.test.ts     browser-only tests, kept apart from the sources
//   packages/<pkg>/src/**/*.browser.test.ts      browser tests colocated with a module
// (vitest only reads packages/<pkg>/test/**, so neither is picked up by the Node test run.)
const DEFAULT_LOCATIONS = [
  { dir: 'test-browser', suffix: '.test.ts' },
  { dir: 'src', suffix: '.browser.test.ts' },
];

// Packages whose browser tests follow another convention. For example, when the elements package colocates
// `*.test.ts` beside its components, add
//   elements: [{ dir: 'src', suffix: '.test.ts' }],
// and all of packages/elements/src/**/*.test.ts run in the browser (vitest reads only test/, so not there).
const LOCATIONS_BY_PACKAGE = /** @type {Record<string, {dir: string, suffix: string}[]>} */ ({
  elements: [{ dir: 'src', suffix: '.test.ts' }],
});

/**
 * Whether `dir` (recursively) holds a file whose name ends with `suffix`.
 * @param {string} dir
 * @param {string} suffix
 */
function hasFiles(dir, suffix) {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).some(
    (file) => file.endsWith(suffix) && !file.split(/[\\/]/).includes('node_modules'),
  );
}

// wtr options that take a value (so the word after them is not a test file).
const VALUE_OPTIONS = new Set([
  '--root-dir',
  '--concurrent-browsers',
  '--concurrency',
  '--config',
  '--port',
  '--groups',
  '--group',
  '--browsers',
  '--esbuild-target',
]);

/**
 * Whether test files were named on the command line (`wtr a.test.ts` or `--files a.test.ts`).
 * @param {readonly string[]} argv
 */
function filesOnCommandLine(argv) {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--files' || arg.startsWith('--files=') || !arg.startsWith('-')) return true;
    if (VALUE_OPTIONS.has(arg)) i++;
  }
  return false;
}

/**
 * One group per package: `pnpm test:browser --group core` runs one package's tests. Only packages that have
 * browser tests get a group (wtr refuses a group whose patterns match nothing). There is deliberately no
 * top-level `files`: wtr runs those as an extra "default" group besides the groups, so every test would run
 * twice; for the same reason the groups are dropped when test files are named on the command line
 * (`pnpm test:browser packages/core/test-browser/ingest.test.ts`). Patterns are absolute, so the config works
 * from any working directory.
 */
const packageGroups = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'packages', entry.name, 'package.json')))
  .map((entry) => {
    const locations = LOCATIONS_BY_PACKAGE[entry.name] ?? DEFAULT_LOCATIONS;
    const base = join(root, 'packages', entry.name);
    const files = locations
      .filter(({ dir, suffix }) => hasFiles(join(base, dir), suffix))
      .map(({ dir, suffix }) => `${base}/${dir}/**/*${suffix}`.replaceAll('\\', '/'));
    return { name: entry.name, files };
  })
  .filter((group) => group.files.length > 0);

// Dependencies published only as CommonJS/UMD. Browsers load ES modules only, and Web Test Runner (unlike Vite)
// does not convert CommonJS, so these files are wrapped: a UMD factory sees `module`/`exports` and assigns
// `module.exports`, which becomes the default export. (The general tool is @rollup/plugin-commonjs through
// @web/dev-server-rollup; neither is a dependency here, and this wrapper is enough for single-file UMD builds.)
const COMMONJS_PACKAGES = ['papaparse'];

/** @type {import('@web/test-runner').TestRunnerPlugin} */
const commonjsDefaultExport = {
  name: 'commonjs-default-export',
  transform(context) {
    const isCommonjs = COMMONJS_PACKAGES.some((name) => context.path.includes(`/node_modules/${name}/`));
    if (!isCommonjs || !context.path.endsWith('.js') || typeof context.body !== 'string') return undefined;
    return {
      body: `const module = { exports: {} };\nconst exports = module.exports;\n${context.body}\nexport default module.exports;\n`,
    };
  },
};

// The engine's browser tests need two things the dev server does not serve by itself:
//
// 1. A classic-script bundle of the engine worker, for the `blob-worker` host (a blob: worker that runs
//    `importScripts(<bundle>)`). It is built on request with the esbuild that @web/dev-server-esbuild already
//    uses (resolved from there: it is not a direct dependency of the repo), from the TypeScript sources. Beside
//    it, the classic bundle of the analyses that the worker importScripts() on its first segments/rules/… call.
// 2. A page served with a Content-Security-Policy header that forbids workers (and eval), in which the engine
//    must fall back to the page's own thread. A CSP in a response header is the real thing: a <meta> policy in
//    an iframe would not cover every directive.
const ENGINE_CLASSIC_WORKER = '/__engine/classic-worker.js';
const ENGINE_CLASSIC_ANALYSES = `/__engine/${ENGINE_CLASSIC_FILES.analyses}`;
const ENGINE_CSP_PAGE = '/__engine/csp-page.html';
const ENGINE_CSP = "default-src 'self'; script-src 'self'; worker-src 'none'; object-src 'none'";

/** @type {Map<string, Promise<string>>} */
const classicBundles = new Map();
/** @param {typeof buildEngineClassicWorker} build */
function buildClassic(build) {
  // The same bundles `pnpm --filter @crm-lens/engine build` writes to dist/, built in memory.
  const esbuild = createRequire(import.meta.resolve('@web/dev-server-esbuild'))('esbuild');
  if (!classicBundles.has(build.name)) classicBundles.set(build.name, build(esbuild));
  return /** @type {Promise<string>} */ (classicBundles.get(build.name));
}

// And the iframe compute host (packages/engine/scripts/compute-host-bundle.mjs), built once on request like the
// classic bundles, under /__engine/compute/<variant>/: `allowed` names the test page's origin in its allow-list,
// `refused` does not, `no-worker` does but forbids its own worker. The tests load it from the server's other
// loopback name (page on localhost, host page on 127.0.0.1, or the reverse): another origin on the same server.
// Its page is served under `default-src 'self'`. Beside it, a test page whose own CSP forbids frames.
const ENGINE_COMPUTE = /^\/__engine\/compute\/(allowed|refused|no-worker)\/([\w.-]+)$/;
const ENGINE_FRAME_BLOCKED_PAGE = '/__engine/compute/frame-blocked.html';
/** @type {Promise<Map<string, string>> | undefined} */
let computeHostFiles;

/** @type {import('@web/test-runner').TestRunnerConfig['middleware']} */
const engineMiddleware = [
  async (context, next) => {
    if (context.path === ENGINE_FRAME_BLOCKED_PAGE) {
      context.set('Content-Security-Policy', "default-src 'self'; frame-src 'none'; worker-src 'none'");
      context.type = 'text/html';
      context.body =
        '<!doctype html><title>crm-lens engine, frames forbidden</title>' +
        '<script type="module" src="/packages/engine/test-browser/frame-blocked-page.ts"></script>';
      return;
    }
    const compute = ENGINE_COMPUTE.exec(context.path);
    if (compute) {
      const [, variant, file] = compute;
      if (file === 'crm-lens.compute.html') {
        const [hostname, port] = context.host.split(':');
        const page = `${context.protocol}://${hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${port}`;
        const policy =
          variant === 'no-worker' ? "default-src 'self'; worker-src 'none'" : "default-src 'self'";
        context.set('Content-Security-Policy', policy);
        context.type = 'text/html';
        context.body = engineComputeHostHtml({
          prefix: 'crm-lens',
          allowedOrigins: variant === 'refused' ? ['https://*.example.com', context.origin] : [page],
        });
        return;
      }
      const esbuild = createRequire(import.meta.resolve('@web/dev-server-esbuild'))('esbuild');
      computeHostFiles ??= buildEngineComputeHost({
        prefix: 'crm-lens',
        minify: false,
        write: false,
        esbuild,
      }).then(({ files }) => new Map(files.map(({ name, text }) => [name, text])));
      const text = (await computeHostFiles).get(/** @type {string} */ (file));
      if (text !== undefined) {
        context.type = 'text/javascript';
        context.body = text;
        return;
      }
    }
    if (context.path === ENGINE_CLASSIC_WORKER || context.path === ENGINE_CLASSIC_ANALYSES) {
      context.type = 'text/javascript';
      context.body = await buildClassic(
        context.path === ENGINE_CLASSIC_WORKER ? buildEngineClassicWorker : buildEngineClassicAnalyses,
      );
      return;
    }
    if (context.path === ENGINE_CSP_PAGE) {
      context.set('Content-Security-Policy', ENGINE_CSP);
      context.type = 'text/html';
      context.body =
        '<!doctype html><title>crm-lens engine under a strict CSP</title>' +
        '<script type="module" src="/packages/engine/test-browser/csp-page.ts"></script>';
      return;
    }
    await next();
  },
];

// The charts' CSP page (packages/elements/src/internal/chart/vega-chart-csp.browser.test.ts): vega must draw
// with scripts from the page's origin only — no 'unsafe-eval', no inline script or style.
const CHARTS_CSP_PAGE = '/__charts/csp-page.html';
const CHARTS_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'";

/** @type {import('@web/test-runner').TestRunnerConfig['middleware']} */
const chartsMiddleware = [
  async (context, next) => {
    if (context.path !== CHARTS_CSP_PAGE) return next();
    context.set('Content-Security-Policy', CHARTS_CSP);
    context.type = 'text/html';
    context.body =
      '<!doctype html><title>crm-lens charts under a strict CSP</title>' +
      '<script type="module" src="/packages/elements/src/internal/chart/csp-page.fixture.ts"></script>';
  },
];

// The elements' CSP page (packages/elements/src/internal/chart/vega-chart-csp.browser.test.ts): every widget on real data under the policy of a
// strict intranet, exactly `default-src 'self'` — no 'unsafe-inline' (so no style attributes), no 'unsafe-eval'.
const ELEMENTS_CSP_PAGE = '/__elements/csp-page.html';
const ELEMENTS_CSP = "default-src 'self'";

/** @type {import('@web/test-runner').TestRunnerConfig['middleware']} */
const elementsMiddleware = [
  async (context, next) => {
    if (context.path !== ELEMENTS_CSP_PAGE) return next();
    context.set('Content-Security-Policy', ELEMENTS_CSP);
    context.type = 'text/html';
    context.body =
      '<!doctype html><html lang="en"><title>crm-lens elements under a strict CSP</title>' +
      '<script type="module" src="/packages/elements/src/testing/csp-page.fixture.ts"></script>';
  },
];

// ---- adapter-salesforce: BEGIN ---------------------------------------------------------------------------------
// The Salesforce static resource under a page like a Lightning page with Lightning Web Security
// (packages/adapter-salesforce/test-browser/static-resource.test.ts):
//   /__salesforce/crmLens.js              the static resource (examples/salesforce-lwc/scripts/build-static-resource.mjs),
//                                         built once, in memory, from the sources
//   /__salesforce/lws-page.html?mode=…    the page: `script-src 'self'; worker-src 'none'`, no 'unsafe-eval', no blob:;
//                                         test-browser/lws-shim.js (Worker throws), the resource as a CLASSIC script,
//                                         then the page's driver (test-browser/lws-page.ts). mode=iframe allows frames
//                                         from the compute origin (frame-src), as a Salesforce CSP Trusted Site would.
//   /__salesforce/compute/<file>          the iframe compute host (packages/engine/scripts/compute-host-bundle.mjs,
//                                         prefix crm-lens), loaded from the server's other loopback name (another
//                                         origin); its page allows that page's origin and may be framed only by it.
const SALESFORCE_RESOURCE = '/__salesforce/crmLens.js';
const SALESFORCE_PAGE = '/__salesforce/lws-page.html';
const SALESFORCE_COMPUTE = /^\/__salesforce\/compute\/([\w.-]+)$/;
/** @type {Promise<string> | undefined} */
let salesforceResource;
/** @type {Promise<Map<string, string>> | undefined} */
let salesforceComputeFiles;

/** @type {import('@web/test-runner').TestRunnerConfig['middleware']} */
const salesforceMiddleware = [
  async (context, next) => {
    if (!context.path.startsWith('/__salesforce/')) return next();
    const esbuild = createRequire(import.meta.resolve('@web/dev-server-esbuild'))('esbuild');
    const [hostname, port] = context.host.split(':');
    const otherOrigin = `${context.protocol}://${hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${port}`;
    if (context.path === SALESFORCE_RESOURCE) {
      salesforceResource ??= import('./examples/salesforce-lwc/scripts/build-static-resource.mjs')
        .then(({ buildStaticResource }) => buildStaticResource({ write: false, esbuild }))
        .then(({ text }) => text);
      context.type = 'text/javascript';
      context.body = await salesforceResource;
      return;
    }
    if (context.path === SALESFORCE_PAGE) {
      const frames = context.query.mode === 'iframe' ? otherOrigin : "'none'";
      context.set(
        'Content-Security-Policy',
        `default-src 'self'; script-src 'self'; worker-src 'none'; object-src 'none'; base-uri 'none'; frame-src ${frames}`,
      );
      context.type = 'text/html';
      context.body =
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>crm-lens in a Lightning-like page</title>' +
        '<script src="/packages/adapter-salesforce/test-browser/lws-shim.js"></script>' +
        `<script src="${SALESFORCE_RESOURCE}"></script>` +
        '<script type="module" src="/packages/adapter-salesforce/test-browser/lws-page.ts"></script>' +
        '</head><body><div id="container"></div></body></html>';
      return;
    }
    const compute = SALESFORCE_COMPUTE.exec(context.path);
    if (compute) {
      const { buildComputeHost, computeHostHtml } = await import(
        './packages/engine/scripts/compute-host-bundle.mjs'
      );
      if (compute[1] === 'crm-lens.compute.html') {
        context.set('Content-Security-Policy', `default-src 'self'; frame-ancestors ${otherOrigin}`);
        context.type = 'text/html';
        context.body = computeHostHtml({ prefix: 'crm-lens', allowedOrigins: [otherOrigin] });
        return;
      }
      salesforceComputeFiles ??= buildComputeHost({ prefix: 'crm-lens', write: false, esbuild }).then(
        ({ files }) => new Map(files.map(({ name, text }) => [name, text])),
      );
      const text = (await salesforceComputeFiles).get(/** @type {string} */ (compute[1]));
      if (text !== undefined) {
        context.type = 'text/javascript';
        context.body = text;
        return;
      }
    }
    return next();
  },
];
// ---- adapter-salesforce: END -----------------------------------------------------------------------------------

// ---- adapter-dynamics: BEGIN ----------------------------------------------------------------------------------
// The Dynamics 365 PCF control's bundle under Dataverse's CSP (packages/adapter-dynamics/test-browser/pcf.test.ts):
//   /__dynamics/bundle.js                       examples/dynamics-pcf/out/controls/CrmLens/bundle.js as pcf-scripts
//                                               built it (`pnpm --filter @crm-lens/example-dynamics-pcf build`; a
//                                               404 naming that command when it is missing), served untransformed
//   /__dynamics/pcf-page.html?policy=…&run=…    the page: a policy of DYNAMICS_POLICIES as a Content-Security-Policy
//                                               response header (+ report-uri), running test-browser/pcf-host.ts
//   /__dynamics/policies.json                   the policies, for the test to check the header against
//   /__dynamics/csp-report?run=…                where Chromium POSTs violation reports (also from the page's blob:
//                                               worker); GET /__dynamics/csp-reports?run=… lists them
// Dataverse's documented default CSP for model-driven apps (Power Platform admin: "Content security policy"):
//   script-src * 'unsafe-inline' 'unsafe-eval' blob: data: filesystem:; worker-src 'self' blob: data:;
//   style-src * 'unsafe-inline' blob: data: filesystem:; font-src * data:; frame-ancestors 'self' https://*.powerapps.com
// The pages read it the strict way: no 'unsafe-eval', 'self' instead of *, no filesystem:, and a default-src 'self'
// for everything the default leaves open (connect-src, img-src, …); `dataverse-strict` also drops 'unsafe-inline'
// and data: scripts.
const DYNAMICS_BUNDLE = join(root, 'examples/dynamics-pcf/out/controls/CrmLens/bundle.js');
const DYNAMICS_POLICIES = {
  'dataverse-default':
    "default-src 'self'; script-src 'self' 'unsafe-inline' blob: data:; worker-src 'self' blob: data:; " +
    "style-src 'self' 'unsafe-inline' blob: data:; font-src 'self' data:; object-src 'none'; frame-ancestors 'self'",
  'dataverse-strict':
    "default-src 'self'; script-src 'self' blob:; worker-src 'self' blob:; style-src 'self'; object-src 'none'; " +
    "base-uri 'self'; frame-ancestors 'self'",
};
/** @type {Map<string, unknown[]>} violation reports by page run */
const dynamicsReports = new Map();

/** @type {import('@web/test-runner').TestRunnerConfig['middleware']} */
const dynamicsMiddleware = [
  async (context, next) => {
    if (!context.path.startsWith('/__dynamics/')) return next();
    const run = String(context.query.run ?? '');
    if (context.path === '/__dynamics/bundle.js') {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(DYNAMICS_BUNDLE, 'utf8').catch(() => undefined);
      if (text === undefined) {
        context.status = 404;
        context.type = 'text/plain';
        context.body = `${DYNAMICS_BUNDLE} is missing: build the PCF control first (pnpm --filter @crm-lens/example-dynamics-pcf build)`;
        return;
      }
      context.type = 'text/javascript; charset=utf-8';
      context.body = text;
      return;
    }
    if (context.path === '/__dynamics/policies.json') {
      context.type = 'application/json';
      context.body = JSON.stringify(DYNAMICS_POLICIES);
      return;
    }
    if (context.path === '/__dynamics/csp-report' && context.method === 'POST') {
      let body = '';
      for await (const chunk of context.req) body += chunk;
      const reports = dynamicsReports.get(run) ?? [];
      try {
        reports.push(JSON.parse(body));
      } catch {
        reports.push({ unreadable: body.slice(0, 200) });
      }
      dynamicsReports.set(run, reports);
      context.status = 204;
      return;
    }
    if (context.path === '/__dynamics/csp-reports') {
      context.type = 'application/json';
      context.body = JSON.stringify(dynamicsReports.get(run) ?? []);
      return;
    }
    if (context.path === '/__dynamics/pcf-page.html') {
      const policy =
        DYNAMICS_POLICIES[/** @type {keyof typeof DYNAMICS_POLICIES} */ (String(context.query.policy))];
      if (!policy) return next();
      context.set(
        'Content-Security-Policy',
        `${policy}; report-uri /__dynamics/csp-report?run=${encodeURIComponent(run)}`,
      );
      context.type = 'text/html';
      context.body =
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>crm-lens PCF control under Dataverse\'s CSP</title>' +
        '<script type="module" src="/packages/adapter-dynamics/test-browser/pcf-host.ts"></script>' +
        '</head><body></body></html>';
      return;
    }
    return next();
  },
];
// ---- adapter-dynamics: END ------------------------------------------------------------------------------------

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  // Served from the repo root, so tests fetch fixtures as `/packages/<pkg>/test/fixtures/…`.
  rootDir: root,
  groups: filesOnCommandLine(process.argv) ? [] : packageGroups,
  browsers: [
    // Debian's Chromium (Playwright's and Puppeteer's own browser downloads do not work here).
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
        ],
      },
    }),
  ],
  // Use the `browser` field (arquero would otherwise pull in node:fs) and our packages' TypeScript sources.
  nodeResolve: { browser: true, exportConditions: ['browser', 'source'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' }), commonjsDefaultExport],
  middleware: [
    ...(engineMiddleware ?? []),
    ...chartsMiddleware,
    ...elementsMiddleware,
    ...salesforceMiddleware,
    ...dynamicsMiddleware,
  ],
  // One Chromium, one test file at a time: a second file would run in a background tab, where Chromium delivers
  // no animation frames or resize observations, and the widgets' layout tests (charts following their
  // container) would wait forever.
  concurrentBrowsers: 1,
  concurrency: 1,
  testsFinishTimeout: 60_000,
  testFramework: { config: { timeout: 10_000 } },
};
