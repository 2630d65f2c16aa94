// Runs inside /__salesforce/lws-page.html (served by the adapter-salesforce block of web-test-runner.config.mjs)
// after lws-shim.js and the static resource, both classic scripts: the page's policy is `script-src 'self';
// worker-src 'none'` without 'unsafe-eval', and `new Worker` throws. It does what the crmLens component does — reads
// the org through crmLens.salesforce.readGraphQL with a wire stand-in, creates <lens-data> and a pyramid, hands over
// the rows — then posts what happened to the test page.
import { replayWire, type WirePage, type WireRequest } from './org.js';

interface CrmLensApi {
  version: string;
  tags: readonly string[];
  engineOptions(choice: { computeUrl?: string; parent?: Element }): Record<string, unknown>;
  salesforce: {
    readGraphQL(options: {
      runQuery: (request: WireRequest) => Promise<unknown>;
      preset?: string;
      pageSize?: number;
    }): Promise<{
      input: { customers?: unknown[]; transactions: unknown[]; interactions?: unknown[] };
      objects: { object: string; pages: number; records: number; rows: number; skipped: number }[];
    }>;
  };
}

interface LensDataElement extends HTMLElement {
  engineOptions: unknown;
  engineKey: string;
  customers: unknown;
  transactions: unknown;
  interactions: unknown;
  readonly computeHost?: string;
  readonly summary?: { pyramid: { tiers: { tier: string; customers: number }[] } };
  readonly error?: { code: string; message: string };
}

interface ShimLog {
  workerAttempts: number;
  violations: { directive: string; blocked: string; source: string }[];
  longTasks: number[];
}

const until = async <T>(what: string, read: () => T | undefined, timeoutMs = 50_000): Promise<T> => {
  const start = performance.now();
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

async function run(pages: readonly WirePage[], computeUrl: string | undefined) {
  const api = (window as unknown as { crmLens?: CrmLensApi }).crmLens;
  if (!api) throw new Error('the static resource did not define window.crmLens');
  const container = document.getElementById('container')!;
  const data = document.createElement('lens-data') as LensDataElement;
  data.engineOptions = api.engineOptions({ ...(computeUrl ? { computeUrl } : {}), parent: container });
  data.engineKey = 'salesforce';
  const pyramid = document.createElement('lens-value-pyramid');
  data.append(pyramid);
  container.append(data);

  const wire = replayWire(pages);
  const started = performance.now();
  const collected = await api.salesforce.readGraphQL({ runQuery: wire.run, preset: 'opportunities' });
  const read = performance.now();
  data.customers = collected.input.customers ?? [];
  data.interactions = collected.input.interactions ?? [];
  data.transactions = collected.input.transactions;
  await until('<lens-data> ready', () => {
    if (data.getAttribute('status') === 'error') throw new Error(`lens-data error: ${data.error?.message}`);
    return data.getAttribute('status') === 'ready' && data.summary ? true : undefined;
  });
  const scored = performance.now();
  const rendered = await until('the pyramid table and chart', () => {
    const root = pyramid.shadowRoot;
    const rows = root ? [...root.querySelectorAll('table.tier-table tbody tr[data-tier]')] : [];
    return rows.length > 0 && root?.querySelector('svg, canvas') ? rows : undefined;
  });
  // Violation events and long-task entries arrive after the fact: let them.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const log = (window as unknown as { __lwsLog: ShimLog }).__lwsLog;
  return {
    version: api.version,
    tags: [...api.tags],
    host: data.computeHost,
    requests: wire.requests.map((r) => [r.object, r.variables.after, r.variables.first]),
    objects: collected.objects.map((o) => [o.object, o.pages, o.records, o.rows, o.skipped]),
    summaryTiers: data.summary!.pyramid.tiers.map((t) => [t.tier, t.customers]),
    renderedTiers: rendered.map((row) => [
      row.getAttribute('data-tier'),
      Number((row.querySelector('td')?.textContent ?? '').replace(/[^\d]/g, '')),
    ]),
    iframes: container.querySelectorAll('iframe').length,
    workerAttempts: log.workerAttempts,
    violations: log.violations,
    longTasks: log.longTasks,
    timings: { readMs: Math.round(read - started), scoreMs: Math.round(scored - read) },
  };
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== parent || event.data?.type !== 'salesforce-run') return;
  // Reading event.data deserialises the recorded org (≈ 2.7 MB of wire pages): 20–30 ms of the test's own work in
  // this task. The component starts in a task of its own, as on a Lightning page, so that the long tasks the page
  // reports are crm-lens's.
  const { pages, computeUrl } = event.data as { pages: WirePage[]; computeUrl?: string };
  setTimeout(() => {
    run(pages, computeUrl).then(
      (outcome) => parent.postMessage({ type: 'salesforce-outcome', outcome }, '*'),
      (error: unknown) =>
        parent.postMessage(
          { type: 'salesforce-outcome', error: String((error as Error)?.stack ?? error) },
          '*',
        ),
    );
  }, 0);
});
parent.postMessage({ type: 'salesforce-ready' }, '*');
