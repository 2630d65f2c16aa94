import { IngestError } from '@crm-lens/core';
import type { EngineErrorCode, WireError } from './protocol.js';

const CODES: ReadonlySet<string> = new Set<EngineErrorCode>([
  'aborted',
  'ingest',
  'unknown-dataset',
  'invalid-request',
  'host-unavailable',
  'disposed',
  'internal',
]);

/** Every rejection of an engine: a code to branch on and a message to show. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly code: EngineErrorCode;

  constructor(code: EngineErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** The plain object that crosses a thread boundary (class instances lose their fields on the way). */
  toWire(): WireError {
    return { name: 'EngineError', code: this.code, message: this.message };
  }

  static fromWire(wire: WireError): EngineError {
    return new EngineError(wire.code, wire.message);
  }
}

/** Whether a value is a {@link WireError} (a rejection that came across a boundary). */
export function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<WireError>;
  return (
    v.name === 'EngineError' &&
    typeof v.code === 'string' &&
    CODES.has(v.code) &&
    typeof v.message === 'string'
  );
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && typeof (error as Error).message === 'string') {
    return (error as Error).message;
  }
  return String(error);
}

/**
 * Any failure as an EngineError: ingestion failures become `ingest` (or `aborted`) with core's message, an
 * AbortError `aborted`, a WireError its own code; anything else is an `internal` error with its message.
 */
export function toEngineError(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  if (isWireError(error)) return EngineError.fromWire(error);
  // By name too: an IngestError from another copy of core fails instanceof.
  if (error instanceof IngestError || (error as Error | undefined)?.name === 'IngestError') {
    const code = (error as IngestError).code === 'aborted' ? 'aborted' : 'ingest';
    return new EngineError(code, messageOf(error), { cause: error });
  }
  if ((error as Error | undefined)?.name === 'AbortError') {
    return new EngineError('aborted', messageOf(error) || 'the request was cancelled', { cause: error });
  }
  return new EngineError('internal', messageOf(error), { cause: error });
}

/** The WireError of any failure. */
export function toWireError(error: unknown): WireError {
  return toEngineError(error).toWire();
}

/**
 * The error of a cancelled request, naming the signal's reason when it has one. A reason that is itself an
 * EngineError (a dropped dataset, a disposed host) is the error.
 */
export function abortedError(signal?: AbortSignal): EngineError {
  const reason = signal?.reason;
  if (reason instanceof EngineError) return reason;
  const detail =
    reason === undefined || (reason as Error | undefined)?.name === 'AbortError'
      ? ''
      : `: ${messageOf(reason)}`;
  return new EngineError('aborted', `the request was cancelled${detail}`);
}

/** Throw {@link abortedError} if the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError(signal);
}
