import type { chartConfig } from '@crm-lens/charts';
import type { parse, Spec, View } from 'vega';

/** The compiled specs of `@crm-lens/charts`, loaded with the runtime (a chart names one, or derives its own). */
export interface ChartSpecs {
  readonly pyramid: Spec;
  readonly quadrant: Spec;
  readonly rfmHeatmap: Spec;
  readonly segmentsScatter: Spec;
}

/** The parts of the vega runtime a chart uses, loaded on first draw. */
export interface VegaRuntime {
  View: typeof View;
  parse: typeof parse;
  /** vega-interpreter's evaluator: expressions run from their parsed AST, never through `Function`. */
  expressionInterpreter: object;
  /** The chart theme → vega config mapping of `@crm-lens/charts`. */
  chartConfig: typeof chartConfig;
  /** The compiled specs. */
  specs: ChartSpecs;
}

let loading: Promise<VegaRuntime> | undefined;

/**
 * Loads vega, vega-interpreter and the compiled chart specs once per page, the first time any chart draws: a
 * page that shows no chart never downloads them, and bundlers split them into their own chunk (the script-tag
 * build maps all three imports to `crm-lens.vega.js`). A failed load is forgotten, so the next draw tries again.
 */
export function loadVega(): Promise<VegaRuntime> {
  loading ??= Promise.all([import('vega'), import('vega-interpreter'), import('./chart-runtime.js')]).then(
    ([vega, interpreter, charts]) => ({
      View: vega.View,
      parse: vega.parse,
      expressionInterpreter: interpreter.expressionInterpreter,
      chartConfig: charts.chartConfig,
      specs: {
        pyramid: charts.pyramidVegaSpec,
        quadrant: charts.quadrantVegaSpec,
        rfmHeatmap: charts.rfmHeatmapVegaSpec,
        segmentsScatter: charts.segmentsScatterVegaSpec,
      },
    }),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
