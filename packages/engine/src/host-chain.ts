import type { CreateEngineOptions } from './create-engine.js';
import type { Engine } from './engine.js';
import { EngineError, toEngineError } from './errors.js';
import type { HostKind } from './protocol.js';

// The parts of choosing a host that every build of createEngine shares: the browsers' one (create-engine.ts) and
// builds for hosts that allow fewer of them (the Salesforce static resource has no worker hosts at all).

/** How long a host may take to answer the handshake unless `pingTimeoutMs` says otherwise. */
export const DEFAULT_PING_TIMEOUT_MS = 3000;

export function unavailable(message: string, cause?: unknown): EngineError {
  return new EngineError('host-unavailable', message, cause === undefined ? undefined : { cause });
}

/** Resolve against the page (a blob: worker or an iframe has no useful base URL of its own). */
export function absolute(url: string | URL): string {
  const base =
    (globalThis as { document?: { baseURI?: string } }).document?.baseURI ?? globalThis.location?.href;
  return new URL(String(url), base).href;
}

/** Where the iframe compute host is, which origin it must have, and where its iframe goes. */
export interface IframeTarget {
  readonly url: string;
  readonly origin: string;
  readonly parent: Element | ShadowRoot;
}

/**
 * The iframe host's options, checked: an http(s) `iframeUrl`, an `iframeOrigin` that is a serialised origin (its
 * default: the URL's), and a document to put the iframe in.
 *
 * @throws EngineError `host-unavailable`, saying which option is wrong
 */
export function iframeTarget(
  options: Pick<CreateEngineOptions, 'iframeUrl' | 'iframeOrigin' | 'iframeParent'>,
): IframeTarget {
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
  return { url: url.href, origin, parent: options.iframeParent ?? doc.body ?? doc.documentElement };
}

/**
 * The engine of the first host in `hosts` that starts; each one rejected is reported to `onHostRejected` with its
 * reason, and all the reasons go into the error when none starts.
 *
 * @throws EngineError `host-unavailable` when no host could start
 */
export async function firstHostThatStarts(
  hosts: readonly HostKind[],
  start: (host: HostKind) => Promise<Engine>,
  onHostRejected?: (host: HostKind, reason: EngineError) => void,
): Promise<Engine> {
  const reasons: string[] = [];
  for (const host of hosts) {
    try {
      return await start(host);
    } catch (error) {
      const reason = toEngineError(error);
      reasons.push(`${host}: ${reason.message}`);
      try {
        onHostRejected?.(host, reason);
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
