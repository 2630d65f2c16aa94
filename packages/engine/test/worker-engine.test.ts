import { ingestTransactions } from '@crm-lens/core';
import { generateDataset } from '@crm-lens/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type DatasetHandle,
  type Engine,
  EngineBackend,
  EngineError,
  InlineEngine,
  type Progress,
  type ScoreSummary,
  WorkerEngine,
} from '../src/index.js';
import { AS_OF, CDNOW_OPTIONS, cdnowBytes } from './util/cdnow.js';
import { channelWorker } from './util/channel-worker.js';

const REQUEST = { asOf: AS_OF };
/** A summary without what differs between two loads of the same data: the measured times and the dataset id. */
const withoutTimings = ({ timings: _, dataset: __, ...rest }: ScoreSummary) => rest;

async function everything(engine: Engine, handle: DatasetHandle) {
  return {
    summary: withoutTimings(await engine.score(handle, REQUEST)),
    customers: await engine.customers(handle, REQUEST, ['clv', 'pAlive', 'tier', 'segment', 'churnScore']),
    page: await engine.churnList(handle, REQUEST, {
      bands: ['high'],
      offset: 3,
      limit: 20,
      fields: ['valueAtRisk'],
      reasons: true,
    }),
    upgrade: await engine.upgradeCandidates(handle, REQUEST, 'iron', 10, ['currentValue']),
  };
}

describe('WorkerEngine across a real structured-clone boundary (MessageChannel)', () => {
  it('gives the same results as the InlineEngine', async () => {
    const inline = new InlineEngine();
    const worker = new WorkerEngine(channelWorker());
    const a = await inline.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS });
    const b = await worker.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS });
    expect({ ...b.report, durationMs: 0 }).toEqual({ ...a.report, durationMs: 0 });
    expect(await everything(worker, b.handle)).toEqual(await everything(inline, a.handle));
    expect(worker.host).toBe('module-worker');
    await worker.dispose();
  });

  it('transfers result buffers without detaching the host’s cache', async () => {
    const worker = new WorkerEngine(channelWorker());
    const { handle } = await worker.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS });
    const first = await worker.score(handle, REQUEST);
    const second = await worker.score(handle, REQUEST);
    expect(second.abc.curve.valueShare.length).toBeGreaterThan(2);
    expect(second.abc.curve).toEqual(first.abc.curve);
    await worker.dispose();
  });

  it('delivers progress through a proxy, and none after the call settled', async () => {
    const worker = new WorkerEngine(channelWorker());
    const { handle } = await worker.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS });
    const events: Progress[] = [];
    let settled = false;
    await worker.score(handle, REQUEST, {
      onProgress: (p) => (settled ? events.push({ stage: 'late' }) : events.push(p)),
    });
    settled = true;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events.map((e) => e.stage)).toEqual([
      'summary',
      'rfm',
      'abc',
      'occasions',
      'purchase-model',
      'spend-model',
      'clv',
      'pyramid',
      'churn',
      'done',
    ]);
    await worker.dispose();
  });

  it('sends cancel to the host, which stops the request', async () => {
    const backend = new EngineBackend();
    const hostSide: Promise<unknown>[] = [];
    const score = backend.score.bind(backend);
    backend.score = (...args) => {
      const running = score(...args);
      hostSide.push(running);
      return running;
    };
    const worker = new WorkerEngine(channelWorker(backend));
    const { handle } = await worker.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS });
    const controller = new AbortController();
    const call = worker.score(handle, REQUEST, {
      signal: controller.signal,
      onProgress: (p) => p.stage === 'occasions' && controller.abort(),
    });
    await expect(call).rejects.toMatchObject({ name: 'EngineError', code: 'aborted' });
    // The host's own call ended in the wire form of the same error.
    await expect(hostSide[0]).rejects.toEqual({
      name: 'EngineError',
      code: 'aborted',
      message: 'the request was cancelled',
    });
    // and the worker is free for the next request.
    expect((await worker.score(handle, REQUEST)).customers).toBe(2357);
    await worker.dispose();
  });

  it('cancels an ingestion in the host part-way through the file', async () => {
    const { transactions: t } = generateDataset({ customers: 6000, seed: 5 });
    const lines = ['customer,date,amount'];
    for (let i = 0; i < t.amount.length; i++) lines.push(`${t.customerId[i]},${t.date[i]},${t.amount[i]}`);
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const backend = new EngineBackend();
    const hostRows: number[] = [];
    const hostSide: Promise<unknown>[] = [];
    const load = backend.load.bind(backend);
    backend.load = (id, input, sink) => {
      const running = load(id, input, (p) => {
        hostRows.push(p.rows ?? 0);
        return sink?.(p);
      });
      hostSide.push(running);
      return running;
    };
    const worker = new WorkerEngine(channelWorker(backend));
    const controller = new AbortController();
    const loading = worker.load(
      { kind: 'bytes', bytes, options: { mapping: { customerId: 'customer' } } },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    await expect(loading).rejects.toMatchObject({ code: 'aborted' });
    await expect(hostSide[0]).rejects.toMatchObject({ code: 'aborted' });
    // The host stopped reading: it never got to the end of the file.
    expect(Math.max(...hostRows)).toBeLessThan(t.amount.length);
    await worker.dispose();
  });

  it('rethrows the host’s errors as EngineError with their code and message', async () => {
    const worker = new WorkerEngine(channelWorker());
    const stranger = { id: 'nope', transactions: 0, customers: 0 };
    await expect(worker.score(stranger)).rejects.toMatchObject({ code: 'unknown-dataset' });
    const options = { ...CDNOW_OPTIONS, mapping: { ...CDNOW_OPTIONS.mapping, date: 'when' } };
    const direct = (await ingestTransactions(cdnowBytes(), options).catch((e) => e)) as Error;
    const error = await worker.load({ kind: 'bytes', bytes: cdnowBytes(), options }).catch((e) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'ingest', message: direct.message });
    await expect(worker.customers(stranger, {}, ['nope' as 'clv'])).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await worker.dispose();
  });

  it('terminates the worker on dispose and rejects calls in flight and later ones with code disposed', async () => {
    const port = channelWorker();
    const worker = new WorkerEngine(port);
    const { handle } = await worker.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS });
    const inFlight = worker.score(handle, REQUEST);
    await worker.dispose();
    expect(port.terminated).toBe(true);
    await expect(inFlight).rejects.toMatchObject({ code: 'disposed' });
    await expect(worker.score(handle, REQUEST)).rejects.toMatchObject({ code: 'disposed' });
  });
});

describe('handing over buffers: copied unless transfer: true', async () => {
  const { table } = await ingestTransactions(cdnowBytes(), CDNOW_OPTIONS);
  const engines: [string, () => Engine][] = [
    ['WorkerEngine', () => new WorkerEngine(channelWorker())],
    ['InlineEngine', () => new InlineEngine()],
  ];
  let reference: ScoreSummary;
  beforeAll(async () => {
    const engine = new InlineEngine();
    const { handle } = await engine.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS });
    reference = await engine.score(handle, REQUEST);
  });

  for (const [name, make] of engines) {
    it(`${name}: canonical tables stay usable without transfer and are detached with it`, async () => {
      const engine = make();
      const mine = structuredClone(table);
      const kept = await engine.load({ kind: 'tables', transactions: mine });
      expect(mine.date.byteLength).toBe(table.date.byteLength);
      expect(mine.amount).toEqual(table.amount);
      // Changing the caller's copy afterwards does not reach the resident data.
      mine.amount.fill(0);
      expect(withoutTimings(await engine.score(kept.handle, REQUEST))).toEqual(withoutTimings(reference));

      const given = structuredClone(table);
      const moved = await engine.load({ kind: 'tables', transactions: given, transfer: true });
      expect(given.date.byteLength).toBe(0);
      expect(given.customer.codes.byteLength).toBe(0);
      expect(withoutTimings(await engine.score(moved.handle, REQUEST))).toEqual(withoutTimings(reference));
      await engine.dispose();
    });

    it(`${name}: bytes and typed-array columns likewise`, async () => {
      const engine = make();
      const bytes = cdnowBytes();
      await engine.load({ kind: 'bytes', bytes, options: CDNOW_OPTIONS });
      expect(bytes.byteLength).toBeGreaterThan(0);
      await engine.load({ kind: 'bytes', bytes, options: CDNOW_OPTIONS, transfer: true });
      expect(bytes.byteLength).toBe(0);

      const columns = {
        customer: Array.from(table.customer.codes, (c) => table.customer.dictionary[c]!),
        date: table.date.slice(),
        amount: table.amount.slice(),
      };
      const mapping = { customerId: 'customer', date: 'date', amount: 'amount' };
      const copied = await engine.load({ kind: 'columns', columns, options: { mapping } });
      expect(columns.date.byteLength).toBe(table.date.byteLength);
      const moved = await engine.load({ kind: 'columns', columns, options: { mapping }, transfer: true });
      expect(columns.date.byteLength).toBe(0);
      expect(columns.amount.byteLength).toBe(0);
      expect(moved.handle).toEqual({ ...copied.handle, id: moved.handle.id });
      await engine.dispose();
    });
  }
});
