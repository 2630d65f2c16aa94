/** Why an adapter stopped (as opposed to a record it could not map, which is a warning). */
export type AdapterErrorCode =
  /** The source answered with an HTTP error status. */
  | 'http'
  /** 401/403: the credentials (or the token broker's session) were refused. */
  | 'unauthorized'
  /** Still rate-limited after the retries, or told to wait longer than `maxDelayMs` (e.g. a daily quota). */
  | 'rate-limited'
  /** The response is not in the expected shape (not JSON, no record array, …). */
  | 'format'
  /** Paging went wrong: a repeated cursor, a next link to another origin. */
  | 'paging'
  /** The mapping itself is invalid (unknown field, bad path, required field not mapped). */
  | 'mapping'
  /** A resume token that is malformed or belongs to another adapter. */
  | 'resume';

/**
 * A failure that stops an adapter. Messages name the request (method, origin and path; no query string, no
 * headers) and the status, never a response body: bodies may echo record values.
 */
export class AdapterError extends Error {
  override name = 'AdapterError';
  constructor(
    readonly code: AdapterErrorCode,
    message: string,
    /** HTTP status, for `http`, `unauthorized` and `rate-limited`. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** `METHOD origin/path` of a URL, without its query string (which may carry cursors or filter values). */
export function describeRequest(method: string, url: string): string {
  try {
    const u = new URL(url);
    return `${method} ${u.origin}${u.pathname}`;
  } catch {
    return `${method} (invalid URL)`;
  }
}
