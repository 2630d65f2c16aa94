import { AdapterError } from './errors.js';

/** A compiled path: reads one value out of a JSON record (undefined when any step is missing). */
export type PathReader = (record: unknown) => unknown;

type Step = string | number;

const cache = new Map<string, PathReader>();

/**
 * Compile a path into a reader. Paths are dot-separated keys with array indexes, as in
 * `properties.amount` or `associations.companies.results[0].id`; a key with dots, brackets or quotes in it is
 * written in brackets and quotes: `["@odata.nextLink"]`, `properties["Net.Price"]`. The empty path is the
 * record itself. Keys are own properties only (no prototype lookups).
 *
 * @throws {AdapterError} code `mapping` for a malformed path
 */
export function compilePath(path: string): PathReader {
  const cached = cache.get(path);
  if (cached) return cached;
  const steps = parsePath(path);
  const reader: PathReader = (record) => {
    let value: unknown = record;
    for (const step of steps) {
      if (value === null || typeof value !== 'object') return undefined;
      if (typeof step === 'number') {
        if (!Array.isArray(value)) return undefined;
        value = value[step];
      } else {
        if (!Object.hasOwn(value, step)) return undefined;
        value = (value as Record<string, unknown>)[step];
      }
    }
    return value;
  };
  if (cache.size < 1000) cache.set(path, reader);
  return reader;
}

/** Read one path out of a record. */
export function getPath(record: unknown, path: string): unknown {
  return compilePath(path)(record);
}

function parsePath(path: string): Step[] {
  const steps: Step[] = [];
  let pos = 0;
  const fail = (what: string): never => {
    throw new AdapterError('mapping', `path "${path}" at position ${pos + 1}: ${what}`);
  };
  let expectKey = true;
  while (pos < path.length) {
    const ch = path[pos]!;
    if (ch === '[') {
      const quote = path[pos + 1];
      if (quote === '"' || quote === "'") {
        // The key ends at the closing quote followed by "]", so "." and "]" inside the quotes are part of it.
        const end = path.indexOf(`${quote}]`, pos + 2);
        if (end < 0) fail(`quoted key is not closed with ${quote}]`);
        steps.push(path.slice(pos + 2, end));
        pos = end + 2;
      } else {
        const close = path.indexOf(']', pos);
        if (close < 0) fail('"[" is not closed');
        const inner = path.slice(pos + 1, close);
        if (!/^\d+$/.test(inner)) fail('brackets hold an index ([0]) or a quoted key (["a.b"])');
        steps.push(Number(inner));
        pos = close + 1;
      }
      expectKey = false;
    } else if (ch === '.') {
      if (expectKey) fail('empty key');
      pos++;
      expectKey = true;
      if (pos === path.length) fail('path ends with "."');
    } else {
      if (!expectKey) fail('expected "." or "["');
      let end = pos;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
      steps.push(path.slice(pos, end));
      pos = end;
      expectKey = false;
    }
  }
  return steps;
}
