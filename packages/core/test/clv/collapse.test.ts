import { describe, expect, it } from 'vitest';
import { bgNbdLogLikelihood, collapseRfm, fitBgNbd } from '../../src/clv/index.js';
import { loadCdnowSummaryFile } from './util/cdnow.js';

describe('collapseRfm', () => {
  it('merges identical (x, tx, T) rows with weights and keeps the total', () => {
    const c = collapseRfm({ x: [0, 1, 0, 1, 0], tx: [0, 2, -0, 2, 0], T: [5, 5, 5, 5, 6] }); // −0 equals 0
    expect(c.length).toBe(3);
    expect(c.customers).toBe(5);
    expect(Array.from(c.weight)).toEqual([2, 2, 1]);
    expect(Array.from(c.T)).toEqual([5, 5, 6]);
  });

  it('adds given weights and drops zero-weight rows', () => {
    const c = collapseRfm({ x: [2, 2, 3], tx: [1, 1, 1], T: [4, 4, 4], weight: [3, 0, 0] });
    expect(c.length).toBe(1);
    expect(c.customers).toBe(3);
    expect(c.weight[0]).toBe(3);
  });

  it('rejects rows that are not valid RFM statistics', () => {
    expect(() => collapseRfm({ x: [1], tx: [5], T: [4] })).toThrow(RangeError);
    expect(() => collapseRfm({ x: [-1], tx: [0], T: [4] })).toThrow(RangeError);
    expect(() => collapseRfm({ x: [1], tx: [0], T: [Number.NaN] })).toThrow(RangeError);
    expect(() => collapseRfm({ x: [1, 2], tx: [0], T: [4] })).toThrow(RangeError);
  });

  it('leaves the likelihood unchanged: weighted collapsed sum = per-customer sum, and so does the fit', () => {
    const data = loadCdnowSummaryFile();
    const params = { r: 0.3, alpha: 4, a: 0.7, b: 2.2 };
    const c = collapseRfm(data);
    expect(c.length).toBeLessThan(data.x.length);
    const full = bgNbdLogLikelihood(params, data).reduce((s, v) => s + v, 0);
    const rows = bgNbdLogLikelihood(params, c);
    let collapsed = 0;
    for (let i = 0; i < c.length; i++) collapsed += (c.weight[i] as number) * (rows[i] as number);
    expect(collapsed).toBeCloseTo(full, 8);
    const direct = fitBgNbd(data);
    const viaWeights = fitBgNbd({ ...c, weight: c.weight });
    expect(viaWeights.logLik).toBeCloseTo(direct.logLik, 8);
    expect(viaWeights.params.r).toBeCloseTo(direct.params.r, 6);
    expect(viaWeights.n).toBe(2357);
  });
});
