// The page's side of the iframe compute host (see iframe-host.ts for the other side, iframe-protocol.ts for the
// handshake): a hidden iframe on another origin, a MessageChannel handed to it once it proved to be the expected
// page, and the engine protocol over that private port.
import type { Endpoint } from 'comlink';
import { EngineError } from './errors.js';
import { fetchOk } from './fetch-ok.js';
import {
  CONNECT,
  CONNECTED,
  type ConnectedMessage,
  type ConnectMessage,
  isMessage,
  READY,
  type ReadyMessage,
} from './iframe-protocol.js';
import {
  type HostKind,
  type HostLoadInput,
  type LoadInput,
  type PingReply,
  PROTOCOL_VERSION,
} from './protocol.js';
import { WorkerEngine, type WorkerLike } from './worker-engine.js';

function unavailable(message: string): EngineError {
  return new EngineError('host-unavailable', message);
}

/** The frame's window as the page may use it: cross-origin, only `postMessage`. */
export interface FrameWindow {
  postMessage(message: unknown, targetOrigin: string, transfer: Transferable[]): void;
}

/** What the handshake needs (the page's window and the iframe, or stand-ins in tests). */
export interface FrameLink {
  /** Where the host page's READY arrives: the page's window. */
  readonly window: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** The frame's window, once it exists (`iframe.contentWindow`). */
  frameWindow(): FrameWindow | null;
  /** The host page's URL and expected origin. */
  readonly url: string;
  readonly origin: string;
  /** How long the host page may take to load and accept the connection. */
  readonly timeoutMs: number;
  /** Rejects when the frame is known not to load (a CSP violation), so that nobody waits for the timeout. */
  readonly blocked?: Promise<never>;
}

/**
 * The handshake: wait for the host page's READY — from the frame's own window and the expected origin, nothing
 * else — then transfer it one end of a MessageChannel (posted to the expected origin only: a frame that navigated
 * elsewhere never gets it), and resolve with the other end once the host page accepted it.
 *
 * A READY from any other window or origin is ignored: acting on a forged one would send the port before the
 * host page listens (and lose it). The host page answers nothing when this page's origin is not on its
 * allow-list, so that shows as the timeout.
 */
export function connectFrame(link: FrameLink): Promise<MessagePort> {
  const { port1, port2 } = new MessageChannel();
  let onReady: ((event: MessageEvent) => void) | undefined;
  let onConnected: ((event: MessageEvent) => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connected = new Promise<MessagePort>((resolve, reject) => {
    let sent = false;
    onReady = (event: MessageEvent) => {
      if (!isMessage<ReadyMessage>(event.data, READY)) return;
      const frame = link.frameWindow();
      if (!frame || event.source !== (frame as unknown) || event.origin !== link.origin) return;
      if (sent) {
        reject(unavailable(`the iframe compute host at ${link.url} reloaded during the handshake`));
        return;
      }
      sent = true;
      const connect: ConnectMessage = {
        type: CONNECT,
        protocol: PROTOCOL_VERSION,
        pingTimeoutMs: link.timeoutMs,
      };
      frame.postMessage(connect, link.origin, [port2]);
    };
    onConnected = (event: MessageEvent) => {
      if (isMessage<ConnectedMessage>(event.data, CONNECTED)) resolve(port1);
    };
    link.window.addEventListener('message', onReady);
    port1.addEventListener('message', onConnected);
    port1.start();
    const page = (globalThis as { location?: { origin?: string } }).location?.origin;
    timer = setTimeout(
      () =>
        reject(
          unavailable(
            `the iframe compute host at ${link.url} did not answer within ${link.timeoutMs} ms: is ` +
              `${page && page !== 'null' ? `this page's origin (${page})` : "this page's origin"} allowed ` +
              '(meta crm-lens-allowed-origins in the host page)? Else the host page did not load ' +
              "(this page's CSP frame-src, the host's frame-ancestors or X-Frame-Options, a wrong URL)",
          ),
        ),
      link.timeoutMs,
    );
    link.blocked?.catch(reject);
  });
  const cleanUp = () => {
    clearTimeout(timer);
    if (onReady) link.window.removeEventListener('message', onReady);
    if (onConnected) port1.removeEventListener('message', onConnected);
  };
  return connected.then(
    (port) => {
      cleanUp();
      return port;
    },
    (error: unknown) => {
      cleanUp();
      port1.close();
      throw error;
    },
  );
}

/** A MessagePort as the endpoint a WorkerEngine talks to; "terminating" it closes the port. */
function portEndpoint(port: MessagePort): WorkerLike {
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => port.postMessage(message, transfer ?? []),
    addEventListener: (...args: Parameters<Endpoint['addEventListener']>) => port.addEventListener(...args),
    removeEventListener: (...args: Parameters<Endpoint['removeEventListener']>) =>
      port.removeEventListener(...args),
    start: () => port.start(),
    terminate: () => port.close(),
  };
}

/**
 * The engine in an iframe compute host, over a private MessagePort: the same protocol and the same moves as a
 * worker (typed arrays copied then transferred, or transferred with `transfer: true`; results transferred back).
 * A `url` load is fetched here on the page — with the page's cookies, under its `connect-src` — and its bytes
 * moved to the host: the host's origin could not read the page's data URLs. Disposing removes the iframe.
 */
export class IframeEngine extends WorkerEngine {
  private readonly onMessage: (event: MessageEvent) => void;
  private readonly onClose: () => void;
  private inside: HostKind | undefined;

  constructor(
    private readonly channel: MessagePort,
    private readonly frame: HTMLIFrameElement,
    private readonly view: Pick<Window, 'addEventListener' | 'removeEventListener'>,
    origin: string,
    url: string,
  ) {
    super(portEndpoint(channel), 'iframe');
    // A host page that says READY again has reloaded: its engine and every dataset are gone.
    this.onMessage = (event: MessageEvent) => {
      if (
        isMessage<ReadyMessage>(event.data, READY) &&
        event.source === frame.contentWindow &&
        event.origin === origin
      ) {
        this.hostLost(
          unavailable(`the iframe compute host at ${url} reloaded: its engine and data are gone`),
        );
      }
    };
    // Where supported (Chromium), a port whose other end went away (the iframe removed or crashed) says so.
    this.onClose = () => this.hostLost(unavailable(`the iframe compute host at ${url} went away`));
    view.addEventListener('message', this.onMessage);
    channel.addEventListener('close', this.onClose);
  }

  /** The hidden iframe (for support and tests). */
  get element(): HTMLIFrameElement {
    return this.frame;
  }

  /** Where the host page computes — its own module worker, or its own thread — once it answered the ping. */
  get hostInside(): HostKind | undefined {
    return this.inside;
  }

  override async ping(): Promise<PingReply> {
    const reply = await super.ping();
    this.inside = reply?.host;
    return reply;
  }

  protected override async fetchInput(
    input: Extract<LoadInput, { readonly kind: 'url' }>,
    signal: AbortSignal | undefined,
  ): Promise<HostLoadInput> {
    const response = await fetchOk(input.url, signal);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { kind: 'bytes', bytes, ...(input.options ? { options: input.options } : {}), transfer: true };
  }

  protected override release(): void {
    this.view.removeEventListener('message', this.onMessage);
    this.channel.removeEventListener('close', this.onClose);
    super.release();
    this.frame.remove();
  }
}

export interface IframeEngineOptions {
  /** The host page's absolute URL. */
  readonly url: string;
  /** The origin the host page must have. */
  readonly origin: string;
  /** Where the hidden iframe goes. */
  readonly parent: Element | ShadowRoot;
  /** Time to load and accept the connection; the engine inside then has twice as long to start. */
  readonly timeoutMs: number;
}

/** Whether a CSP violation is the frame of the host page (a report may carry only the origin of a URL). */
function blocks(event: SecurityPolicyViolationEvent, url: string, origin: string): boolean {
  if (event.effectiveDirective !== 'frame-src' && event.effectiveDirective !== 'child-src') return false;
  const blockedURI = event.blockedURI;
  if (blockedURI === url) return true;
  try {
    return new URL(blockedURI).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Start an engine in an iframe compute host: append the hidden iframe, shake hands, then ping the engine inside
 * over the port. Anything that fails removes the iframe and rejects with `host-unavailable`.
 */
export async function startIframeEngine(options: IframeEngineOptions): Promise<IframeEngine> {
  const { url, origin, parent, timeoutMs } = options;
  const doc = parent.ownerDocument;
  const view = doc?.defaultView;
  if (!doc || !view) throw unavailable('the iframe host needs a document with a window');

  const frame = doc.createElement('iframe');
  // Hidden by attributes and the CSSOM (allowed under any style-src), never by writing a style attribute's text.
  frame.hidden = true;
  frame.style.setProperty('display', 'none', 'important');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.title = 'crm-lens compute host';
  // Scripts and its own origin (for its worker), nothing else: no top navigation, popups, forms or modals.
  frame.setAttribute('sandbox', 'allow-scripts allow-same-origin');
  frame.src = url;

  let onViolation: ((event: SecurityPolicyViolationEvent) => void) | undefined;
  const blocked = new Promise<never>((_, reject) => {
    onViolation = (event: SecurityPolicyViolationEvent) => {
      if (!blocks(event, url, origin)) return;
      reject(
        unavailable(
          `this page's Content-Security-Policy (${event.effectiveDirective}) blocked the iframe compute host at ${url}`,
        ),
      );
    };
    doc.addEventListener('securitypolicyviolation', onViolation);
  });
  blocked.catch(() => undefined);

  let port: MessagePort;
  try {
    try {
      parent.append(frame);
    } catch (error) {
      // A page's security layer may refuse the element (or a parent that is no node).
      throw unavailable(
        `could not add the iframe compute host to the page: ${(error as Error)?.message ?? error}`,
      );
    }
    port = await connectFrame({
      window: view,
      frameWindow: () => frame.contentWindow,
      url,
      origin,
      timeoutMs,
      blocked,
    });
  } catch (error) {
    frame.remove();
    throw error;
  } finally {
    if (onViolation) doc.removeEventListener('securitypolicyviolation', onViolation);
  }

  const engine = new IframeEngine(port, frame, view, origin, url);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const startMs = 2 * timeoutMs;
    const reply = await Promise.race([
      engine.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              unavailable(
                `the iframe compute host at ${url} accepted the connection, but its engine did not start within ${startMs} ms`,
              ),
            ),
          startMs,
        );
      }),
    ]);
    if (reply?.protocol !== PROTOCOL_VERSION) {
      throw unavailable(
        `the iframe compute host at ${url} speaks protocol ${String(reply?.protocol)}, expected ${PROTOCOL_VERSION} (a stale host page?)`,
      );
    }
    return engine;
  } catch (error) {
    await engine.dispose();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
