import {
  dictionary,
  float64,
  int32,
  TimeUnit,
  tableFromArrays,
  tableToIPC,
  timestamp,
  utf8,
} from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { type IngestReport, ingestTransactions } from '../../src/index.js';

const NOW = Date.UTC(2025, 0, 1);
const withoutTiming = ({ durationMs: _, source: __, ...report }: IngestReport) => report;
const day = (d: number) => Date.UTC(2024, 0, d);

describe('Arrow IPC input', () => {
  it('dictionary ids and float64 dates/amounts (the fast lane): the same table and report as the same rows', async () => {
    const ids = ['17850', '13047', '17850', '12583', '13047', '17850'];
    const dates = [day(1), day(2), day(2), Number.NaN, day(5), day(2)];
    const amounts = [10, 0, -3.5, 4, Number.POSITIVE_INFINITY, -3.5];
    const bytes = tableToIPC(
      tableFromArrays(
        { customerId: ids, date: Float64Array.from(dates), amount: Float64Array.from(amounts) },
        { types: { customerId: dictionary(utf8()), date: float64(), amount: float64() } },
      ),
      {},
    )!;
    const arrow = await ingestTransactions(bytes, { now: NOW });
    const rows = await ingestTransactions(
      ids.map((customerId, i) => ({ customerId, date: dates[i], amount: amounts[i] })),
      { now: NOW },
    );
    expect(arrow.report.source.format).toBe('arrow');
    expect(arrow.table).toEqual(rows.table);
    expect(withoutTiming(arrow.report)).toEqual(withoutTiming(rows.report));
    expect(arrow.report.accepted).toBe(4);
    expect(arrow.report.rejectedByReason).toEqual({ 'invalid-date': 1, 'invalid-number': 1 });
    expect(arrow.report.warnings).toEqual({ 'zero-amount': 1, 'negative-amount': 2, 'duplicate-row': 1 });
  });

  it('timestamps (read as Dates), integer ids and nulls: read cell by cell, as the same rows would be', async () => {
    const ids = [1, 2, null, 4];
    const dates = [new Date(day(1)), null, new Date(day(3)), new Date(day(4))];
    const amounts = [1, 2, 3, null];
    const bytes = tableToIPC(
      tableFromArrays(
        { id: ids, when: dates, value: amounts },
        { types: { id: int32(), when: timestamp(TimeUnit.MILLISECOND), value: float64() } },
      ),
      {},
    )!;
    const mapping = { customerId: 'id', date: 'when', amount: 'value' };
    const arrow = await ingestTransactions(bytes, { now: NOW, mapping });
    const rows = await ingestTransactions(
      ids.map((id, i) => ({ id, when: dates[i], value: amounts[i] })),
      { now: NOW, mapping },
    );
    expect(arrow.table).toEqual(rows.table);
    expect(withoutTiming(arrow.report)).toEqual(withoutTiming(rows.report));
    expect(arrow.report.accepted).toBe(1);
    expect(arrow.report.rejectedByReason).toEqual({ 'missing-value': 3 });
  });

  it('rejects bytes that are not Arrow IPC with a parse error', async () => {
    const broken = tableToIPC(tableFromArrays({ a: Float64Array.of(1, 2) }), {})!.slice(0, 40);
    await expect(ingestTransactions(broken, { format: 'arrow' })).rejects.toMatchObject({ code: 'parse' });
  });
});
