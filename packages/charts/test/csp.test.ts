import { parse, type Spec } from 'vega';
import { describe, expect, it } from 'vitest';
import {
  chartConfig,
  defaultChartTheme,
  pyramidVegaSpec,
  quadrantVegaSpec,
  rfmHeatmapVegaSpec,
  SIGNAL,
} from '../src/index.js';
import { expressionInterpreter } from './util/interpreter.js';
import { type Datasets, type RenderOptions, renderSvg } from './util/render.js';
import {
  pyramidRows,
  QUADRANT_LABELS,
  quadrantRows,
  RFM_SEGMENTS,
  rfmCells,
  THRESHOLDS,
} from './util/sample-data.js';

// Under a Content-Security-Policy without 'unsafe-eval', vega cannot compile expressions with `Function`.
// The elements parse with `ast: true` and evaluate with vega-interpreter instead; every expression a
// compiled spec uses must therefore give the same picture through the interpreter.
const CASES: [string, Spec, Datasets, RenderOptions['signals']][] = [
  ['pyramid', pyramidVegaSpec, { tiers: pyramidRows('iron') }, {}],
  [
    'quadrant',
    quadrantVegaSpec,
    { customers: quadrantRows(300), thresholds: [THRESHOLDS], quadrants: QUADRANT_LABELS },
    { [SIGNAL.valueFormat]: '$,.0f', [SIGNAL.xTitle]: 'Now' },
  ],
  [
    'rfm heatmap',
    rfmHeatmapVegaSpec,
    { cells: rfmCells(), segments: RFM_SEGMENTS },
    { [SIGNAL.valueFormat]: '.0%', [SIGNAL.valueTitle]: 'Revenue share' },
  ],
];

describe.each(CASES)('the compiled %s under a strict CSP', (_, spec, data, signals) => {
  it('renders identically with vega-interpreter (ast: true) and with the default Function-based evaluation', async () => {
    const config = chartConfig(defaultChartTheme);
    const byFunction = await renderSvg(spec, data, { config, signals });
    const byInterpreter = await renderSvg(spec, data, {
      config,
      signals,
      interpreter: expressionInterpreter,
    });
    expect(byInterpreter.messages).toEqual([]);
    expect(byInterpreter.svg.length).toBeGreaterThan(1000);
    expect(byInterpreter.svg).toBe(byFunction.svg);
  });

  it('parses with ast: true without touching the spec (the compiled objects are shared)', () => {
    const before = structuredClone(spec);
    const runtime = parse(spec, chartConfig(defaultChartTheme), { ast: true });
    expect(JSON.stringify(runtime)).toContain('"ast"');
    expect(spec).toEqual(before);
  });
});
