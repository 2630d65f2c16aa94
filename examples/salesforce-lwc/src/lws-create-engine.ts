// Build-only (scripts/build-static-resource.mjs): stands in for packages/engine/src/create-engine.ts in the
// Salesforce static resource. Lightning Web Security throws on `new Worker` and allows no `blob:` script, so the
// worker hosts (module worker, blob worker) and the code that makes them are left out of this build altogether:
// the engine runs in an iframe compute host on another origin (createEngine's 'iframe' host, the same
// startIframeEngine) or in the page's own thread (InlineEngine, which yields to the page between steps). Same
// exports, same options, same errors as the real module; a name the engine's index re-exports and this file lacks
// fails the build.
import type { CreateEngineOptions as EngineOptions } from '../../../packages/engine/src/create-engine.js';
import type { Engine } from '../../../packages/engine/src/engine.js';
import { EngineError, toEngineError } from '../../../packages/engine/src/errors.js';
import { startIframeEngine } from '../../../packages/engine/src/iframe-engine.js';
import { InlineEngine } from '../../../packages/engine/src/inline-engine.js';
import type { HostKind } from '../../../packages/engine/src/protocol.js';

export type CreateEngineOptions = EngineOptions;

/** The hosts of this build: no workers under Lightning Web Security. */
export const DEFAULT_HOSTS: readonly HostKind[] = ['in-thread'];
/** With a compute host configured: the iframe first, the page's own thread if it cannot start. */
export const DEFAULT_HOSTS_WITH_IFRAME: readonly HostKind[] = ['iframe', 'in-thread'];
const DEFAULT_PING_TIMEOUT_MS = 3000;

function unavailable(message: string, cause?: unknown): EngineError {
  return new EngineError('host-unavailable', message, cause === undefined ? undefined : { cause });
}

/** Resolve against the page. */
function absolute(url: string | URL): string {
  const base =
    (globalThis as { document?: { baseURI?: string } }).document?.baseURI ?? globalThis.location?.href;
  return new URL(String(url), base).href;
}

/** The iframe compute host, with the option checks of create-engine.ts. */
function startIframe(options: CreateEngineOptions, timeoutMs: number): Promise<Engine> {
  const { iframeUrl } = options;
  if (iframeUrl === undefined) throw unavailable('no iframe compute host is known (options.iframeUrl)');
  const doc = (globalThis as { document?: Document }).document;
  if (!doc) throw unavailable('this environment has no document to put an iframe in');
  let url: URL;
  try {
    url = new URL(absolute(iframeUrl));
  } catch (error) {
    throw unavailable(`options.iframeUrl "${String(iframeUrl)}" is not a URL`, error);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw unavailable(`options.iframeUrl must be an http(s) URL, got ${url.href}`);
  }
  const origin = options.iframeOrigin ?? url.origin;
  let serialised: string | undefined;
  try {
    serialised = new URL(origin).origin;
  } catch {
    serialised = undefined;
  }
  if (serialised !== origin || origin === 'null') {
    throw unavailable(
      `options.iframeOrigin must be an origin such as https://compute.example (no path, no trailing slash), got "${origin}"`,
    );
  }
  const parent = options.iframeParent ?? doc.body ?? doc.documentElement;
  return startIframeEngine({ url: url.href, origin, parent, timeoutMs });
}

async function startHost(host: HostKind, options: CreateEngineOptions): Promise<Engine> {
  switch (host) {
    case 'iframe':
      return startIframe(options, options.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS);
    case 'in-thread':
      return new InlineEngine();
    default:
      throw unavailable(
        `the ${host} host is not in the Salesforce build (Lightning Web Security allows no workers)`,
      );
  }
}

/**
 * An engine on the first host of `options.hosts` that starts here: 'iframe' (needs `iframeUrl`) or 'in-thread'.
 * Worker hosts are reported as unavailable.
 *
 * @throws EngineError `host-unavailable` when none could start
 */
export async function createEngine(options: CreateEngineOptions = {}): Promise<Engine> {
  const hosts =
    options.hosts ?? (options.iframeUrl === undefined ? DEFAULT_HOSTS : DEFAULT_HOSTS_WITH_IFRAME);
  const reasons: string[] = [];
  for (const host of hosts) {
    try {
      return await startHost(host, options);
    } catch (error) {
      const reason = toEngineError(error);
      reasons.push(`${host}: ${reason.message}`);
      try {
        options.onHostRejected?.(host, reason);
      } catch {
        // A diagnostics callback must not stop the fallback chain.
      }
    }
  }
  throw unavailable(
    hosts.length === 0
      ? 'no compute host was allowed (options.hosts is empty)'
      : `no compute host could start (${reasons.join('; ')})`,
  );
}
