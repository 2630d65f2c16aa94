import { checkAborted } from './abort.js';
import { AdapterError } from './errors.js';
import { checkMapping, mapRecords, type ObjectMapping } from './map-records.js';
import type { Adapter, AdapterPage, AdapterProgress, CanonicalRow, Pager } from './types.js';

/** One CRM object an adapter reads: a raw pager and the mapping of its records. */
export interface AdapterStream {
  /** The object's name, e.g. `deals` (named in warnings and progress). */
  readonly object: string;
  readonly pages: Pager;
  readonly mapping: ObjectMapping;
  /** Expression operands written with a decimal comma. */
  readonly decimalComma?: boolean;
}

interface Position {
  step: number;
  cursor?: string;
  pages: number;
  records: number;
  rows: number;
  skipped: number;
  filtered: number;
}

const START: Omit<Position, 'step'> = { pages: 0, records: 0, rows: 0, skipped: 0, filtered: 0 };

function encode(name: string, object: string, p: Position): string {
  return JSON.stringify({ v: 1, adapter: name, object, ...p });
}

function decode(token: string, name: string, streams: readonly AdapterStream[]): Position {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(token) as Record<string, unknown>;
  } catch {
    throw new AdapterError('resume', 'the resume token is not one this adapter issued');
  }
  const counts = ['step', 'pages', 'records', 'rows', 'skipped', 'filtered'] as const;
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    parsed.v !== 1 ||
    counts.some((k) => !Number.isInteger(parsed[k]) || (parsed[k] as number) < 0) ||
    (parsed.cursor !== undefined && typeof parsed.cursor !== 'string')
  ) {
    throw new AdapterError('resume', 'the resume token is not one this adapter issued');
  }
  const step = parsed.step as number;
  if (parsed.adapter !== name || step >= streams.length || streams[step]!.object !== parsed.object) {
    throw new AdapterError(
      'resume',
      `the resume token belongs to another adapter or configuration (${String(parsed.adapter)} / ${String(parsed.object)})`,
    );
  }
  const position: Position = { step, pages: 0, records: 0, rows: 0, skipped: 0, filtered: 0 };
  for (const k of counts) position[k] = parsed[k] as number;
  if (typeof parsed.cursor === 'string') position.cursor = parsed.cursor;
  return position;
}

/**
 * Build an adapter from its objects: reads each object's pages in turn, maps the records (unmappable ones become
 * warnings), and yields one page of canonical rows per raw page, with progress and a resume token. The mappings
 * are checked here, so a bad mapping fails before any request. Aborting the signal rejects the iteration with
 * the signal's reason before the next request.
 */
export function createAdapter(name: string, streams: readonly AdapterStream[]): Adapter {
  for (const stream of streams) checkMapping(stream.mapping);
  return {
    name,
    objects: streams.map((s) => s.object),
    async *read(options = {}): AsyncGenerator<AdapterPage> {
      const { signal } = options;
      const start =
        options.resume !== undefined ? decode(options.resume, name, streams) : { step: 0, ...START };
      for (let step = start.step; step < streams.length; step++) {
        const stream = streams[step]!;
        const position: Position = step === start.step ? { ...start } : { step, ...START };
        let total: number | undefined;
        checkAborted(signal);
        const pages = stream.pages({
          ...(position.cursor !== undefined ? { cursor: position.cursor } : {}),
          ...(signal ? { signal } : {}),
        });
        for await (const raw of pages) {
          checkAborted(signal);
          const mapped = mapRecords(raw.records, stream.mapping, {
            object: stream.object,
            firstRecord: position.records + 1,
            ...(stream.decimalComma ? { decimalComma: true } : {}),
          });
          position.pages++;
          position.records += raw.records.length;
          position.rows += mapped.rows.length;
          position.skipped += mapped.skipped;
          position.filtered += mapped.filtered;
          total = raw.total ?? total;
          const progress: AdapterProgress = {
            object: stream.object,
            table: stream.mapping.table,
            step,
            steps: streams.length,
            pages: position.pages,
            records: position.records,
            rows: position.rows,
            skipped: position.skipped,
            filtered: position.filtered,
            ...(total !== undefined ? { total } : {}),
          };
          let resumeToken: string | undefined;
          if (raw.next !== undefined) {
            resumeToken = encode(name, stream.object, { ...position, cursor: raw.next });
          } else if (step + 1 < streams.length) {
            resumeToken = encode(name, streams[step + 1]!.object, { step: step + 1, ...START });
          }
          const empty: CanonicalRow[] = [];
          const table = stream.mapping.table;
          yield {
            customers: table === 'customers' ? mapped.rows : empty,
            transactions: table === 'transactions' ? mapped.rows : empty,
            interactions: table === 'interactions' ? mapped.rows : empty,
            warnings: raw.warnings ? [...raw.warnings, ...mapped.warnings] : mapped.warnings,
            progress,
            ...(resumeToken !== undefined ? { resumeToken } : {}),
          };
        }
      }
    },
  };
}
