import { describe, expect, it } from 'vitest';
import {
  CHURN_BANDS,
  CHURN_WEIGHTS,
  churnRisk,
  type InteractionTable,
  purchaseOccasions,
  type TransactionTable,
} from '../../src/index.js';

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const AS_OF = day('2024-12-31');

/** Rows [customer, days before AS_OF, amount]. */
function table(rows: [string, number, number][]): TransactionTable {
  const ids = [...new Set(rows.map((r) => r[0]))];
  return {
    kind: 'transactions',
    length: rows.length,
    customer: { codes: Int32Array.from(rows.map((r) => ids.indexOf(r[0]))), dictionary: ids },
    date: Float64Array.from(rows.map((r) => AS_OF - r[1] * DAY)),
    amount: Float64Array.from(rows.map((r) => r[2])),
  };
}

describe('churnRisk', () => {
  // "regular" buys every 30 days and has been silent for 94; "fresh" bought 10 days ago every 30 days;
  // "once" bought a single time 200 days ago.
  const t = table([
    ['regular', 94 + 120, 50],
    ['regular', 94 + 90, 50],
    ['regular', 94 + 60, 50],
    ['regular', 94 + 30, 50],
    ['regular', 94, 50],
    ['fresh', 70, 20],
    ['fresh', 40, 20],
    ['fresh', 10, 20],
    ['once', 200, 80],
  ]);
  const occasions = purchaseOccasions(t);

  it("flags silence against the customer's own rhythm, shrunk toward the population, in words", () => {
    const risk = churnRisk({ occasions }, { asOf: AS_OF });
    // Repeat buyers' mean intervals: 30 and 30 → population median 30; regular: (2·30 + 4·30)/6 = 30.
    expect(risk.populationIntervalDays).toBe(30);
    expect(risk.usualIntervalDays[0]).toBe(30);
    expect(risk.silenceDays[0]).toBe(94);
    const overdue = 1 - Math.exp(-(94 / 30 - 1));
    expect(risk.score[0]).toBeCloseTo(CHURN_WEIGHTS.overdue * overdue, 12);
    expect(risk.reasons[0]?.[0]).toMatchObject({
      code: 'overdue',
      text: 'usually buys every 30 days, silent for 94',
    });
    // Not overdue: no reason, score 0, band low.
    expect(risk.score[1]).toBe(0);
    expect(risk.reasons[1]).toEqual([]);
    expect(CHURN_BANDS[risk.band[1]!]).toBe('low');
  });

  it('judges one-time buyers by the population rhythm and never as certainly alive', () => {
    const risk = churnRisk({ occasions, pAlive: Float64Array.from([0.4, 0.95, 1]) }, { asOf: AS_OF });
    expect(risk.usualIntervalDays[2]).toBe(30);
    expect(risk.reasons[2]?.map((r) => r.code)).toEqual(['one-time-overdue']);
    expect(risk.reasons[2]?.[0]?.text).toBe(
      'bought once, 200 days ago; repeat buyers usually buy again within 30 days',
    );
    expect(risk.score[2]).toBeGreaterThan(0.65);
    expect(CHURN_BANDS[risk.band[2]!]).toBe('high');
    // P(alive) feeds repeat buyers by noisy-or: regular = 1 − (1 − 0.9·0.6)(1 − 0.8·overdue).
    const overdue = 1 - Math.exp(-(94 / 30 - 1));
    expect(risk.score[0]).toBeCloseTo(
      1 - (1 - CHURN_WEIGHTS.notAlive * 0.6) * (1 - CHURN_WEIGHTS.overdue * overdue),
      12,
    );
    expect(risk.reasons[0]?.map((r) => r.code)).toEqual(['overdue', 'not-alive']);
  });

  it('computes value at risk as potential value × score', () => {
    const potential = Float64Array.from([1000, 500, 200]);
    const risk = churnRisk({ occasions, potentialValue: potential }, { asOf: AS_OF });
    for (let c = 0; c < 3; c++) expect(risk.valueAtRisk[c]).toBeCloseTo(potential[c]! * risk.score[c]!, 12);
  });

  it('sees a falling trend between two windows', () => {
    const rows: [string, number, number][] = [];
    // 6 purchases of 100 in the previous 180 days, 2 purchases of 50 in the last 180; first purchase 400 days ago.
    rows.push(['shrinking', 400, 100]);
    for (let k = 0; k < 6; k++) rows.push(['shrinking', 350 - k * 25, 100]);
    rows.push(['shrinking', 120, 50], ['shrinking', 20, 50]);
    const risk = churnRisk({ occasions: purchaseOccasions(table(rows)) }, { asOf: AS_OF });
    const trend = risk.reasons[0]?.find((r) => r.code === 'spend-decline');
    expect(trend?.values).toMatchObject({ previous: 600, recent: 100, months: 6 });
    expect(trend?.contribution).toBeCloseTo(CHURN_WEIGHTS.trend * (500 / 600), 12);
    expect(trend?.text).toBe('spend down 83% in the last 6 months against the 6 before');
  });

  it('counts recent complaints and low satisfaction from interactions in the same code space', () => {
    const interactions: InteractionTable = {
      kind: 'interactions',
      length: 4,
      customer: { codes: Int32Array.from([1, 1, 1, 0]), dictionary: ['regular', 'fresh', 'once'] },
      date: Float64Array.from([AS_OF - 5 * DAY, AS_OF - 30 * DAY, AS_OF - 200 * DAY, AS_OF - 3 * DAY]),
      type: { codes: Int32Array.from([0, 0, 0, 1]), dictionary: ['complaint', 'call'] },
      satisfaction: Float64Array.from([1, Number.NaN, Number.NaN, 5]),
    };
    const risk = churnRisk({ occasions, interactions }, { asOf: AS_OF });
    const reasons = risk.reasons[1]!;
    expect(reasons.map((r) => r.code)).toEqual(['complaints', 'low-satisfaction']);
    expect(reasons[0]?.text).toBe('2 complaints in the last 90 days');
    expect(reasons[0]?.contribution).toBeCloseTo(CHURN_WEIGHTS.complaints * 0.75, 12);
    expect(reasons[1]?.text).toBe('low satisfaction: 1.0 on a 1–5 scale');
    expect(risk.score[1]).toBeCloseTo(1 - (1 - 0.6 * 0.75) * (1 - 0.4), 12);
  });

  it('leaves customers without a purchase by the analysis date unscored', () => {
    const t2 = table([
      ['a', 10, 5],
      ['later', -5, 5],
    ]);
    const risk = churnRisk({ occasions: purchaseOccasions(t2) }, { asOf: AS_OF });
    expect(risk.score[1]).toBeNaN();
    expect(risk.band[1]).toBe(255);
  });
});
