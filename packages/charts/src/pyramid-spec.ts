import type { TopLevelSpec } from 'vega-lite';
import { namedRange } from './named-range.js';
import { RANGE, STYLE } from './names.js';
import { TIERS, type Tier } from './tiers.js';
import type { LayerEntry } from './vl-types.js';

/** The named dataset the pyramid reads: one row per tier. */
export const PYRAMID_DATASET = 'tiers';

/**
 * One tier of the pyramid, as the element prepares it. Numbers are raw; every text is already localised and
 * formatted by the element, so the compiled spec holds no locale.
 */
export interface PyramidRow {
  tier: Tier;
  /** The tier's display name, e.g. "Platinum" or "白金". */
  label: string;
  customers: number;
  /** customers / all customers, 0..1. */
  customerShare: number;
  currentValue: number;
  /** currentValue / total current value, 0..1. */
  currentShare: number;
  potentialValue: number;
  /** potentialValue / total potential value, 0..1. */
  potentialShare: number;
  /** Whether this tier is the selected one (drawn outlined; the others are dimmed). */
  selected: boolean;
  /** The customer count as shown beside the band, e.g. "1,204 customers". */
  countText: string;
  /** The value share as shown beside the band, e.g. "46% of value". */
  shareText: string;
  /** Tooltip text (optional); also the band's accessible description. */
  tooltip?: string;
}

export interface PyramidSpecOptions {
  /** Initial width in px; the element resizes the view to its container. */
  width?: number;
  /** Initial height in px. */
  height?: number;
  /** Draw the count and share beside each band (default true). */
  details?: boolean;
  /** Share of the width the pyramid takes when details are drawn, 0..1 (default 0.6). */
  pyramidWidth?: number;
  /** Width of the top edge of the Platinum band relative to the base (default 0.2; 0 draws an apex). */
  apex?: number;
  /** Vertical gap between bands, as a fraction of a band's height (default 0.08). */
  gap?: number;
}

/**
 * The customer-value pyramid: four centred trapezoids, Platinum on top … Lead at the base. A band's width
 * follows its rank, never its count, so the shape is always a pyramid; the numbers are in the labels.
 *
 * Each tier becomes two points (its top and bottom edge) of a horizontal area mark whose half-width grows
 * linearly from the apex to the base, which makes the sides straight lines across the gaps.
 * Every mark's datum carries `tier`, so a click on a band or its labels can be read from the scenegraph.
 */
export function pyramidSpec(options: PyramidSpecOptions = {}): TopLevelSpec {
  const { width = 480, height = 260, details = true, pyramidWidth = 0.6, apex = 0.2, gap = 0.08 } = options;
  const xRangeEnd = details ? `width * ${pyramidWidth}` : 'width';
  const tierOrder = JSON.stringify(TIERS);
  // Relative width of the pyramid at height `level` (0 = apex line, 4 = base).
  const widthAt = (level: string) => `(${apex} + ${1 - apex} * (${level}) / ${TIERS.length})`;
  // x: relative width (0..1, centred on 0.5); y: levels, 0 = top of the Platinum band, 4 = the base.
  const x = () => ({
    type: 'quantitative' as const,
    scale: { domain: [0, 1], range: [0, { expr: xRangeEnd }] },
    axis: null,
  });
  const y = () => ({
    type: 'quantitative' as const,
    scale: { domain: [0, TIERS.length], reverse: true },
    axis: null,
  });
  const tierColor = (range: string) => ({
    field: 'tier',
    type: 'nominal' as const,
    scale: { domain: [...TIERS], range: namedRange(range) },
    legend: null,
  });

  const layer: LayerEntry[] = [
    {
      transform: [
        { calculate: `[datum.rank + ${gap / 2}, datum.rank + ${1 - gap / 2}]`, as: 'level' },
        { flatten: ['level'] },
        { calculate: `0.5 - ${widthAt('datum.level')} / 2`, as: 'left' },
        { calculate: `0.5 + ${widthAt('datum.level')} / 2`, as: 'right' },
      ],
      mark: {
        type: 'area',
        orient: 'horizontal',
        style: STYLE.band,
        cursor: 'pointer',
        tooltip: { expr: 'datum.tooltip' },
        description: { expr: "datum.label + ': ' + datum.countText + ', ' + datum.shareText" },
      },
      encoding: {
        y: { field: 'level', ...y() },
        x: { field: 'left', ...x() },
        x2: { field: 'right' },
        color: tierColor(RANGE.tier),
        fillOpacity: { condition: { test: 'datum.selected || !datum.anySelected', value: 1 }, value: 0.45 },
        strokeWidth: { condition: { test: 'datum.selected', value: 2.5 }, value: 0 },
      },
    },
    {
      // The labels sit on the bands, so they show the band's tooltip too.
      mark: {
        type: 'text',
        style: STYLE.bandLabel,
        aria: false,
        cursor: 'pointer',
        tooltip: { expr: 'datum.tooltip' },
      },
      encoding: {
        y: { field: 'middle', ...y() },
        x: { datum: 0.5, ...x() },
        text: { field: 'label' },
        color: tierColor(RANGE.tierText),
      },
    },
  ];
  if (details) {
    layer.push({
      mark: {
        type: 'text',
        style: STYLE.annotation,
        align: 'left',
        dx: 12,
        aria: false,
        cursor: 'pointer',
        tooltip: { expr: 'datum.tooltip' },
        lineHeight: 16,
      },
      encoding: {
        y: { field: 'middle', ...y() },
        x: { datum: 1, ...x() },
        text: { field: 'detailLines' },
      },
      transform: [{ calculate: '[datum.countText, datum.shareText]', as: 'detailLines' }],
    });
  }

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Customer-value pyramid',
    width,
    height,
    autosize: { type: 'fit', contains: 'padding' },
    // No frame around the plot: the bands are the chart.
    view: { stroke: null },
    data: { name: PYRAMID_DATASET },
    // The band fill and the label text each map tiers to their own colours.
    resolve: { scale: { color: 'independent' } },
    transform: [
      { calculate: `indexof(${tierOrder}, datum.tier)`, as: 'rank' },
      { calculate: 'datum.selected ? 1 : 0', as: 'isSelected' },
      { joinaggregate: [{ op: 'max', field: 'isSelected', as: 'anySelected' }] },
      { calculate: 'datum.rank + 0.5', as: 'middle' },
      { filter: 'datum.rank >= 0' },
    ],
    layer,
  };
}
