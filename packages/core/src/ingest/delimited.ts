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

function collect(data: string[][], malformedRows: readonly number[], counter: LineCounter): RawRecordBatch {
  const records: string[][] = [];
  const lines: number[] = [];
  const problems = new Map<number, RecordProblem>();
  const malformed = new Set(malformedRows);
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
 * newlines and doubled quotes. A stray or unterminated quote would make papaparse swallow the following lines
 * into one field; instead, that record's first line is rejected and parsing restarts on the next line.
 */
async function* papaRecords(
  text: AsyncIterable<string>,
  options: DelimitedOptions,
): AsyncGenerator<RawRecordBatch> {
  const quoteChar = options.quoteChar ?? '"';
  const maxQuoted = options.maxQuotedChars ?? DEFAULT_MAX_QUOTED;
  const counter = new LineCounter();

  const brokenLine = (rest: string): { batch: RawRecordBatch; skip: number } => {
    const end = rest.indexOf('\n');
    const raw = (end < 0 ? rest : rest.slice(0, end)).replace(/\r$/, '');
    // An odd number of quotes on the line: one opened and never closed; an even number: misplaced quotes.
    const code: RecordProblem['code'] =
      raw.split(quoteChar).length % 2 === 0 ? 'unterminated-quote' : 'malformed-quotes';
    const line = counter.next++;
    const problem: RecordProblem = {
      code,
      message:
        code === 'unterminated-quote'
          ? `a quote opened on line ${line} never closes; the line was skipped and reading resumed on the next`
          : `a quoted field on line ${line} is followed by text before the next delimiter (e.g. "abc"def); the line was skipped and reading resumed on the next`,
      raw,
    };
    return {
      batch: { records: [[raw]], lines: [line], problems: new Map([[0, problem]]), blankLines: 0 },
      skip: end < 0 ? rest.length : end + 1,
    };
  };

  /** Parse complete records of `input` (all of it when `final`); yields batches, returns the unparsed tail. */
  function* drain(input: string, final: boolean): Generator<RawRecordBatch, string> {
    let offset = 0;
    for (;;) {
      const data: string[][] = [];
      const malformed: number[] = [];
      let consumed = 0;
      let broken = false;
      const parser = new Papa.Parser({
        delimiter: options.delimiter,
        newline: '\n',
        quoteChar,
        step: (result: { data: string[][]; errors: { code: string }[]; meta: { cursor: number } }) => {
          const fields = result.data[0] ?? [];
          const quoteError = result.errors.find(
            (e) => e.code === 'InvalidQuotes' || e.code === 'MissingQuotes',
          );
          if (quoteError && (quoteError.code === 'MissingQuotes' || fields.some((f) => f.includes('\n')))) {
            broken = true;
            parser.abort();
            return;
          }
          if (quoteError) malformed.push(data.length);
          data.push(fields);
          consumed = result.meta.cursor;
        },
      });
      const slice = offset === 0 ? input : input.slice(offset);
      parser.parse(slice, 0, !final);
      if (data.length > 0) yield collect(data, malformed, counter);
      offset += consumed;
      const rest = input.slice(offset);
      if (broken || (!final && rest.length > maxQuoted)) {
        const { batch, skip } = brokenLine(rest);
        yield batch;
        offset += skip;
        continue;
      }
      return final ? '' : rest;
    }
  }

  let pending = '';
  for await (const chunk of text) pending = yield* drain(pending + chunk, false);
  if (pending.length > 0) yield* drain(pending, true);
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
 * Guess the delimiter from the start of the text: for each candidate, parse the sample and take the share of
 * records with as many fields as the first (the header); the candidate with the highest share (at least 60 %,
 * more than one field) wins, ties going to more fields. Whitespace when only runs of spaces separate fields.
 * Returns undefined when nothing fits (the caller then asks for an explicit delimiter).
 */
export function guessDelimiter(head: string): string | undefined {
  // The sample may end mid-record: drop its last line.
  const cut = head.lastIndexOf('\n');
  const sample = cut > 0 ? head.slice(0, cut) : head;
  if (sample.trim() === '') return undefined;
  let best: { delimiter: string; share: number; fields: number } | undefined;
  for (const delimiter of [',', '\t', ';', '|']) {
    const records = Papa.parse<string[]>(sample, {
      delimiter,
      newline: '\n',
      skipEmptyLines: true,
      preview: 200,
    }).data;
    const fields = records[0]?.length ?? 0;
    if (fields < 2) continue;
    const share = records.filter((r) => r.length === fields).length / records.length;
    if (share < 0.6) continue;
    if (!best || share > best.share || (share === best.share && fields > best.fields))
      best = { delimiter, share, fields };
  }
  if (best) return best.delimiter;
  const lines = sample.split('\n').filter((l) => l.trim() !== '');
  const ws = lines.map((l) => l.trim().split(/[ \t]+/).length);
  if (ws[0]! > 1 && ws.filter((c) => c === ws[0]).length / ws.length >= 0.6) return 'whitespace';
  // A single column is a valid (if unusual) file.
  if (lines.every((l) => !/[,\t;| ]/.test(l.trim()))) return ',';
  return undefined;
}
