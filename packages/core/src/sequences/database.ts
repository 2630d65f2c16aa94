import { chunkRows, runWork, type Work } from '../util/work.js';
import type { SequenceDatabase } from './types.js';

/** Options of {@link sequenceDatabase}. */
export interface SequenceDatabaseOptions {
  /** Event times per sequence, parallel to its events; default 1, 2, 3, … (the event's position). */
  readonly times?: readonly (readonly number[])[];
  /** Sequence labels; default "1", "2", … */
  readonly ids?: readonly string[];
  /** Item labels; default the codes as text, up to the largest code used. */
  readonly items?: readonly string[];
}

/**
 * A {@link SequenceDatabase} from nested arrays: `sequences[s][k]` lists the item codes of event k of sequence s
 * (any order; repeats are merged). Convenient for small inputs and tests; tables go through
 * `sequencesFromTransactions` and text through `parseSpadeText`.
 *
 * @throws {RangeError} when a code is not a whole number ≥ 0 (or has no label in `items`), or times are not
 *   finite and strictly increasing within a sequence.
 */
export function sequenceDatabase(
  sequences: readonly (readonly (readonly number[])[])[],
  options: SequenceDatabaseOptions = {},
): SequenceDatabase {
  const n = sequences.length;
  let events = 0;
  let occurrences = 0;
  let maxCode = -1;
  for (const seq of sequences) {
    events += seq.length;
    for (const event of seq) {
      occurrences += event.length;
      for (const code of event) {
        if (!Number.isInteger(code) || code < 0)
          throw new RangeError(`item codes must be whole numbers ≥ 0, got ${code}`);
        if (code > maxCode) maxCode = code;
      }
    }
  }
  const items = options.items ?? Array.from({ length: maxCode + 1 }, (_, i) => String(i));
  if (maxCode >= items.length)
    throw new RangeError(`item code ${maxCode} has no label (${items.length} labels)`);
  const ids = options.ids ?? Array.from({ length: n }, (_, i) => String(i + 1));
  if (ids.length !== n) throw new RangeError(`${ids.length} ids for ${n} sequences`);
  const eventStart = new Int32Array(n + 1);
  const eventTime = new Float64Array(events);
  const itemStart = new Int32Array(events + 1);
  const item = new Int32Array(occurrences);
  let e = 0;
  let q = 0;
  for (let s = 0; s < n; s++) {
    const seq = sequences[s]!;
    const times = options.times?.[s];
    if (times !== undefined && times.length !== seq.length) {
      throw new RangeError(`sequence ${s}: ${times.length} times for ${seq.length} events`);
    }
    eventStart[s] = e;
    for (let k = 0; k < seq.length; k++) {
      eventTime[e] = times ? times[k]! : k + 1;
      itemStart[e] = q;
      const sorted = [...seq[k]!].sort((a, b) => a - b);
      for (let j = 0; j < sorted.length; j++)
        if (j === 0 || sorted[j] !== sorted[j - 1]) item[q++] = sorted[j]!;
      e++;
    }
  }
  eventStart[n] = e;
  itemStart[events] = q;
  const db: SequenceDatabase = {
    sequences: n,
    ids,
    items,
    eventStart,
    eventTime,
    itemStart,
    item: q === occurrences ? item : item.slice(0, q),
  };
  checkSequenceDatabase(db);
  return db;
}

/**
 * Checks the invariants of a {@link SequenceDatabase}: offsets consistent and non-decreasing, one id per sequence,
 * event times finite and strictly increasing within each sequence, item codes labelled and strictly increasing
 * within each event.
 *
 * @throws {RangeError} naming the first violation.
 */
export function checkSequenceDatabase(db: SequenceDatabase): void {
  runWork(checkSequenceDatabaseSteps(db));
}

/** Nominal cost per item occurrence of a pass over the database. */
export const PASS_COST = 6;

/** {@link checkSequenceDatabase} as cooperative work, in chunks of sequences. */
export function* checkSequenceDatabaseSteps(db: SequenceDatabase): Work<void> {
  const { sequences: n, eventStart, eventTime, itemStart, item, items } = db;
  if (!(Number.isInteger(n) && n >= 0))
    throw new RangeError(`sequences must be a whole number ≥ 0, got ${n}`);
  if (eventStart.length !== n + 1 || eventStart[0] !== 0) {
    throw new RangeError('eventStart must have sequences + 1 entries, starting at 0');
  }
  if (db.ids.length !== n) throw new RangeError(`${db.ids.length} ids for ${n} sequences`);
  const events = eventStart[n]!;
  if (eventTime.length !== events || itemStart.length !== events + 1 || itemStart[0] !== 0) {
    throw new RangeError('eventTime must have one entry per event and itemStart one more, starting at 0');
  }
  if (itemStart[events] !== item.length) throw new RangeError('itemStart must end at item.length');
  const perSequence = Math.max(1, Math.ceil(item.length / Math.max(1, n)));
  yield* forSequences(n, perSequence * PASS_COST, (from, to) =>
    checkSequences(eventStart, eventTime, itemStart, item, items.length, from, to),
  );
}

/** Runs `kernel` on consecutive ranges of sequences costing about REPORT_WORK units each, reporting each. */
export function* forSequences(
  n: number,
  cost: number,
  kernel: (from: number, to: number) => void,
): Work<void> {
  const step = chunkRows(cost);
  for (let from = 0; from < n; from += step) {
    const to = Math.min(n, from + step);
    kernel(from, to);
    yield (to - from) * cost;
  }
}

/** The per-sequence checks of {@link checkSequenceDatabase} for sequences `from … to − 1`. */
function checkSequences(
  eventStart: Int32Array,
  eventTime: Float64Array,
  itemStart: Int32Array,
  item: Int32Array,
  codes: number,
  from: number,
  to: number,
): void {
  for (let s = from; s < to; s++) {
    const a = eventStart[s]!;
    const b = eventStart[s + 1]!;
    if (b < a) throw new RangeError(`eventStart decreases at sequence ${s}`);
    for (let e = a; e < b; e++) {
      const t = eventTime[e]!;
      if (!Number.isFinite(t)) throw new RangeError(`sequence ${s}: event time ${t} is not finite`);
      if (e > a && !(t > eventTime[e - 1]!)) {
        throw new RangeError(
          `sequence ${s}: event times must strictly increase (${eventTime[e - 1]} then ${t})`,
        );
      }
      const p = itemStart[e]!;
      const q = itemStart[e + 1]!;
      if (q < p) throw new RangeError(`itemStart decreases at event ${e}`);
      for (let i = p; i < q; i++) {
        const code = item[i]!;
        if (!(code >= 0 && code < codes)) throw new RangeError(`event ${e}: item code ${code} has no label`);
        if (i > p && !(code > item[i - 1]!)) {
          throw new RangeError(`event ${e}: item codes must strictly increase within an event`);
        }
      }
    }
  }
}

/**
 * A pattern in arulesSequences' notation, e.g. `<{A,B},{C}>`; `items` labels the codes (else the codes are
 * printed).
 */
export function sequenceLabel(elements: readonly (readonly number[])[], items?: readonly string[]): string {
  const label = (code: number) => (items ? (items[code] ?? String(code)) : String(code));
  return `<${elements.map((element) => `{${element.map(label).join(',')}}`).join(',')}>`;
}
