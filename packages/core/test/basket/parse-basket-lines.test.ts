import { describe, expect, it } from 'vitest';
import { parseBasketLines } from '../../src/basket/parse-basket-lines.js';
import type { Baskets } from '../../src/basket/types.js';

/** Basket b as item names. */
function basket(baskets: Baskets, b: number): string[] {
  return Array.from(
    baskets.items.subarray(baskets.offsets[b]!, baskets.offsets[b + 1]!),
    (c) => baskets.dictionary[c]!,
  );
}

describe('parseBasketLines', () => {
  it('codes items in order of first appearance and sorts each basket by code', () => {
    const { baskets, report } = parseBasketLines('milk,bread\nbutter,milk\nbread\n');
    expect(baskets.dictionary).toEqual(['milk', 'bread', 'butter']);
    expect(Array.from(baskets.offsets)).toEqual([0, 2, 4, 5]);
    expect(Array.from(baskets.items)).toEqual([0, 1, 0, 2, 1]);
    expect(baskets.length).toBe(3);
    expect(report).toMatchObject({ lines: 3, baskets: 3, rejected: 0, blankLines: 0, errors: [] });
  });

  it('rejects malformed lines with their line numbers and counts them; keeps the rest', () => {
    const text = [
      'a,b', // 1
      'a,,b', // 2: empty item
      ',a', // 3: empty item at the start
      'a,b,', // 4: trailing separator
      '"a,b', // 5: unterminated quote
      '"a"x,b', // 6: text after the closing quote
      '', // 7: blank
      'c', // 8
      'a, ,b', // 9: an item of spaces only
      '   ', // 10: blank
      '"x, y",z', // 11: quoted separator
    ].join('\n');
    const { baskets, report } = parseBasketLines(text);
    expect(report.lines).toBe(9);
    expect(report.baskets).toBe(3);
    expect(report.rejected).toBe(6);
    expect(report.lines).toBe(report.baskets + report.rejected);
    expect(report.blankLines).toBe(2);
    expect(report.rejectedByReason).toEqual({
      'empty-item': 4,
      'unterminated-quote': 1,
      'malformed-quotes': 1,
    });
    expect(report.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'empty-item'],
      [3, 'empty-item'],
      [4, 'empty-item'],
      [5, 'unterminated-quote'],
      [6, 'malformed-quotes'],
      [9, 'empty-item'],
    ]);
    expect(report.errors[0]).toMatchObject({ value: 'a,,b' });
    expect(report.errors[0]!.message).toMatch(/empty/);
    expect(report.errorsTruncated).toBe(false);
    expect(basket(baskets, 0)).toEqual(['a', 'b']);
    expect(basket(baskets, 1)).toEqual(['c']);
    expect(basket(baskets, 2)).toEqual(['x, y', 'z']);
  });

  it('reads quotes, escaped quotes, CRLF, a last line without newline; keeps spaces verbatim', () => {
    const { baskets, report } = parseBasketLines('"say ""hi""",b\r\ncream cheese ,b\r\n"",x\r\n b');
    expect(basket(baskets, 0)).toEqual(['say "hi"', 'b']);
    expect(basket(baskets, 1)).toEqual(['b', 'cream cheese ']);
    expect(basket(baskets, 2)).toEqual([' b']);
    expect(report.rejectedByReason).toEqual({ 'empty-item': 1 });
    expect(report.errors[0]!.line).toBe(3);
    expect(report.paddedItems).toBe(2);
  });

  it('skips a leading byte-order mark', () => {
    const { baskets } = parseBasketLines('\uFEFFa,b\nb');
    expect(baskets.dictionary).toEqual(['a', 'b']);
  });

  it('merges repeated items of a line and counts them', () => {
    const { baskets, report } = parseBasketLines('a,b,a,a\nb,b');
    expect(basket(baskets, 0)).toEqual(['a', 'b']);
    expect(basket(baskets, 1)).toEqual(['b']);
    expect(report.duplicateItems).toBe(3);
  });

  it('takes another separator, caps the listed errors but counts them all', () => {
    const { baskets, report } = parseBasketLines('a;b\n;\n;\n;\nc', { separator: ';', maxErrors: 2 });
    expect(baskets.length).toBe(2);
    expect(report.rejected).toBe(3);
    expect(report.errors.length).toBe(2);
    expect(report.errorsTruncated).toBe(true);
    expect(() => parseBasketLines('a', { separator: '"' })).toThrow(RangeError);
    expect(() => parseBasketLines('a', { separator: ',,' })).toThrow(RangeError);
  });

  it('reads an empty text as no baskets', () => {
    const { baskets, report } = parseBasketLines('');
    expect(baskets.length).toBe(0);
    expect(Array.from(baskets.offsets)).toEqual([0]);
    expect(report.lines).toBe(0);
  });
});
