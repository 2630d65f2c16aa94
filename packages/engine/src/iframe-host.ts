// The iframe compute host: the script of a page that crm-lens loads in a hidden iframe on another origin, for pages
// whose own policy forbids workers (Salesforce's Lightning Web Security forbids `new Worker` and blob: scripts).
// On its own origin the page is free of the embedder's policy: it starts the engine in a module worker of its own
// (falling back to its own thread) and serves it over a MessagePort to the one page that frames it, if that page's
// origin is on the allow-list its deployer wrote into the page:
//
//   <meta name="crm-lens-allowed-origins" content="https://acme.my.salesforce.com https://*.lightning.force.com">
//
// The allow-list is never read from the URL: whoever embeds the page controls its URL. scripts/compute-host-bundle.mjs
// builds the page and this script (`<prefix>.compute.html`, `<prefix>.compute.js`); see docs/guide/compute-hosts.md.
import { expose } from 'comlink';
import { type CreateEngineOptions, createEngine } from './create-engine.js';
import type { Engine } from './engine.js';
import { relayEngine } from './engine-relay.js';
import {
  ALLOWED_ORIGINS_META,
  CONNECT,
  CONNECTED,
  type ConnectedMessage,
  type ConnectMessage,
  isMessage,
  type OriginPattern,
  originAllowed,
  parseAllowedOrigins,
  READY,
  type ReadyMessage,
} from './iframe-protocol.js';
import type { HostKind } from './protocol.js';

/** What the host needs of its window (a real `window`, or a stand-in in tests). */
export interface ComputeHostWindow {
  readonly parent: { postMessage(message: unknown, targetOrigin: string): void };
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  readonly document?: {
    querySelectorAll(selectors: string): ArrayLike<{ getAttribute(name: string): string | null }>;
  };
}

export interface ComputeHostOptions {
  /**
   * The origins that may connect: exact origins and `https://*.example.com` subdomain wildcards, as a list or
   * one space-separated string. Default: the content of the page's `<meta name="crm-lens-allowed-origins">`
   * elements. Nothing is allowed when there is none.
   */
  readonly allowedOrigins?: string | readonly string[];
  /**
   * How this page computes (default: `hosts: ['module-worker', 'in-thread']`; give `workerUrl`). 'iframe' is
   * never tried here.
   */
  readonly engineOptions?: CreateEngineOptions;
  /** The window to serve (default: this page's). */
  readonly window?: ComputeHostWindow;
  /** Where refusals are reported (default: `console.warn`). */
  readonly warn?: (message: string) => void;
}

export interface ComputeHost {
  /** The allow-list in force. */
  readonly allowed: readonly OriginPattern[];
  /** The origin of the page being served, once one connected. */
  readonly connectedOrigin: string | undefined;
  /** Stop listening, dispose of the engine and close the port. */
  stop(): Promise<void>;
}

const DEFAULT_INNER_HOSTS: readonly HostKind[] = ['module-worker', 'in-thread'];
const DEFAULT_PING_TIMEOUT_MS = 3000;

/** The page's timeout as a hint for the worker handshake in here, within sane bounds. */
function innerTimeout(requested: unknown): number {
  const ms =
    typeof requested === 'number' && Number.isFinite(requested) ? requested : DEFAULT_PING_TIMEOUT_MS;
  return Math.min(Math.max(ms, 100), 60_000);
}

function metaAllowList(win: ComputeHostWindow): string {
  const metas = win.document?.querySelectorAll(`meta[name="${ALLOWED_ORIGINS_META}"]`);
  return Array.from(metas ?? [], (meta) => meta.getAttribute('content') ?? '').join(' ');
}

/**
 * Serve the engine to the page that frames this one, if its origin is allowed. Accepts one connection: the page's
 * engine makes a fresh iframe for each engine it creates. Messages that are not a crm-lens connect are left to
 * whoever else listens; a connect from anywhere but `window.parent`, from an origin not on the allow-list, or a
 * second one, is refused with a console warning and no answer.
 */
export function serveComputeHost(options: ComputeHostOptions = {}): ComputeHost {
  const win = options.window ?? (globalThis as unknown as ComputeHostWindow);
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const listed =
    options.allowedOrigins === undefined
      ? metaAllowList(win)
      : typeof options.allowedOrigins === 'string'
        ? options.allowedOrigins
        : options.allowedOrigins.join(' ');
  const { patterns, invalid } = parseAllowedOrigins(listed);
  if (invalid.length > 0) {
    warn(
      `crm-lens compute host: ignored allow-list entries ${invalid.map((e) => JSON.stringify(e)).join(', ')} ` +
        '(write origins such as https://acme.example or https://*.acme.example)',
    );
  }
  if (patterns.length === 0) {
    warn(
      `crm-lens compute host: no origin may connect: list them in <meta name="${ALLOWED_ORIGINS_META}" content="…">`,
    );
  }

  let served: { port: MessagePort; origin: string; engine: Promise<Engine> } | undefined;
  const refuse = (event: MessageEvent, why: string) => {
    warn(`crm-lens compute host: refused a connection from ${event.origin || '(unknown origin)'}: ${why}`);
    for (const port of event.ports ?? []) port.close();
  };

  const onMessage = (event: MessageEvent) => {
    if (!isMessage<ConnectMessage>(event.data, CONNECT)) return;
    // Only the page that frames this one, and only from an allowed origin; `win.parent === win` when not framed.
    if ((win.parent as unknown) === win || event.source !== win.parent) {
      refuse(event, 'only the page that frames this one may connect');
      return;
    }
    if (!originAllowed(event.origin, patterns)) {
      refuse(event, `it is not on this page's allow-list (<meta name="${ALLOWED_ORIGINS_META}">)`);
      return;
    }
    const port = event.ports?.[0];
    if (!port) {
      refuse(event, 'the message carried no MessagePort');
      return;
    }
    if (served) {
      refuse(event, `this page already serves ${served.origin}`);
      return;
    }
    const engineOptions = options.engineOptions ?? {};
    const hosts = (engineOptions.hosts ?? DEFAULT_INNER_HOSTS).filter((host) => host !== 'iframe');
    const engine = createEngine({
      ...engineOptions,
      hosts,
      pingTimeoutMs: engineOptions.pingTimeoutMs ?? innerTimeout(event.data.pingTimeoutMs),
    });
    served = { port, origin: event.origin, engine };
    // From here on only the port: no other window can reach it.
    expose(relayEngine(engine), port);
    port.postMessage({ type: CONNECTED } satisfies ConnectedMessage);
  };

  win.addEventListener('message', onMessage);
  // Tell the page we are listening (again after a reload, which the page takes as the host lost).
  if ((win.parent as unknown) !== win) win.parent.postMessage({ type: READY } satisfies ReadyMessage, '*');

  return {
    allowed: patterns,
    get connectedOrigin() {
      return served?.origin;
    },
    async stop() {
      win.removeEventListener('message', onMessage);
      const current = served;
      if (!current) return;
      current.port.close();
      const engine = await current.engine.catch(() => undefined);
      await engine?.dispose();
    },
  };
}
