import {
  AdapterError,
  type RetryOptions,
  retrying,
  stringHeaders,
  type Transport,
  type TransportResponse,
  untilAborted,
} from '@crm-lens/core';
import type { DynamicsErrorResponse, DynamicsWebApi } from './dynamics-types.js';

/**
 * One `retrieveMultipleRecords` call with retries: resolves with what the host resolved with, or rejects with an
 * `AdapterError` (or the signal's reason when aborted).
 */
export type WebApiCall = (
  request: { readonly table: string; readonly options: string; readonly maxPageSize: number },
  signal?: AbortSignal,
) => Promise<unknown>;

/**
 * Dataverse's service protection limits (docs: "Service protection API limits"): the Web API answers 429 Too Many
 * Requests with a `Retry-After` header, and the error's code says which limit — number of requests (0x80072322),
 * combined execution time (0x80072321), concurrent requests (0x80072326).
 */
export const SERVICE_PROTECTION_CODES: ReadonlySet<number> = new Set([0x80072322, 0x80072321, 0x80072326]);

/**
 * Codes read as "refused": the user lacks a privilege on the table (0x80040220, `SecLib::CheckPrivilege failed`,
 * e.g. no prvReadSalesOrder) or access to records (0x80048306, `SecLib::AccessCheckEx failed`).
 */
export const PRIVILEGE_CODES: ReadonlySet<number> = new Set([0x80040220, 0x80048306]);

/**
 * A Dataverse error code as an unsigned 32-bit number: hosts give it signed (−2147015902), unsigned (2147951394) or
 * as hex text (`0x80072322`). Undefined when there is none.
 */
export function errorCodeOf(error: unknown): number | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const e = error as DynamicsErrorResponse;
  for (const raw of [e.errorCode, e.code]) {
    let n: number | undefined;
    if (typeof raw === 'number' && Number.isInteger(raw)) n = raw;
    else if (typeof raw === 'string' && /^0x[0-9a-f]{1,8}$/i.test(raw)) n = Number.parseInt(raw.slice(2), 16);
    else if (typeof raw === 'string' && /^-?\d{1,10}$/.test(raw)) n = Number(raw);
    if (n !== undefined && n >= -0x80000000 && n <= 0xffffffff && n !== 0) return n >>> 0;
  }
  return undefined;
}

/** `0x80072322`: how error codes are written in Dataverse's documentation (never a message). */
export const hexCode = (code: number) => `0x${code.toString(16).toUpperCase().padStart(8, '0')}`;

/**
 * The HTTP-like status of a rejected call: a numeric `status` / `statusCode` / `httpStatusCode` when the host gives
 * one; else by Dataverse's error code — a service protection limit is 429, a missing privilege 403, anything else
 * 400 (not retried).
 */
export function rejectionStatus(error: unknown): number {
  const e = (error ?? {}) as DynamicsErrorResponse;
  for (const s of [e.status, e.statusCode, e.httpStatusCode]) {
    if (typeof s === 'number' && Number.isInteger(s) && s >= 400 && s <= 599) return s;
  }
  const code = errorCodeOf(error);
  if (code !== undefined && SERVICE_PROTECTION_CODES.has(code)) return 429;
  if (code !== undefined && PRIVILEGE_CODES.has(code)) return 403;
  return 400;
}

/** The headers of a rejection (e.g. a `Retry-After` the host passes along), lower-cased, strings only. */
function rejectionHeaders(error: unknown): Record<string, string> {
  return stringHeaders((error as DynamicsErrorResponse | null)?.headers);
}

/** Whether a rejection is the platform's error object (as opposed to a bug or a missing API, an `Error` of its own). */
function isErrorResponse(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  if (!(error instanceof Error)) return true;
  const e = error as DynamicsErrorResponse;
  return errorCodeOf(error) !== undefined || typeof e.status === 'number';
}

/** How a call is named in errors: the method and the table, never the query (it may hold filter values). */
export const describeCall = (table: string) => `context.webAPI.retrieveMultipleRecords(${table})`;

/**
 * `context.webAPI` as a `Transport`, so that core's `retrying` (Retry-After, seeded backoff, `maxDelayMs`, abortable
 * waits) applies to it unchanged. Each call becomes a pseudo-request (`dataverse-webapi:retrieveMultipleRecords/
 * <table>`, the arguments as its body); a resolved call is a 200 whose body is the host's value; a rejected call
 * (the platform's error object) is a response with {@link rejectionStatus} and the error's `headers`, if any. An
 * `Error` of the host's own without an error code (no Web API in this host, a bug) is a transport failure.
 */
export function webApiTransport(webAPI: DynamicsWebApi): Transport {
  return async (request) => {
    const { table, options, maxPageSize } = JSON.parse(request.body ?? '{}') as {
      table: string;
      options: string;
      maxPageSize: number;
    };
    if (typeof webAPI?.retrieveMultipleRecords !== 'function') {
      throw new AdapterError('format', `the host has no ${describeCall(table)}`);
    }
    let body: unknown;
    try {
      body = await untilAborted(
        Promise.resolve().then(() => webAPI.retrieveMultipleRecords(table, options, maxPageSize)),
        request.signal,
      );
    } catch (error) {
      request.signal?.throwIfAborted();
      if (!isErrorResponse(error)) throw error;
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
 * Dataverse's service protection limits are evaluated over a 5-minute window and its `Retry-After` can ask for
 * minutes, so the adapter waits longer than core's defaults: backoff from 2 s, waits up to 5 minutes.
 */
export const DYNAMICS_RETRY_DEFAULTS: RetryOptions = {
  retryNetworkErrors: false,
  baseDelayMs: 2000,
  maxDelayMs: 300_000,
};

/**
 * Web API calls with retries: core's `retrying` over {@link webApiTransport}. Service-protection rejections (429)
 * are retried after the `Retry-After` the host passes along, else after a seeded exponential backoff; an `Error`
 * of the host's own is not retried. Failures become `AdapterError`s naming the call, Dataverse's error code and the
 * status, never the error's message (it may name records or users).
 */
export function webApiCaller(webAPI: DynamicsWebApi, retry: RetryOptions | false = {}): WebApiCall {
  const base = webApiTransport(webAPI);
  const transport = retry === false ? base : retrying(base, { ...DYNAMICS_RETRY_DEFAULTS, ...retry });
  return async (call, signal) => {
    const response = await transport({
      method: 'GET',
      url: `dataverse-webapi:retrieveMultipleRecords/${encodeURIComponent(call.table)}`,
      body: JSON.stringify(call),
      ...(signal ? { signal } : {}),
    });
    if (response.status >= 200 && response.status <= 299) return response.body;
    const code = errorCodeOf(response.body);
    const what = `${describeCall(call.table)} failed${code !== undefined ? ` with error ${hexCode(code)}` : ''} (${response.status})`;
    if (response.status === 429) {
      throw new AdapterError(
        'rate-limited',
        `${what}: Dataverse's service protection limits still apply after retrying`,
        429,
      );
    }
    if (response.status === 401 || response.status === 403) {
      throw new AdapterError(
        'unauthorized',
        `${what}: the user's security roles may not read this table`,
        response.status,
      );
    }
    throw new AdapterError('http', what, response.status);
  };
}
