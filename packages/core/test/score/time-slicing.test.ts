import { generateDataset } from '@crm-lens/testing';
import { describe, expect, it } from 'vitest';
import {
  abcClassify,
  abcClassifySteps,
  assignSegments,
  assignSegmentsSteps,
  churnRisk,
  churnRiskSteps,
  collapseRfm,
  collapseRfmSteps,
  currentValue,
  currentValueSteps,
  customerLifetimeValue,
  customerLifetimeValueSteps,
  fitBgNbd,
  fitBgNbdSteps,
  fitGammaGamma,
  fitGammaGammaSteps,
  ingestTransactions,
  probabilityAlive,
  probabilityAliveSteps,
  purchaseOccasions,
  purchaseOccasionsSteps,
  SCORE_STAGES,
  type ScoreOptions,
  type ScoreStage,
  scoreCustomers,
  scoreCustomersSteps,
  scoreRfm,
  scoreRfmSteps,
  sliceWork,
  summarizeCustomers,
  summarizeCustomersSteps,
  summarizeOccasions,
  summarizeOccasionsSteps,
  type TransactionTable,
  valuePyramid,
  valuePyramidSteps,
  type Work,
} from '../../src/index.js';
import { _scoreCustomersWork } from '../../src/score/score-customers.js';
import { REPORT_WORK, SLICE_WORK } from '../../src/util/work.js';

// Timings are not asserted here (see measure-slices.ts): the tests check the structure that bounds them. Kernels
// report the work they have done (nominal nanoseconds) every chunk of rows; scoreCustomersSteps yields a stage
// name once at least SLICE_WORK has been reported since its previous yield.

/** A synthetic dataset through the real ingestion, as columns. */
async function dataset(customers: number): Promise<TransactionTable> {
  const { transactions } = generateDataset({ customers, seed: 7 });
  const { table } = await ingestTransactions(transactions, { now: Date.UTC(2026, 0, 1) });
  return table;
}

/** The pipeline's reports, per stage: every work amount reported, in order. */
function reports(table: TransactionTable, options: ScoreOptions = {}): Map<ScoreStage, number[]> {
  const out = new Map<ScoreStage, number[]>();
  const steps = _scoreCustomersWork(table, options);
  let stage: ScoreStage | undefined;
  for (;;) {
    const step = steps.next();
    if (step.done) return out;
    if (typeof step.value === 'string') {
      stage = step.value;
      out.set(stage, []);
    } else out.get(stage!)!.push(step.value);
  }
}

/** Steps to completion: the names yielded, and the result. */
function stepThrough(table: TransactionTable, options: ScoreOptions = {}) {
  const yields: ScoreStage[] = [];
  const steps = scoreCustomersSteps(table, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return { yields, scores: step.value };
    yields.push(step.value);
  }
}

const count = (names: readonly ScoreStage[], stage: ScoreStage) => names.filter((s) => s === stage).length;

describe('scoreCustomersSteps in time slices (20,000 customers, ≈ 210k transactions)', async () => {
  const table = await dataset(20_000);
  const small = await dataset(5_000);
  const stepped = stepThrough(table);
  const work = reports(table);

  it('announces every stage, in order, then repeats its name at each checkpoint inside it', () => {
    const firsts = stepped.yields.filter((s, i) => stepped.yields.indexOf(s) === i);
    expect(firsts).toEqual([...SCORE_STAGES]);
    const order = stepped.yields.map((s) => SCORE_STAGES.indexOf(s));
    for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThanOrEqual(order[i - 1]!);
    // Every stage but 'occasions' passes over the rows; that one turns the summary's recorded occasions into
    // model inputs, a pass over the customers, and may fit in one slice.
    for (const stage of SCORE_STAGES) {
      expect(count(stepped.yields, stage)).toBeGreaterThan(stage === 'occasions' ? 0 : 1);
    }
  });

  it('gives exactly the result of scoreCustomers', () => {
    expect(stepped.scores).toStrictEqual(scoreCustomers(table));
  });

  it('does a bounded amount of work between two reports, whatever the input size', () => {
    const largest = (w: Map<ScoreStage, number[]>) => Math.max(...[...w.values()].flat());
    // Sorts report a native run of up to two reports' worth; every other loop reports each chunk of REPORT_WORK.
    expect(largest(work)).toBeLessThanOrEqual(2 * REPORT_WORK);
    expect(largest(reports(small))).toBeLessThanOrEqual(2 * REPORT_WORK);
  });

  it('yields its stage name whenever a slice of work is done, so no stretch holds much more', () => {
    for (const stage of SCORE_STAGES) {
      // Replay the slicing rule on the reports: stretches, and the checkpoints they end in.
      let done = 0;
      let checkpoints = 1; // the stage's own announcement
      for (const units of work.get(stage)!) {
        done += units;
        expect(done).toBeLessThan(SLICE_WORK + 2 * REPORT_WORK);
        if (done >= SLICE_WORK) {
          checkpoints++;
          done = 0;
        }
      }
      expect(count(stepped.yields, stage), stage).toBe(checkpoints);
    }
  });

  it('yields in proportion to the input: at least once per 100k transactions in every stage over the rows', () => {
    // Every stage passes over the transactions or their customers several times, reporting ≥ 20 units a row.
    const perRow = 20;
    for (const [t, yields] of [
      [small, stepThrough(small).yields],
      [table, stepped.yields],
    ] as const) {
      for (const stage of SCORE_STAGES) {
        const total = reports(t)
          .get(stage)!
          .reduce((a, b) => a + b, 0);
        if (stage === 'occasions') {
          // A pass over the customers (the rows were grouped into occasions by the summary).
          expect(total, stage).toBeGreaterThan(perRow * t.customer.dictionary.length);
          continue;
        }
        expect(total, stage).toBeGreaterThan(perRow * t.length);
        expect(count(yields, stage), stage).toBeGreaterThanOrEqual(
          1 + Math.floor((perRow * t.length) / SLICE_WORK),
        );
      }
    }
    // The fits evaluate every (collapsed) row at each of dozens of evaluations: checkpoints well beyond one pass
    // (the purchase model has more rows and costs more per row than the spend model).
    expect(count(stepped.yields, 'purchase-model')).toBeGreaterThan(20);
    expect(count(stepped.yields, 'spend-model')).toBeGreaterThan(5);
  });
});

describe('scoreCustomersSteps with other models and options (3,000 customers)', async () => {
  const table = await dataset(3_000);
  const options: ScoreOptions = {
    model: 'pareto-nbd',
    unit: 'day',
    horizon: { months: 6 },
    rfm: { rule: { method: 'ntile', n: 4 }, monetary: 'mean' },
    abc: { by: 'count' },
    pyramid: { current: { kind: 'percentile', p: 0.75 } },
    churn: { trendDays: 120 },
  };

  it('gives exactly the result of scoreCustomers, with work reports of the same bound', () => {
    const stepped = stepThrough(table, options);
    expect(stepped.scores).toStrictEqual(scoreCustomers(table, options));
    expect(Math.max(...[...reports(table, options).values()].flat())).toBeLessThanOrEqual(2 * REPORT_WORK);
  });
});

describe('the kernels’ …Steps variants', async () => {
  const table = await dataset(20_000);
  const asOf = Date.UTC(2024, 11, 31);
  const summary = summarizeCustomers(table, { asOf });
  const rfm = scoreRfm(summary);
  const occasions = purchaseOccasions(table);
  const calibration = summarizeOccasions(occasions, table.customer.dictionary, {
    unit: 'week',
    calibrationEnd: asOf,
  });
  const model = { kind: 'bg-nbd', params: fitBgNbd(calibration).params } as const;
  const clvOptions = { model, unit: 'week', horizon: { months: 12 }, annualDiscountRate: 0.1 } as const;
  const current = currentValue(table, { asOf });
  const potential = customerLifetimeValue(calibration, 50, clvOptions).clv;

  /** Runs coalesced into slices: the slices yielded (each at least SLICE_WORK but the last), and the result. */
  function slices<R>(work: Work<R>): { sizes: number[]; value: R } {
    const sizes: number[] = [];
    const sliced = sliceWork(work);
    for (;;) {
      const step = sliced.next();
      if (step.done) return { sizes, value: step.value };
      sizes.push(step.value);
    }
  }

  const cases: [string, () => Work<unknown>, () => unknown][] = [
    [
      'summarizeCustomers',
      () => summarizeCustomersSteps(table, { asOf }),
      () => summarizeCustomers(table, { asOf }),
    ],
    ['scoreRfm', () => scoreRfmSteps(summary), () => scoreRfm(summary)],
    ['assignSegments', () => assignSegmentsSteps(rfm), () => assignSegments(rfm)],
    [
      'abcClassify',
      () => abcClassifySteps(summary.netRevenue, { ids: table.customer.dictionary }),
      () => abcClassify(summary.netRevenue, { ids: table.customer.dictionary }),
    ],
    ['purchaseOccasions', () => purchaseOccasionsSteps(table), () => purchaseOccasions(table)],
    [
      'summarizeOccasions',
      () =>
        summarizeOccasionsSteps(occasions, table.customer.dictionary, { unit: 'week', calibrationEnd: asOf }),
      () => summarizeOccasions(occasions, table.customer.dictionary, { unit: 'week', calibrationEnd: asOf }),
    ],
    ['collapseRfm', () => collapseRfmSteps(calibration), () => collapseRfm(calibration)],
    ['fitBgNbd', () => fitBgNbdSteps(calibration), () => fitBgNbd(calibration)],
    [
      'fitGammaGamma',
      () => fitGammaGammaSteps({ x: calibration.x, zbar: calibration.zbar }),
      () => fitGammaGamma({ x: calibration.x, zbar: calibration.zbar }),
    ],
    [
      'customerLifetimeValue',
      () => customerLifetimeValueSteps(calibration, 50, clvOptions),
      () => customerLifetimeValue(calibration, 50, clvOptions),
    ],
    [
      'probabilityAlive',
      () => probabilityAliveSteps(model, calibration),
      () => probabilityAlive(model, calibration),
    ],
    ['currentValue', () => currentValueSteps(table, { asOf }), () => currentValue(table, { asOf })],
    [
      'valuePyramid',
      () => valuePyramidSteps({ current: current.value, potential }),
      () => valuePyramid({ current: current.value, potential }),
    ],
    ['churnRisk', () => churnRiskSteps({ occasions }, { asOf }), () => churnRisk({ occasions }, { asOf })],
  ];

  it.each(cases)(
    '%s: yields slices of work and returns what the synchronous function returns',
    (_, steps, sync) => {
      const { sizes, value } = slices(steps());
      expect(value).toStrictEqual(sync());
      for (const size of sizes.slice(0, -1)) {
        expect(size).toBeGreaterThanOrEqual(SLICE_WORK);
        expect(size).toBeLessThan(SLICE_WORK + 2 * REPORT_WORK);
      }
    },
  );

  it('pause inside the heavy kernels on this input', () => {
    for (const [name, steps] of cases) {
      if (['assignSegments', 'summarizeOccasions', 'collapseRfm', 'probabilityAlive'].includes(name))
        continue;
      expect(slices(steps()).sizes.length, name).toBeGreaterThan(0);
    }
  });
});
