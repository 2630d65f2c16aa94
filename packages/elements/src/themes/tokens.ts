import { type CSSResult, css, unsafeCSS } from 'lit';

/**
 * The global design tokens (`--lens-*`). Every element reads them with a light-theme fallback, so elements look
 * right without `themes/light.css`; a page (or `themes/*.css`) sets them on any ancestor to restyle every widget
 * inside, and `theme="dark"` on an element or on `<lens-data>` declares the dark values for its subtree.
 *
 * `themes/light.css` and `themes/dark.css` hold the same values (a test checks they agree).
 */
export const TOKEN_NAMES = [
  'color-background',
  'color-surface',
  'color-text',
  'color-text-muted',
  'color-border',
  'color-grid',
  'color-accent',
  'color-danger',
  'color-warning',
  'color-success',
  'color-focus',
  'font-family',
  'font-size',
  'font-size-s',
  'font-size-l',
  'space-xs',
  'space-s',
  'space-m',
  'space-l',
  'radius',
  'series-1',
  'series-2',
  'series-3',
  'series-4',
  'series-5',
  'series-6',
  'series-7',
  'series-8',
  'tier-platinum',
  'tier-gold',
  'tier-iron',
  'tier-lead',
  'ramp-1',
  'ramp-2',
  'ramp-3',
  'ramp-4',
  'ramp-5',
] as const;

/** A token's name without the `--lens-` prefix. */
export type TokenName = (typeof TOKEN_NAMES)[number];

const FONT_FAMILY =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif";

const SHARED = {
  'font-family': FONT_FAMILY,
  'font-size': '0.875rem',
  'font-size-s': '0.75rem',
  'font-size-l': '1.125rem',
  'space-xs': '0.25rem',
  'space-s': '0.5rem',
  'space-m': '1rem',
  'space-l': '1.5rem',
  radius: '0.375rem',
} as const;

/** The light theme (the default). */
export const LIGHT_TOKENS: Readonly<Record<TokenName, string>> = {
  'color-background': '#ffffff',
  'color-surface': '#f8fafc',
  'color-text': '#1e293b',
  'color-text-muted': '#475569',
  'color-border': '#cbd5e1',
  'color-grid': '#e2e8f0',
  'color-accent': '#1d4ed8',
  'color-danger': '#b91c1c',
  'color-warning': '#a16207',
  'color-success': '#15803d',
  'color-focus': '#2563eb',
  ...SHARED,
  'series-1': '#4e79a7',
  'series-2': '#f28e2b',
  'series-3': '#e15759',
  'series-4': '#76b7b2',
  'series-5': '#59a14f',
  'series-6': '#edc948',
  'series-7': '#b07aa1',
  'series-8': '#9c755f',
  'tier-platinum': '#5b6b9a',
  'tier-gold': '#b8860b',
  'tier-iron': '#a0522d',
  'tier-lead': '#6b7280',
  'ramp-1': '#dbeafe',
  'ramp-2': '#93c5fd',
  'ramp-3': '#3b82f6',
  'ramp-4': '#1d4ed8',
  'ramp-5': '#1e3a8a',
};

/** The dark theme (`theme="dark"`, or the class `lens-theme-dark` with `themes/dark.css`). */
export const DARK_TOKENS: Readonly<Record<TokenName, string>> = {
  'color-background': '#0f172a',
  'color-surface': '#1e293b',
  'color-text': '#e2e8f0',
  'color-text-muted': '#94a3b8',
  'color-border': '#475569',
  'color-grid': '#334155',
  'color-accent': '#60a5fa',
  'color-danger': '#f87171',
  'color-warning': '#fbbf24',
  'color-success': '#4ade80',
  'color-focus': '#93c5fd',
  ...SHARED,
  'series-1': '#7aa6d6',
  'series-2': '#ffab5e',
  'series-3': '#ff8a8c',
  'series-4': '#9fd8d3',
  'series-5': '#86c77a',
  'series-6': '#f7dc6f',
  'series-7': '#d2a6c8',
  'series-8': '#c9a58f',
  'tier-platinum': '#a5b4fc',
  'tier-gold': '#facc15',
  'tier-iron': '#f4a261',
  'tier-lead': '#9ca3af',
  'ramp-1': '#1e3a8a',
  'ramp-2': '#1d4ed8',
  'ramp-3': '#3b82f6',
  'ramp-4': '#93c5fd',
  'ramp-5': '#dbeafe',
};

/** `var(--lens-<name>, <light default>)`: how element styles read a token. */
export function token(name: TokenName): CSSResult {
  return unsafeCSS(`var(--lens-${name}, ${LIGHT_TOKENS[name]})`);
}

/** Declarations of every token, e.g. `--lens-color-text: #1e293b;` (for `:host([theme=…])` and the CSS files). */
export function tokenDeclarations(values: Readonly<Record<TokenName, string>>): string {
  return TOKEN_NAMES.map((name) => `--lens-${name}: ${values[name]};`).join('\n');
}

/**
 * Theme switching on an element: `theme="dark"` declares the dark tokens on it (so its shadow tree and, for
 * `<lens-data>`, every widget inside inherit them), `theme="light"` the light ones, `theme="auto"` follows the
 * operating system. Without the attribute nothing is declared: the element inherits the page's tokens.
 */
export const themeStyles = css`
  :host([theme='light']) {
    ${unsafeCSS(tokenDeclarations(LIGHT_TOKENS))}
  }
  :host([theme='dark']) {
    ${unsafeCSS(tokenDeclarations(DARK_TOKENS))}
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${unsafeCSS(tokenDeclarations(DARK_TOKENS))}
      color-scheme: dark;
    }
  }
`;

/**
 * A token's computed value on an element (what the page, a theme file or a `theme` attribute made of it), or
 * the light default when nothing sets it. Charts derive their colours from this.
 */
export function readToken(element: Element, name: TokenName): string {
  const value = getComputedStyle(element).getPropertyValue(`--lens-${name}`).trim();
  return value || LIGHT_TOKENS[name];
}
