import type { Tier } from './tiers.js';

/**
 * The design tokens a chart needs, as plain strings (the element reads them from computed `--lens-*`
 * custom properties; see `readChartTheme` in the elements package). `chartConfig` turns them into a vega
 * config.
 */
export interface ChartTheme {
  /** Chart background (`--lens-color-background`). */
  background: string;
  /** Primary text: titles, labels (`--lens-color-text`). */
  text: string;
  /** Secondary text: axis labels, annotations (`--lens-color-text-muted`). */
  textMuted: string;
  /** Grid lines, axis domains and ticks (`--lens-color-grid`). */
  grid: string;
  /** CSS font-family list (`--lens-font-family`). */
  fontFamily: string;
  /** Base font size as a CSS length in px, e.g. "12px" (`--lens-font-size`). */
  fontSize: string;
  /** Eight categorical colours (`--lens-series-1..8`). */
  series: readonly string[];
  /** One colour per tier (`--lens-tier-platinum|gold|iron|lead`). */
  tiers: Readonly<Record<Tier, string>>;
  /** A sequential ramp, low → high, two or more colours (`--lens-ramp-1..5`). */
  ramp: readonly string[];
}

/**
 * The light theme's values: what a chart uses for any token a page does not define. They mirror the light
 * tokens of `@crm-lens/elements` (`LIGHT_TOKENS`, with the 0.875rem font size resolved to px), so a chart on a
 * page without theme CSS matches the element around it; a test in the elements package checks they agree.
 */
export const defaultChartTheme: ChartTheme = {
  background: '#ffffff',
  text: '#1e293b',
  textMuted: '#475569',
  grid: '#e2e8f0',
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif",
  fontSize: '14px',
  series: ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#9c755f'],
  tiers: { platinum: '#5b6b9a', gold: '#b8860b', iron: '#a0522d', lead: '#6b7280' },
  ramp: ['#dbeafe', '#93c5fd', '#3b82f6', '#1d4ed8', '#1e3a8a'],
};
