import { createRandom, generateDataset, toRows } from '@crm-lens/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Dataset,
  type IngestReport,
  ingestCustomers,
  ingestDataset,
  ingestTransactions,
} from '../../src/index.js';
import { DuplicateFinder } from '../../src/util/duplicate-finder.js';
import { sliceWork } from '../../src/util/work.js';

// Ingestion with a pause hook pauses while it reads row objects' keys and while it builds the table (duplicate
// check, columns), besides every 4,096 rows: the result must be exactly the one without pauses.

const NOW = Date.UTC(2030, 0, 1);
const withoutTiming = ({ durationMs: _, ...report }: IngestReport) => report;
const datasetWithoutTiming = (d: Dataset) => ({
  ...d,
  reports: Object.fromEntries(
    Object.entries(d.reports).map(([table, report]) => [table, withoutTiming(report as IngestReport)]),
  ),
});

/** The rows that repeat an earlier one, by a plain set: what DuplicateFinder must find. */
function repeatsBySet(hashes: readonly number[]): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  hashes.forEach((h, k) => {
    if (seen.has(h)) out.push(k + 1);
    else seen.add(h);
  });
  return out;
}

function finder(hashes: readonly number[]): DuplicateFinder {
  const found = new DuplicateFinder(hashes.length);
  for (let k = 0; k < hashes.length; k++) found.add(hashes[k]!, k + 1);
  return found;
}

describe('DuplicateFinder in steps', () => {
  it('finds what a set finds, at once and in steps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 53 - 1 }), { maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        (distinct, picks) => {
          const hashes = [...distinct, ...picks.map((p) => distinct[p % Math.max(1, distinct.length)] ?? 0)];
          expect(Array.from(finder(hashes).finish())).toEqual(repeatsBySet(hashes));
          const steps = finder(hashes).finishSteps();
          let step = steps.next();
          while (!step.done) step = steps.next();
          expect(Array.from(step.value)).toEqual(repeatsBySet(hashes));
        },
      ),
    );
  });

  it('partitions a large input (≥ 131,072 rows) and reports its work in many steps', () => {
    const random = createRandom(7);
    const n = 300_000;
    const hashes: number[] = [];
    for (let k = 0; k < n; k++) {
      // One row in five repeats an earlier one, near or far; the others have random 53-bit hashes.
      hashes.push(
        k > 0 && random.next() < 0.2
          ? hashes[random.int(k)]!
          : random.int(2 ** 21) * 2 ** 32 + Math.floor(random.next() * 2 ** 32),
      );
    }
    const expected = repeatsBySet(hashes);
    expect(expected.length).toBeGreaterThan(50_000);
    const slices = sliceWork(finder(hashes).finishSteps());
    let count = 0;
    let step = slices.next();
    while (!step.done) {
      count++;
      step = slices.next();
    }
    expect(count).toBeGreaterThan(2);
    expect(Array.from(step.value)).toEqual(expected);
    expect(Array.from(finder(hashes).finish())).toEqual(expected);
  });
});

describe('ingestion pausing while it reads keys and builds tables', () => {
  it('gives the same tables and reports as without pauses: a dataset of row objects', async () => {
    const generated = generateDataset({ customers: 4000, seed: 11 });
    const transactions = toRows(generated.transactions);
    // Repeated rows (the duplicate check), and a key that only late rows have (the key scan's last steps).
    for (let k = 0; k < 3000; k++) transactions.push({ ...transactions[(k * 7919) % transactions.length]! });
    transactions[transactions.length - 2] = { ...transactions[0]!, note: 'late column' } as never;
    const rows = {
      customers: toRows(generated.customers),
      transactions,
      interactions: toRows(generated.interactions),
    };
    expect(rows.transactions.length).toBeGreaterThan(2 * 16_384);
    let pauses = 0;
    const pause = async () => {
      pauses++;
    };
    const paused = await ingestDataset(rows as never, {
      customers: { now: NOW, pause },
      transactions: { now: NOW, pause },
      interactions: { now: NOW, pause },
    });
    const direct = await ingestDataset(rows as never, {
      customers: { now: NOW },
      transactions: { now: NOW },
      interactions: { now: NOW },
    });
    expect(pauses).toBeGreaterThan(0);
    // 3,000 copies, one of them given the late column.
    expect(paused.reports.transactions.warnings['duplicate-row']).toBeGreaterThanOrEqual(2999);
    expect(paused.reports.transactions.unmappedColumns).toEqual(['note']);
    expect(datasetWithoutTiming(paused)).toEqual(datasetWithoutTiming(direct));
  });

  it('the same over 131,072 rows (the partitioned duplicate check), with returns excluded', async () => {
    const random = createRandom(5);
    const rows: Record<string, unknown>[] = [];
    for (let k = 0; k < 150_000; k++) {
      const repeat = k > 0 && random.next() < 0.1;
      rows.push(
        repeat
          ? { ...rows[random.int(k)]! }
          : {
              customer: `c${random.int(4000)}`,
              date: Date.UTC(2023, 0, 1) + random.int(700) * 86_400_000,
              amount: random.int(200) - 20,
            },
      );
    }
    let pauses = 0;
    const options = { now: NOW, returns: 'exclude' as const, mapping: { customerId: 'customer' } };
    const paused = await ingestTransactions(rows, {
      ...options,
      pause: async () => {
        pauses++;
      },
    });
    const direct = await ingestTransactions(rows, options);
    // Keys: 10 steps (9 pauses); rows: 7 × 4 + 2 at 4,096-row points, 8 after batches; building the table: more.
    expect(pauses).toBeGreaterThan(9 + 30 + 8);
    expect(paused.table).toEqual(direct.table);
    expect(withoutTiming(paused.report)).toEqual(withoutTiming(direct.report));
  });

  it('stops with `aborted` at a pause while reading keys, before any row is read', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => ({ id: `c${i}`, name: `n${i}` }));
    const controller = new AbortController();
    const progress: number[] = [];
    const error = await ingestCustomers(rows, {
      signal: controller.signal,
      onProgress: (p) => progress.push(p.rows),
      pause: async () => controller.abort(new Error('stop')),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'aborted' });
    expect(progress).toEqual([]);
  });

  it('stops with `aborted` at a pause while building the table, once every row is read', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => ({
      customerId: `c${i % 500}`,
      date: Date.UTC(2024, 0, 1) + (i % 300) * 86_400_000,
      amount: i % 7,
    }));
    const controller = new AbortController();
    let read = 0;
    const error = await ingestTransactions(rows, {
      now: NOW,
      signal: controller.signal,
      onProgress: (p) => {
        read = p.rows;
      },
      pause: async () => {
        // The last batch's pause comes once every row is read: abort at the next one, in the building.
        if (read === rows.length) controller.abort(new Error('stop'));
      },
    }).catch((e: unknown) => e);
    expect(read).toBe(rows.length);
    expect(error).toMatchObject({ code: 'aborted' });
  });
});
