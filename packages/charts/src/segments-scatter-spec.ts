import type { TopLevelSpec } from 'vega-lite';
import { namedRange } from './named-range.js';
import { RANGE, SIGNAL, STYLE } from './names.js';

/** The named dataset the segments scatter reads. */
export const SEGMENTS_SCATTER_DATASET = 'points';

/** Segment numbers the colour scale knows (core clusters into at most 50); the series colours repeat every 8. */
export const SEGMENTS_MAX = 50;

/** One sampled customer in the segments scatter. */
export interface SegmentsScatterRow {
  /** The measure on the x axis (the element copies recency days, frequency or monetary value in). */
  x: number;
  /** The measure on the y axis. */
  y: number;
  /** Segment number, 0 … 49 (colour: `--lens-series-(segment mod 8 + 1)`). */
  segment: number;
  /** The segment's display name. */
  segmentLabel: string;
  /** The point's segment is the selected one: drawn on top; the other segments are dimmed. */
  selected: boolean;
  /** Tooltip text (optional). */
  tooltip?: string;
}

export interface SegmentsScatterSpecOptions {
  /** Initial width in px; the element resizes the view to its container. */
  width?: number;
  /** Initial height in px. */
  height?: number;
  /** Point area in px² (default 16). */
  pointSize?: number;
}

/** 0 and ±1, ±10, … ±10⁹: tick values for a symlog axis (vega drops the ones outside the domain). */
const DECADE_TICKS: number[] = (() => {
  const positive = Array.from({ length: 10 }, (_, power) => 10 ** power);
  return [...positive.map((value) => -value).reverse(), 0, ...positive];
})();

/**
 * The segments scatter: a sample of the clustered customers, one measure against another (recency in days,
 * frequency in purchase occasions or monetary value), coloured by segment. A selected segment is drawn on top
 * and the others are dimmed.
 *
 * Both axes are symlog (constant 1): the three measures are heavy-tailed, recency and frequency can be 0 and net
 * revenue can be negative, which a log scale cannot place. The colour scale's domain is fixed (segments 0 … 49),
 * so a segment keeps its colour whether or not the sample has points of it.
 */
export function segmentsScatterSpec(options: SegmentsScatterSpecOptions = {}): TopLevelSpec {
  const { width = 480, height = 320, pointSize = 16 } = options;
  const scale = { type: 'symlog', constant: 1, nice: false, zero: true } as const;
  const axis = (title: string) =>
    ({
      title: { signal: title },
      grid: true,
      values: DECADE_TICKS,
      labelExpr: `format(datum.value, ${SIGNAL.valueFormat})`,
      labelFlush: true,
      labelOverlap: true,
    }) as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Customer segments scatter',
    width,
    height,
    autosize: { type: 'fit', contains: 'padding' },
    params: [
      { name: SIGNAL.xTitle, value: 'Recency (days)' },
      { name: SIGNAL.yTitle, value: 'Monetary value' },
      { name: SIGNAL.valueFormat, value: '~s' },
    ],
    data: { name: SEGMENTS_SCATTER_DATASET },
    transform: [
      { calculate: 'datum.selected ? 1 : 0', as: 'isSelected' },
      { joinaggregate: [{ op: 'max', field: 'isSelected', as: 'anySelected' }] },
    ],
    mark: {
      type: 'circle',
      style: STYLE.point,
      size: pointSize,
      aria: false,
      cursor: 'pointer',
      tooltip: { expr: 'datum.tooltip' },
    },
    encoding: {
      x: { field: 'x', type: 'quantitative', scale, axis: axis(SIGNAL.xTitle) },
      y: { field: 'y', type: 'quantitative', scale, axis: axis(SIGNAL.yTitle) },
      color: {
        field: 'segment',
        type: 'nominal',
        scale: { domain: Array.from({ length: SEGMENTS_MAX }, (_, i) => i), range: namedRange(RANGE.series) },
        legend: null,
      },
      opacity: {
        condition: { test: 'datum.selected || !datum.anySelected', value: 0.7 },
        value: 0.12,
      },
      order: { field: 'isSelected', type: 'quantitative' },
    },
  };
}
