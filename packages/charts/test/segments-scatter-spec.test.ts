import { describe, expect, it } from 'vitest';
import { compileSpec } from '../scripts/compiled-module.js';
import {
  chartConfig,
  defaultChartTheme,
  SEGMENTS_SCATTER_DATASET,
  type SegmentsScatterRow,
  SIGNAL,
  segmentsScatterSpec,
  segmentsScatterVegaSpec,
} from '../src/index.js';
import { expressionInterpreter } from './util/interpreter.js';
import { renderSvg, renderView } from './util/render.js';
import { random } from './util/sample-data.js';
import { markItems, scale } from './util/scene.js';

const POINTS = 'marks';

/** `n` points in `k` segments, heavy-tailed, with zeros and a few negative values. */
function rows(n: number, k = 4, selected?: number): SegmentsScatterRow[] {
  const next = random(3);
  return Array.from({ length: n }, (_, i) => {
    const segment = i % k;
    const y = next() < 0.05 ? -Math.round(next() * 50) : Math.round(Math.exp(next() * 8));
    return {
      x: next() < 0.05 ? 0 : Math.round(Math.exp(next() * 6)),
      y,
      segment,
      segmentLabel: `Segment ${segment}`,
      selected: segment === selected,
      tooltip: `Segment ${segment}`,
    };
  });
}

const datasets = (points: SegmentsScatterRow[]) => ({ [SEGMENTS_SCATTER_DATASET]: points });

describe('segments scatter (builder)', () => {
  it('compiles without warnings, with no colour, font or config of its own', () => {
    for (const spec of [segmentsScatterSpec(), segmentsScatterSpec({ pointSize: 40, width: 300 })]) {
      const { spec: vega, warnings } = compileSpec(spec);
      expect(warnings).toEqual([]);
      expect(vega).not.toHaveProperty('config');
      expect(vega).not.toHaveProperty('background');
      expect(JSON.stringify(vega)).not.toMatch(/#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(/i);
      const named = (vega.data ?? []).filter((d) => !('source' in d));
      expect(named.map((d) => d.name)).toEqual([SEGMENTS_SCATTER_DATASET]);
      for (const d of vega.data ?? []) {
        expect(d).not.toHaveProperty('values');
        expect(d).not.toHaveProperty('url');
      }
    }
  });
});

describe('segments scatter (compiled)', () => {
  it('draws one point per row at (x, y) on symlog scales, zeros and negatives included', async () => {
    const points = rows(600);
    const { view, messages } = await renderView(segmentsScatterVegaSpec, datasets(points));
    expect(messages).toEqual([]);
    const items = markItems(view, POINTS);
    expect(items).toHaveLength(600);
    expect((view.scale('x') as { type: string }).type).toBe('symlog');
    expect((view.scale('y') as { type: string }).type).toBe('symlog');
    const [x, y] = [scale(view, 'x'), scale(view, 'y')];
    for (const p of items.slice(0, 60)) {
      expect(p.x).toBeCloseTo(x(p.datum.x), 6);
      expect(p.y).toBeCloseTo(y(p.datum.y), 6);
    }
    expect(items.some((p) => p.datum.x === 0 && p.x === 0)).toBe(true);
    expect(items.some((p) => (p.datum.y as number) < 0)).toBe(true);
  });

  it('colours by segment with the theme’s series colours, stable when a segment has no points', async () => {
    const { view } = await renderView(segmentsScatterVegaSpec, datasets(rows(200, 4)));
    const fill = (segment: number) =>
      new Set(
        markItems(view, POINTS)
          .filter((p) => p.datum.segment === segment)
          .map((p) => p.fill),
      );
    for (let s = 0; s < 4; s++) expect([...fill(s)]).toEqual([defaultChartTheme.series[s]]);
    // Only segments 2 and 3 in the data: segment 3 keeps the fourth colour.
    const only = rows(100, 4).filter((r) => r.segment >= 2);
    const { view: other } = await renderView(segmentsScatterVegaSpec, datasets(only));
    const third = markItems(other, POINTS).find((p) => p.datum.segment === 3);
    expect(third?.fill).toBe(defaultChartTheme.series[3]);
    // Segment 9 wraps round the 8 series colours.
    const wrap = await renderView(segmentsScatterVegaSpec, datasets([{ ...rows(1)[0]!, segment: 9 }]));
    expect(markItems(wrap.view, POINTS)[0]?.fill).toBe(defaultChartTheme.series[1]);
  });

  it('dims the other segments when one is selected, and draws the selected on top', async () => {
    const { view } = await renderView(segmentsScatterVegaSpec, datasets(rows(200, 4, 2)));
    const items = markItems(view, POINTS) as (ReturnType<typeof markItems>[number] & { opacity?: number })[];
    for (const p of items) expect(p.opacity).toBe(p.datum.segment === 2 ? 0.7 : 0.12);
    expect(items.at(-1)?.datum.segment).toBe(2);
    const none = markItems((await renderView(segmentsScatterVegaSpec, datasets(rows(50)))).view, POINTS);
    for (const p of none as { opacity?: number }[]) expect(p.opacity).toBe(0.7);
  });

  it('takes axis titles from signals, and colours from a theme given at parse time', async () => {
    const series = ['#111111', '#222222', '#333333', '#444444', '#555555', '#666666', '#777777', '#888888'];
    const { svg } = await renderSvg(segmentsScatterVegaSpec, datasets(rows(40)), {
      signals: { [SIGNAL.xTitle]: '最近购买（天）', [SIGNAL.yTitle]: '消费金额' },
      config: chartConfig({ ...defaultChartTheme, series }),
    });
    expect(svg).toContain('最近购买（天）');
    expect(svg).toContain('消费金额');
    expect(svg).toContain('#111111');
  });

  it('renders the same through the CSP-safe interpreter', async () => {
    const a = await renderSvg(segmentsScatterVegaSpec, datasets(rows(300)));
    const b = await renderSvg(segmentsScatterVegaSpec, datasets(rows(300)), {
      interpreter: expressionInterpreter,
    });
    expect(b.messages).toEqual([]);
    expect(b.svg).toBe(a.svg);
  });
});
