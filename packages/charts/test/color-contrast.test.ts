import { describe, expect, it } from 'vitest';
import { contrastRatio, parseColor, readableOn } from '../src/index.js';

describe('parseColor', () => {
  it('reads hex, rgb() and rgba() in their usual spellings', () => {
    expect(parseColor('#fff')).toEqual([1, 1, 1]);
    expect(parseColor('#000000')).toEqual([0, 0, 0]);
    expect(parseColor('#ff000080')).toEqual([1, 0, 0]);
    expect(parseColor(' rgb(255, 0, 0) ')).toEqual([1, 0, 0]);
    expect(parseColor('rgba(0 0 255 / 50%)')).toEqual([0, 0, 1]);
    expect(parseColor('rgb(100% 0% 0%)')).toEqual([1, 0, 0]);
  });

  it('gives up on syntaxes it does not know', () => {
    expect(parseColor('rebeccapurple')).toBeUndefined();
    expect(parseColor('oklch(70% 0.1 200)')).toBeUndefined();
    expect(parseColor('#12')).toBeUndefined();
    expect(parseColor('rgb(1, 2)')).toBeUndefined();
  });
});

describe('contrast', () => {
  it('computes the WCAG ratio', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777', '#777')).toBeCloseTo(1, 5);
    expect(contrastRatio('#000', 'currentColor')).toBeUndefined();
  });

  it('picks the candidate that reads best, or the first when it cannot compare', () => {
    expect(readableOn('#1e3a8a', ['#1f2937', '#ffffff'])).toBe('#ffffff');
    expect(readableOn('#eff6ff', ['#1f2937', '#ffffff'])).toBe('#1f2937');
    expect(readableOn('oklch(30% 0.1 250)', ['#1f2937', '#ffffff'])).toBe('#1f2937');
  });
});
