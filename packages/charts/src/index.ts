export { chartConfig } from './chart-config.js';
export { type ChartTheme, defaultChartTheme } from './chart-theme.js';
export { contrastRatio, parseColor, readableOn } from './color-contrast.js';
export { compileConfig } from './compile-config.js';
// The builders' default specs compiled to vega at build time (what the elements parse at runtime).
export {
  pyramidVegaSpec,
  quadrantVegaSpec,
  rfmHeatmapVegaSpec,
  segmentsScatterVegaSpec,
} from './generated/compiled-specs.js';
export { RANGE, SIGNAL, STYLE } from './names.js';
export { PYRAMID_DATASET, type PyramidRow, type PyramidSpecOptions, pyramidSpec } from './pyramid-spec.js';
export {
  QUADRANT_DATASETS,
  type QuadrantCustomerRow,
  type QuadrantLabelRow,
  type QuadrantSpecOptions,
  type QuadrantThresholdRow,
  quadrantSpec,
} from './quadrant-spec.js';
export {
  RFM_HEATMAP_DATASETS,
  type RfmCellRow,
  type RfmHeatmapMeasure,
  type RfmHeatmapSpecOptions,
  type RfmSegmentRow,
  rfmHeatmapSpec,
} from './rfm-heatmap-spec.js';
export {
  SEGMENTS_MAX,
  SEGMENTS_SCATTER_DATASET,
  type SegmentsScatterRow,
  type SegmentsScatterSpecOptions,
  segmentsScatterSpec,
} from './segments-scatter-spec.js';
export { isTier, TIERS, type Tier } from './tiers.js';
