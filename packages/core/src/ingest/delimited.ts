import Papa from 'papaparse';

/** A parse-level problem with one record (the row is rejected with this code). */
export interface RecordProblem {
  readonly code: 'unterminated-quote' | 'malformed-quotes';
  readonly message: string;
  readonly raw: string;
}

/** Records parsed from one piece of text, each with the physical line it starts on. */
export interface RawRecordBatch {
  readonly records: string[][];
  readonly lines: number[];
  readonly problems: Map<number, RecordProblem>;
  /** Blank lines skipped in this batch (they are not records). */
  readonly blankLines: number;
}

export interface DelimitedOptions {
  /** A single delimiter string, or 'whitespace' for runs of spaces/tabs (no quoting). */
  readonly delimiter: string;
  readonly quoteChar?: string;
  /**
   * An open quote that has not closed after this many characters is treated as unterminated: its line is
   * rejected and reading resumes on the next line (papaparse alone would swallow the rest of the file).
   */
  readonly maxQuotedChars?: number;
}

const DEFAULT_MAX_QUOTED = 1 << 22;

function isBlank(record: string[]): boolean {
  return record.length === 1 && record[0]!.trim() === '';
}

function countNewlines(record: readonly string[]): number {
  let n = 0;
  for (const field of record) {
    let at = field.indexOf('\n');
    while (at >= 0) {
      n++;
      at = field.indexOf('\n', at + 1);
    }
  }
  return n;
}

/** Stateful line bookkeeping shared by both record readers. */
class LineCounter {
  next = 1;
}

function collect(
  data: string[][],
  errors: ReadonlyArray<{ code: string; row?: number; message: string }>,
  counter: LineCounter,
): RawRecordBatch {
  const records: string[][] = [];
  const lines: number[] = [];
  const problems = new Map<number, RecordProblem>();
  const malformed = new Set<number>();
  for (const error of errors)
    if (error.code === 'InvalidQuotes' && error.row !== undefined) malformed.add(error.row);
  let blankLines = 0;
  for (let i = 0; i < data.length; i++) {
    const record = data[i]!;
    const last = record[record.length - 1];
    // The parser splits on "\n"; a CRLF file leaves "\r" on the last field.
    if (last?.endsWith('\r')) record[record.length - 1] = last.slice(0, -1);
    const line = counter.next;
    counter.next += 1 + countNewlines(record);
    if (isBlank(record)) {
      blankLines++;
      continue;
    }
    if (malformed.has(i)) {
      problems.set(records.length, {
        code: 'malformed-quotes',
        message:
          'a quoted field is followed by text before the next delimiter (e.g. "abc"def); quote the whole field',
        raw: record.join(','),
      });
    }
    records.push(record);
    lines.push(line);
  }
  return { records, lines, problems, blankLines };
}

/**
 * Split delimited text into records with papaparse's raw parser, chunk by chunk: only complete records are
 * taken from each chunk and the partial tail waits for the next one. Quoted fields may contain delimiters,
 * newlines and doubled quotes. An unterminated quote rejects its own line and reading goes on after it.
 */
async function* papaRecords(
  text: AsyncIterable<string>,
  options: DelimitedOptions,
): AsyncGenerator<RawRecordBatch> {
  const quoteChar = options.quoteChar ?? '"';
  const maxQuoted = options.maxQuotedChars ?? DEFAULT_MAX_QUOTED;
  const parser = new Papa.Parser({ delimiter: options.delimiter, newline: '\n', quoteChar });
  const counter = new LineCounter();
  let pending = '';

  const unterminated = (rest: string): { batch: RawRecordBatch; rest: string } => {
    const end = rest.indexOf('\n');
    const raw = (end < 0 ? rest : rest.slice(0, end)).replace(/\r$/, '');
    const line = counter.next;
    counter.next++;
    const batch: RawRecordBatch = {
      records: [[raw]],
      lines: [line],
      problems: new Map([
        [
          0,
          {
            code: 'unterminated-quote',
            message: `a quote opened on line ${line} is never closed; the line was skipped and reading resumed on the next`,
            raw,
          },
        ],
      ]),
      blankLines: 0,
    };
    return { batch, rest: end < 0 ? '' : rest.slice(end + 1) };
  };

  for await (const chunk of text) {
    const input = pending + chunk;
    const result = parser.parse(input, 0, true);
    pending = input.slice(result.meta.cursor);
    yield collect(result.data as string[][], result.errors, counter);
    if (pending.length > maxQuoted) {
      const { batch, rest } = unterminated(pending);
      pending = rest;
      yield batch;
    }
  }
  while (pending.length > 0) {
    const complete = parser.parse(pending, 0, true);
    if (complete.data.length > 0) yield collect(complete.data as string[][], complete.errors, counter);
    const rest = pending.slice(complete.meta.cursor);
    if (rest.length === 0) break;
    const final = parser.parse(rest, 0, false);
    if (final.errors.some((e: { code: string }) => e.code === 'MissingQuotes')) {
      const { batch, rest: after } = unterminated(rest);
      yield batch;
      pending = after;
    } else {
      yield collect(final.data as string[][], final.errors, counter);
      pending = '';
    }
  }
}

/** Whitespace-separated text (fixed-width-ish exports such as CDNOW): runs of spaces/tabs split fields. */
async function* whitespaceRecords(text: AsyncIterable<string>): AsyncGenerator<RawRecordBatch> {
  const counter = new LineCounter();
  let pending = '';
  const split = (lines: string[]): RawRecordBatch => {
    const records: string[][] = [];
    const lineNumbers: number[] = [];
    let blankLines = 0;
    for (const line of lines) {
      const trimmed = line.trim();
      const number = counter.next++;
      if (trimmed === '') {
        blankLines++;
        continue;
      }
      records.push(trimmed.split(/[ \t]+/));
      lineNumbers.push(number);
    }
    return { records, lines: lineNumbers, problems: new Map(), blankLines };
  };
  for await (const chunk of text) {
    const input = pending + chunk;
    const end = input.lastIndexOf('\n');
    if (end < 0) {
      pending = input;
      continue;
    }
    pending = input.slice(end + 1);
    yield split(input.slice(0, end).split('\n'));
  }
  if (pending.length > 0) yield split([pending]);
}

/** Records from delimited or whitespace-separated text. */
export function readDelimited(
  text: AsyncIterable<string>,
  options: DelimitedOptions,
): AsyncGenerator<RawRecordBatch> {
  return options.delimiter === 'whitespace' ? whitespaceRecords(text) : papaRecords(text, options);
}

/**
 * Guess the delimiter from the first lines: the candidate that splits every sampled line into the same number
 * (> 1) of fields, preferring more fields; whitespace when only runs of spaces separate fields.
 * Returns undefined when nothing fits (the caller then asks for an explicit delimiter).
 */
export function guessDelimiter(head: string): string | undefined {
  const lines = head
    .split('\n')
    .slice(0, 50)
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '');
  // The last line of a head sample may be cut off mid-way.
  if (lines.length > 2) lines.pop();
  if (lines.length === 0) return undefined;
  let best: { delimiter: string; fields: number } | undefined;
  for (const delimiter of [',', '\t', ';', '|']) {
    const counts = lines.map((l) => Papa.parse<string[]>(l, { delimiter }).data[0]?.length ?? 0);
    const first = counts[0]!;
    if (first > 1 && counts.every((c) => c === first) && (!best || first > best.fields)) {
      best = { delimiter, fields: first };
    }
  }
  if (best) return best.delimiter;
  const ws = lines.map((l) => l.trim().split(/[ \t]+/).length);
  if (ws[0]! > 1 && ws.every((c) => c === ws[0])) return 'whitespace';
  // A single column is a valid (if unusual) file.
  if (lines.every((l) => !/[,\t;| ]/.test(l.trim()))) return ',';
  return undefined;
}
