import type { Spec } from 'vega';
import { describe, expect, it } from 'vitest';
import {
  type ChartTheme,
  chartConfig,
  defaultChartTheme,
  pyramidVegaSpec,
  quadrantVegaSpec,
  RANGE,
  rfmHeatmapVegaSpec,
} from '../src/index.js';
import { type Datasets, renderSvg } from './util/render.js';
import {
  pyramidRows,
  QUADRANT_LABELS,
  quadrantRows,
  RFM_SEGMENTS,
  rfmCells,
  THRESHOLDS,
} from './util/sample-data.js';

/** A dark theme whose every colour differs from the default theme and from vega's own defaults. */
const dark: ChartTheme = {
  background: '#111827',
  text: '#f9fafb',
  textMuted: '#9ca3af',
  grid: '#374151',
  fontFamily: 'Inter, sans-serif',
  fontSize: '14px',
  series: ['#60a5fa', '#fb923c', '#f87171', '#5eead4', '#86efac', '#fde047', '#d8b4fe', '#d6d3d1'],
  tiers: { platinum: '#e5e7eb', gold: '#facc15', iron: '#7dd3fc', lead: '#71717a' },
  ramp: ['#0c1a33', '#1e3a8a', '#2563eb', '#60a5fa', '#dbeafe'],
};

const CHARTS: [string, Spec, Datasets][] = [
  ['pyramid', pyramidVegaSpec, { tiers: pyramidRows('gold') }],
  [
    'quadrant',
    quadrantVegaSpec,
    { customers: quadrantRows(200), thresholds: [THRESHOLDS], quadrants: QUADRANT_LABELS },
  ],
  ['rfm heatmap', rfmHeatmapVegaSpec, { cells: rfmCells(), segments: RFM_SEGMENTS }],
];

/** Every colour an SVG paints with, lower-cased. */
function colorsIn(svg: string): Set<string> {
  const found = svg.matchAll(/(?:fill|stroke|stop-color)="([^"]+)"/g);
  return new Set([...found].map((m) => (m[1] ?? '').toLowerCase()));
}

// The colours vega and vega-lite fall back to when a spec or config leaves one open.
const LIBRARY_DEFAULTS = ['#4c78a8', '#000', '#000000', 'black', '#888', '#888888', '#ddd', '#dddddd'];

describe('chartConfig', () => {
  it('maps the theme to named ranges in tier and ramp order', () => {
    const config = chartConfig(dark);
    expect(config.range?.[RANGE.tier]).toEqual(['#e5e7eb', '#facc15', '#7dd3fc', '#71717a']);
    expect(config.range?.category).toEqual(dark.series);
    expect(config.range?.heatmap).toEqual(dark.ramp);
    // Readable text on each tier: dark text on the light tiers, light text on the dark ones.
    expect(config.range?.[RANGE.tierText]).toEqual([
      dark.background,
      dark.background,
      dark.background,
      dark.text,
    ]);
    expect(config.range?.[RANGE.rampText]).toEqual([dark.text, dark.background]);
    expect(config.background).toBe(dark.background);
  });

  it('falls back to a 12px font for a size it cannot read', () => {
    expect(chartConfig({ ...dark, fontSize: 'large' }).text?.fontSize).toBe(12);
    expect(chartConfig({ ...dark, fontSize: '15px' }).text?.fontSize).toBe(15);
  });
});

describe.each(CHARTS)('theming the compiled %s', (_, spec, data) => {
  it('re-parsing with another theme changes the rendered colours and fonts, with no recompilation', async () => {
    const light = await renderSvg(spec, data, { config: chartConfig(defaultChartTheme) });
    const themed = await renderSvg(spec, data, { config: chartConfig(dark) });
    expect(light.messages).toEqual([]);
    expect(themed.messages).toEqual([]);
    expect(themed.svg).not.toBe(light.svg);
    const colors = colorsIn(themed.svg);
    expect(colors).toContain(dark.background);
    expect(colorsIn(light.svg)).toContain(defaultChartTheme.background);
    expect(themed.svg).toContain('font-family="Inter, sans-serif"');
    expect(themed.svg).toContain('font-size="14px"');
    expect(themed.svg).not.toContain(defaultChartTheme.fontFamily);
  });

  it('paints with no colour the theme did not give', async () => {
    const { svg } = await renderSvg(spec, data, { config: chartConfig(dark) });
    const colors = colorsIn(svg);
    for (const color of LIBRARY_DEFAULTS) expect(colors).not.toContain(color);
    for (const color of Object.values(defaultChartTheme.tiers)) expect(colors).not.toContain(color);
  });
});

describe('theme colours reach the marks', () => {
  it('pyramid bands take the tier colours', async () => {
    const { svg } = await renderSvg(pyramidVegaSpec, { tiers: pyramidRows() }, { config: chartConfig(dark) });
    for (const color of Object.values(dark.tiers)) expect(colorsIn(svg)).toContain(color);
  });

  it('quadrant rules and labels take the muted text colour', async () => {
    const { svg } = await renderSvg(
      quadrantVegaSpec,
      { customers: quadrantRows(20), thresholds: [THRESHOLDS], quadrants: QUADRANT_LABELS },
      { config: chartConfig(dark) },
    );
    expect(svg).toMatch(new RegExp(`stroke="${dark.textMuted}"[^>]*stroke-dasharray="4,3"`));
  });
});
