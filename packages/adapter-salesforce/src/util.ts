/** An enum-like error code (`INVALID_FIELD`, `ValidationError`), or undefined: only such codes are ever repeated. */
export function enumCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(value) ? value : undefined;
}
