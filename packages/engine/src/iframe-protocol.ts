// The handshake between a page and its iframe compute host (iframe-engine.ts on the page, iframe-host.ts in the
// host page), and the host page's allow-list of the origins that may embed it. No DOM here: unit-tested in Node.
//
//   host page → page    window.postMessage({ type: READY }, '*')                 nothing secret: "I am listening"
//   page → host page    frame.postMessage({ type: CONNECT, … }, hostOrigin, [port])   only to the expected origin
//   host page → page    port.postMessage({ type: CONNECTED })                    then comlink over the port
//
// Each side checks `event.source` (the frame's window / the page that framed it) and `event.origin` (the expected
// host origin / the allow-list) before it acts on a window message. After CONNECT everything travels on the
// MessagePort, which only the two ends hold: no other window can speak on it, or listen.

/** The host page says it is listening (sent to its parent on load, and again after a reload). */
export const READY = 'crm-lens:compute-ready';
/** The page hands the host page a MessagePort (transferred with the message). */
export const CONNECT = 'crm-lens:compute-connect';
/** The host page accepted the port (sent on the port, before comlink takes it over). */
export const CONNECTED = 'crm-lens:compute-connected';

/** `<meta name="crm-lens-allowed-origins" content="https://a.example https://*.b.example">` in the host page. */
export const ALLOWED_ORIGINS_META = 'crm-lens-allowed-origins';

export interface ReadyMessage {
  readonly type: typeof READY;
}

export interface ConnectMessage {
  readonly type: typeof CONNECT;
  /** The page's PROTOCOL_VERSION (the ping checks it again, over the port). */
  readonly protocol: number;
  /** The page's handshake timeout, for the host page's own worker handshake (clamped there). */
  readonly pingTimeoutMs: number;
}

export interface ConnectedMessage {
  readonly type: typeof CONNECTED;
}

/** Whether a message's data is a handshake message of this type. */
export function isMessage<T extends { readonly type: string }>(data: unknown, type: T['type']): data is T {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === type;
}

/** One allow-list entry: an exact origin, or every subdomain of a host (`https://*.example.com`). */
export interface OriginPattern {
  readonly scheme: 'http:' | 'https:';
  /** Lower case, without the `*.`; an IPv6 address in brackets. */
  readonly host: string;
  /** '' for the scheme's default port. */
  readonly port: string;
  /** `*.host`: any subdomain of `host`, at any depth — not `host` itself (as in CSP source lists). */
  readonly subdomains: boolean;
}

// scheme :// [*.] host [:port] [/]  — a serialised origin, with an optional leading `*.` and trailing slash.
const ORIGIN =
  /^(https?):\/\/(\*\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?\/?$/;

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

function parseOrigin(text: string, allowWildcard: boolean): OriginPattern | undefined {
  const match = ORIGIN.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const scheme = `${match[1]}:` as 'http:' | 'https:';
  const subdomains = match[2] !== undefined;
  const host = match[3]!;
  if (subdomains && (!allowWildcard || host.startsWith('[') || !host.includes('.'))) {
    // `*.com` or `*.[::1]` would allow far more than anyone means: refused.
    return undefined;
  }
  const port = match[4] ?? '';
  if (port !== '' && Number(port) > 65535) return undefined;
  return { scheme, host, port: port === DEFAULT_PORTS[scheme] ? '' : port, subdomains };
}

/**
 * The allow-list as the host page's deployer wrote it: origins separated by spaces or commas, each exact
 * (`https://acme.my.salesforce.com`) or a leading-`*.` wildcard of subdomains (`https://*.lightning.force.com`).
 * Anything else — paths, `*`, `null`, a wildcard elsewhere, a wildcard of a bare top-level domain — is returned in
 * `invalid` and never matches.
 */
export function parseAllowedOrigins(text: string): { patterns: OriginPattern[]; invalid: string[] } {
  const patterns: OriginPattern[] = [];
  const invalid: string[] = [];
  for (const entry of text.split(/[\s,]+/)) {
    if (entry === '') continue;
    const pattern = parseOrigin(entry, true);
    if (pattern) patterns.push(pattern);
    else invalid.push(entry);
  }
  return { patterns, invalid };
}

/** Whether a message's `event.origin` is on the allow-list (an opaque origin, `null`, never is). */
export function originAllowed(origin: string, patterns: readonly OriginPattern[]): boolean {
  const actual = parseOrigin(origin, false);
  if (!actual) return false;
  return patterns.some(
    (p) =>
      p.scheme === actual.scheme &&
      p.port === actual.port &&
      (p.subdomains ? actual.host.endsWith(`.${p.host}`) : actual.host === p.host),
  );
}
