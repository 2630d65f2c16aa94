import { ingestDataset } from '@crm-lens/core';
import { generateDataset, toRows } from '@crm-lens/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buffersOf, cloneInSteps } from '../src/buffers.js';
import { InlineEngine } from '../src/index.js';

// cloneInSteps must give what one structuredClone gives (the in-thread engine's copy of canonical tables), a
// step at a time.

function counter() {
  const state = { pauses: 0 };
  return { state, pause: async () => void state.pauses++ };
}

describe('cloneInSteps', () => {
  it('copies canonical tables as structuredClone does, pausing between steps', async () => {
    const generated = generateDataset({ customers: 3000, seed: 2 });
    const dataset = await ingestDataset({
      transactions: toRows(generated.transactions),
      customers: toRows(generated.customers),
      interactions: toRows(generated.interactions),
    } as never);
    const input = { kind: 'tables', ...dataset, transfer: false };
    const { state, pause } = counter();
    const copy = await cloneInSteps(input, [], pause, 4096);
    expect(copy).toStrictEqual(structuredClone(input));
    expect(state.pauses).toBeGreaterThan(5);
    // A copy: its arrays and typed arrays are its own.
    expect(copy.transactions.orderId!.dictionary).not.toBe(dataset.transactions.orderId!.dictionary);
    expect(copy.transactions.amount.buffer).not.toBe(dataset.transactions.amount.buffer);
    expect(dataset.transactions.amount.byteLength).toBeGreaterThan(0);
  });

  it('moves the transfer list, keeps shared buffers, shared references, cycles, holes and __proto__ keys', async () => {
    const buffer = new ArrayBuffer(32);
    const a = new Float64Array(buffer, 0, 2);
    const b = new Int32Array(buffer, 16, 4);
    const dictionary = ['x', 'y'];
    const parsed = JSON.parse('{"__proto__": 1, "b": 2}') as Record<string, unknown>;
    const cyclic: Record<string, unknown> = { name: 'c' };
    cyclic.self = cyclic;
    const value = {
      one: { codes: a, dictionary },
      two: { codes: b, dictionary, again: a },
      // biome-ignore lint/suspicious/noSparseArray: a hole on purpose
      holes: [1, , 3, undefined],
      parsed,
      cyclic,
      bare: Object.assign(Object.create(null) as object, { k: 1 }),
    };
    const expected = structuredClone(value);
    const copy = await cloneInSteps(value, [buffer], async () => undefined, 2);
    expect(buffer.byteLength).toBe(0);
    expect(copy.one.codes.buffer).toBe(copy.two.codes.buffer);
    expect(copy.one.codes.buffer.byteLength).toBe(32);
    expect(copy.two.again).toBe(copy.one.codes);
    expect(copy.one.dictionary).toBe(copy.two.dictionary);
    expect(copy.one.dictionary).not.toBe(dictionary);
    expect(copy.cyclic.self).toBe(copy.cyclic);
    expect(1 in copy.holes).toBe(false);
    expect(3 in copy.holes).toBe(true);
    expect(Object.hasOwn(copy.parsed, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(copy.parsed)).toBe(Object.prototype);
    expect(Object.keys(copy.parsed)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(copy.bare)).toBe(Object.prototype);
    // Node's structuredClone keeps these the same way (checked against it, not only against the above).
    expect(copy).toStrictEqual(expected);
    expect(Object.keys(copy)).toEqual(Object.keys(expected));
  });

  it('gives structuredClone’s result for any value, or its error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withTypedArray: true,
          withSparseArray: true,
          withNullPrototype: true,
          withBoxedValues: true,
          withObjectString: true,
        }),
        fc.integer({ min: 1, max: 8 }),
        async (value, step) => {
          let expected: unknown;
          let expectedError: unknown;
          try {
            expected = structuredClone(value);
          } catch (error) {
            expectedError = error;
          }
          const got = await cloneInSteps(value, [], async () => undefined, step).then(
            (copy) => ({ copy }),
            (error: unknown) => ({ error }),
          );
          if (expectedError) {
            expect('error' in got && (got.error as Error).name).toBe((expectedError as Error).name);
          } else {
            expect('copy' in got && got.copy).toStrictEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('falls back to one structuredClone for what it does not copy itself, with the same errors', async () => {
    class Point {
      constructor(readonly x: number) {}
    }
    const value = {
      when: new Date(5),
      map: new Map([[1, { a: 2 }]]),
      point: new Point(3),
      list: [new Set([1])],
    };
    expect(await cloneInSteps(value, [], async () => undefined, 1)).toStrictEqual(structuredClone(value));
    const bad = { rows: [1, 2, () => 3] };
    const expected = (() => {
      try {
        structuredClone(bad);
      } catch (error) {
        return error as Error;
      }
    })();
    await expect(cloneInSteps(bad, [], async () => undefined, 1)).rejects.toMatchObject({
      name: expected!.name,
      message: expected!.message,
    });
  });

  it('lets the in-thread engine be cancelled while it copies tables, leaving the buffers with the caller', async () => {
    const generated = generateDataset({ customers: 9000, seed: 4 });
    const dataset = await ingestDataset({ transactions: toRows(generated.transactions) } as never);
    const engine = new InlineEngine();
    const controller = new AbortController();
    const loading = engine.load(
      { kind: 'tables', transactions: dataset.transactions, transfer: true },
      { signal: controller.signal },
    );
    controller.abort();
    await expect(loading).rejects.toMatchObject({ code: 'aborted' });
    // Give the copy its next step: it stops there, before moving the buffers.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(dataset.transactions.amount.byteLength).toBeGreaterThan(0);
    expect(buffersOf(dataset.transactions).every((b) => b.byteLength > 0)).toBe(true);
    await engine.dispose();
  });
});
