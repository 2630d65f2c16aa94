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

/** @type {import('@web/test-runner').TestRunnerConfig['middleware']} */
const engineMiddleware = [
  async (context, next) => {
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
  middleware: [...(engineMiddleware ?? []), ...chartsMiddleware, ...elementsMiddleware],
  // One Chromium, one test file at a time: a second file would run in a background tab, where Chromium delivers
  // no animation frames or resize observations, and the widgets' layout tests (charts following their
  // container) would wait forever.
  concurrentBrowsers: 1,
  concurrency: 1,
  testsFinishTimeout: 60_000,
  testFramework: { config: { timeout: 10_000 } },
};
