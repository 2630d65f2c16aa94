export { fakeSleep } from '@crm-lens/testing';

import type { ZohoCrmApi } from '../../src/index.js';

/** One recorded SDK call, as stored in `test/fixtures/*.json`. */
export interface RecordedCall {
  readonly method: 'getAllRecords' | 'searchRecord' | 'getRelatedRecords';
  readonly config: Readonly<Record<string, unknown>>;
  /** What the SDK's promise resolves with (`null`: nothing, as for a module without records). */
  readonly resolve?: unknown;
  /** What it rejects with (the host's failure payload). */
  readonly reject?: unknown;
  /** How many times it may be served (default: always); a rejection recorded before a success has `times: 1`. */
  readonly times?: number;
}

export interface SdkFixture {
  readonly description: string;
  readonly calls: readonly RecordedCall[];
}

/** JSON with object keys sorted, so key order does not matter when comparing configs. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/**
 * Answers one SDK call from the recordings (earlier ones first, one-shot ones until used up): `{ resolve }` or
 * `{ reject }`. An unrecorded call is an Error naming the method and config (no recorded content).
 */
export function recordedAnswer(
  recorded: readonly RecordedCall[],
  remaining: number[],
  method: string,
  config: unknown,
): { resolve: unknown } | { reject: unknown } {
  const key = canonical(config);
  const index = recorded.findIndex(
    (c, i) => remaining[i]! > 0 && c.method === method && canonical(c.config) === key,
  );
  if (index < 0) throw new Error(`no recorded SDK call for ${method} ${key}`);
  remaining[index]!--;
  const call = recorded[index]!;
  return 'reject' in call
    ? { reject: structuredClone(call.reject) }
    : { resolve: structuredClone(call.resolve) };
}

/** A stand-in `ZOHO.CRM.API` that replays recorded calls and records every call it gets. */
export function replaySdk(recorded: readonly RecordedCall[]) {
  const remaining = recorded.map((c) => c.times ?? Number.POSITIVE_INFINITY);
  const calls: { method: string; config: Record<string, unknown> }[] = [];
  const answer = async (method: string, config: Record<string, unknown>) => {
    calls.push({ method, config: { ...config } });
    const a = recordedAnswer(recorded, remaining, method, config);
    if ('reject' in a) throw a.reject;
    return a.resolve === null ? undefined : a.resolve;
  };
  const api: ZohoCrmApi = {
    getAllRecords: (config) => answer('getAllRecords', { ...config }),
  };
  return { api, calls };
}
