import { describe, expect, it } from 'vitest';
import {
  parseRetryAfter,
  type RetryInfo,
  retrying,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '../../src/index.js';

const ok: TransportResponse = { status: 200, headers: {}, body: { ok: true } };
const limited = (headers: Record<string, string> = {}, body: unknown = {}): TransportResponse => ({
  status: 429,
  headers,
  body,
});
const REQUEST: TransportRequest = { method: 'GET', url: 'https://api.example.com/items' };

/** A transport that answers from a script and counts its calls. */
function scripted(responses: (TransportResponse | Error)[]) {
  const calls: TransportRequest[] = [];
  const transport: Transport = async (request) => {
    calls.push(request);
    const next = responses.shift();
    if (next === undefined) throw new Error('no more scripted responses');
    if (next instanceof Error) throw next;
    return next;
  };
  return { transport, calls };
}

function fakeSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    signal?.throwIfAborted();
    waits.push(ms);
  };
  return { waits, sleep };
}

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates (relative to now; past dates are 0)', () => {
    const now = Date.UTC(2015, 9, 21, 7, 28, 0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});

describe('retrying', () => {
  it('waits exactly what Retry-After asks (seconds, then an HTTP date) and returns the success', async () => {
    const now = Date.UTC(2024, 0, 1);
    const { transport, calls } = scripted([
      limited({ 'retry-after': '3' }),
      limited({ 'retry-after': new Date(now + 7000).toUTCString() }),
      ok,
    ]);
    const { waits, sleep } = fakeSleep();
    const retries: RetryInfo[] = [];
    const response = await retrying(transport, { sleep, now: () => now, onRetry: (r) => retries.push(r) })(
      REQUEST,
    );
    expect(response).toBe(ok);
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([3000, 7000]);
    expect(retries.map((r) => [r.attempt, r.reason, r.status])).toEqual([
      [1, 'retry-after', 429],
      [2, 'retry-after', 429],
    ]);
  });

  it('backs off exponentially with seeded jitter when there is no Retry-After: same seed, same waits', async () => {
    const run = async (seed: number) => {
      const { transport } = scripted([limited(), limited(), limited(), { ...ok, status: 200 }]);
      const { waits, sleep } = fakeSleep();
      await retrying(transport, { sleep, seed, baseDelayMs: 100 })(REQUEST);
      return waits;
    };
    const a = await run(7);
    expect(a).toEqual(await run(7));
    expect(a).not.toEqual(await run(8));
    // n-th retry waits between ½ and 1 × 100 · 2ⁿ⁻¹.
    a.forEach((w, n) => {
      expect(w).toBeGreaterThanOrEqual(50 * 2 ** n);
      expect(w).toBeLessThanOrEqual(100 * 2 ** n);
    });
  });

  it('gives up after maxRetries and returns the last response', async () => {
    const { transport, calls } = scripted([limited(), limited(), limited()]);
    const { waits, sleep } = fakeSleep();
    const response = await retrying(transport, { sleep, maxRetries: 2, baseDelayMs: 10 })(REQUEST);
    expect(response.status).toBe(429);
    expect(calls).toHaveLength(3);
    expect(waits).toHaveLength(2);
  });

  it('does not wait longer than maxDelayMs: a long Retry-After is returned to the caller at once', async () => {
    const { transport, calls } = scripted([limited({ 'retry-after': '86400' })]);
    const { waits, sleep } = fakeSleep();
    const response = await retrying(transport, { sleep, maxDelayMs: 60_000 })(REQUEST);
    expect(response.status).toBe(429);
    expect(calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('lets the source advise: a wait, or stop (e.g. a daily quota)', async () => {
    const advice = (r: TransportResponse) => {
      const policy = (r.body as { policyName?: string }).policyName;
      return policy === 'DAILY' ? ('stop' as const) : policy === 'TEN_SECONDLY_ROLLING' ? 10_000 : undefined;
    };
    const { transport } = scripted([
      limited({}, { policyName: 'TEN_SECONDLY_ROLLING' }),
      limited({}, { policyName: 'DAILY' }),
    ]);
    const { waits, sleep } = fakeSleep();
    const response = await retrying(transport, { sleep, advice })(REQUEST);
    expect(response.status).toBe(429);
    expect(waits).toEqual([10_000]);
  });

  it('retries 503 and network failures, not 400 or 404', async () => {
    const { transport, calls } = scripted([
      { status: 503, headers: { 'retry-after': '1' }, body: '' },
      new TypeError('fetch failed'),
      ok,
    ]);
    const { waits, sleep } = fakeSleep();
    expect(await retrying(transport, { sleep, baseDelayMs: 10 })(REQUEST)).toBe(ok);
    expect(calls).toHaveLength(3);
    expect(waits[0]).toBe(1000);
    for (const status of [400, 404]) {
      const s = scripted([{ status, headers: {}, body: '' }]);
      expect((await retrying(s.transport, { sleep })(REQUEST)).status).toBe(status);
      expect(s.calls).toHaveLength(1);
    }
  });

  it('rejects with the abort reason during a wait and sends nothing more', async () => {
    const controller = new AbortController();
    const { transport, calls } = scripted([limited({ 'retry-after': '5' }), ok]);
    const sleep = async (_ms: number, signal?: AbortSignal) => {
      controller.abort();
      signal?.throwIfAborted();
    };
    await expect(retrying(transport, { sleep, signal: controller.signal })(REQUEST)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(calls).toHaveLength(1);
  });

  it('passes its signal to requests that have none (so fetch can abort in flight)', async () => {
    const controller = new AbortController();
    const { transport, calls } = scripted([ok]);
    await retrying(transport, { signal: controller.signal })(REQUEST);
    expect(calls[0]!.signal).toBe(controller.signal);
  });
});
