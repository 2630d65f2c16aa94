// Runs inside /__engine/csp-page.html, served with a Content-Security-Policy that forbids workers and eval
// (see web-test-runner.config.mjs). It starts the engine with the full fallback chain and posts what happened
// to the parent test page.
import { createEngine } from '../src/index.js';
import {
  CLASSIC_WORKER_URL,
  everything,
  FIXTURE_AS_OF,
  FIXTURE_OPTIONS,
  fixtureBytes,
  WORKER_URL,
} from './util.js';

const violations: { directive: string; blocked: string }[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
});

async function run() {
  const rejected: { host: string; code: string; message: string }[] = [];
  const engine = await createEngine({
    workerUrl: WORKER_URL,
    classicWorkerUrl: CLASSIC_WORKER_URL,
    onHostRejected: (host, reason) => rejected.push({ host, code: reason.code, message: reason.message }),
  });
  const { handle } = await engine.load({
    kind: 'bytes',
    bytes: await fixtureBytes(),
    options: FIXTURE_OPTIONS,
  });
  const results = await everything(engine, handle, FIXTURE_AS_OF);
  // Violation events are dispatched asynchronously: let them arrive.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { host: engine.host, rejected, results, violations };
}

run().then(
  (outcome) => parent.postMessage({ type: 'engine-csp', outcome }, '*'),
  (error: unknown) =>
    parent.postMessage({ type: 'engine-csp', error: String((error as Error)?.stack ?? error) }, '*'),
);
