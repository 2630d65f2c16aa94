import {
  type CustomerTable,
  type IngestInput,
  type IngestProgress,
  type IngestReport,
  type InteractionTable,
  ingestTransactions,
  type TransactionTable,
} from '@crm-lens/core';
import { decodeRows } from './columnarise.js';
import { EngineError, throwIfAborted } from './errors.js';
import { fetchOk } from './fetch-ok.js';
import type { HostLoadInput, WireIngestOptions } from './protocol.js';
import { yieldToHost } from './yield-to-host.js';

/** The canonical tables of a resident dataset (host-side access, for tools and tests). */
export interface ResidentTables {
  readonly transactions: TransactionTable;
  readonly customers?: CustomerTable;
  readonly interactions?: InteractionTable;
}

/** What a load produced: the tables to keep resident, and the ingestion report when there was an ingestion. */
export interface Loaded {
  readonly tables: ResidentTables;
  readonly report?: IngestReport;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Customer codes checked between two yields to the host (a millisecond or two). */
const CHECK_ROWS = 1 << 18;

/**
 * A light check of canonical tables handed in as such (they skip ingestion and its checks). The customer codes
 * are checked CHECK_ROWS at a time, with the host's turn in between.
 */
async function checkTables(
  input: Extract<HostLoadInput, { kind: 'tables' }>,
  signal: AbortSignal,
): Promise<void> {
  const t = input.transactions as Partial<TransactionTable> | undefined;
  const bad = (message: string): never => {
    throw new EngineError('invalid-request', `transactions table: ${message}`);
  };
  if (!isObject(t) || t.kind !== 'transactions') bad('expected a canonical table (kind "transactions")');
  const { length, customer, date, amount } = t as TransactionTable;
  if (!Number.isInteger(length) || length < 0) bad('length must be a whole number');
  if (!(customer?.codes instanceof Int32Array) || !Array.isArray(customer.dictionary)) {
    bad('customer must be a dictionary column (Int32Array codes + dictionary)');
  }
  if (customer.codes.length !== length) bad('customer.codes must have one code per row');
  for (let from = 0; from < length; from += CHECK_ROWS) {
    if (from > 0) {
      await yieldToHost();
      throwIfAborted(signal);
    }
    const row = codeOutside(
      customer.codes,
      customer.dictionary.length,
      from,
      Math.min(length, from + CHECK_ROWS),
    );
    if (row >= 0) bad(`row ${row} has customer code ${customer.codes[row]}, outside the dictionary`);
  }
  if (!(date instanceof Float64Array) || date.length !== length)
    bad('date must be a Float64Array, one per row');
  if (!(amount instanceof Float64Array) || amount.length !== length) {
    bad('amount must be a Float64Array, one per row');
  }
}

/** The first row in `from` … `to − 1` whose code is outside a dictionary of `size` values, or −1. */
function codeOutside(codes: Int32Array, size: number, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = codes[i]!;
    if (c < 0 || c >= size) return i;
  }
  return -1;
}

/** Bytes per step of reading an in-memory file. */
const PACE_BYTES = 1 << 18;

/**
 * In-memory bytes as chunks with a macrotask between them. Ingestion of a Uint8Array otherwise runs on
 * microtasks only: in the page that is one long task, and in a worker no `cancel` message gets through
 * until the whole file has been read.
 */
async function* paced(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += PACE_BYTES) {
    if (i > 0) await yieldToHost();
    yield bytes.subarray(i, i + PACE_BYTES);
  }
}

/** Core's ingestion of transactions, with the request's signal and progress. */
async function ingest(
  input: IngestInput,
  options: WireIngestOptions | undefined,
  signal: AbortSignal,
  onProgress: (p: IngestProgress) => void,
): Promise<Loaded> {
  // Pausing every few thousand rows keeps an in-thread host from blocking the page and lets a worker see
  // `cancel` messages during a long ingestion.
  const { table, report } = await ingestTransactions(input, {
    ...options,
    signal,
    onProgress,
    pause: yieldToHost,
  });
  return { tables: { transactions: table }, report };
}

/**
 * Every kind of load input, in the host: canonical tables as they are (checked), columns and bytes through
 * core's ingestion, a URL fetched here and its body streamed into ingestion, and columnarised rows decoded back
 * to the cells the rows had. `progress` gets core's ingestion progress with the share done, when known.
 */
export async function loadInput(
  input: HostLoadInput,
  signal: AbortSignal,
  progress: (p: IngestProgress, fraction?: number) => void,
): Promise<Loaded> {
  if (!isObject(input)) throw new EngineError('invalid-request', 'load needs an input object');
  switch (input.kind) {
    case 'tables':
      await checkTables(input, signal);
      return {
        tables: {
          transactions: input.transactions,
          ...(input.customers ? { customers: input.customers } : {}),
          ...(input.interactions ? { interactions: input.interactions } : {}),
        },
      };
    case 'columns': {
      if (!isObject(input.columns))
        throw new EngineError('invalid-request', 'columns must be an object of arrays');
      const first = Object.values(input.columns)[0];
      // A column is an array or dictionary-coded text ({ codes, dictionary }).
      const rows = first === undefined ? 0 : 'codes' in first ? first.codes.length : first.length;
      return ingest(input.columns, input.options, signal, (p) =>
        progress(p, rows > 0 ? p.rows / rows : undefined),
      );
    }
    case 'bytes': {
      const { bytes } = input;
      if (!(bytes instanceof Uint8Array))
        throw new EngineError('invalid-request', 'bytes must be a Uint8Array');
      return ingest(paced(bytes), input.options, signal, (p) =>
        progress(p, p.bytes !== undefined && bytes.length > 0 ? p.bytes / bytes.length : undefined),
      );
    }
    case 'url': {
      const response = await fetchOk(input.url, signal);
      const size = Number(response.headers.get('content-length') ?? Number.NaN);
      return ingest(response.body ?? new Uint8Array(0), input.options, signal, (p) =>
        progress(p, p.bytes !== undefined && size > 0 ? Math.min(1, p.bytes / size) : undefined),
      );
    }
    case 'encoded-rows': {
      const length = input.rows.length;
      const loaded = await ingest(decodeRows(input.rows), input.options, signal, (p) =>
        // The caller's columnarisation was the first half of the request.
        progress(p, length > 0 ? 0.5 + (0.5 * p.rows) / length : undefined),
      );
      // The report the rows themselves would give: they were read as rows, only carried as columns.
      const report = loaded.report!;
      return { ...loaded, report: { ...report, source: { ...report.source, format: 'rows' } } };
    }
    default:
      throw new EngineError(
        'invalid-request',
        `unknown load input kind "${String((input as { kind?: unknown }).kind)}"`,
      );
  }
}
