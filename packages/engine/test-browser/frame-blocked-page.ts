// Runs inside /__engine/compute/frame-blocked.html, served with a Content-Security-Policy that forbids frames and
// workers (see web-test-runner.config.mjs): the iframe host must be rejected at once, not after its timeout, and
// the engine end in-thread. Posts what happened to the parent test page.
import { createEngine } from '../src/index.js';

const computeUrl = new URL(location.href).searchParams.get('compute') ?? '';

async function run() {
  const rejected: { host: string; code: string; message: string }[] = [];
  const started = performance.now();
  const engine = await createEngine({
    hosts: ['iframe', 'in-thread'],
    iframeUrl: computeUrl,
    pingTimeoutMs: 10_000,
    onHostRejected: (host, reason) => rejected.push({ host, code: reason.code, message: reason.message }),
  });
  const elapsedMs = performance.now() - started;
  const frames = document.querySelectorAll('iframe').length;
  await engine.dispose();
  return { host: engine.host, rejected, elapsedMs, frames };
}

run().then(
  (outcome) => parent.postMessage({ type: 'engine-frame-blocked', outcome }, '*'),
  (error: unknown) =>
    parent.postMessage(
      { type: 'engine-frame-blocked', error: String((error as Error)?.stack ?? error) },
      '*',
    ),
);
