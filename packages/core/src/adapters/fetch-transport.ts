import type { Transport, TransportResponse } from './types.js';

export interface FetchTransportOptions {
  /** The fetch to use (default: the global one). */
  readonly fetch?: typeof fetch;
  /** Sent with every request, e.g. `{ accept: 'application/json' }`. Per-request headers win. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Cookies on cross-origin requests: `include` when a token broker on another origin keeps a session cookie.
   * Default `same-origin`.
   */
  readonly credentials?: 'omit' | 'same-origin' | 'include';
}

const isJson = (contentType: string) => /[/+]json\b/i.test(contentType);

/** The default transport: the platform's `fetch` (browsers, workers, Node ≥ 18). */
export function fetchTransport(options: FetchTransportOptions = {}): Transport {
  return async (request) => {
    const doFetch = options.fetch ?? fetch;
    const response = await doFetch(request.url, {
      method: request.method,
      headers: { ...options.headers, ...request.headers },
      ...(request.body !== undefined ? { body: request.body } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
      credentials: options.credentials ?? 'same-origin',
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const type = request.responseType ?? 'json';
    let body: unknown;
    if (type === 'bytes') body = new Uint8Array(await response.arrayBuffer());
    else {
      const text = await response.text();
      body = text;
      if (type === 'json' && isJson(headers['content-type'] ?? '') && text.trim() !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          // Left as text: the pager reports a `format` error without echoing the body.
        }
      }
    }
    const result: TransportResponse = { status: response.status, headers, body };
    return result;
  };
}
