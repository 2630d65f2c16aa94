// The chart embedding, for the elements that draw a chart (not part of the package's public API). The elements
// import the modules themselves, not this barrel: in the script-tag build (esbuild splitting by module) the barrel
// of a few tags became an empty file of its own, which bundle.mjs refuses.
export { chartStyles } from './chart.styles.js';
export { ChartTooltip } from './chart-tooltip.js';
export { formatTooltip } from './format-tooltip.js';
export { type ChartSpecs, loadVega, type VegaRuntime } from './load-vega.js';
export { readChartTheme } from './read-chart-theme.js';
export { type ChartDatum, type ChartLocale, VegaChart, type VegaChartOptions } from './vega-chart.js';
