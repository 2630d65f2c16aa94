// The names a compiled spec shares with its runtime config and with the element that feeds it. They are
// the whole contract between a spec (compiled at build time) and a theme (applied at parse time), so they
// live in one place.

/** Named colour ranges, resolved by vega from `config.range` when the spec is parsed. */
export const RANGE = {
  /** Categorical series colours (`--lens-series-1..8`). */
  series: 'category',
  /** Sequential ramp for heatmaps (`--lens-ramp-*`). */
  heatmap: 'heatmap',
  /** One colour per tier, in `TIERS` order. */
  tier: 'lens-tier',
  /** Text colour readable on each tier colour, in `TIERS` order. */
  tierText: 'lens-tier-text',
  /** Text colour readable on the low and the high end of the heatmap ramp. */
  rampText: 'lens-ramp-text',
} as const;

/** Mark styles, resolved by vega from `config.style` when the spec is parsed. */
export const STYLE = {
  /** A pyramid band; its stroke outlines the selected band. */
  band: 'lens-band',
  /** The tier name inside a band. */
  bandLabel: 'lens-band-label',
  /** Counts and shares beside a band, and other secondary annotations. */
  annotation: 'lens-annotation',
  /** A customer in the value quadrant. */
  point: 'lens-point',
  /** A threshold rule in the value quadrant. */
  threshold: 'lens-threshold',
  /** A quadrant's name in its corner. */
  quadrantLabel: 'lens-quadrant-label',
  /** A heatmap cell. */
  cell: 'lens-cell',
  /** The text inside a heatmap cell. */
  cellText: 'lens-cell-text',
  /** A segment's outline over the heatmap. */
  segment: 'lens-segment',
  /** The halo drawn under a segment's name (background-coloured outline of the glyphs). */
  segmentHalo: 'lens-segment-halo',
  /** A segment's name over the heatmap. */
  segmentLabel: 'lens-segment-label',
} as const;

/**
 * Signals the element sets with `view.signal(name, value)`: localised guide text and number formats, which
 * change with the locale but not with the data, so they are not baked into the compiled spec.
 */
export const SIGNAL = {
  /** x-axis title (quadrant: current value; heatmap: recency score). */
  xTitle: 'xTitle',
  /** y-axis title (quadrant: potential value; heatmap: frequency score). */
  yTitle: 'yTitle',
  /** Heatmap legend title: the measure the cells are coloured by. */
  valueTitle: 'valueTitle',
  /** A d3-format specifier for value axes and the heatmap legend, e.g. `~s` or `.0%`. */
  valueFormat: 'valueFormat',
} as const;
