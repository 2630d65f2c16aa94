import * as core from '@crm-lens/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type DatasetHandle, EngineError, InlineEngine, type Progress } from '../src/index.js';
import { AS_OF, CDNOW_OPTIONS, cdnowBytes } from './util/cdnow.js';

// Count the runs of core's scoring pipeline, whoever asks for it, and how far each got (checkpoints passed).
const progressOfRuns: { stages: number; finished: boolean }[] = [];
vi.mock('@crm-lens/core', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@crm-lens/core')>();
  function* counted(...args: Parameters<typeof actual.scoreCustomersSteps>) {
    const run = { stages: 0, finished: false };
    progressOfRuns.push(run);
    const result = yield* actual.scoreCustomersSteps(...args);
    run.finished = true;
    return result;
  }
  return {
    ...actual,
    scoreCustomersSteps: vi.fn((...args: Parameters<typeof actual.scoreCustomersSteps>) => {
      const inner = counted(...args);
      // Count the stages the caller resumed the pipeline for.
      return {
        next: () => {
          const step = inner.next();
          if (!step.done) progressOfRuns.at(-1)!.stages++;
          return step;
        },
        return: (v: never) => inner.return(v),
        throw: (e: unknown) => inner.throw(e),
        [Symbol.iterator]() {
          return this;
        },
      };
    }),
  };
});
const runs = vi.mocked(core.scoreCustomersSteps);

describe('the scoring cache: one computation per dataset and request', () => {
  let engine: InlineEngine;
  let handle: DatasetHandle;
  beforeEach(async () => {
    engine = new InlineEngine();
    handle = (await engine.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS })).handle;
    runs.mockClear();
    progressOfRuns.length = 0;
  });

  it('runs the pipeline once for two identical score calls, and again for another request', async () => {
    const events: Progress[] = [];
    const first = await engine.score(
      handle,
      { asOf: AS_OF, unit: 'week' },
      { onProgress: (p) => events.push(p) },
    );
    const second = await engine.score(
      handle,
      { unit: 'week', asOf: AS_OF },
      { onProgress: (p) => events.push(p) },
    );
    expect(runs).toHaveBeenCalledTimes(1);
    // Progress came from the one run only: each stage once.
    expect(events.map((e) => e.stage)).toEqual([...core.SCORE_STAGES, 'done']);
    expect(second).toEqual(first);
    // Each caller gets its own arrays (a worker transfers them; in-thread callers must not share them).
    expect(second.abc.curve.valueShare).not.toBe(first.abc.curve.valueShare);

    await engine.score(handle, { asOf: AS_OF, unit: 'month' });
    expect(runs).toHaveBeenCalledTimes(2);
  });

  it('keeps the four most recently used scorings of a dataset', async () => {
    const asOf = (k: number) => ({ asOf: AS_OF - k * 86_400_000 });
    for (let k = 0; k < 5; k++) await engine.score(handle, asOf(k));
    expect(runs).toHaveBeenCalledTimes(5);
    // 1–4 are kept (4 was used last, 1 first): asking again computes nothing.
    await engine.score(handle, asOf(1));
    await engine.score(handle, asOf(4));
    expect(runs).toHaveBeenCalledTimes(5);
    // 0 was the least recently used when the fifth arrived: it was dropped.
    await engine.score(handle, asOf(0));
    expect(runs).toHaveBeenCalledTimes(6);
    // …which in turn dropped 2 (the least recently used now), while 1 stays.
    await engine.score(handle, asOf(1));
    expect(runs).toHaveBeenCalledTimes(6);
    await engine.score(handle, asOf(2));
    expect(runs).toHaveBeenCalledTimes(7);
  });

  it('shares one in-flight computation among concurrent calls of different kinds', async () => {
    const request = { asOf: AS_OF };
    const [summary, page, columns] = await Promise.all([
      engine.score(handle, request),
      engine.churnList(handle, request, { offset: 0, limit: 5, fields: ['churnScore'] }),
      engine.customers(handle, request, ['clv']),
    ]);
    expect(runs).toHaveBeenCalledTimes(1);
    expect(summary.customers).toBe(columns.ids.length);
    expect(page.rows.ids).toHaveLength(5);
  });

  it('keeps computing for the other callers when one cancels, and aborts when the last one does', async () => {
    const request = { asOf: AS_OF };
    const cancelled = new AbortController();
    const first = engine.score(handle, request, { signal: cancelled.signal });
    const second = engine.score(handle, request);
    cancelled.abort();
    await expect(first).rejects.toMatchObject({ name: 'EngineError', code: 'aborted' });
    const summary = await second;
    expect(summary.customers).toBe(2357);
    expect(runs).toHaveBeenCalledTimes(1);

    // Everyone cancels before it started: nothing runs at all.
    const early = { asOf: AS_OF, unit: 'month' } as const;
    const c = new AbortController();
    const pc = engine.score(handle, early, { signal: c.signal });
    c.abort();
    await expect(pc).rejects.toMatchObject({ code: 'aborted' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runs).toHaveBeenCalledTimes(1);

    // Everyone cancels mid-way: the computation stops at its next checkpoint, and nothing is cached.
    const other = { asOf: AS_OF, unit: 'day' } as const;
    const a = new AbortController();
    const b = new AbortController();
    const stages: string[] = [];
    const onProgress = (p: Progress) => {
      stages.push(p.stage);
      if (p.stage === 'abc') {
        a.abort();
        b.abort();
      }
    };
    const pa = engine.score(handle, other, { signal: a.signal, onProgress });
    const pb = engine.score(handle, other, { signal: b.signal });
    await expect(pa).rejects.toBeInstanceOf(EngineError);
    await expect(pb).rejects.toMatchObject({ code: 'aborted' });
    expect(stages).toEqual(['summary', 'rfm', 'abc']);
    expect(runs).toHaveBeenCalledTimes(2);
    const again = await engine.score(handle, other);
    expect(runs).toHaveBeenCalledTimes(3);
    const [, abandoned, full] = progressOfRuns;
    expect(full!.finished).toBe(true);
    // Long after, the abandoned run is still where it stopped: never resumed past the checkpoint of 'abc'.
    expect(abandoned!.finished).toBe(false);
    expect(abandoned!.stages).toBeLessThan(full!.stages);
    expect(again.unit).toBe('day');
  });
});
