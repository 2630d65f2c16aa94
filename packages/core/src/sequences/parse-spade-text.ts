import type { SequenceDatabase } from './types.js';

/** Why a line of the SPADE text format was rejected. */
export type SpadeTextRejectCode =
  | 'field-count'
  | 'invalid-sequence-id'
  | 'invalid-event-id'
  | 'invalid-size'
  | 'size-mismatch'
  | 'duplicate-item'
  | 'duplicate-event';

export const SPADE_TEXT_REJECT_DESCRIPTIONS: Readonly<Record<SpadeTextRejectCode, string>> = {
  'field-count': 'fewer than the 4 fields `sequenceID eventID SIZE item…`',
  'invalid-sequence-id': 'the sequenceID is not a whole number ≥ 0',
  'invalid-event-id': 'the eventID is not a whole number ≥ 0',
  'invalid-size': 'SIZE is not a whole number ≥ 1',
  'size-mismatch': 'SIZE differs from the number of items on the line',
  'duplicate-item': 'an item appears twice in one event',
  'duplicate-event': 'the same sequenceID and eventID appeared on an earlier line',
};

/** One rejected line. */
export interface SpadeTextRejection {
  /** 1-based line number. */
  readonly line: number;
  readonly code: SpadeTextRejectCode;
  /** The line (trimmed, cut to 200 characters). */
  readonly value: string;
  readonly message: string;
}

/** Every non-blank line is accepted or rejected: `accepted + rejected = lines`. */
export interface SpadeTextReport {
  /** Non-blank lines read. */
  readonly lines: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly blankLines: number;
  readonly rejectedByReason: Readonly<Partial<Record<SpadeTextRejectCode, number>>>;
  /** Rejected lines in input order (the first `maxRejections`). */
  readonly rejections: readonly SpadeTextRejection[];
  readonly rejectionsTruncated: boolean;
}

export interface ParseSpadeTextOptions {
  /** Rejections kept in the report (all are counted). Default 1000. */
  readonly maxRejections?: number;
}

export interface ParsedSpadeText {
  readonly database: SequenceDatabase;
  readonly report: SpadeTextReport;
}

const DIGITS = /^\d+$/;

/**
 * Reads the text format of Zaki's SPADE tools and arulesSequences' `read_baskets(info = c("sequenceID",
 * "eventID", "SIZE"))`: one event per line, whitespace-separated `sequenceID eventID SIZE item…`, e.g.
 * `1 10 2 C D` (sequence 1 at time 10 bought C and D). Lines need not be ordered: sequences are ordered by
 * sequenceID and their events by eventID, the eventID becoming the event time. Blank lines are skipped and counted.
 *
 * Item codes follow the item labels' order — numeric when every label is a whole number, else by code unit — so
 * patterns sort as their labels do. A malformed line is rejected with its line number and a reason (see
 * {@link SpadeTextRejectCode}); nothing is guessed.
 */
export function parseSpadeText(text: string, options: ParseSpadeTextOptions = {}): ParsedSpadeText {
  const maxRejections = options.maxRejections ?? 1000;
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const rejections: SpadeTextRejection[] = [];
  const byReason: Partial<Record<SpadeTextRejectCode, number>> = {};
  let rejected = 0;
  let blankLines = 0;
  let nonBlank = 0;
  const reject = (line: number, raw: string, code: SpadeTextRejectCode, message: string) => {
    rejected++;
    byReason[code] = (byReason[code] ?? 0) + 1;
    if (rejections.length < maxRejections) {
      rejections.push({ line, code, value: raw.length > 200 ? `${raw.slice(0, 200)}…` : raw, message });
    }
  };

  // Accepted events, by sequence label.
  const bySequence = new Map<string, { eid: number; items: string[] }[]>();
  const seen = new Set<string>();
  const itemLabels = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') {
      blankLines++;
      continue;
    }
    nonBlank++;
    const line = i + 1;
    const fields = raw.split(/\s+/);
    if (fields.length < 4) {
      reject(
        line,
        raw,
        'field-count',
        `line ${line}: ${fields.length} fields; expected sequenceID eventID SIZE item…`,
      );
      continue;
    }
    const [sid, eidText, sizeText] = fields as [string, string, string];
    if (!DIGITS.test(sid)) {
      reject(line, raw, 'invalid-sequence-id', `line ${line}: sequenceID "${sid}" is not a whole number ≥ 0`);
      continue;
    }
    const eid = Number(eidText);
    if (!DIGITS.test(eidText) || !Number.isSafeInteger(eid)) {
      reject(line, raw, 'invalid-event-id', `line ${line}: eventID "${eidText}" is not a whole number ≥ 0`);
      continue;
    }
    const size = Number(sizeText);
    if (!DIGITS.test(sizeText) || size < 1) {
      reject(line, raw, 'invalid-size', `line ${line}: SIZE "${sizeText}" is not a whole number ≥ 1`);
      continue;
    }
    const items = fields.slice(3);
    if (size !== items.length) {
      reject(line, raw, 'size-mismatch', `line ${line}: SIZE is ${size} but ${items.length} items follow`);
      continue;
    }
    const distinct = new Set(items);
    if (distinct.size !== items.length) {
      const twice = items.find((item, k) => items.indexOf(item) !== k)!;
      reject(line, raw, 'duplicate-item', `line ${line}: item "${twice}" appears twice in one event`);
      continue;
    }
    const sequence = sid.replace(/^0+(?=\d)/, '');
    const key = `${sequence} ${eid}`;
    if (seen.has(key)) {
      reject(line, raw, 'duplicate-event', `line ${line}: sequence ${sequence} already has an event ${eid}`);
      continue;
    }
    seen.add(key);
    for (const item of items) itemLabels.add(item);
    let events = bySequence.get(sequence);
    if (events === undefined) {
      events = [];
      bySequence.set(sequence, events);
    }
    events.push({ eid, items });
  }

  const labels = sortLabels([...itemLabels]);
  const code = new Map(labels.map((label, i) => [label, i]));
  const ids = [...bySequence.keys()].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const eventCount = nonBlank - rejected;
  const eventStart = new Int32Array(ids.length + 1);
  const eventTime = new Float64Array(eventCount);
  const itemStart = new Int32Array(eventCount + 1);
  let occurrences = 0;
  for (const events of bySequence.values()) for (const event of events) occurrences += event.items.length;
  const item = new Int32Array(occurrences);
  let e = 0;
  let q = 0;
  for (let s = 0; s < ids.length; s++) {
    eventStart[s] = e;
    const events = bySequence.get(ids[s]!)!.sort((a, b) => a.eid - b.eid);
    for (const event of events) {
      eventTime[e] = event.eid;
      itemStart[e] = q;
      const codes = event.items.map((label) => code.get(label)!).sort((a, b) => a - b);
      item.set(codes, q);
      q += codes.length;
      e++;
    }
  }
  eventStart[ids.length] = e;
  itemStart[eventCount] = q;
  return {
    database: { sequences: ids.length, ids, items: labels, eventStart, eventTime, itemStart, item },
    report: {
      lines: nonBlank,
      accepted: nonBlank - rejected,
      rejected,
      blankLines,
      rejectedByReason: byReason,
      rejections,
      rejectionsTruncated: rejected > rejections.length,
    },
  };
}

/** Item labels in code order: numerically when all are whole numbers, else by UTF-16 code unit. */
function sortLabels(labels: string[]): string[] {
  if (labels.every((label) => DIGITS.test(label))) {
    const norm = (s: string) => s.replace(/^0+(?=\d)/, '');
    return labels.sort((a, b) => {
      const x = norm(a);
      const y = norm(b);
      return x.length - y.length || (x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0);
    });
  }
  return labels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
