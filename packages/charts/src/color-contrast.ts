/** An sRGB colour with channels in 0..1. */
type Rgb = readonly [number, number, number];

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const RGB_FUNCTION = /^rgba?\(\s*([^)]*)\)$/i;

/**
 * Parses the colour forms computed styles and our tokens use (`#rgb[a]`, `#rrggbb[aa]`, `rgb[a](…)` with
 * commas or spaces, channels as numbers or percentages); undefined for anything else (named colours,
 * `oklch()`, …). Alpha is ignored: the question is only which text colour reads better on it.
 */
export function parseColor(color: string): Rgb | undefined {
  const value = color.trim();
  const hex = HEX.exec(value)?.[1];
  if (hex) {
    const digits = hex.length <= 4 ? [...hex].map((d) => d + d) : (hex.match(/../g) ?? []);
    const [r, g, b] = digits.map((pair) => Number.parseInt(pair, 16) / 255);
    return r === undefined || g === undefined || b === undefined ? undefined : [r, g, b];
  }
  const args = RGB_FUNCTION.exec(value)?.[1];
  if (args === undefined) return undefined;
  const channels = args
    .split(/[\s,/]+/)
    .filter(Boolean)
    .slice(0, 3)
    .map((part) => (part.endsWith('%') ? Number.parseFloat(part) / 100 : Number.parseFloat(part) / 255));
  if (channels.length !== 3 || channels.some((c) => !Number.isFinite(c))) return undefined;
  const [r = 0, g = 0, b = 0] = channels;
  return [r, g, b];
}

/** WCAG 2 relative luminance. */
function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio of two colours (1..21), or undefined when either cannot be parsed. */
export function contrastRatio(a: string, b: string): number | undefined {
  const ca = parseColor(a);
  const cb = parseColor(b);
  if (!ca || !cb) return undefined;
  const [hi, lo] = [luminance(ca), luminance(cb)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The candidate that reads best on `background`; the first candidate when the colours cannot be compared
 * (so a theme in a colour syntax we do not parse still gets its primary text colour).
 */
export function readableOn(background: string, candidates: readonly [string, ...string[]]): string {
  let best = candidates[0];
  let bestRatio = -1;
  for (const candidate of candidates) {
    const ratio = contrastRatio(background, candidate);
    if (ratio === undefined) return candidates[0];
    if (ratio > bestRatio) [best, bestRatio] = [candidate, ratio];
  }
  return best;
}
