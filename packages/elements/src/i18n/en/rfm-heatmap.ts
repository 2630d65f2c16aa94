// English messages: one group of the reference catalog (i18n/en.ts explains the groups).
/** `<lens-rfm-heatmap>` (rfm-heatmap/rfm-heatmap.ts). */
export const enRfmHeatmap = {
  // <lens-rfm-heatmap>.
  'heatmap.label': 'RFM heatmap',
  'heatmap.chart': 'RFM heatmap: {measure} by recency score and frequency score',
  'heatmap.options': 'Heatmap options',
  'heatmap.measure': 'Colour by',
  'heatmap.measure.monetary': 'Mean spend',
  'heatmap.measure.customers': 'Customers',
  'heatmap.measure.revenue-share': 'Share of revenue',
  'heatmap.showSegments': 'Segments',
  'heatmap.showTable': 'Table',
  'heatmap.recency': 'Recency score',
  'heatmap.frequency': 'Frequency score',
  'heatmap.col': 'R {r, integer}',
  'heatmap.colLabel': 'Recency score {r, integer}',
  'heatmap.row': 'F {f, integer}',
  'heatmap.rowLabel': 'Frequency score {f, integer}',
  'heatmap.corner': 'F \\ R',
  'heatmap.cornerLabel': 'Frequency score by recency score',
  'heatmap.caption':
    '{measure} of the customers in each cell, by recency score R (columns, {n, integer} = most recent) and frequency score F (rows, {n, integer} = most frequent). Arrow keys move, Enter selects a cell, Escape clears the selection.',
  'heatmap.cell': 'R {r, integer} · F {f, integer}',
  'heatmap.customers': '{count, plural, =0 {No customers} one {# customer} other {# customers}}',
  'heatmap.pair': '{label}: {value}',
  'heatmap.hint': 'Select a cell to list its customers.',
  'heatmap.finding': 'Finding the customers in {cell}…',
  'heatmap.selected': 'Selected {cell}: {customers} · {segments}',
  'heatmap.rescoring': 'Applying the segment map',
  'heatmap.legendSegments': 'Outlined: RFM segments',
  'heatmap.separator': ', ',
} as const;
