// The chart embedding, for the elements that draw a chart (not part of the package's public API).
export { chartStyles } from './chart.styles.js';
export { ChartTooltip } from './chart-tooltip.js';
export { formatTooltip } from './format-tooltip.js';
export { type ChartSpecs, loadVega, type VegaRuntime } from './load-vega.js';
export { readChartTheme } from './read-chart-theme.js';
export { type ChartDatum, type ChartLocale, VegaChart, type VegaChartOptions } from './vega-chart.js';
