// Build-only (scripts/bundle.mjs): the entry of `dist/cdn/crm-lens.vega.js`, the vega runtime that the charts load
// on their first draw (src/internal/chart/load-vega.ts imports `vega` and `vega-interpreter`; in the single-file
// build both imports are this one file).
export * from 'vega';
export { expressionInterpreter } from 'vega-interpreter';
