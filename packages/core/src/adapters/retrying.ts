import { seededRandom } from '../util/random.js';
import { checkAborted, type Sleep, timerSleep } from './abort.js';
import type { Transport, TransportResponse } from './types.js';

/** One retry about to happen (for progress displays; carries no request or response content). */
export interface RetryInfo {
  /** 1 for the first retry. */
  readonly attempt: number;
  readonly delayMs: number;
  /** The status that caused it; absent for a network failure. */
  readonly status?: number;
  /** Where the delay came from. */
  readonly reason: 'retry-after' | 'advice' | 'backoff';
}

export interface RetryOptions {
  /** Retries after the first attempt (default 5). */
  readonly maxRetries?: number;
  /** Backoff base: the n-th retry waits between ½ and 1 × `baseDelayMs · 2ⁿ⁻¹` (default 500 ms). */
  readonly baseDelayMs?: number;
  /**
   * Longest single wait (default 60 s). Backoff is capped at it; a server asking for longer (`Retry-After`, a
   * daily quota) is not waited for: the response is returned as it is and the caller reports it.
   */
  readonly maxDelayMs?: number;
  /** Aborts the waits (and is passed to requests that carry no signal of their own). */
  readonly signal?: AbortSignal;
  /** Injectable sleep (tests pass a fake that records the waits). */
  readonly sleep?: Sleep;
  /** Seed of the backoff jitter, so waits are reproducible (default 1). */
  readonly seed?: number;
  /** Clock for `Retry-After` given as an HTTP date (default `Date.now`). */
  readonly now?: () => number;
  /** Statuses to retry (default 429, 502, 503, 504). */
  readonly retryStatuses?: readonly number[];
  /** Retry when the transport rejects without a response (default true; never after an abort). */
  readonly retryNetworkErrors?: boolean;
  /**
   * Source-specific reading of a retryable response, consulted before `Retry-After`: a wait in milliseconds,
   * `'stop'` to give up at once (e.g. a daily quota), or undefined for the default.
   */
  readonly advice?: (response: TransportResponse) => number | 'stop' | undefined;
  readonly onRetry?: (info: RetryInfo) => void;
}

const DEFAULT_STATUSES = [429, 502, 503, 504];

/**
 * Milliseconds a `Retry-After` header asks for: delay-seconds (`120`) or an HTTP date (`Wed, 21 Oct 2015
 * 07:28:00 GMT`, relative to `now`; a past date is 0). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Wraps a transport so that rate limits and transient failures are retried: 429, 502, 503 and 504 responses
 * (and network failures) are sent again after the server's `Retry-After` (seconds or an HTTP date) or, without
 * one, after an exponential backoff with deterministic (seeded) jitter. Gives up after `maxRetries`, returning
 * the last response. Aborting the signal rejects at once with its reason.
 */
export function retrying(transport: Transport, options: RetryOptions = {}): Transport {
  const maxRetries = options.maxRetries ?? 5;
  const base = options.baseDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? timerSleep;
  const now = options.now ?? Date.now;
  const statuses = options.retryStatuses ?? DEFAULT_STATUSES;
  const random = seededRandom(options.seed ?? 1);
  const backoff = (attempt: number) => {
    const ceiling = Math.min(maxDelay, base * 2 ** attempt);
    return Math.round(ceiling / 2 + (random.next() * ceiling) / 2);
  };

  return async (request) => {
    const signal = request.signal ?? options.signal;
    const sent = signal && !request.signal ? { ...request, signal } : request;
    for (let attempt = 0; ; attempt++) {
      checkAborted(signal);
      checkAborted(options.signal);
      let response: TransportResponse;
      try {
        response = await transport(sent);
      } catch (error) {
        checkAborted(signal);
        checkAborted(options.signal);
        if (options.retryNetworkErrors === false || attempt >= maxRetries) throw error;
        const delayMs = backoff(attempt);
        options.onRetry?.({ attempt: attempt + 1, delayMs, reason: 'backoff' });
        await sleep(delayMs, signal ?? options.signal);
        continue;
      }
      if (!statuses.includes(response.status) || attempt >= maxRetries) return response;
      const advised = options.advice?.(response);
      if (advised === 'stop') return response;
      let delayMs: number;
      let reason: RetryInfo['reason'];
      const retryAfter = parseRetryAfter(response.headers['retry-after'], now());
      if (advised !== undefined) {
        delayMs = advised;
        reason = 'advice';
      } else if (retryAfter !== undefined) {
        delayMs = retryAfter;
        reason = 'retry-after';
      } else {
        delayMs = backoff(attempt);
        reason = 'backoff';
      }
      if (delayMs > maxDelay) return response;
      options.onRetry?.({ attempt: attempt + 1, delayMs, status: response.status, reason });
      await sleep(delayMs, signal ?? options.signal);
    }
  };
}
