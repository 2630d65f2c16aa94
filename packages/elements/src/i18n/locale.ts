import { type Catalog, en } from './en.js';
import { zhCN } from './zh-cn.js';

/** Catalogs by canonical tag. `en` is complete by definition; others are merged over it. */
const catalogs = new Map<string, Catalog>([
  ['en', en],
  ['zh-CN', zhCN],
]);

/** A language without a catalog of its own uses this region's (e.g. `zh` → `zh-CN`). */
const DEFAULT_REGIONS: Record<string, string> = { zh: 'zh-CN' };

/** Notified when a catalog is added, so connected elements re-render. */
const catalogListeners = new Set<() => void>();
/** Bumped by every registration (part of cache keys). */
let version = 0;

/** How many catalogs were registered since load (cache keys include it). */
export function catalogVersion(): number {
  return version;
}

/**
 * Add (or replace) a catalog for a locale, e.g. `registerCatalog('de', { 'tier.gold': 'Gold', … })`. Missing
 * keys fall back to English. Connected elements re-render.
 */
export function registerCatalog(locale: string, messages: Partial<Catalog>): void {
  const tag = canonicalLocale(locale) ?? locale;
  catalogs.set(tag, { ...en, ...messages });
  version++;
  for (const listener of catalogListeners) listener();
}

/** Subscribe to catalog registrations (internal: LensElement re-renders). */
export function onCatalogChange(listener: () => void): () => void {
  catalogListeners.add(listener);
  return () => catalogListeners.delete(listener);
}

/** The canonical form of a BCP 47 tag (`zh-cn` → `zh-CN`), or undefined if it is not one. */
export function canonicalLocale(tag: string | null | undefined): string | undefined {
  const trimmed = tag?.trim();
  if (!trimmed) return undefined;
  try {
    return Intl.getCanonicalLocales(trimmed)[0];
  } catch {
    return undefined;
  }
}

/** The tags that have catalogs. */
export function availableLocales(): string[] {
  return [...catalogs.keys()];
}

/**
 * The catalog closest to a locale: the exact tag, then the language with its script (`zh-Hans-SG` → `zh-Hans`),
 * the language's default region (`zh` → `zh-CN`), any catalog of the same language, and finally English.
 * Traditional Chinese (`zh-TW`, `zh-Hant`) gets the Simplified catalog until a Traditional one is registered.
 */
export function closestCatalog(locale: string): { readonly tag: string; readonly catalog: Catalog } {
  const exact = catalogs.get(locale);
  if (exact) return { tag: locale, catalog: exact };
  let language = locale.split('-')[0]!.toLowerCase();
  let script: string | undefined;
  try {
    const parsed = new Intl.Locale(locale);
    language = parsed.language;
    script = parsed.script;
  } catch {
    // Not a valid tag: match by its first subtag only.
  }
  const candidates = [
    script ? `${language}-${script}` : undefined,
    DEFAULT_REGIONS[language],
    language,
  ].filter((tag): tag is string => tag !== undefined);
  for (const tag of candidates) {
    const catalog = catalogs.get(tag);
    if (catalog) return { tag, catalog };
  }
  for (const [tag, catalog] of catalogs) {
    if (tag.split('-')[0] === language) return { tag, catalog };
  }
  return { tag: 'en', catalog: en };
}

/**
 * The locale an element speaks: its own `locale` attribute, else the closest `lang` attribute above it
 * (crossing shadow roots, up to `<html lang>`), else the browser's language, else English.
 */
export function resolveLocale(element: Element, explicit?: string | null): string {
  const own = canonicalLocale(explicit);
  if (own) return own;
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element) {
      const lang = canonicalLocale(node.getAttribute('lang'));
      if (lang) return lang;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return canonicalLocale(globalThis.navigator?.language) ?? 'en';
}
