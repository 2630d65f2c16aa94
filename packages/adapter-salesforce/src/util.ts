/** An enum-like error code (`INVALID_FIELD`, `ValidationError`), or undefined: only such codes are ever repeated. */
export function enumCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(value) ? value : undefined;
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts (for calls that cannot cancel). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** `METHOD origin/path` of a URL, without its query string (a SOQL query, a cursor). */
export function describeRequest(method: string, url: string): string {
  try {
    const u = new URL(url);
    return `${method} ${u.origin}${u.pathname}`;
  } catch {
    return `${method} (invalid URL)`;
  }
}

/**
 * Throws the signal's reason if it has aborted (`signal.throwIfAborted()`, written out for environments that lack
 * it, such as older jsdom): an `AbortError` unless the caller gave another reason.
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  throw signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
