import {
  DEFAULT_SEGMENT_MAP,
  RFM_PACKAGE_LEGACY_SEGMENTS,
  rfmHeatmap,
  type SegmentMap,
} from '@crm-lens/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DatasetHandle, InlineEngine, type ScoreRequest } from '../src/index.js';
import { AS_OF, CDNOW_OPTIONS, cdnowBytes, coreReference } from './util/cdnow.js';

/** Two segments by recency only: everyone is in one of them. */
const TWO: SegmentMap = [
  { name: 'Recent', r: [4, 5], f: [1, 5], m: [1, 5] },
  { name: 'Lapsed', r: [1, 3], f: [1, 5], m: [1, 5] },
];

describe('ScoreRequest.segmentMap: the segment map crosses to the engine as plain rows', () => {
  const engine = new InlineEngine();
  let handle: DatasetHandle;

  beforeAll(async () => {
    ({ handle } = await engine.load({ kind: 'bytes', bytes: cdnowBytes(), options: CDNOW_OPTIONS }));
  });

  it('assigns segments with the given map, exactly as core does, and names them in the heatmap', async () => {
    const request: ScoreRequest = { asOf: AS_OF, segmentMap: RFM_PACKAGE_LEGACY_SEGMENTS };
    const { scores } = await coreReference({ asOf: AS_OF, segmentMap: RFM_PACKAGE_LEGACY_SEGMENTS });
    const summary = await engine.score(handle, request);
    expect(summary.segments).toEqual(
      scores.segments.totals.map((s) => ({ name: s.name, customers: s.customers, revenue: s.revenue })),
    );
    const heatmap = rfmHeatmap(scores.rfm, { map: RFM_PACKAGE_LEGACY_SEGMENTS });
    expect(summary.heatmap.map((cell) => cell.segments)).toEqual(heatmap.cells.map((cell) => cell.segments));

    const columns = await engine.customers(handle, request, ['segment']);
    expect(columns.columns.segment).toEqual(scores.segments.segment);
    expect(columns.labels.segment).toEqual([...RFM_PACKAGE_LEGACY_SEGMENTS.map((s) => s.name), 'Others']);
  });

  it('defaults to core’s map, and another map is another scoring (cached apart)', async () => {
    const plain = await engine.score(handle, { asOf: AS_OF });
    const explicit = await engine.score(handle, { asOf: AS_OF, segmentMap: DEFAULT_SEGMENT_MAP });
    expect(explicit.segments).toEqual(plain.segments);
    expect(plain.segments.map((s) => s.name)).toEqual([...DEFAULT_SEGMENT_MAP.map((s) => s.name), 'Others']);

    const two = await engine.score(handle, { asOf: AS_OF, segmentMap: TWO });
    expect(two.segments.map((s) => s.name)).toEqual(['Recent', 'Lapsed', 'Others']);
    expect(two.segments[2]!.customers).toBe(0);
    expect(two.segments[0]!.customers + two.segments[1]!.customers).toBe(two.scored);
    for (const cell of two.heatmap) expect(cell.segments).toEqual([cell.r >= 4 ? 'Recent' : 'Lapsed']);
    // The R × F counts do not depend on the map.
    expect(two.heatmap.map((c) => c.customers)).toEqual(plain.heatmap.map((c) => c.customers));
  });

  it('crosses a structured clone intact (plain rows, no class instances)', async () => {
    const cloned = structuredClone({ asOf: AS_OF, segmentMap: TWO });
    const summary = await engine.score(handle, cloned);
    expect(summary.segments.map((s) => s.name)).toEqual(['Recent', 'Lapsed', 'Others']);
  });

  it('rejects a map core finds problems with as invalid-request, naming the problems', async () => {
    const bad: unknown[] = [
      [{ name: 'Everyone', r: [0, 5], f: [1, 5], m: [1, 5] }],
      [{ name: 'Backwards', r: [5, 1], f: [1, 5], m: [1, 5] }],
      [
        { name: 'Twice', r: [1, 2], f: [1, 5], m: [1, 5] },
        { name: 'Twice', r: [3, 5], f: [1, 5], m: [1, 5] },
      ],
      [{ name: '', r: [1, 5], f: [1, 5], m: [1, 5] }],
      [{ name: 'Half', r: [1.5, 5], f: [1, 5], m: [1, 5] }],
      [{ name: 'No ranges' }],
      [{ name: 'Short', r: [1], f: [1, 5], m: [1, 5] }],
      'Champions',
      [null],
    ];
    const messages: string[] = [];
    for (const segmentMap of bad) {
      const error = await engine.score(handle, { asOf: AS_OF, segmentMap } as ScoreRequest).then(
        () => undefined,
        (e: { code: string; message: string }) => e,
      );
      expect(error?.code, JSON.stringify(segmentMap)).toBe('invalid-request');
      messages.push(error!.message);
    }
    expect(messages[0]).toContain('"Everyone": R range 0–5 is outside 1–5');
    expect(messages[1]).toContain('"Backwards": R range 5–1 is reversed');
    expect(messages[2]).toContain('"Twice" is listed more than once');
    expect(messages[3]).toContain('segment 1 has no name');
  });

  it('allows overlaps (first match wins) and gaps (Others)', async () => {
    const gappy: SegmentMap = [
      { name: 'Best', r: [5, 5], f: [5, 5], m: [1, 5] },
      { name: 'Good', r: [4, 5], f: [4, 5], m: [1, 5] },
    ];
    const summary = await engine.score(handle, { asOf: AS_OF, segmentMap: gappy });
    expect(summary.segments.map((s) => s.name)).toEqual(['Best', 'Good', 'Others']);
    const cell = (r: number, f: number) => summary.heatmap.find((c) => c.r === r && c.f === f)!;
    expect(cell(5, 5).segments).toEqual(['Best', 'Good']);
    expect(cell(1, 1).segments).toEqual([]);
    expect(summary.segments[2]!.customers).toBeGreaterThan(0);
  });
});
