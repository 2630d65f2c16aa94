import type { TopLevelSpec } from 'vega-lite';
import { namedRange } from './named-range.js';
import { RANGE, SIGNAL, STYLE } from './names.js';
import { TIERS, type Tier } from './tiers.js';
import type { LayerEntry } from './vl-types.js';

/** The named datasets the value quadrant reads. */
export const QUADRANT_DATASETS = {
  /** One row per customer (`QuadrantCustomerRow`). */
  customers: 'customers',
  /** Exactly one row: the two thresholds (`QuadrantThresholdRow`). */
  thresholds: 'thresholds',
  /** One row per tier: the localised quadrant names (`QuadrantLabelRow`). */
  quadrants: 'quadrants',
} as const;

/** One customer in the value quadrant. */
export interface QuadrantCustomerRow {
  id: string;
  name: string;
  /** Current value (x), ≥ 0 in practice; the symlog scale also draws negatives (net returns). */
  current: number;
  /** Potential value, e.g. discounted CLV (y). */
  potential: number;
  tier: Tier;
  /** The tier's display name. */
  tierLabel: string;
  /** Tooltip text (optional; leave it out for very large data to save memory). */
  tooltip?: string;
}

/** The thresholds that split high from low on each axis (one row). */
export interface QuadrantThresholdRow {
  current: number;
  potential: number;
}

/** The name drawn in a quadrant's corner. */
export interface QuadrantLabelRow {
  tier: Tier;
  label: string;
}

export interface QuadrantSpecOptions {
  /** Initial width in px; the element resizes the view to its container. */
  width?: number;
  /** Initial height in px. */
  height?: number;
  /** Point area in px² (default 12: 100k points stay legible). */
  pointSize?: number;
  /** Draw the quadrant names in the corners (default true). */
  quadrantLabels?: boolean;
}

/** 0 and ±1, ±10, … ±10⁹: tick values for a symlog axis (vega drops the ones outside the domain). */
const DECADE_TICKS: number[] = (() => {
  const positive = Array.from({ length: 10 }, (_, power) => 10 ** power);
  return [...positive.map((value) => -value).reverse(), 0, ...positive];
})();

/** Where each quadrant's name sits: Platinum top right, Gold bottom right, Iron top left, Lead bottom left. */
const CORNERS: Record<Tier, { right: boolean; top: boolean }> = {
  platinum: { right: true, top: true },
  gold: { right: true, top: false },
  iron: { right: false, top: true },
  lead: { right: false, top: false },
};

/**
 * The value quadrant: one point per customer, current value (x) against potential value (y), coloured by
 * tier, with the two threshold rules and the quadrant names.
 *
 * Both axes are symlog: customer values are heavy-tailed (a few customers are worth thousands of times the
 * median) and include zeros (no purchase in the window), which a log scale cannot place. For 100k points the
 * point mark has no per-item ARIA description, no stroke, and no key, and the element should render it with
 * the canvas renderer.
 */
export function quadrantSpec(options: QuadrantSpecOptions = {}): TopLevelSpec {
  const { width = 480, height = 360, pointSize = 12, quadrantLabels = true } = options;
  const scale = { type: 'symlog', constant: 1, nice: false, zero: true } as const;
  const axis = (title: string) =>
    ({
      title: { signal: title },
      grid: true,
      // Linear ticks on a symlog scale bunch up at the top end; decades spread out like the data does.
      values: DECADE_TICKS,
      labelExpr: `format(datum.value, ${SIGNAL.valueFormat})`,
      labelFlush: true,
      labelOverlap: true,
    }) as const;
  const labelLayer = (tier: Tier): LayerEntry => {
    const { right, top } = CORNERS[tier];
    return {
      data: { name: QUADRANT_DATASETS.quadrants },
      transform: [{ filter: `datum.tier === '${tier}'` }],
      mark: {
        type: 'text',
        style: STYLE.quadrantLabel,
        aria: false,
        align: right ? 'right' : 'left',
        baseline: top ? 'top' : 'bottom',
        dx: right ? -6 : 6,
        dy: top ? 6 : -6,
      },
      encoding: {
        x: { value: right ? 'width' : 0 },
        y: { value: top ? 0 : 'height' },
        text: { field: 'label' },
      },
    };
  };

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Customer-value quadrant',
    width,
    height,
    autosize: { type: 'fit', contains: 'padding' },
    params: [
      { name: SIGNAL.xTitle, value: 'Current value' },
      { name: SIGNAL.yTitle, value: 'Potential value' },
      { name: SIGNAL.valueFormat, value: '~s' },
    ],
    layer: [
      {
        data: { name: QUADRANT_DATASETS.customers },
        mark: {
          type: 'circle',
          style: STYLE.point,
          size: pointSize,
          opacity: 0.6,
          aria: false,
          cursor: 'pointer',
          tooltip: { expr: 'datum.tooltip' },
        },
        encoding: {
          x: { field: 'current', type: 'quantitative', scale, axis: axis(SIGNAL.xTitle) },
          y: { field: 'potential', type: 'quantitative', scale, axis: axis(SIGNAL.yTitle) },
          color: {
            field: 'tier',
            type: 'nominal',
            scale: { domain: [...TIERS], range: namedRange(RANGE.tier) },
            legend: null,
          },
        },
      },
      {
        data: { name: QUADRANT_DATASETS.thresholds },
        mark: { type: 'rule', style: STYLE.threshold, aria: false },
        encoding: { x: { field: 'current', type: 'quantitative' } },
      },
      {
        data: { name: QUADRANT_DATASETS.thresholds },
        mark: { type: 'rule', style: STYLE.threshold, aria: false },
        encoding: { y: { field: 'potential', type: 'quantitative' } },
      },
      ...(quadrantLabels ? TIERS.map(labelLayer) : []),
    ],
  };
}
