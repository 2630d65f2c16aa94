import { describe, expect, it } from 'vitest';
import { addUtcMonths, currentValue, type TransactionTable } from '../../src/index.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

function table(rows: [string, string, number, number?][]): TransactionTable {
  const ids = [...new Set(rows.map((r) => r[0]))];
  return {
    kind: 'transactions',
    length: rows.length,
    customer: { codes: Int32Array.from(rows.map((r) => ids.indexOf(r[0]))), dictionary: ids },
    date: Float64Array.from(rows.map((r) => day(r[1]))),
    amount: Float64Array.from(rows.map((r) => r[2])),
    ...(rows.some((r) => r[3] !== undefined)
      ? { cost: Float64Array.from(rows.map((r) => r[3] ?? Number.NaN)) }
      : {}),
  };
}

describe('currentValue', () => {
  it('moves by calendar months, clamping to the month length', () => {
    expect(addUtcMonths(day('2011-03-31'), -1)).toBe(day('2011-02-28'));
    expect(addUtcMonths(day('2012-03-31'), -1)).toBe(day('2012-02-29'));
    expect(addUtcMonths(day('2011-12-09'), -12)).toBe(day('2010-12-09'));
  });

  it('sums net revenue over the trailing months ending on the analysis day', () => {
    const t = table([
      ['a', '2010-12-09', 100], // one day before the 12-month window
      ['a', '2010-12-10', 10], // first day in the window
      ['a', '2011-06-01', -3], // a return, netted
      ['b', '2011-12-09', 7], // the analysis day itself
      ['b', '2011-12-10', 1000], // after the analysis day
    ]);
    const v = currentValue(t, { asOf: day('2011-12-09') + 13 * 3600_000 });
    expect(v.measure).toBe('revenue');
    expect([...v.value]).toEqual([7, 7]);
    expect(v.from).toBe(day('2010-12-10'));
    expect(v.to).toBe(day('2011-12-09'));
  });

  it('uses margin when costs are known, and says which rows had none', () => {
    const t = table([
      ['a', '2011-01-10', 10, 6],
      ['a', '2011-01-11', 20, Number.NaN],
    ]);
    const v = currentValue(t, { asOf: day('2011-02-01') });
    expect(v).toMatchObject({ measure: 'margin', rowsWithoutCost: 1 });
    expect([...v.value]).toEqual([4]);
    expect([...currentValue(t, { asOf: day('2011-02-01'), measure: 'revenue' }).value]).toEqual([30]);
    const noCost = table([['a', '2011-01-10', 10]]);
    expect(() => currentValue(noCost, { asOf: day('2011-02-01'), measure: 'margin' })).toThrow(
      /needs a cost column/,
    );
  });
});
