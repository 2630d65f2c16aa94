// Build-only (scripts/build-static-resource.mjs): stands in for packages/engine/src/create-engine.ts in the
// Salesforce static resource. Lightning Web Security throws on `new Worker` and allows no `blob:` script, so the
// worker hosts (module worker, blob worker) and the code that makes them are left out of this build altogether:
// the engine runs in an iframe compute host on another origin (createEngine's 'iframe' host, the same
// startIframeEngine) or in the page's own thread (InlineEngine, which yields to the page between steps). Same
// exports, same options, same errors as the real module (the option checks and the fallback loop are the engine's
// own, from host-chain.ts); a name the engine's index re-exports and this file lacks fails the build.
import type { CreateEngineOptions as EngineOptions } from '../../../packages/engine/src/create-engine.js';
import type { Engine } from '../../../packages/engine/src/engine.js';
import {
  DEFAULT_PING_TIMEOUT_MS,
  firstHostThatStarts,
  iframeTarget,
  unavailable,
} from '../../../packages/engine/src/host-chain.js';
import { startIframeEngine } from '../../../packages/engine/src/iframe-engine.js';
import { InlineEngine } from '../../../packages/engine/src/inline-engine.js';
import type { HostKind } from '../../../packages/engine/src/protocol.js';

export type CreateEngineOptions = EngineOptions;

/** The hosts of this build: no workers under Lightning Web Security. */
export const DEFAULT_HOSTS: readonly HostKind[] = ['in-thread'];
/** With a compute host configured: the iframe first, the page's own thread if it cannot start. */
export const DEFAULT_HOSTS_WITH_IFRAME: readonly HostKind[] = ['iframe', 'in-thread'];

async function startHost(host: HostKind, options: CreateEngineOptions): Promise<Engine> {
  switch (host) {
    case 'iframe':
      return startIframeEngine({
        ...iframeTarget(options),
        timeoutMs: options.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS,
      });
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
  return firstHostThatStarts(hosts, (host) => startHost(host, options), options.onHostRejected);
}
