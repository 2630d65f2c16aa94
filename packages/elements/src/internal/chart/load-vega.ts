import type { parse, View } from 'vega';

/** The parts of the vega runtime a chart uses, loaded on first draw. */
export interface VegaRuntime {
  View: typeof View;
  parse: typeof parse;
  /** vega-interpreter's evaluator: expressions run from their parsed AST, never through `Function`. */
  expressionInterpreter: object;
}

let loading: Promise<VegaRuntime> | undefined;

/**
 * Loads vega and vega-interpreter once per page, the first time any chart draws: a page that shows no chart
 * never downloads them, and bundlers split them into their own chunk. A failed load is forgotten, so the
 * next draw tries again.
 */
export function loadVega(): Promise<VegaRuntime> {
  loading ??= Promise.all([import('vega'), import('vega-interpreter')]).then(
    ([vega, interpreter]) => ({
      View: vega.View,
      parse: vega.parse,
      expressionInterpreter: interpreter.expressionInterpreter,
    }),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
