import { describe, expect, it } from 'vitest';
import { abcClassify } from '../../src/abc/index.js';

const labelsOf = (r: ReturnType<typeof abcClassify>) => Array.from(r.classIndex, (k) => r.labels[k]);

describe('abcClassify by value', () => {
  it('ends A at a group reaching exactly 80 %', () => {
    // 50 + 30 = 80 of 100: A. 15 brings it to 95: B. 5: C.
    const r = abcClassify([5, 30, 50, 15]);
    expect(labelsOf(r)).toEqual(['C', 'A', 'A', 'B']);
    expect(r.classes.map((c) => [c.label, c.customers, c.value, c.valueShare])).toEqual([
      ['A', 2, 80, 0.8],
      ['B', 1, 15, 0.15],
      ['C', 1, 5, 0.05],
    ]);
  });

  it('puts the customer who crosses a cut-off in the class below it', () => {
    // 60 (0 % before) A; 30 (60 % before, crosses 80 %) A; 10 (90 % before, crosses 95 %) B.
    const r = abcClassify([60, 30, 10]);
    expect(labelsOf(r)).toEqual(['A', 'A', 'B']);
    expect(r.classes[2]!.customers).toBe(0);
    expect(r.classes[2]!.minValue).toBeNaN();
  });

  it('sends zero and negative values to C, counts them, and shares positive value only', () => {
    const r = abcClassify([100, 0, -20, 50]);
    expect(labelsOf(r)).toEqual(['A', 'C', 'C', 'A']); // 50 has 100 / 150 = 67 % before it
    expect(r.totalValue).toBe(150);
    expect(r.nonPositive).toBe(2);
    expect(r.classes[0]).toMatchObject({ customers: 2, customerShare: 0.5, valueShare: 1 });
    expect(r.classes[2]).toMatchObject({
      customers: 2,
      customerShare: 0.5,
      value: 0,
      minValue: -20,
      maxValue: 0,
    });
  });

  it('ranks equal values by id, then by index', () => {
    const r = abcClassify([5, 5, 5], { ids: ['c', 'a', 'b'] });
    expect(Array.from(r.order)).toEqual([1, 2, 0]);
    expect(Array.from(r.rank)).toEqual([2, 0, 1]);
    expect(Array.from(abcClassify([5, 5, 5]).order)).toEqual([0, 1, 2]);
  });

  it('takes other cut-offs and labels', () => {
    const r = abcClassify([50, 30, 15, 5], { cutoffs: [0.5], labels: ['top', 'rest'] });
    expect(labelsOf(r)).toEqual(['top', 'rest', 'rest', 'rest']);
  });

  it('puts everyone in the last class when no value is positive', () => {
    const r = abcClassify([0, -1]);
    expect(labelsOf(r)).toEqual(['C', 'C']);
    expect(r.classes[0]!.valueShare).toBeNaN();
  });
});

describe('abcClassify by count', () => {
  it('makes the top 20 % A and the next 30 % B', () => {
    const r = abcClassify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { by: 'count' });
    expect(labelsOf(r)).toEqual(['C', 'C', 'C', 'C', 'C', 'B', 'B', 'B', 'A', 'A']);
  });

  it('rounds class sizes up: the customer crossing the share is in', () => {
    // N = 7: A = ranks k < 1.4 → 2 customers; B = k < 3.5 → 2 more; C = 3.
    const r = abcClassify([70, 60, 50, 40, 30, 20, 10], { by: 'count' });
    expect(r.classes.map((c) => c.customers)).toEqual([2, 2, 3]);
  });

  it('still sends customers without value to C', () => {
    const r = abcClassify([10, 0, 0, 0, 0], { by: 'count', cutoffs: [0.4, 0.8] });
    expect(labelsOf(r)).toEqual(['A', 'C', 'C', 'C', 'C']);
  });
});

describe('abcClassify input checks', () => {
  it('rejects bad cut-offs, labels and values', () => {
    expect(() => abcClassify([1], { cutoffs: [0.9, 0.8] })).toThrow(RangeError);
    expect(() => abcClassify([1], { cutoffs: [0, 0.5] })).toThrow(RangeError);
    expect(() => abcClassify([1], { cutoffs: [0.5, 1.2] })).toThrow(RangeError);
    expect(() => abcClassify([1], { labels: ['A', 'B'] })).toThrow(RangeError);
    expect(() => abcClassify([1, Number.NaN])).toThrow(RangeError);
  });
});
