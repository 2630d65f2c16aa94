import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  type DatasetOptions,
  generateCustomers,
  generateDataset,
  generateInteractions,
  generateTransactions,
  toRows,
} from '../src/index.js';

const START = Date.UTC(2023, 0, 1);
const END_EXCLUSIVE = Date.UTC(2025, 0, 1);

/**
 * The expected number of purchases per customer (first + repeat), computed independently of the generator from
 * the BG/NBD closed form E[X(t) | λ, p] = (1 − e^(−λpt)) / p, which averaged over λ ~ Gamma(r, α) is
 * (1 − (α / (α + p·t))^r) / p. It is then averaged over p ~ Beta(a, b) (substituting p = u^(1/a), which turns
 * the Beta density into (1 − u^(1/a))^(b−1) du, free of the singularity at 0) and over the time t from the first
 * purchase to the end of the window, uniform on (0, D] days. Midpoint rule in both.
 */
function expectedPurchases(r: number, alpha: number, a: number, b: number, days: number): number {
  const nu = 2000;
  const nt = 400;
  let sum = 0;
  let weights = 0;
  for (let i = 0; i < nu; i++) {
    const p = ((i + 0.5) / nu) ** (1 / a);
    const w = (1 - p) ** (b - 1);
    let inner = 0;
    for (let j = 0; j < nt; j++) {
      const t = ((j + 0.5) / nt) * days;
      inner += (1 - (alpha / (alpha + p * t)) ** r) / p;
    }
    sum += (w * inner) / nt;
    weights += w;
  }
  return 1 + sum / weights;
}

function meanAndStandardError(values: ArrayLike<number>): { mean: number; se: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i]! - mean) ** 2;
  return { mean, se: Math.sqrt(ss / (values.length - 1) / values.length) };
}

describe('generateDataset', () => {
  const options: DatasetOptions = { customers: 2000, seed: 11 };
  const data = generateDataset(options);
  const { customers, transactions: tx, interactions, truth } = data;

  it('is deterministic under the seed, and the seed matters', () => {
    expect(generateDataset(options)).toEqual(data);
    const other = generateDataset({ ...options, seed: 12 });
    expect(other.transactions.amount).not.toEqual(tx.amount);
    expect(other.customers.createdAt).not.toEqual(customers.createdAt);
  });

  it('makes the same parts when they are generated alone', () => {
    const population = generateCustomers(options);
    expect(population.customers).toEqual(customers);
    expect(generateTransactions(options)).toEqual(tx);
    expect(generateInteractions(options, population)).toEqual(interactions);
  });

  it('has equal column lengths and the documented column types', () => {
    const sameLength = (columns: Record<string, ArrayLike<unknown>>, length: number) => {
      for (const [name, column] of Object.entries(columns)) expect(column.length, name).toBe(length);
    };
    sameLength({ ...customers }, 2000);
    sameLength({ ...tx }, tx.customerId.length);
    sameLength({ ...interactions }, interactions.customerId.length);
    expect(customers.createdAt).toBeInstanceOf(Float64Array);
    expect(tx.date).toBeInstanceOf(Float64Array);
    expect(tx.amount).toBeInstanceOf(Float64Array);
    expect(tx.quantity).toBeInstanceOf(Float64Array);
    expect(interactions.satisfaction).toBeInstanceOf(Float64Array);
    expect(new Set(customers.id).size).toBe(2000);
    expect(customers.id[0]).toBe('C000001');
  });

  it('keeps every date in the window, amounts finite and in cents, and customers known', () => {
    // Violations are collected and asserted once: an expect() per row would dominate the run time.
    const bad: string[] = [];
    const known = new Map(customers.id.map((id, i) => [id, i]));
    const firstSeen = new Float64Array(customers.id.length).fill(Number.POSITIVE_INFINITY);
    for (let k = 0; k < tx.date.length; k++) {
      const d = tx.date[k]!;
      const amount = tx.amount[k]!;
      const i = known.get(tx.customerId[k]!);
      if (!(d >= START && d < END_EXCLUSIVE)) bad.push(`transaction ${k}: date ${d}`);
      if (!Number.isFinite(amount) || amount === 0) bad.push(`transaction ${k}: amount ${amount}`);
      if (Math.abs(Math.round(amount * 100) - amount * 100) > 1e-6)
        bad.push(`transaction ${k}: ${amount} not cents`);
      if (Math.sign(tx.quantity[k]!) !== Math.sign(amount)) bad.push(`transaction ${k}: quantity sign`);
      if (i === undefined) bad.push(`transaction ${k}: unknown customer ${tx.customerId[k]}`);
      else if (amount > 0) firstSeen[i] = Math.min(firstSeen[i]!, d);
    }
    for (let i = 0; i < customers.id.length; i++) {
      const created = customers.createdAt[i]!;
      if (!(created >= START && created < END_EXCLUSIVE)) bad.push(`customer ${i}: createdAt ${created}`);
      // Every customer buys at least once (the first purchase), on or after being created.
      if (firstSeen[i] !== truth.firstPurchase[i]) bad.push(`customer ${i}: first purchase`);
      if (!(created <= firstSeen[i]!)) bad.push(`customer ${i}: created after the first purchase`);
    }
    for (let k = 0; k < interactions.date.length; k++) {
      const d = interactions.date[k]!;
      const i = known.get(interactions.customerId[k]!);
      if (!(d >= START && d < END_EXCLUSIVE)) bad.push(`interaction ${k}: date ${d}`);
      if (i === undefined) bad.push(`interaction ${k}: unknown customer`);
      else if (d < customers.createdAt[i]!) bad.push(`interaction ${k}: before the customer was created`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('emits rows customer by customer, each customer in date order, not sorted overall', () => {
    const check = (ids: readonly string[], dates: Float64Array) => {
      let bad = 0;
      const done = new Set<string>();
      for (let k = 1; k < ids.length; k++) {
        if (ids[k] === ids[k - 1]) {
          if (dates[k]! < dates[k - 1]!) bad++;
        } else {
          if (done.has(ids[k]!) || !(ids[k]! > ids[k - 1]!)) bad++;
          done.add(ids[k - 1]!);
        }
      }
      expect(bad).toBe(0);
    };
    check(tx.customerId, tx.date);
    check(interactions.customerId, interactions.date);
    let unsorted = 0;
    for (let k = 1; k < tx.date.length; k++) if (tx.date[k]! < tx.date[k - 1]!) unsorted++;
    expect(unsorted).toBeGreaterThan(0);
  });

  it('gives each return an earlier order of the same customer and product, and no more than that line', () => {
    const lines = new Map<string, { customer: string; date: number; amount: number; units: number }>();
    let returns = 0;
    for (let k = 0; k < tx.date.length; k++) {
      const key = `${tx.orderId[k]}|${tx.product[k]}`;
      if (tx.amount[k]! > 0) {
        lines.set(key, {
          customer: tx.customerId[k]!,
          date: tx.date[k]!,
          amount: tx.amount[k]!,
          units: tx.quantity[k]!,
        });
        continue;
      }
      returns++;
      const line = lines.get(key);
      expect(line).toBeDefined();
      expect(line!.customer).toBe(tx.customerId[k]);
      expect(tx.date[k]! - line!.date).toBeGreaterThanOrEqual(DAY_MS - 60_000);
      expect(tx.date[k]! - line!.date).toBeLessThanOrEqual(30 * DAY_MS);
      expect(-tx.amount[k]!).toBeLessThanOrEqual(line!.amount + 0.01);
      expect(-tx.quantity[k]!).toBeLessThanOrEqual(line!.units);
    }
    expect(returns).toBeGreaterThan(0);
  });

  it('draws interaction types and ratings from the documented sets', () => {
    const types = new Set(['complaint', 'ticket', 'call', 'email', 'visit']);
    let rated = 0;
    for (let k = 0; k < interactions.type.length; k++) {
      expect(types.has(interactions.type[k]!)).toBe(true);
      const s = interactions.satisfaction[k]!;
      if (Number.isNaN(s)) continue;
      rated++;
      expect(Number.isInteger(s) && s >= 1 && s <= 5).toBe(true);
    }
    expect(rated).toBeGreaterThan(0);
    expect(rated).toBeLessThan(interactions.type.length);
  });

  it('turns columns into row objects', () => {
    const rows = toRows(tx);
    expect(rows).toHaveLength(tx.date.length);
    expect(rows[3]).toEqual({
      customerId: tx.customerId[3],
      date: tx.date[3],
      amount: tx.amount[3],
      orderId: tx.orderId[3],
      quantity: tx.quantity[3],
      product: tx.product[3],
      category: tx.category[3],
      region: tx.region[3],
      channel: tx.channel[3],
    });
    expect(toRows({ id: ['a', 'b'], n: Float64Array.of(1, 2) })).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
    expect(toRows({})).toEqual([]);
    expect(() => toRows({ id: ['a', 'b'], n: Float64Array.of(1) })).toThrow(RangeError);
  });
});

describe('generateDataset statistics', () => {
  const n = 50_000;
  const data = generateDataset({ customers: n, seed: 3 });
  const { transactions: tx } = data;
  const purchases = new Float64Array(n);
  const index = new Map(data.customers.id.map((id, i) => [id, i]));
  let orders = 0;
  let spend = 0;
  let returns = 0;
  for (let k = 0; k < tx.amount.length; k++) {
    if (tx.amount[k]! > 0) {
      purchases[index.get(tx.customerId[k]!)!]!++;
      orders++;
      spend += tx.amount[k]!;
    } else returns++;
  }

  it('averages the BG/NBD expectation of purchases per customer (≈ 10 with the defaults)', () => {
    // Defaults r 0.8, α 14, a 0.8, b 8 over 731 days (2023-01-01 … 2024-12-31).
    const expected = expectedPurchases(0.8, 14, 0.8, 8, 731);
    expect(expected).toBeGreaterThan(9.5);
    expect(expected).toBeLessThan(10.5);
    const { mean, se } = meanAndStandardError(purchases);
    // Customers are independent, so the sample mean is within 4 standard errors of the expectation (≈ 1 in 16,000
    // chance of a false alarm); with 50,000 customers the standard error is ≈ 0.07 (≈ 0.7%).
    expect(Math.abs(mean - expected)).toBeLessThan(4 * se);
    expect(se / expected).toBeLessThan(0.01);
  });

  it('averages the Gamma-Gamma mean order value p·γ / (q − 1) = 60, within 3%', () => {
    // Orders of one customer share ν, so the standard error is driven by customers (≈ 0.6% here); 3% is ≈ 5 SE.
    expect(Math.abs(spend / orders / 60 - 1)).toBeLessThan(0.03);
  });

  it('returns about returnRate of orders (a little less: returns after the window end are dropped)', () => {
    const share = returns / orders;
    expect(share).toBeGreaterThan(0.05 * 0.9);
    expect(share).toBeLessThan(0.05 * 1.03);
  });

  it('makes complaints at complaintShare, and more often just before customers drop out', () => {
    const { interactions, truth } = data;
    let before = 0;
    let beforeComplaints = 0;
    let other = 0;
    let otherComplaints = 0;
    for (let k = 0; k < interactions.date.length; k++) {
      const i = index.get(interactions.customerId[k]!)!;
      const dropout = truth.dropoutAt[i]!;
      const complaint = interactions.type[k] === 'complaint' ? 1 : 0;
      if (dropout < END_EXCLUSIVE && interactions.date[k]! >= dropout - 90 * DAY_MS) {
        before++;
        beforeComplaints += complaint;
      } else {
        other++;
        otherComplaints += complaint;
      }
    }
    // Binomial standard errors: ≈ 0.001 for the baseline share, ≈ 0.005 for the lifted one (0.4).
    expect(Math.abs(otherComplaints / other - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(beforeComplaints / before - 0.4)).toBeLessThan(0.03);
  });

  it('gives about 1M transactions for 100k customers (≈ 10.5 rows a customer with returns)', () => {
    expect(tx.amount.length / n).toBeGreaterThan(10);
    expect(tx.amount.length / n).toBeLessThan(11);
  });
});

describe('generateDataset options', () => {
  it('derives the Beta b from churnRate', () => {
    const { truth } = generateCustomers({ customers: 20_000, churnRate: 0.3, seed: 5 });
    const { mean } = meanAndStandardError(truth.dropoutProbability);
    expect(mean).toBeCloseTo(0.3, 2);
  });

  it('splits orders into baskets of 1 + Poisson(basketSize − 1) lines sharing id, date and channel', () => {
    const tx = generateTransactions({ customers: 3000, basketSize: 3, returnRate: 0, seed: 2 });
    const orders = new Map<string, { date: number; channel: string }>();
    let mismatches = 0;
    for (let k = 0; k < tx.orderId.length; k++) {
      const order = orders.get(tx.orderId[k]!);
      if (!order) orders.set(tx.orderId[k]!, { date: tx.date[k]!, channel: tx.channel[k]! });
      else if (order.date !== tx.date[k] || order.channel !== tx.channel[k]) mismatches++;
    }
    expect(mismatches).toBe(0);
    const linesPerOrder = tx.orderId.length / orders.size;
    expect(linesPerOrder).toBeGreaterThan(2.9);
    expect(linesPerOrder).toBeLessThan(3.1);
  });

  it('grows its buffers for busy customers', () => {
    // Mean λ = 0.8 a day: hundreds of orders a customer, far beyond the initial capacity of 11 rows a customer.
    const options: DatasetOptions = {
      customers: 40,
      purchases: { alpha: 1, b: 200 },
      interactionRate: 100,
      seed: 8,
    };
    const tx = generateTransactions(options);
    const interactions = generateInteractions(options);
    expect(tx.date.length / 40).toBeGreaterThan(50);
    expect(interactions.date.length / 40).toBeGreaterThan(50);
    for (const column of Object.values(tx)) expect(column.length).toBe(tx.date.length);
    let unordered = 0;
    for (let k = 1; k < tx.date.length; k++) {
      if (tx.customerId[k] === tx.customerId[k - 1] && tx.date[k]! < tx.date[k - 1]!) unordered++;
    }
    expect(unordered).toBe(0);
  });

  it('honours the window, lists and counts', () => {
    const data = generateDataset({
      customers: 300,
      start: '2020-03-01',
      end: '2020-03-31',
      regions: ['EU'],
      channels: ['web'],
      segments: ['B2B'],
      products: 5,
      categories: 2,
      seed: 9,
    });
    const from = Date.UTC(2020, 2, 1);
    const to = Date.UTC(2020, 3, 1);
    for (const d of data.transactions.date) expect(d >= from && d < to).toBe(true);
    expect(new Set(data.transactions.region)).toEqual(new Set(['EU']));
    expect(new Set(data.transactions.channel)).toEqual(new Set(['web']));
    expect(new Set(data.customers.segment)).toEqual(new Set(['B2B']));
    expect(new Set(data.transactions.product).size).toBeLessThanOrEqual(5);
    expect(new Set(data.transactions.category)).toEqual(new Set(['Books', 'Music']));
  });

  it('works for zero customers and refuses bad options', () => {
    const empty = generateDataset({ customers: 0 });
    expect(empty.transactions.date.length).toBe(0);
    expect(() => generateDataset({ customers: -1 })).toThrow(RangeError);
    expect(() => generateDataset({ customers: 1.5 })).toThrow(RangeError);
    expect(() => generateDataset({ start: '2024-01-01', end: '2023-01-01' })).toThrow(RangeError);
    expect(() => generateDataset({ start: '2023/01/01' })).toThrow(RangeError);
    expect(() => generateDataset({ start: '2023-02-30' })).toThrow(RangeError);
    expect(() => generateDataset({ returnRate: 2 })).toThrow(RangeError);
    expect(() => generateDataset({ churnRate: 1 })).toThrow(RangeError);
    expect(() => generateDataset({ purchases: { r: 0 } })).toThrow(RangeError);
    expect(() => generateDataset({ regions: [] })).toThrow(RangeError);
    expect(() => generateTransactions({ customers: 5 }, generateCustomers({ customers: 4 }))).toThrow(
      RangeError,
    );
  });
});
