import { describe, expect, it } from 'vitest';
import { checkAborted, stringHeaders, untilAborted } from '../../src/adapters/index.js';

describe('untilAborted', () => {
  it("settles with the call's own outcome when nothing aborts", async () => {
    const controller = new AbortController();
    await expect(untilAborted(Promise.resolve(7), controller.signal)).resolves.toBe(7);
    await expect(untilAborted(Promise.reject(new Error('host said no')), controller.signal)).rejects.toThrow(
      'host said no',
    );
  });

  it("rejects with the signal's reason as soon as it aborts, without waiting for the call", async () => {
    const controller = new AbortController();
    const never = new Promise<number>(() => {});
    const racing = untilAborted(never, controller.signal);
    controller.abort(new Error('user left the page'));
    await expect(racing).rejects.toThrow('user left the page');
  });

  it('rejects at once when the signal had already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(untilAborted(Promise.resolve(1), controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('checkAborted', () => {
  it("throws the signal's reason once aborted, and nothing before", () => {
    const controller = new AbortController();
    expect(() => checkAborted(controller.signal)).not.toThrow();
    expect(() => checkAborted(undefined)).not.toThrow();
    controller.abort(new Error('stop'));
    expect(() => checkAborted(controller.signal)).toThrow('stop');
  });
});

describe('stringHeaders', () => {
  it('lower-cases names and keeps string values only', () => {
    expect(stringHeaders({ 'Retry-After': '7', 'X-Count': 3, Via: 'proxy' })).toEqual({
      'retry-after': '7',
      via: 'proxy',
    });
    expect(stringHeaders(undefined)).toEqual({});
    expect(stringHeaders('Retry-After: 7')).toEqual({});
  });
});
