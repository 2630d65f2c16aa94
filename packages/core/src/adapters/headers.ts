/**
 * Headers as a host SDK passes them on an error object (e.g. a `Retry-After`), in the form `retrying` reads:
 * names lower-cased, string values only; anything that is not an object gives none.
 */
export function stringHeaders(headers: unknown): Record<string, string> {
  if (headers === null || typeof headers !== 'object') return {};
  return Object.fromEntries(
    Object.entries(headers)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([k, v]) => [k.toLowerCase(), v]),
  );
}
