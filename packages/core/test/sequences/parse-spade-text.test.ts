import { describe, expect, it } from 'vitest';
import { mineSequences, parseSpadeText, SPADE_TEXT_REJECT_DESCRIPTIONS } from '../../src/sequences/index.js';

describe('sequences: parseSpadeText (sequenceID eventID SIZE item…)', () => {
  const text = [
    '1 10 2 C D', // 1 ok
    '', // 2 blank
    '1 15 3 A B C', // 3 ok
    '1 20', // 4 field-count
    'x 20 1 A', // 5 invalid-sequence-id
    '1 2.5 1 A', // 6 invalid-event-id
    '1 -3 1 A', // 7 invalid-event-id
    '1 30 0 A', // 8 invalid-size
    '1 30 two A B', // 9 invalid-size
    '1 30 3 A B', // 10 size-mismatch
    '1 30 2 A A', // 11 duplicate-item
    '1 15 1 F', // 12 duplicate-event (sequence 1 already has event 15)
    '2\t5  1   B', // 13 ok: any whitespace
    '  ', // 14 blank
    '2 3 1 A', // 15 ok, out of order: sorted by eventID
    '01 40 1 E', // 16 ok: sequence "01" is sequence 1
  ].join('\n');
  const { database, report } = parseSpadeText(`${text}\n`);

  it('rejects each malformed line with its line number and reason, and counts them', () => {
    expect(report.lines).toBe(14);
    expect(report.blankLines).toBe(2);
    expect(report.accepted).toBe(5);
    expect(report.rejected).toBe(9);
    expect(report.accepted + report.rejected).toBe(report.lines);
    expect(report.rejectedByReason).toEqual({
      'field-count': 1,
      'invalid-sequence-id': 1,
      'invalid-event-id': 2,
      'invalid-size': 2,
      'size-mismatch': 1,
      'duplicate-item': 1,
      'duplicate-event': 1,
    });
    expect(report.rejections.map((r) => [r.line, r.code])).toEqual([
      [4, 'field-count'],
      [5, 'invalid-sequence-id'],
      [6, 'invalid-event-id'],
      [7, 'invalid-event-id'],
      [8, 'invalid-size'],
      [9, 'invalid-size'],
      [10, 'size-mismatch'],
      [11, 'duplicate-item'],
      [12, 'duplicate-event'],
    ]);
    expect(report.rejections[6]).toMatchObject({
      value: '1 30 3 A B',
      message: 'line 10: SIZE is 3 but 2 items follow',
    });
    expect(report.rejectionsTruncated).toBe(false);
    for (const r of report.rejections) expect(SPADE_TEXT_REJECT_DESCRIPTIONS[r.code]).toBeTruthy();
  });

  it('keeps the accepted events, sequences and events ordered by their ids', () => {
    expect(database.ids).toEqual(['1', '2']);
    expect(database.items).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(Array.from(database.eventStart)).toEqual([0, 3, 5]);
    expect(Array.from(database.eventTime)).toEqual([10, 15, 40, 3, 5]);
    const events = Array.from({ length: 5 }, (_, e) =>
      Array.from(
        database.item.subarray(database.itemStart[e]!, database.itemStart[e + 1]!),
        (c) => database.items[c],
      ).join(''),
    );
    expect(events).toEqual(['CD', 'ABC', 'E', 'A', 'B']);
    expect(mineSequences(database, { minSupport: 1 }).patterns.map((p) => p.elements)).toEqual([
      [[0]],
      [[1]],
    ]);
  });

  it('orders numeric item labels numerically and keeps only maxRejections examples', () => {
    const lines = ['1 1 2 10 9', '1 2 1 100', ...Array.from({ length: 5 }, () => 'bad')];
    const parsed = parseSpadeText(lines.join('\r\n'), { maxRejections: 2 });
    expect(parsed.database.items).toEqual(['9', '10', '100']);
    expect(parsed.report.rejected).toBe(5);
    expect(parsed.report.rejections).toHaveLength(2);
    expect(parsed.report.rejectionsTruncated).toBe(true);
  });

  it('reads empty text as no sequences', () => {
    const parsed = parseSpadeText('');
    expect(parsed.database.sequences).toBe(0);
    expect(parsed.report).toMatchObject({ lines: 0, accepted: 0, rejected: 0, blankLines: 0 });
  });
});
