import { describe, expect, it } from 'vitest';
import { compileSpec } from '../scripts/compiled-module.js';
import { pyramidSpec, quadrantSpec, rfmHeatmapSpec } from '../src/index.js';

// Every option combination a builder offers compiles cleanly, not just the default that is committed.
const VARIANTS = {
  'pyramidSpec()': pyramidSpec(),
  'pyramidSpec({details: false, apex: 0})': pyramidSpec({ details: false, apex: 0, gap: 0 }),
  'quadrantSpec()': quadrantSpec(),
  'quadrantSpec({quadrantLabels: false})': quadrantSpec({ quadrantLabels: false, pointSize: 30 }),
  'rfmHeatmapSpec()': rfmHeatmapSpec(),
  'rfmHeatmapSpec({all off})': rfmHeatmapSpec({ cellText: false, segments: false, legend: false }),
};

// What a colour or a font looks like when written into a spec.
const COLOR_LITERAL = /#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(|"(black|white|gray|grey|steelblue)"/i;
const STYLE_PROPS = new Set(['fill', 'stroke', 'color', 'font', 'fontSize', 'fontWeight', 'strokeDash']);

/** Paths of every encoding that sets a style property to a constant (`fill: {value: …}`). */
function constantStyles(node: unknown, path = ''): string[] {
  if (Array.isArray(node)) return node.flatMap((child, i) => constantStyles(child, `${path}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => {
    const here = `${path}.${key}`;
    // `{value: null}` (no stroke) is not a colour.
    const isConstant =
      STYLE_PROPS.has(key) &&
      typeof value === 'object' &&
      value !== null &&
      (value as { value?: unknown }).value != null;
    return isConstant ? [here] : constantStyles(value, here);
  });
}

describe.each(Object.entries(VARIANTS))('%s', (_, spec) => {
  const { spec: vega, warnings } = compileSpec(spec);
  const text = JSON.stringify(vega);

  it('compiles with vega-lite without warnings', () => {
    expect(warnings).toEqual([]);
  });

  it('carries no colour, font or config of its own, so the theme decides them', () => {
    expect(vega).not.toHaveProperty('config');
    expect(vega).not.toHaveProperty('background');
    expect(text).not.toMatch(COLOR_LITERAL);
    expect(constantStyles(vega)).toEqual([]);
  });

  it('reads its data only from named datasets (no inline values, no URLs)', () => {
    for (const data of vega.data ?? []) {
      expect(data).not.toHaveProperty('values');
      expect(data).not.toHaveProperty('url');
    }
  });
});

describe('builder options', () => {
  it('leave the data contract alone', () => {
    const names = (spec: object) =>
      (compileSpec(spec as never).spec.data ?? []).filter((d) => !('source' in d)).map((d) => d.name);
    expect(names(pyramidSpec())).toEqual(['tiers']);
    expect(names(pyramidSpec({ details: false }))).toEqual(['tiers']);
    expect(names(quadrantSpec())).toEqual(['customers', 'thresholds', 'quadrants']);
    expect(names(rfmHeatmapSpec())).toEqual(['cells', 'segments']);
  });
});
