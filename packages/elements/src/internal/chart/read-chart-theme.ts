import { type ChartTheme, defaultChartTheme, TIERS, type Tier } from '@crm-lens/charts';

const SERIES = 8;
const RAMP = 5;

/** A CSS length in px, for the lengths tokens use (px, rem, em, %); undefined for anything else. */
function toPx(length: string, element: Element): string | undefined {
  const match = /^(-?[\d.]+)(px|rem|em|%)$/.exec(length.trim());
  if (!match) return undefined;
  const value = Number.parseFloat(match[1] ?? '');
  const unit = match[2];
  if (!Number.isFinite(value)) return undefined;
  if (unit === 'px') return `${value}px`;
  const base = (el: Element) => Number.parseFloat(getComputedStyle(el).fontSize) || 16;
  const rootSize = base(element.ownerDocument.documentElement);
  const size =
    unit === 'rem' ? value * rootSize : unit === 'em' ? value * base(element) : (value / 100) * base(element);
  return `${size}px`;
}

/**
 * The chart theme in effect on `element`: the computed `--lens-*` tokens (from the page, a theme file or the
 * element's `theme` attribute), each falling back to the light theme's value when nothing sets it.
 * Font sizes in rem/em are resolved to px, since vega takes pixels.
 */
export function readChartTheme(element: Element, fallback: ChartTheme = defaultChartTheme): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string, otherwise: string) =>
    style.getPropertyValue(`--lens-${name}`).trim() || otherwise;
  const list = (name: string, count: number, otherwise: readonly string[]) =>
    Array.from({ length: count }, (_, i) => read(`${name}-${i + 1}`, otherwise[i] ?? otherwise.at(-1) ?? ''));
  const tiers = Object.fromEntries(TIERS.map((tier) => [tier, read(`tier-${tier}`, fallback.tiers[tier])]));
  return {
    background: read('color-background', fallback.background),
    text: read('color-text', fallback.text),
    textMuted: read('color-text-muted', fallback.textMuted),
    grid: read('color-grid', fallback.grid),
    fontFamily: read('font-family', fallback.fontFamily),
    fontSize: toPx(read('font-size', fallback.fontSize), element) ?? fallback.fontSize,
    series: list('series', SERIES, fallback.series),
    tiers: tiers as Record<Tier, string>,
    ramp: list('ramp', RAMP, fallback.ramp),
  };
}
