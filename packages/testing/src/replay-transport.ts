// Recorded HTTP exchanges for adapter contract tests: a transport that replays them (structurally core's
// `Transport`; typed here without importing core, which depends on this package for its own tests) and a sleep
// that records the waits a retry policy asks for.

/** The request a replayed transport is sent (the shape of core's `TransportRequest`). */
export interface ReplayRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly responseType?: 'json' | 'text' | 'bytes';
  readonly signal?: AbortSignal;
}

/** What it answers (the shape of core's `TransportResponse`). */
export interface ReplayResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** One recorded request and its response, as stored in `test/fixtures/*.json`. */
export interface Exchange {
  readonly request: { readonly method: 'GET' | 'POST'; readonly url: string; readonly body?: unknown };
  readonly response: {
    readonly status: number;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body: unknown;
  };
  /** How many times it may be served (default: always); a 429 recorded before a 200 has `times: 1`. */
  readonly times?: number;
}

export interface Fixture {
  readonly description: string;
  readonly exchanges: readonly Exchange[];
}

/** Query parameters compared as a sorted multiset, so parameter order does not matter. */
function sameUrl(a: string, b: string): boolean {
  const ua = new URL(a);
  const ub = new URL(b);
  const params = (u: URL) =>
    JSON.stringify([...u.searchParams].sort(([x, p], [y, q]) => x.localeCompare(y) || p.localeCompare(q)));
  return ua.origin === ub.origin && ua.pathname === ub.pathname && params(ua) === params(ub);
}

/** JSON with object keys sorted, so key order does not matter when comparing bodies. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/**
 * A transport that replays recorded exchanges (earlier ones first, one-shot ones until used up) and records
 * every request it is sent. An unrecorded request fails the test loudly.
 */
export function replay(exchanges: readonly Exchange[]) {
  const remaining = exchanges.map((e) => e.times ?? Number.POSITIVE_INFINITY);
  const calls: ReplayRequest[] = [];
  const transport = async (request: ReplayRequest): Promise<ReplayResponse> => {
    calls.push(request);
    request.signal?.throwIfAborted();
    const body = request.body !== undefined ? JSON.parse(request.body) : undefined;
    const index = exchanges.findIndex(
      (e, i) =>
        remaining[i]! > 0 &&
        e.request.method === request.method &&
        sameUrl(e.request.url, request.url) &&
        (e.request.body === undefined || canonical(e.request.body) === canonical(body)),
    );
    if (index < 0) throw new Error(`no recorded exchange for ${request.method} ${request.url}`);
    remaining[index]!--;
    const { status, headers = {}, body: responseBody } = exchanges[index]!.response;
    const response: ReplayResponse = {
      status,
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
      body: structuredClone(responseBody),
    };
    return response;
  };
  return { transport, calls };
}

/** A sleep that records the waits instead of waiting. */
export function fakeSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    signal?.throwIfAborted();
    waits.push(ms);
  };
  return { waits, sleep };
}
