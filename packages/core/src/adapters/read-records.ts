import type { ByteInput } from '../ingest/byte-input.js';
import { openSource, type ReadOptions } from '../ingest/record-source.js';
import { checkAborted } from './abort.js';

/**
 * A record of a delimited file that could not be read (a broken quote, or more or fewer fields than the
 * header). `mapRecords` skips it with a warning naming its line, never its text.
 */
export class MalformedRecord {
  constructor(
    readonly code: 'malformed-line' | 'field-count',
    /** 1-based physical line the record starts on. */
    readonly line: number | undefined,
    /** What is wrong, without the line's content. */
    readonly detail: string,
  ) {}
}

export interface ReadRecordsOptions extends ReadOptions {
  readonly signal?: AbortSignal;
}

const PROBLEMS: Readonly<Record<string, string>> = {
  'unterminated-quote': 'a quote opens and never closes',
  'malformed-quotes': 'text follows a closing quote, or the line is not a record',
};

/**
 * Read a file's records as objects (column name → cell), in batches: CSV / TSV / whitespace-separated text, JSON
 * or JSON Lines, Arrow, gzip-compressed or not — with ingestion's reader (format and delimiter sniffing, RFC 4180
 * quoting, strict UTF-8). For adapters whose source is a file: the records then go through `mapRecords` like an
 * API's. Lines that cannot be read become `MalformedRecord`s in place, so record positions stay exact.
 */
export async function* readRecords(
  input: string | ByteInput,
  options: ReadRecordsOptions = {},
): AsyncGenerator<unknown[]> {
  const source = await openSource(input, options);
  const columns = source.columns;
  const checksWidth = source.description.format === 'csv' || source.description.format === 'whitespace';
  try {
    for await (const batch of source.batches()) {
      checkAborted(options.signal);
      const records: unknown[] = new Array(batch.size);
      for (let row = 0; row < batch.size; row++) {
        const problem = batch.problem(row);
        if (problem) {
          records[row] = new MalformedRecord(
            'malformed-line',
            batch.line(row),
            PROBLEMS[problem.code] ?? problem.code,
          );
          continue;
        }
        if (checksWidth && batch.width(row) !== columns.length) {
          records[row] = new MalformedRecord(
            'field-count',
            batch.line(row),
            `expected ${columns.length} fields, found ${batch.width(row)}`,
          );
          continue;
        }
        const record: Record<string, unknown> = {};
        for (let c = 0; c < columns.length; c++) {
          const cell = batch.cell(row, c);
          if (cell !== undefined) record[columns[c]!] = cell;
        }
        records[row] = record;
      }
      yield records;
    }
  } finally {
    await source.close();
  }
}
