import { describe, expect, it } from 'vitest';
import { compileExpression, dateParser, detectDateFormat, parseNumber } from '../../src/index.js';

const utc = (...parts: [number, number, number, number?, number?, number?]) =>
  Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0);

describe('dates', () => {
  const iso = dateParser('iso');
  it('reads ISO dates and date-times without an offset as UTC wall-clock time', () => {
    expect(iso('2011-03-05')).toBe(utc(2011, 3, 5));
    expect(iso('2010-12-01 08:26:00')).toBe(utc(2010, 12, 1, 8, 26));
    expect(iso('2010-12-01T08:26')).toBe(utc(2010, 12, 1, 8, 26));
    expect(iso('2010-12-01T08:26:00.250')).toBe(utc(2010, 12, 1, 8, 26) + 250);
  });
  it('converts explicit offsets to the UTC instant', () => {
    expect(iso('2011-03-05T10:00:00Z')).toBe(utc(2011, 3, 5, 10));
    expect(iso('2011-03-05T10:00:00+02:00')).toBe(utc(2011, 3, 5, 8));
    expect(iso('2011-03-05T10:00:00-0530')).toBe(utc(2011, 3, 5, 15, 30));
  });
  it('rejects impossible calendar dates instead of rolling them over', () => {
    expect(iso('2011-02-29')).toBeNaN();
    expect(iso('2012-02-29')).toBe(utc(2012, 2, 29));
    expect(iso('2011-13-01')).toBeNaN();
    expect(iso('2011-01-01 24:00:00')).toBeNaN();
    expect(dateParser('yyyymmdd')('19970231')).toBeNaN();
  });
  it('reads YYYYMMDD, epoch seconds and epoch milliseconds', () => {
    expect(dateParser('yyyymmdd')('19970101')).toBe(utc(1997, 1, 1));
    expect(dateParser('epoch-s')('852076800')).toBe(utc(1997, 1, 1));
    expect(dateParser('epoch-ms')('852076800000')).toBe(utc(1997, 1, 1));
  });
  it('compiles explicit patterns', () => {
    expect(dateParser('DD/MM/YYYY')('05/03/2011')).toBe(utc(2011, 3, 5));
    expect(dateParser('M/D/YYYY H:mm')('3/5/2011 7:04')).toBe(utc(2011, 3, 5, 7, 4));
    expect(dateParser('DD/MM/YYYY')('2011-03-05')).toBeNaN();
    expect(() => dateParser('MM/YYYY')).toThrow(/needs a year .* a month .* and a day/);
  });
  it('detects the automatic formats and nothing else', () => {
    expect(detectDateFormat('2011-03-05')).toBe('iso');
    expect(detectDateFormat('19970101')).toBe('yyyymmdd');
    expect(detectDateFormat('852076800')).toBe('epoch-s');
    expect(detectDateFormat('852076800000')).toBe('epoch-ms');
    expect(detectDateFormat('05/03/2011')).toBeUndefined();
  });
});

describe('numbers', () => {
  it('reads plain numbers and treats blanks as missing', () => {
    expect(parseNumber(' 12.5 ')).toBe(12.5);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('1e3')).toBe(1000);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('  ')).toBeUndefined();
  });
  it('never guesses: ambiguous or foreign text is NaN', () => {
    for (const text of ['1,5', '1,234.56', '£3', 'Infinity', '0x10', '12abc', '.'])
      expect(parseNumber(text)).toBeNaN();
  });
  it('reads decimal-comma numbers with grouping when asked', () => {
    expect(parseNumber('1,5', { decimalComma: true })).toBe(1.5);
    expect(parseNumber('1.234,56', { decimalComma: true })).toBe(1234.56);
    expect(parseNumber('1 234 567', { decimalComma: true })).toBe(1234567);
    expect(parseNumber('1.23,4', { decimalComma: true })).toBeNaN();
  });
});

describe('expressions', () => {
  it('evaluates arithmetic over columns with precedence and parentheses', () => {
    const e = compileExpression('Quantity * UnitPrice - `Discount Total` / 2');
    expect(e.columns).toEqual(['Quantity', 'UnitPrice', 'Discount Total']);
    expect(e.evaluate([3, 2.5, 1])).toBe(7);
    expect(compileExpression('(a + b) * -c').evaluate([1, 2, 3])).toBe(-9);
  });
  it('reports where an expression is malformed', () => {
    expect(() => compileExpression('Quantity *')).toThrow(/position 11/);
    expect(() => compileExpression('2 * 3')).toThrow(/at least one column/);
    expect(() => compileExpression('a $ b')).toThrow(/unexpected "\$"/);
  });
});
