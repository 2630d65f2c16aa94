import { createRandom } from '@crm-lens/testing';
import { describe, expect, it } from 'vitest';
import { sortFloat64Work, sortIndicesWork } from '../../src/util/sort-work.js';
import { forChunks, REPORT_WORK, runWork, SLICE_WORK, sliceWork, type Work } from '../../src/util/work.js';

/** Steps to completion: the reports, and the result. */
function drain<R>(work: Work<R>): { reports: number[]; value: R } {
  const reports: number[] = [];
  for (;;) {
    const step = work.next();
    if (step.done) return { reports, value: step.value };
    reports.push(step.value);
  }
}

const SIZES = [0, 1, 2, 1000, 4096, 4097, 65_536, 100_003];

describe('sortFloat64Work', () => {
  const random = createRandom(11);
  // Duplicates, both zeros, infinities and NaN: the cases where a merge could disagree with the native sort.
  const special = [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5, -2];
  const values = (n: number) =>
    Float64Array.from({ length: n }, (_, i) =>
      i % 17 === 0 ? special[i % special.length]! : Math.round(random.next() * 2000 - 1000) / 8,
    );

  it.each(SIZES)('sorts %i values exactly as Float64Array.prototype.sort does', (n) => {
    const input = values(n);
    const { reports, value } = drain(sortFloat64Work(input.slice()));
    const expected = input.slice().sort();
    expect(value).toHaveLength(n);
    for (let i = 0; i < n; i++) expect(Object.is(value[i], expected[i]), `at ${i}`).toBe(true);
    for (const r of reports) expect(r).toBeLessThanOrEqual(2 * REPORT_WORK);
  });

  it('sorts in place and pauses many times on a long array', () => {
    const input = values(200_000);
    const { reports, value } = drain(sortFloat64Work(input));
    expect(value).toBe(input);
    expect(reports.length).toBeGreaterThan(20);
  });
});

describe('sortIndicesWork', () => {
  const random = createRandom(12);
  it.each(SIZES)('orders %i indices exactly as a native sort with the same total order', (n) => {
    // Many ties on the value, broken by index: a total order, so every correct sort agrees.
    const key = Float64Array.from({ length: n }, () => Math.floor(random.next() * 50));
    const compare = (a: number, b: number) => key[b]! - key[a]! || a - b;
    const order = Int32Array.from({ length: n }, (_, i) => i);
    const { reports, value } = drain(sortIndicesWork(order.slice(), compare));
    expect(Array.from(value)).toEqual(Array.from(order.slice().sort(compare)));
    for (const r of reports) expect(r).toBeLessThanOrEqual(2 * REPORT_WORK);
  });
});

describe('Work helpers', () => {
  it('forChunks covers 0 … n − 1 once, in order, in chunks of about REPORT_WORK', () => {
    const seen: number[] = [];
    const { reports } = drain(
      forChunks(
        100_000,
        10,
        (s: number[], from, to) => {
          for (let i = from; i < to; i++) s.push(i);
        },
        seen,
      ),
    );
    expect(seen).toEqual(Array.from({ length: 100_000 }, (_, i) => i));
    expect(reports.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    for (const r of reports) expect(r).toBeLessThanOrEqual(REPORT_WORK);
  });

  it('sliceWork yields once a slice is done and returns the result; runWork just returns it', () => {
    function* work(): Work<string> {
      for (let i = 0; i < 100; i++) yield SLICE_WORK / 10;
      return 'done';
    }
    const { reports, value } = drain(sliceWork(work()));
    expect(value).toBe('done');
    expect(reports).toHaveLength(10);
    for (const r of reports) expect(r).toBeCloseTo(SLICE_WORK, 6);
    expect(runWork(work())).toBe('done');
  });
});
