import { describe, expect, it } from 'vitest';
import {
  bgNbdConditionalExpectedPurchases,
  conditionalExpectedPurchases,
  customerLifetimeValue,
  DAYS_PER_MONTH,
  DAYS_PER_YEAR,
  horizonToDays,
  horizonToUnits,
  type PurchaseModel,
} from '../../src/clv/index.js';

const model: PurchaseModel = { kind: 'bg-nbd', params: { r: 0.2426, alpha: 4.4137, a: 0.793, b: 2.4262 } };
const customers = { x: [0, 2, 7, 26], tx: [0, 30.43, 35, 30.86], T: [38.86, 38.86, 39, 31] };
const spend = [35, 22.35, 40, 18];

describe('calendar conversions', () => {
  it('uses 365.25-day years and 30.4375-day months, never 30-day months', () => {
    expect(DAYS_PER_MONTH * 12).toBe(DAYS_PER_YEAR);
    expect(horizonToDays({ months: 12 })).toBe(365.25);
    expect(horizonToDays({ years: 1, weeks: 2, days: 3 })).toBe(365.25 + 17);
    expect(horizonToUnits({ months: 12 }, 'week')).toBeCloseTo(365.25 / 7, 12);
    expect(horizonToUnits({ weeks: 26 }, 'month')).toBeCloseTo(182 / 30.4375, 12);
    expect(() => horizonToDays({ days: -1 })).toThrow(RangeError);
  });
});

describe('customerLifetimeValue', () => {
  const horizon = { months: 12 };

  it('without discounting equals spend × expected purchases over the horizon (the period sums telescope)', () => {
    const res = customerLifetimeValue(customers, spend, {
      model,
      unit: 'week',
      horizon,
      annualDiscountRate: 0,
    });
    expect(res.periods).toBe(12);
    const expected = bgNbdConditionalExpectedPurchases(model.params, customers, 365.25 / 7);
    for (let i = 0; i < 4; i++) {
      expect(res.expectedPurchases[i]).toBeCloseTo(expected[i] as number, 12);
      expect(res.clv[i]).toBeCloseTo((spend[i] as number) * (expected[i] as number), 10);
    }
  });

  it('discounting lowers value, but never below discounting everything at the horizon', () => {
    const d = 0.1;
    const plain = customerLifetimeValue(customers, spend, {
      model,
      unit: 'week',
      horizon,
      annualDiscountRate: 0,
    });
    const disc = customerLifetimeValue(customers, spend, {
      model,
      unit: 'week',
      horizon,
      annualDiscountRate: d,
    });
    for (let i = 0; i < 4; i++) {
      expect(disc.clv[i]).toBeLessThan(plain.clv[i] as number);
      expect(disc.clv[i]).toBeGreaterThan(((plain.clv[i] as number) * 1) / (1 + d));
    }
  });

  it('a single period is discounted by (1 + d)^(−horizon / year), compounding annually', () => {
    const res = customerLifetimeValue(customers, spend, {
      model,
      unit: 'week',
      horizon: { years: 2 },
      step: { years: 2 },
      annualDiscountRate: 0.1,
    });
    const expected = bgNbdConditionalExpectedPurchases(model.params, customers, (2 * 365.25) / 7);
    for (let i = 0; i < 4; i++) {
      expect(res.clv[i]).toBeCloseTo(((spend[i] as number) * (expected[i] as number)) / 1.1 ** 2, 10);
    }
  });

  it('is the same in any model time unit once the parameters are rescaled', () => {
    // Rates scale with the unit: α in days = 7 α in weeks; times in days = 7 × weeks.
    const daily: PurchaseModel = {
      kind: 'bg-nbd',
      params: { ...model.params, alpha: 7 * model.params.alpha },
    };
    const inDays = { x: customers.x, tx: customers.tx.map((v) => 7 * v), T: customers.T.map((v) => 7 * v) };
    const options = { horizon, annualDiscountRate: 0.08 };
    const weeks = customerLifetimeValue(customers, spend, { ...options, model, unit: 'week' });
    const days = customerLifetimeValue(inDays, spend, { ...options, model: daily, unit: 'day' });
    for (let i = 0; i < 4; i++) expect(days.clv[i]).toBeCloseTo(weeks.clv[i] as number, 9);
  });

  it('finer discounting steps give slightly more value (earlier purchases discounted less), and margin scales', () => {
    const base = { model, unit: 'week', horizon, annualDiscountRate: 0.1 } as const;
    const monthly = customerLifetimeValue(customers, spend, base);
    const weekly = customerLifetimeValue(customers, spend, { ...base, step: { weeks: 1 } });
    const margin = customerLifetimeValue(customers, spend, { ...base, margin: 0.3 });
    for (let i = 0; i < 4; i++) {
      expect(weekly.clv[i]).toBeGreaterThan(monthly.clv[i] as number);
      expect(margin.clv[i]).toBeCloseTo(0.3 * (monthly.clv[i] as number), 10);
    }
    // The last weekly period is cut at the horizon: 365.25 / 7 = 52.18 weeks → 53 periods.
    expect(weekly.periods).toBe(53);
  });

  it('equals the discounted sum of period increments of the conditional expectation, in both models', () => {
    // Customers sharing (x, T) with different tx: CLV shares the (x, T) part, but P(alive) differs.
    const data = { x: [0, 3, 3, 3, 1, 12], tx: [0, 10, 25, 38, 2, 30], T: [40, 40, 40, 40, 5, 31] };
    const money = [10, 20, 30, 40, 50, 60];
    const models: PurchaseModel[] = [
      model,
      { kind: 'pareto-nbd', params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 } },
    ];
    for (const m of models) {
      const res = customerLifetimeValue(data, money, {
        model: m,
        unit: 'week',
        horizon,
        annualDiscountRate: 0.1,
      });
      const expected = new Array<number>(data.x.length).fill(0);
      let previous: Float64Array = new Float64Array(data.x.length);
      for (let k = 1; k <= 12; k++) {
        const days = (k * 365.25) / 12;
        const current = conditionalExpectedPurchases(m, data, days / 7);
        for (let i = 0; i < data.x.length; i++) {
          expected[i]! += ((current[i]! - previous[i]!) * money[i]!) / 1.1 ** (days / 365.25);
        }
        previous = current;
      }
      for (let i = 0; i < data.x.length; i++) {
        expect(res.clv[i]).toBeCloseTo(expected[i]!, 10);
        expect(res.expectedPurchases[i]).toBeCloseTo(previous[i]!, 12);
      }
      // Same (x, T), later last purchase: more likely alive, more value.
      expect(res.clv[1]! / money[1]!).toBeLessThan(res.clv[2]! / money[2]!);
      expect(res.clv[2]! / money[2]!).toBeLessThan(res.clv[3]! / money[3]!);
    }
  });

  it('works for Pareto/NBD too and rejects bad input', () => {
    const pareto: PurchaseModel = {
      kind: 'pareto-nbd',
      params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
    };
    const res = customerLifetimeValue(customers, 30, {
      model: pareto,
      unit: 'week',
      horizon,
      annualDiscountRate: 0.1,
    });
    for (const v of res.clv) expect(v).toBeGreaterThan(0);
    expect(() =>
      customerLifetimeValue(customers, [1, 2], { model, unit: 'week', horizon, annualDiscountRate: 0.1 }),
    ).toThrow(RangeError);
    expect(() =>
      customerLifetimeValue(customers, 1, { model, unit: 'week', horizon, annualDiscountRate: -1 }),
    ).toThrow(RangeError);
  });
});
