// The chart code needed only once a chart draws: the compiled vega specs and the theme → vega config mapping.
// load-vega.ts imports it together with vega, so it travels in vega's lazy chunk (in the script-tag build it is
// part of crm-lens.vega.js: packages/elements/scripts/cdn/vega-runtime.ts re-exports it).
export {
  chartConfig,
  pyramidVegaSpec,
  quadrantVegaSpec,
  rfmHeatmapVegaSpec,
  segmentsScatterVegaSpec,
} from '@crm-lens/charts';
