import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ingestTransactions } from '@crm-lens/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatasetHandle, EngineError, InlineEngine, isWireError, toEngineError } from '../src/index.js';
import { AS_OF, CDNOW_OPTIONS, cdnowBytes, coreReference } from './util/cdnow.js';

/** The rejection of a promise that must reject. */
async function rejection(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe('cancellation', () => {
  const engine = new InlineEngine();
  let handle: DatasetHandle;
  beforeAll(async () => {
    handle = (await engine.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS })).handle;
  });

  it('rejects with code aborted when cancelled mid-way, and a later call still works', async () => {
    const controller = new AbortController();
    const stages: string[] = [];
    const error = await rejection(
      engine.score(
        handle,
        { asOf: AS_OF },
        {
          signal: controller.signal,
          onProgress: (p) => {
            stages.push(p.stage);
            if (p.stage === 'purchase-model') controller.abort();
          },
        },
      ),
    );
    expect(error.code).toBe('aborted');
    expect(error.name).toBe('EngineError');
    expect(stages).toEqual(['summary', 'rfm', 'abc', 'occasions', 'purchase-model']);

    const summary = await engine.score(handle, { asOf: AS_OF });
    const { scores } = await coreReference({ asOf: AS_OF });
    expect(summary.fits.purchase.params).toEqual({ ...scores.fits.purchase.params });
  });

  it('rejects at once for a signal that has already fired, naming its reason', async () => {
    const error = await rejection(
      engine.score(handle, { asOf: AS_OF }, { signal: AbortSignal.abort(new Error('newer request')) }),
    );
    expect(error.code).toBe('aborted');
    expect(error.message).toContain('newer request');
  });

  it('cancels an ingestion', async () => {
    const controller = new AbortController();
    const loading = engine.load(
      { kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS },
      { signal: controller.signal },
    );
    controller.abort();
    expect((await rejection(loading)).code).toBe('aborted');
  });
});

describe('errors cross with a code and a message', () => {
  const engine = new InlineEngine();
  let handle: DatasetHandle;
  beforeAll(async () => {
    handle = (await engine.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS })).handle;
  });

  it('unknown-dataset for a handle the engine does not hold, or no longer holds', async () => {
    const stranger = { id: 'nope', transactions: 1, customers: 1 };
    expect((await rejection(engine.score(stranger))).code).toBe('unknown-dataset');
    expect((await rejection(engine.customers(stranger, {}, ['clv']))).code).toBe('unknown-dataset');
    expect((await rejection(engine.churnList(stranger, {}, { offset: 0, limit: 1, fields: [] }))).code).toBe(
      'unknown-dataset',
    );

    const other = (await engine.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS })).handle;
    // Dropped while its scoring runs: the waiting caller learns why.
    const scoring = engine.score(other, { asOf: AS_OF });
    await engine.drop(other);
    expect((await rejection(scoring)).code).toBe('unknown-dataset');
    expect((await rejection(engine.score(other, { asOf: AS_OF }))).code).toBe('unknown-dataset');
  });

  it('ingest, with core’s own message, for a mapping that names a missing column', async () => {
    const options = { ...CDNOW_OPTIONS, mapping: { ...CDNOW_OPTIONS.mapping, customerId: 'no_such_column' } };
    const direct = await ingestTransactions(cdnowBytes(), options).catch((e: Error) => e);
    expect(direct).toMatchObject({ name: 'IngestError', code: 'mapping' });
    const error = await rejection(engine.load({ kind: 'bytes', bytes: cdnowBytes(), options }));
    expect(error.code).toBe('ingest');
    expect(error.message).toBe((direct as Error).message);
  });

  it('invalid-request for requests the engine cannot run', async () => {
    const bad = [
      engine.score(handle, { unit: 'year' as 'week' }),
      engine.score(handle, { thresholds: { current: { kind: 'percentile', p: 2 } } }),
      engine.score(handle, { asOf: AS_OF, typo: 1 } as never),
      engine.customers(handle, {}, ['nope' as 'clv']),
      engine.customers(handle, {}, ['clv'], Int32Array.of(0, 99_999)),
      engine.churnList(handle, {}, { offset: -1, limit: 10, fields: [] }),
      engine.churnList(handle, {}, { offset: 0, limit: 10, fields: [], bands: ['severe' as 'high'] }),
      engine.upgradeCandidates(handle, {}, 'platinum' as 'gold', 5, []),
      engine.load({ kind: 'tables', transactions: { kind: 'transactions' } as never }),
      engine.load({ kind: 'nope' } as never),
    ];
    for (const call of bad) expect((await rejection(call)).code).toBe('invalid-request');
  });

  it('disposed for calls in flight and after dispose', async () => {
    const own = new InlineEngine();
    const { handle: h } = await own.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS });
    const inFlight = own.score(h, { asOf: AS_OF });
    await own.dispose();
    expect((await rejection(inFlight)).code).toBe('disposed');
    expect((await rejection(own.score(h))).code).toBe('disposed');
    expect((await rejection(own.load({ kind: 'bytes', bytes: cdnowBytes() }))).code).toBe('disposed');
  });

  it('converts errors to and from the wire form', () => {
    const wire = new EngineError('ingest', 'bad file').toWire();
    expect(wire).toEqual({ name: 'EngineError', code: 'ingest', message: 'bad file' });
    expect(structuredClone(wire)).toEqual(wire);
    expect(isWireError(wire)).toBe(true);
    expect(toEngineError(wire)).toMatchObject({ code: 'ingest', message: 'bad file' });
    expect(toEngineError(new TypeError('boom'))).toMatchObject({ code: 'internal', message: 'boom' });
    expect(toEngineError(new DOMException('stop', 'AbortError')).code).toBe('aborted');
  });
});

describe('loading a URL in the host', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const bytes = cdnowBytes();
    server = createServer((request, response) => {
      if (request.url === '/cdnow.txt') {
        response.writeHead(200, { 'content-length': bytes.length, 'content-type': 'text/plain' });
        response.end(bytes);
      } else {
        response.writeHead(404, 'Not Found');
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('streams the response into ingestion, with byte progress, as the bytes themselves would load', async () => {
    const engine = new InlineEngine();
    const fractions: number[] = [];
    const fromUrl = await engine.load(
      { kind: 'url', url: `${base}/cdnow.txt`, options: CDNOW_OPTIONS },
      { onProgress: (p) => p.fraction !== undefined && fractions.push(p.fraction) },
    );
    const fromBytes = await engine.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS });
    expect(fromUrl.handle).toMatchObject({ transactions: 6919, customers: 2357 });
    expect({ ...fromUrl.report, durationMs: 0 }).toEqual({ ...fromBytes.report, durationMs: 0 });
    expect(fractions.at(-1)).toBe(1);
  });

  it('rejects with code ingest for an HTTP error', async () => {
    const error = await rejection(new InlineEngine().load({ kind: 'url', url: `${base}/missing.txt` }));
    expect(error.code).toBe('ingest');
    expect(error.message).toContain('HTTP 404');
  });
});
