import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RFM_PACKAGE_LEGACY_SEGMENTS, rfm, rfmHeatmap } from '../../src/rfm/index.js';
import type { TransactionTable } from '../../src/schema/transactions.js';
import { sharedData } from '../util/cdnow.js';
import { transactions } from '../util/transactions.js';

// Reproduces published output of the R package rfm 0.3.0 (rsquaredacademy/rfm) on its own example data,
// `rfm_data_orders` (4,906 orders of 995 customers), exported from data/rfm_data_orders.rda to CSV with the
// columns customer_id, order_date (YYYY-MM-DD), revenue. The data is not in this repository; the test runs when
// the file is at shared/data/rfm/rfm_data_orders.csv or at the path in RFM_DATA_ORDERS.
const path = process.env.RFM_DATA_ORDERS ?? sharedData('rfm/rfm_data_orders.csv');

describe.skipIf(!existsSync(path))('rfm package reproduction on rfm_data_orders', () => {
  // The package counts every order row (`n()`), so occasions are rows, not merged days.
  const options = { asOf: Date.UTC(2006, 11, 31), mergeSameDay: false } as const;
  // Read lazily: a skipped describe still runs its body while collecting.
  let cached: TransactionTable | undefined;
  const table = (): TransactionTable => {
    cached ??= transactions(
      readFileSync(path, 'utf8')
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((line) => {
          const [customer, date, revenue] = line.split(',');
          return [customer!, date!, Number(revenue)] as const;
        }),
    );
    return cached;
  };

  it('counts 4,906 transactions (tests/testthat/test-rfm-table.R)', () => {
    const { scores } = rfm(table(), options);
    expect(scores.frequency.reduce((a, b) => a + b, 0)).toBe(4906);
    expect(scores.scored).toBe(995);
  });

  it('reproduces the vignette segment summary (docs/articles/rfm-introduction.html)', () => {
    const { segments } = rfm(table(), options);
    const got = Object.fromEntries(
      segments.totals.map((t) => [t.name, [t.customers, t.frequency, t.revenue]]),
    );
    expect(got).toEqual({
      Champions: [35, 316, 31_646],
      'Potential Loyalist': [342, 2211, 204_856],
      'Loyal Customers': [170, 799, 76_562],
      Promising: [9, 28, 4249],
      'New Customers': [104, 329, 28_837],
      "Can't Lose Them": [47, 274, 32_446],
      'At Risk': [28, 216, 22_227],
      'Need Attention': [10, 57, 4562],
      'About To Sleep': [102, 283, 23_449],
      Lost: [148, 393, 35_324],
      Others: [0, 0, 0],
    });
  });

  it('reproduces the Champions of the earlier map (tests/testthat/test-rfm-segment.R)', () => {
    const { segments } = rfm(table(), { ...options, map: RFM_PACKAGE_LEGACY_SEGMENTS });
    const champions = segments.totals.find((t) => t.name === 'Champions')!;
    expect([champions.customers, champions.frequency, champions.revenue]).toEqual([158, 1234, 120_178]);
  });

  it('reproduces the heatmap data: sum of cell mean revenue rounds to 12634 (tests/testthat/test-utils.R)', () => {
    const h = rfmHeatmap(rfm(table(), options).scores);
    const nonEmpty = h.cells.filter((c) => c.customers > 0);
    expect(Math.round(nonEmpty.reduce((s, c) => s + c.meanMonetary, 0))).toBe(12_634);
    expect(new Set(nonEmpty.map((c) => c.r))).toEqual(new Set([1, 2, 3, 4, 5]));
  });

  it("gives the breaks that the package's custom-threshold example rounds to", () => {
    // R/rfm-table-transaction.R example: recency_bins = c(115, 181, 297, 482), frequency_bins = c(4, 5, 6, 8),
    // monetary_bins = c(256, 382, 506, 666).
    const { scores } = rfm(table(), options);
    expect(scores.scoring.recency.breaks.map(Math.round)).toEqual([115, 181, 297, 482]);
    expect(scores.scoring.frequency.breaks.map(Math.round)).toEqual([4, 5, 6, 8]);
    expect(scores.scoring.monetary.breaks.map(Math.round)).toEqual([256, 382, 506, 666]);
  });
});
