import {
  AdapterError,
  type RetryOptions,
  retrying,
  stringHeaders,
  type Transport,
  type TransportResponse,
  untilAborted,
} from '@crm-lens/core';
import type { ZohoApiError, ZohoCrmApi } from './zoho-types.js';

/** The SDK methods the adapter calls. */
export type ZohoSdkMethod = 'getAllRecords' | 'searchRecord' | 'getRelatedRecords';

/**
 * One SDK call with retries: `call(method, config, signal)` resolves with what the SDK resolved with, or rejects
 * with an `AdapterError` (or the signal's reason when aborted).
 */
export type ZohoSdkCall = (
  method: ZohoSdkMethod,
  config: Readonly<Record<string, unknown>> & { readonly Entity: string },
  signal?: AbortSignal,
) => Promise<unknown>;

/** Zoho error codes read as "refused" (the user or the widget lacks access). */
const UNAUTHORIZED_CODES = new Set([
  'AUTHENTICATION_FAILURE',
  'INVALID_TOKEN',
  'OAUTH_SCOPE_MISMATCH',
  'NO_PERMISSION',
  'NOT_ALLOWED',
]);

/** A Zoho error code (`TOO_MANY_REQUESTS`), or undefined: only enum-like codes are ever repeated in messages. */
function errorCode(error: unknown): string | undefined {
  const code = (error as ZohoApiError | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : undefined;
}

/**
 * The HTTP-like status of an SDK rejection: a numeric `status` when the host gives one; else by Zoho's error
 * code — `TOO_MANY_REQUESTS` is 429 (the API's status for it), refusals 403, anything else 400 (not retried).
 */
export function rejectionStatus(error: unknown): number {
  const e = error as ZohoApiError | null;
  const status = typeof e?.status === 'number' ? e.status : Number.NaN;
  if (Number.isInteger(status) && status >= 400 && status <= 599) return status;
  const code = errorCode(error);
  if (code === 'TOO_MANY_REQUESTS') return 429;
  if (code !== undefined && UNAUTHORIZED_CODES.has(code)) return 403;
  return 400;
}

/** The headers of a rejection (e.g. a `Retry-After` the host passes along), lower-cased, strings only. */
function rejectionHeaders(error: unknown): Record<string, string> {
  return stringHeaders((error as ZohoApiError | null)?.headers);
}

const describe = (method: string, entity: string) => `ZOHO.CRM.API.${method}(${entity})`;

/**
 * The SDK as a `Transport`, so that core's `retrying` (Retry-After, seeded backoff, `maxDelayMs`, abortable waits)
 * applies to it unchanged. The SDK has no HTTP: each call becomes a pseudo-request (`zoho-sdk:<method>/<Entity>`,
 * the config as its body); a resolved call is a 200 whose body is the SDK's value; a rejected call (the host's
 * failure payload) is a response with {@link rejectionStatus} and the payload's `headers`, if any. An `Error`
 * thrown by the SDK itself (not initialised, no parent window) is a transport failure.
 */
export function sdkTransport(api: ZohoCrmApi): Transport {
  return async (request) => {
    const { method, config } = JSON.parse(request.body ?? '{}') as {
      method: ZohoSdkMethod;
      config: Record<string, unknown> & { Entity: string };
    };
    const fn = api[method] as ((config: unknown) => Promise<unknown>) | undefined;
    if (typeof fn !== 'function') {
      throw new AdapterError('format', `the Zoho SDK has no ${describe(method, config.Entity)}`);
    }
    let body: unknown;
    try {
      body = await untilAborted(
        Promise.resolve().then(() => fn.call(api, config)),
        request.signal,
      );
    } catch (error) {
      request.signal?.throwIfAborted();
      if (error instanceof Error) throw error;
      const response: TransportResponse = {
        status: rejectionStatus(error),
        headers: rejectionHeaders(error),
        body: error,
      };
      return response;
    }
    return { status: 200, headers: {}, body };
  };
}

/**
 * SDK calls with retries: core's `retrying` over {@link sdkTransport}. Rate-limit rejections (429 /
 * `TOO_MANY_REQUESTS`) are retried after the host's `Retry-After` if it passes one, else after a seeded
 * exponential backoff; an SDK `Error` is not retried (`retryNetworkErrors` defaults to false here). Failures become
 * `AdapterError`s naming the call and Zoho's error code, never the payload's message or details.
 */
export function sdkCaller(api: ZohoCrmApi, retry: RetryOptions | false = {}): ZohoSdkCall {
  const base = sdkTransport(api);
  const transport = retry === false ? base : retrying(base, { retryNetworkErrors: false, ...retry });
  return async (method, config, signal) => {
    const response = await transport({
      method: 'GET',
      url: `zoho-sdk:${method}/${encodeURIComponent(config.Entity)}`,
      body: JSON.stringify({ method, config }),
      ...(signal ? { signal } : {}),
    });
    if (response.status >= 200 && response.status <= 299) return response.body;
    const code = errorCode(response.body);
    const what = `${describe(method, config.Entity)} failed${code ? ` with ${code}` : ''} (${response.status})`;
    if (response.status === 429) {
      throw new AdapterError('rate-limited', `${what}: still rate-limited after retrying`, 429);
    }
    if (response.status === 401 || response.status === 403) {
      throw new AdapterError(
        'unauthorized',
        `${what}: the user or the widget may not read this module`,
        response.status,
      );
    }
    throw new AdapterError('http', what, response.status);
  };
}
