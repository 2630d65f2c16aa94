import { describe, expect, it } from 'vitest';
// The testing package's src stays free of dependencies; its tests may use core to check the shapes end to end.
import { ingestDataset, ingestTransactions } from '../../core/src/index.js';
import { generateDataset, toRows } from '../src/index.js';

describe('generated data in ingestion', () => {
  const data = generateDataset({ customers: 500, seed: 21 });
  const returns = data.transactions.amount.filter((a) => a < 0).length;
  const now = Date.UTC(2025, 0, 1);

  it('ingests the columnar tables with every row accepted', async () => {
    const dataset = await ingestDataset(
      { customers: data.customers, transactions: data.transactions, interactions: data.interactions },
      { customers: { now }, transactions: { now }, interactions: { now } },
    );
    const { customers, transactions, interactions } = dataset.reports;
    expect(customers!.rejected).toBe(0);
    expect(customers!.total).toBe(500);
    expect(customers!.warnings).toEqual({});
    expect(customers!.unmappedColumns).toEqual(['segment']);
    expect(transactions.rejected).toBe(0);
    expect(transactions.total).toBe(data.transactions.date.length);
    // Returns are the only remarks: no duplicates, no unknown customers, nothing in the future.
    expect(transactions.warnings).toEqual({ 'negative-amount': returns });
    expect(Object.keys(transactions.mapping).sort()).toEqual(
      [
        'amount',
        'category',
        'channel',
        'customerId',
        'date',
        'orderId',
        'product',
        'quantity',
        'region',
      ].sort(),
    );
    expect(interactions!.rejected).toBe(0);
    expect(interactions!.warnings).toEqual({});
    expect(dataset.interactions!.satisfaction).toBeDefined();
  });

  it('ingests row objects from toRows the same way', async () => {
    const fromRows = await ingestTransactions(toRows(data.transactions), { now });
    const fromColumns = await ingestTransactions(data.transactions, { now });
    expect(fromRows.report.rejected).toBe(0);
    expect(fromRows.report.warnings).toEqual({ 'negative-amount': returns });
    expect(fromRows.table.amount).toEqual(fromColumns.table.amount);
    expect(fromRows.table.date).toEqual(data.transactions.date);
  });
});
