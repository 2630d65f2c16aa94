import { CLASSIC_BOOTSTRAP_GLOBAL, type ClassicBootstrap } from './classic-globals.js';
import { type ClassicSource, serveClassicAnalyses } from './classic-source.js';
import type { Engine } from './engine.js';
import type { EngineError } from './errors.js';
import {
  absolute,
  DEFAULT_PING_TIMEOUT_MS,
  firstHostThatStarts,
  iframeTarget,
  unavailable,
} from './host-chain.js';
import { type HostKind, PROTOCOL_VERSION } from './protocol.js';
import { WorkerEngine } from './worker-engine.js';

export interface CreateEngineOptions {
  /**
   * The hosts to try, in order (default: module worker, blob worker, in-thread — with 'iframe' before
   * 'in-thread' when `iframeUrl` is given). Tests force one host; a page that must never compute in its own
   * thread leaves out 'in-thread'.
   */
  readonly hosts?: readonly HostKind[];
  /** URL of the module worker script (default: `engine.worker.js` beside this module). */
  readonly workerUrl?: string | URL;
  /**
   * URL of a classic-script bundle of the worker, loaded with `importScripts` from a `blob:` worker, for
   * pages that allow `blob:` workers but not workers from this script's URL (a CDN, say). Default: the built
   * package's `engine.worker.classic.js` beside this module; when running from TypeScript sources there is none,
   * and the blob-worker host is skipped.
   */
  readonly classicWorkerUrl?: string | URL;
  /**
   * URL of the classic-script bundle of the analyses (segments, rules, …), which the blob worker loads with
   * `importScripts` on the first such call. Default: `engine.analyses.classic.js` beside this module when
   * `classicWorkerUrl` is the default too, else the file of that name beside `classicWorkerUrl` (the file name
   * the worker bundle was built with: `crm-lens.analyses.classic.js` in the script-tag build). Give it when a
   * bundler renamed the files.
   */
  readonly classicAnalysesUrl?: string | URL;
  /**
   * The classic worker bundle's source text (`engine.worker.classic.js`), for hosts that ship one JavaScript
   * file and cannot point a worker at a URL (a Dynamics 365 PCF control's bundle.js): the `blob:` worker is made
   * from this text, with no importScripts() of a URL. Wins over `classicWorkerUrl`.
   */
  readonly classicWorkerSource?: string;
  /**
   * With `classicWorkerSource`: the classic analyses bundle's source text (`engine.analyses.classic.js`), or a
   * function that gives it when the worker first needs it (segments, rules, …; scoring never does). The worker
   * runs it from a `blob:` URL, so the CSP's script-src must allow `blob:`. `classicAnalysesUrl` wins over it.
   */
  readonly classicAnalysesSource?: ClassicSource;
  /**
   * URL of an iframe compute host page (`engine.compute.html`, built by scripts/compute-host-bundle.mjs) on
   * another origin, for the 'iframe' host: for pages that allow no worker of their own (Salesforce's Lightning
   * Web Security). The host page must list this page's origin in its `crm-lens-allowed-origins` meta element.
   */
  readonly iframeUrl?: string | URL;
  /** The origin the iframe host page must have (default: the origin of `iframeUrl`). */
  readonly iframeOrigin?: string;
  /** Where the hidden iframe is appended (default: `document.body`); it is removed on dispose. */
  readonly iframeParent?: Element | ShadowRoot;
  /**
   * How long a worker may take to answer the handshake (default 3000 ms). The iframe host has as long to load
   * and accept the connection, then twice as long for the engine inside it to start.
   */
  readonly pingTimeoutMs?: number;
  /** Called for every host that was tried and rejected, with the reason (for support diagnostics). */
  readonly onHostRejected?: (host: HostKind, reason: EngineError) => void;
}

export const DEFAULT_HOSTS: readonly HostKind[] = ['module-worker', 'blob-worker', 'in-thread'];
/** The default chain when an iframe compute host is configured: the iframe before the page's own thread. */
export const DEFAULT_HOSTS_WITH_IFRAME: readonly HostKind[] = [
  'module-worker',
  'blob-worker',
  'iframe',
  'in-thread',
];
/** The worker's name in the browser's developer tools. */
const WORKER_NAME = 'crm-lens-engine';

/**
 * The built package ships `engine.worker.classic.js` beside this module (see scripts/worker-bundle.mjs); written
 * as `new URL('…', import.meta.url)` so bundlers copy it along. Run from TypeScript sources (tests, a dev server)
 * there is no such file, and the blob host is skipped rather than tried and failed.
 */
function defaultClassicWorkerUrl(): string | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  return new URL('./engine.worker.classic.js', import.meta.url).href;
}

/** The classic analyses bundle shipped beside the classic worker (same form, for the same bundlers). */
function defaultClassicAnalysesUrl(): string | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  return new URL('./engine.analyses.classic.js', import.meta.url).href;
}

/**
 * Accept a worker only once it answered the handshake. A worker that cannot start (CSP `worker-src`, a 404, a
 * script error) does not throw from `new Worker`: it fires an `error` event later, so the ping races that event
 * and a timeout.
 */
async function handshake(engine: WorkerEngine, worker: Worker, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onError: ((event: Event) => void) | undefined;
  const failed = new Promise<never>((_, reject) => {
    onError = (event: Event) => {
      const message = (event as ErrorEvent).message;
      reject(
        unavailable(
          `the ${engine.host} failed to start${message ? `: ${message}` : ' (blocked by the Content-Security-Policy, or the script failed to load)'}`,
        ),
      );
    };
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onError);
    timer = setTimeout(
      () => reject(unavailable(`the ${engine.host} did not answer the handshake within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    const reply = await Promise.race([engine.ping(), failed]);
    if (reply?.protocol !== PROTOCOL_VERSION) {
      throw unavailable(
        `the ${engine.host} speaks protocol ${String(reply?.protocol)}, expected ${PROTOCOL_VERSION} (a stale worker script?)`,
      );
    }
  } finally {
    clearTimeout(timer);
    if (onError) {
      worker.removeEventListener('error', onError);
      worker.removeEventListener('messageerror', onError);
    }
  }
}

async function startWorker(
  host: 'module-worker' | 'blob-worker',
  create: () => Worker,
  timeoutMs: number,
): Promise<Engine> {
  if (typeof Worker === 'undefined') throw unavailable('this environment has no Web Workers');
  let worker: Worker;
  try {
    worker = create();
  } catch (error) {
    // Some browsers throw at once (a SecurityError for a cross-origin or CSP-blocked URL).
    throw unavailable(
      `new Worker failed for the ${host}: ${(error as Error)?.message ?? String(error)}`,
      error,
    );
  }
  const engine = new WorkerEngine(worker, host);
  try {
    await handshake(engine, worker, timeoutMs);
    return engine;
  } catch (error) {
    await engine.dispose();
    throw error;
  }
}

/**
 * A `blob:` worker made from the classic bundle's source text. Its bootstrap says where the analyses come from:
 * `classicAnalysesUrl` (importScripts), or the page, which answers the worker's request with
 * `classicAnalysesSource` (classic-source.ts); with neither, the analyses calls fail and scoring works.
 */
async function startSourceWorker(options: CreateEngineOptions, timeoutMs: number): Promise<Engine> {
  const { classicWorkerSource, classicAnalysesSource, classicAnalysesUrl } = options;
  if (typeof classicWorkerSource !== 'string' || classicWorkerSource.trim() === '') {
    throw unavailable('options.classicWorkerSource must be the text of the classic worker bundle');
  }
  if (typeof Blob === 'undefined' || typeof URL.createObjectURL !== 'function') {
    throw unavailable('this environment cannot make blob: URLs');
  }
  const pageSource = classicAnalysesUrl === undefined ? classicAnalysesSource : undefined;
  const bootstrap: ClassicBootstrap =
    classicAnalysesUrl !== undefined
      ? { analysesUrl: absolute(classicAnalysesUrl) }
      : pageSource !== undefined
        ? { analysesFromPage: true }
        : {};
  const source = `self.${CLASSIC_BOOTSTRAP_GLOBAL} = ${JSON.stringify(bootstrap)};\n${classicWorkerSource}\n`;
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try {
    return await startWorker(
      'blob-worker',
      () => {
        const worker = new Worker(blobUrl, { name: WORKER_NAME });
        if (pageSource !== undefined) serveClassicAnalyses(worker, pageSource);
        return worker;
      },
      timeoutMs,
    );
  } finally {
    URL.revokeObjectURL(blobUrl);
  }
}

/** The iframe compute host: checks the options here, and loads the iframe code only when it is tried. */
async function startIframe(options: CreateEngineOptions, timeoutMs: number): Promise<Engine> {
  const target = iframeTarget(options);
  const { startIframeEngine } = await import('./iframe-engine.js');
  return startIframeEngine({ ...target, timeoutMs });
}

async function startHost(host: HostKind, options: CreateEngineOptions): Promise<Engine> {
  const timeoutMs = options.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS;
  switch (host) {
    case 'module-worker': {
      const { workerUrl } = options;
      // Written out as `new Worker(new URL('…', import.meta.url), …)`: the form bundlers (Vite, webpack 5)
      // recognise, so that they emit the worker and rewrite its URL.
      const create =
        workerUrl === undefined
          ? () =>
              new Worker(new URL('./engine.worker.js', import.meta.url), {
                type: 'module',
                name: WORKER_NAME,
              })
          : () => new Worker(workerUrl, { type: 'module', name: WORKER_NAME });
      return startWorker(host, create, timeoutMs);
    }
    case 'blob-worker': {
      if (options.classicWorkerSource !== undefined) return startSourceWorker(options, timeoutMs);
      const classicWorkerUrl = options.classicWorkerUrl ?? defaultClassicWorkerUrl();
      const classicAnalysesUrl =
        options.classicAnalysesUrl ??
        (options.classicWorkerUrl === undefined ? defaultClassicAnalysesUrl() : undefined);
      if (classicWorkerUrl === undefined) {
        throw unavailable(
          'no classic worker bundle is known (options.classicWorkerUrl or options.classicWorkerSource)',
        );
      }
      if (typeof Blob === 'undefined' || typeof URL.createObjectURL !== 'function') {
        throw unavailable('this environment cannot make blob: URLs');
      }
      // The worker's bundle URL goes in first: a blob: worker has no useful base URL of its own, and the bundle
      // finds its on-demand analyses bundle beside it (load-analyses.classic.ts).
      const bootstrap: ClassicBootstrap = {
        workerUrl: absolute(classicWorkerUrl),
        ...(classicAnalysesUrl === undefined ? {} : { analysesUrl: absolute(classicAnalysesUrl) }),
      };
      const source =
        `self.${CLASSIC_BOOTSTRAP_GLOBAL} = ${JSON.stringify(bootstrap)};\n` +
        `importScripts(${JSON.stringify(bootstrap.workerUrl)});\n`;
      const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      try {
        return await startWorker(host, () => new Worker(blobUrl, { name: WORKER_NAME }), timeoutMs);
      } finally {
        // The worker has fetched its script by the time it answers (or failed for good).
        URL.revokeObjectURL(blobUrl);
      }
    }
    case 'iframe':
      return startIframe(options, timeoutMs);
    case 'in-thread': {
      // Loaded only when needed: the in-thread host carries all of core's models (~30 kB gzipped), which pages
      // whose engine runs in a worker never use.
      const { InlineEngine } = await import('./inline-engine.js');
      return new InlineEngine();
    }
    default:
      throw unavailable(`unknown host "${String(host)}"`);
  }
}

/**
 * An engine on the first host that works here: a module worker loaded from a static URL, else a classic worker
 * from a `blob:` URL, else (when `iframeUrl` is given) an iframe compute host on another origin, else the page's
 * own thread. Each host is accepted only after it answered a ping; the chosen host is `engine.host`, and every
 * rejected one is reported to `onHostRejected`.
 *
 * @throws EngineError `host-unavailable` when no host of `options.hosts` could start
 */
export async function createEngine(options: CreateEngineOptions = {}): Promise<Engine> {
  const hosts =
    options.hosts ?? (options.iframeUrl === undefined ? DEFAULT_HOSTS : DEFAULT_HOSTS_WITH_IFRAME);
  return firstHostThatStarts(hosts, (host) => startHost(host, options), options.onHostRejected);
}
