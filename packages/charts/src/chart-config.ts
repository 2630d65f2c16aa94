import type { Config } from 'vega';
import type { ChartTheme } from './chart-theme.js';
import { readableOn } from './color-contrast.js';
import { RANGE, STYLE } from './names.js';
import { TIERS } from './tiers.js';

const FALLBACK_FONT_SIZE = 12;

/** "13px" → 13; anything unparseable → 12 (readChartTheme resolves rem/em to px before this). */
function fontSizePx(size: string): number {
  const px = Number.parseFloat(size);
  return Number.isFinite(px) && px > 0 ? px : FALLBACK_FONT_SIZE;
}

/**
 * The vega config for a theme. Every colour and font of the compiled specs comes from here, through named
 * ranges (`config.range`), mark styles (`config.style`) and guide config: the specs carry none. So a theme
 * switch re-parses the same compiled spec with a new config, and nothing is recompiled.
 */
export function chartConfig(theme: ChartTheme): Config {
  const font = theme.fontFamily;
  const fontSize = fontSizePx(theme.fontSize);
  const small = Math.max(8, fontSize - 1);
  const tierColors = TIERS.map((tier) => theme.tiers[tier]);
  const textOn = (fill: string) => readableOn(fill, [theme.text, theme.background]);
  const rampLow = theme.ramp[0] ?? theme.background;
  const rampHigh = theme.ramp[theme.ramp.length - 1] ?? theme.text;
  const label = { font, fontSize: small, fill: theme.textMuted };
  const title = { font, fontSize, fill: theme.text };

  return {
    background: theme.background,
    // No <form> of signal bindings is added to the chart's container: our specs bind nothing.
    events: { bind: 'none' },
    text: { font, fontSize, fill: theme.text },
    // Vega's own mark defaults are blue and black; every mark of ours encodes or styles its colour, and
    // these keep anything else in the theme too.
    arc: { fill: theme.series[0] },
    area: { fill: theme.series[0] },
    line: { stroke: theme.series[0] },
    path: { stroke: theme.series[0] },
    rect: { fill: theme.series[0] },
    shape: { stroke: theme.series[0] },
    symbol: { fill: theme.series[0] },
    trail: { fill: theme.series[0] },
    rule: { stroke: theme.grid },
    axis: {
      domainColor: theme.grid,
      gridColor: theme.grid,
      tickColor: theme.grid,
      labelColor: theme.textMuted,
      labelFont: font,
      labelFontSize: small,
      titleColor: theme.text,
      titleFont: font,
      titleFontSize: fontSize,
      titleFontWeight: 'normal',
    },
    legend: {
      labelColor: theme.textMuted,
      labelFont: font,
      labelFontSize: small,
      titleColor: theme.text,
      titleFont: font,
      titleFontSize: fontSize,
      titleFontWeight: 'normal',
      gradientStrokeColor: theme.grid,
      symbolBaseStrokeColor: theme.textMuted,
    },
    title: { color: theme.text, font, fontSize },
    range: {
      category: [...theme.series],
      ordinal: tierColors,
      ramp: [...theme.ramp],
      heatmap: [...theme.ramp],
      [RANGE.tier]: tierColors,
      [RANGE.tierText]: tierColors.map(textOn),
      [RANGE.rampText]: [textOn(rampLow), textOn(rampHigh)],
    },
    style: {
      'guide-label': label,
      'guide-title': title,
      'group-title': title,
      'group-subtitle': label,
      // The plot frame vega-lite draws around a unit chart.
      cell: { stroke: theme.grid, fill: 'transparent' },
      [STYLE.band]: { stroke: theme.text },
      [STYLE.bandLabel]: { font, fontSize, fontWeight: 'bold' },
      [STYLE.annotation]: { font, fontSize: small, fill: theme.text },
      [STYLE.point]: { opacity: 0.7 },
      [STYLE.threshold]: { stroke: theme.textMuted, strokeDash: [4, 3], strokeWidth: 1 },
      [STYLE.quadrantLabel]: { font, fontSize, fontWeight: 'bold', fill: theme.textMuted },
      [STYLE.cell]: { stroke: theme.background, strokeWidth: 1 },
      [STYLE.cellText]: { font, fontSize: small },
      // No fill (not even transparent): an unfilled rect is picked only on its outline, so the cells under
      // a segment keep their tooltips and clicks.
      [STYLE.segment]: { stroke: theme.text, strokeWidth: 1.5, fill: null },
      [STYLE.segmentHalo]: {
        font,
        fontSize: small,
        fontWeight: 'bold',
        fill: theme.background,
        stroke: theme.background,
        strokeWidth: 3,
        strokeJoin: 'round',
      },
      [STYLE.segmentLabel]: { font, fontSize: small, fontWeight: 'bold', fill: theme.text },
    },
  };
}
