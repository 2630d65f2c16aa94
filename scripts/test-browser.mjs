#!/usr/bin/env node
// @ts-check
// `pnpm test:browser [wtr options]`: run the browser tests (web-test-runner.config.mjs) in the system
// Chromium and end with a line `N passed, N failed`; the exit code is wtr's (0 only when every test passed).
// wtr options pass through, e.g. `--group core`, a test file path, `--config other.mjs`.
import { accessSync, constants, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** @param {string} path */
function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** CHROME_PATH if it names an executable, else the first system Chromium/Chrome found. */
function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (isExecutableFile(fromEnv)) return fromEnv;
    console.warn(`CHROME_PATH=${fromEnv} is not an executable file; looking for Chromium elsewhere.`);
  }
  return CHROMIUM_PATHS.find(isExecutableFile);
}

const chromium = findChromium();
if (!chromium) {
  console.error(
    [
      'Browser tests need Chromium, and none was found.',
      `Looked at: ${['$CHROME_PATH', ...CHROMIUM_PATHS].join(', ')}.`,
      'Install it (Debian/Ubuntu):  apt-get install -y chromium',
      'or point CHROME_PATH at a Chrome/Chromium executable.',
    ].join('\n'),
  );
  process.exit(1);
}
// The config reads CHROME_PATH when it is loaded, so set it first.
process.env.CHROME_PATH = chromium;

const { defaultReporter, startTestRunner } = await import('@web/test-runner');

// The config is loaded here, not by wtr, so that the counting reporter can be added to its reporters.
const args = process.argv.slice(2);
const configFlag = args.findIndex((arg) => arg === '--config' || arg.startsWith('--config='));
const configArg = configFlag < 0 ? undefined : (args[configFlag]?.split('=')[1] ?? args[configFlag + 1]);
if (configFlag >= 0 && !configArg) {
  console.error('--config needs a path');
  process.exit(1);
}
const configPath = configArg ? resolve(configArg) : join(root, 'web-test-runner.config.mjs');
const { default: config } = await import(pathToFileURL(configPath).href);

/**
 * Count every test of every test file; a file that failed outside its tests counts as one failure.
 * @param {Iterable<import('@web/test-runner').TestSession>} sessions
 */
function countResults(sessions) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const session of sessions) {
    const failedBefore = failed;
    /** @param {import('@web/test-runner').TestSuiteResult} suite */
    const visit = (suite) => {
      for (const test of suite.tests) {
        if (test.skipped) skipped++;
        else if (test.passed) passed++;
        else failed++;
      }
      for (const child of suite.suites) visit(child);
    };
    if (session.testResults) visit(session.testResults);
    // An import error, a timeout, an error in a hook or a crashed page fails the file without failing any test
    // of it: count it, so that "0 failed" always means a green run.
    if (session.passed !== true && failed === failedBefore) failed++;
  }
  return { passed, failed, skipped };
}

// Collects the runner's results. The summary is printed on exit (wtr exits the process itself), after all
// of wtr's own output; it is printed only once tests were scheduled, not for configuration errors.
/** @type {import('@web/test-runner').TestSessionManager | undefined} */
let sessionManager;
/** @type {import('@web/test-runner').Reporter} */
const countingReporter = {
  start({ sessions }) {
    sessionManager = sessions;
  },
};
process.on('exit', () => {
  if (!sessionManager) return;
  const { passed, failed, skipped } = countResults(sessionManager.all());
  const lines = [...(skipped > 0 ? [`${skipped} skipped`] : []), `${passed} passed, ${failed} failed`];
  writeSync(1, `\n${lines.join('\n')}\n`);
});

await startTestRunner({
  config: {
    ...config,
    // The config may name its own reporters; otherwise wtr's default one.
    reporters: [...(config.reporters ?? [defaultReporter()]), countingReporter],
  },
  readFileConfig: false,
});
