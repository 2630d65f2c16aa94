import type { TopLevelSpec } from 'vega-lite';
import { namedRange } from './named-range.js';
import { RANGE, SIGNAL, STYLE } from './names.js';
import type { LayerEntry } from './vl-types.js';

/** The named datasets the RFM heatmap reads. */
export const RFM_HEATMAP_DATASETS = {
  /** One row per (R, F) score pair (`RfmCellRow`). */
  cells: 'cells',
  /** One row per named segment (`RfmSegmentRow`). */
  segments: 'segments',
} as const;

/** The measures a heatmap cell can be coloured by; the element copies the chosen one into `value`. */
export type RfmHeatmapMeasure = 'meanMonetary' | 'customers' | 'revenueShare';

/** One cell of the R × F grid. */
export interface RfmCellRow {
  /** Recency score, 1 = least recent. */
  r: number;
  /** Frequency score, 1 = least frequent. */
  f: number;
  customers: number;
  /** The measure the cell is coloured by (see `RfmHeatmapMeasure`). */
  value: number;
  /** `value` as shown in the cell, formatted by the element. */
  valueText: string;
  /** Names of the segments covering this cell, joined by the element, e.g. "Champions". */
  segmentNames: string;
  /** Tooltip text (optional); also the cell's accessible description. */
  tooltip?: string;
}

/** A named segment: a rectangle of score ranges, bounds inclusive, in score units. */
export interface RfmSegmentRow {
  name: string;
  rMin: number;
  rMax: number;
  fMin: number;
  fMax: number;
}

export interface RfmHeatmapSpecOptions {
  /** Initial width in px; the element resizes the view to its container. */
  width?: number;
  /** Initial height in px. */
  height?: number;
  /** Draw `valueText` in each cell (default true). */
  cellText?: boolean;
  /** Draw the segment outlines and names (default true). */
  segments?: boolean;
  /** Draw the colour legend (default true). */
  legend?: boolean;
}

/** Pixels between a segment's name and its outline (the name's dx), on each side. */
const NAME_INSET = 4;

/** Half a cell minus a hairline, so neighbouring cells do not touch. */
const HALF = 0.5;

/**
 * The RFM heatmap: recency score (x) × frequency score (y), one rect per cell coloured by `value` on the
 * theme's ramp, the cell's text in whichever theme colour reads better on its fill, and the named segments
 * outlined on top.
 *
 * Both axes are linear in score units (cell r spans r − ½ … r + ½), so a segment's inclusive score range
 * maps directly to a rectangle and missing cells leave a hole instead of shifting the grid. The colour
 * measure is not part of the spec: the element puts the chosen measure in `value` and its name in the
 * `valueTitle` signal, so one compiled spec serves every measure.
 */
export function rfmHeatmapSpec(options: RfmHeatmapSpecOptions = {}): TopLevelSpec {
  const { width = 420, height = 360, cellText = true, segments = true, legend = true } = options;
  const axis = (title: string) =>
    ({ title: { signal: title }, tickMinStep: 1, format: 'd', grid: false }) as const;
  const x = { type: 'quantitative', scale: { nice: false, zero: false }, axis: axis(SIGNAL.xTitle) } as const;
  const y = { type: 'quantitative', scale: { nice: false, zero: false }, axis: axis(SIGNAL.yTitle) } as const;

  // A name longer than its room is cut with an ellipsis: the room ends at the segment's right edge, or where the
  // next name on the same row starts (segments of a map may overlap). Otherwise, in a narrow chart, names run
  // into each other. (A limit of 0 would mean no limit, hence at least 1 px.)
  const segmentName = (style: string): LayerEntry => ({
    mark: {
      type: 'text',
      style,
      aria: false,
      align: 'left',
      baseline: 'top',
      dx: NAME_INSET,
      dy: 3,
      limit: { expr: `max(1, scale('x', datum.nameEnd) - scale('x', datum.r0) - ${NAME_INSET * 2})` },
    },
    encoding: { x: { field: 'r0', ...x }, y: { field: 'f1', ...y }, text: { field: 'name' } },
  });

  const layer: LayerEntry[] = [
    {
      data: { name: RFM_HEATMAP_DATASETS.cells },
      transform: [
        { calculate: `datum.r - ${HALF}`, as: 'r0' },
        { calculate: `datum.r + ${HALF}`, as: 'r1' },
        { calculate: `datum.f - ${HALF}`, as: 'f0' },
        { calculate: `datum.f + ${HALF}`, as: 'f1' },
      ],
      mark: {
        type: 'rect',
        style: STYLE.cell,
        cursor: 'pointer',
        tooltip: { expr: 'datum.tooltip' },
        description: { expr: 'datum.tooltip' },
      },
      encoding: {
        x: { field: 'r0', ...x },
        x2: { field: 'r1' },
        y: { field: 'f0', ...y },
        y2: { field: 'f1' },
        color: {
          field: 'value',
          type: 'quantitative',
          scale: { range: namedRange(RANGE.heatmap), zero: false },
          legend: legend
            ? {
                title: { signal: SIGNAL.valueTitle },
                labelExpr: `format(datum.value, ${SIGNAL.valueFormat})`,
              }
            : null,
        },
      },
    },
  ];
  if (cellText) {
    layer.push({
      data: { name: RFM_HEATMAP_DATASETS.cells },
      transform: [
        { joinaggregate: [{ op: 'min', field: 'value', as: 'low' }] },
        { joinaggregate: [{ op: 'max', field: 'value', as: 'high' }] },
        // Where the cell sits on the ramp, 0..1, to pick a text colour readable on its fill.
        {
          calculate: 'datum.high > datum.low ? (datum.value - datum.low) / (datum.high - datum.low) : 0',
          as: 'rampPosition',
        },
      ],
      // The text covers the cell's centre, so it shows the cell's tooltip too.
      mark: {
        type: 'text',
        style: STYLE.cellText,
        aria: false,
        cursor: 'pointer',
        tooltip: { expr: 'datum.tooltip' },
      },
      encoding: {
        x: { field: 'r', ...x },
        y: { field: 'f', ...y },
        text: { field: 'valueText' },
        color: {
          field: 'rampPosition',
          type: 'quantitative',
          scale: { type: 'threshold', domain: [0.5], range: namedRange(RANGE.rampText) },
          legend: null,
        },
      },
    });
  }
  if (segments) {
    layer.push({
      data: { name: RFM_HEATMAP_DATASETS.segments },
      transform: [
        { calculate: `datum.rMin - ${HALF}`, as: 'r0' },
        { calculate: `datum.rMax + ${HALF}`, as: 'r1' },
        { calculate: `datum.fMin - ${HALF}`, as: 'f0' },
        { calculate: `datum.fMax + ${HALF}`, as: 'f1' },
        // Where the next name on the same row (same top edge) starts; unnamed outlines (the selection) have none.
        { calculate: 'datum.name ? datum.rMin : 1e9', as: 'nameStart' },
        {
          window: [{ op: 'lead', field: 'nameStart', as: 'nextNameStart' }],
          groupby: ['fMax'],
          sort: [{ field: 'nameStart' }],
        },
        {
          calculate: `min(datum.r1, isValid(datum.nextNameStart) ? datum.nextNameStart - ${HALF} : datum.r1)`,
          as: 'nameEnd',
        },
      ],
      layer: [
        {
          mark: { type: 'rect', style: STYLE.segment, aria: false },
          encoding: {
            x: { field: 'r0', ...x },
            x2: { field: 'r1' },
            y: { field: 'f1', ...y },
            y2: { field: 'f0' },
          },
        },
        // The name twice: a halo in the background colour under the text, so it reads on any cell.
        segmentName(STYLE.segmentHalo),
        segmentName(STYLE.segmentLabel),
      ],
    });
  }

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'RFM heatmap',
    width,
    height,
    autosize: { type: 'fit', contains: 'padding' },
    params: [
      { name: SIGNAL.xTitle, value: 'Recency score' },
      { name: SIGNAL.yTitle, value: 'Frequency score' },
      { name: SIGNAL.valueTitle, value: 'Value' },
      { name: SIGNAL.valueFormat, value: '~s' },
    ],
    // The cell fill and the cell text each have their own colour scale.
    resolve: { scale: { color: 'independent' } },
    layer,
  };
}
