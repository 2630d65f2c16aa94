// Build-only (scripts/bundle.mjs): the entry of `dist/cdn/crm-lens.vega.js`, what the charts load on their first
// draw (src/internal/chart/load-vega.ts imports `vega`, `vega-interpreter` and `./chart-runtime.js`, the compiled
// specs and the theme → config mapping; in the script-tag build all three imports are this one file).
export * from 'vega';
export { expressionInterpreter } from 'vega-interpreter';
export * from '../../src/internal/chart/chart-runtime.js';
