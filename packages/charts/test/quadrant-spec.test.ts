import { describe, expect, it } from 'vitest';
import { QUADRANT_DATASETS, quadrantVegaSpec, SIGNAL } from '../src/index.js';
import { expressionInterpreter } from './util/interpreter.js';
import { renderView } from './util/render.js';
import { QUADRANT_LABELS, quadrantRows, THRESHOLDS } from './util/sample-data.js';
import { markItems, scale } from './util/scene.js';

const POINTS = 'layer_0_marks';
const RULE_X = 'layer_1_marks';
const RULE_Y = 'layer_2_marks';
const LABEL_LAYERS = ['layer_3_marks', 'layer_4_marks', 'layer_5_marks', 'layer_6_marks'];

const datasets = (n: number) => ({
  [QUADRANT_DATASETS.customers]: quadrantRows(n),
  [QUADRANT_DATASETS.thresholds]: [THRESHOLDS],
  [QUADRANT_DATASETS.quadrants]: QUADRANT_LABELS,
});

describe('value quadrant (compiled)', () => {
  it('draws one point per customer at (current, potential) on symlog scales', async () => {
    const { view, messages } = await renderView(quadrantVegaSpec, datasets(500));
    expect(messages).toEqual([]);
    const points = markItems(view, POINTS);
    expect(points).toHaveLength(500);
    const [x, y] = [scale(view, 'x'), scale(view, 'y')];
    expect((view.scale('x') as { type: string }).type).toBe('symlog');
    expect((view.scale('y') as { type: string }).type).toBe('symlog');
    for (const p of points.slice(0, 50)) {
      expect(p.x).toBeCloseTo(x(p.datum.current), 6);
      expect(p.y).toBeCloseTo(y(p.datum.potential), 6);
    }
    // Zero current value (10% of the sample) sits on the y axis: symlog places it, log could not.
    expect(points.some((p) => p.datum.current === 0 && p.x === 0)).toBe(true);
  });

  it('colours points by tier, with the same colour for the same tier', async () => {
    const { view } = await renderView(quadrantVegaSpec, datasets(400));
    const fills = new Map<unknown, Set<string | undefined>>();
    for (const p of markItems(view, POINTS)) {
      fills.set(p.datum.tier, (fills.get(p.datum.tier) ?? new Set()).add(p.fill));
    }
    expect(fills.size).toBe(4);
    for (const set of fills.values()) expect(set.size).toBe(1);
    expect(new Set([...fills.values()].map((s) => [...s][0])).size).toBe(4);
  });

  it('draws the threshold rules at the given values, across the whole plot', async () => {
    const { view } = await renderView(quadrantVegaSpec, datasets(300));
    const [ruleX] = markItems(view, RULE_X);
    const [ruleY] = markItems(view, RULE_Y);
    expect(ruleX?.x).toBeCloseTo(scale(view, 'x')(THRESHOLDS.current), 6);
    expect(ruleY?.y).toBeCloseTo(scale(view, 'y')(THRESHOLDS.potential), 6);
    expect(Math.abs((ruleX?.y2 ?? 0) - (ruleX?.y ?? 0))).toBeGreaterThan(100);
  });

  it('names the quadrants in their corners: Platinum top right … Lead bottom left', async () => {
    const { view } = await renderView(quadrantVegaSpec, datasets(10), { width: 500, height: 400 });
    const corner = (layer: string) => {
      const [item] = markItems(view, layer);
      return { text: item?.text, right: (item?.x ?? 0) > 0, top: item?.y === 0 };
    };
    expect(LABEL_LAYERS.map(corner)).toEqual([
      { text: 'Platinum', right: true, top: true },
      { text: 'Gold', right: true, top: false },
      { text: 'Iron', right: false, top: true },
      { text: 'Lead', right: false, top: false },
    ]);
  });

  it('takes its axis titles and number format from signals the element sets', async () => {
    const { view } = await renderView(quadrantVegaSpec, datasets(50), {
      signals: { [SIGNAL.xTitle]: '当前价值', [SIGNAL.yTitle]: '潜在价值', [SIGNAL.valueFormat]: ',d' },
    });
    const svg = await view.toSVG();
    expect(svg).toContain('当前价值');
    expect(svg).toContain('潜在价值');
    expect(svg).toContain('1,000');
  });

  it('renders 100k points through the CSP-safe interpreter, and redraws them on resize', async () => {
    const { view, messages } = await renderView(quadrantVegaSpec, datasets(100_000), {
      interpreter: expressionInterpreter,
    });
    expect(messages).toEqual([]);
    expect(markItems(view, POINTS)).toHaveLength(100_000);
    await view.width(640).runAsync();
    expect(markItems(view, POINTS)).toHaveLength(100_000);
    view.finalize();
  }, 120_000);
});
