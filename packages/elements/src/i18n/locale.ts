import { enShared } from './en/shared.js';
import type { Catalog } from './en.js';

/** Messages of some keys (a registered catalog may leave keys out: they fall back to English). */
export type Messages = Readonly<Partial<Catalog>>;

/**
 * The English messages on this page: the shared ones, and the group of every element whose module was loaded
 * (`addEnglish`). Any catalog falls back to these for a key it has not got.
 */
const english: Partial<Record<keyof Catalog, string>> = { ...enShared };

/**
 * Add an element's English messages (its group of `en.ts`), from the element's module: a page carries only the
 * messages of the elements it has. Idempotent.
 */
export function addEnglish(messages: Messages): void {
  Object.assign(english, messages);
}

/** The English message of a key, if its element's messages were added (internal: Localizer's fallback). */
export function englishMessage(key: keyof Catalog): string | undefined {
  return Object.hasOwn(english, key) ? english[key] : undefined;
}

/** Catalogs by canonical tag (English: the live `english` above); keys they lack fall back to English. */
const catalogs = new Map<string, Messages>([['en', english]]);

/**
 * The catalogs crm-lens ships besides English, loaded with import() the first time an element needs one (each is
 * a chunk of its own, so an English page never downloads them). Until one arrives its elements speak English; then
 * they re-render, as for any registered catalog.
 */
const shipped = new Map<string, () => Promise<Catalog>>([
  ['zh-CN', () => import('./zh-cn.js').then((module) => module.zhCN)],
]);
/** Shipped catalogs being loaded, by tag. */
const loading = new Map<string, Promise<void>>();

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
export function registerCatalog(locale: string, messages: Messages): void {
  const tag = canonicalLocale(locale) ?? locale;
  // A page's own catalog wins over the shipped one of the same tag, even one that is still loading.
  shipped.delete(tag);
  catalogs.set(tag, { ...messages });
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

/** The tags that have catalogs (registered, or shipped and loaded on first use). */
export function availableLocales(): string[] {
  return [...new Set([...catalogs.keys(), ...shipped.keys()])];
}

/** Start loading a shipped catalog (once); resolves when it is registered. A failed load is tried again later. */
function loadShipped(tag: string): Promise<void> {
  let promise = loading.get(tag);
  if (!promise) {
    const load = shipped.get(tag);
    if (!load) return Promise.resolve();
    promise = load().then(
      (catalog) => {
        loading.delete(tag);
        // Unless the page registered its own meanwhile (registerCatalog removes the shipped entry).
        if (shipped.get(tag) === load) {
          shipped.delete(tag);
          registerCatalog(tag, catalog);
        }
      },
      (error: unknown) => {
        loading.delete(tag);
        throw error;
      },
    );
    loading.set(tag, promise);
  }
  return promise;
}

/**
 * The tag of the catalog closest to a locale, among those registered and those shipped but not loaded yet: the
 * exact tag, then the language with its script (`zh-Hans-SG` → `zh-Hans`), the language's default region
 * (`zh` → `zh-CN`), any catalog of the same language, and finally English.
 */
function closestTag(locale: string): string {
  const known = (tag: string) => catalogs.has(tag) || shipped.has(tag);
  if (known(locale)) return locale;
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
  for (const tag of candidates) if (known(tag)) return tag;
  for (const tag of [...catalogs.keys(), ...shipped.keys()]) {
    if (tag.split('-')[0] === language) return tag;
  }
  return 'en';
}

/**
 * Load the catalog closest to `locale` if it is one crm-lens ships and it is not loaded yet (elements do this by
 * themselves; a page may call it early, e.g. `await loadCatalog('zh-CN')` before showing the widgets, to skip
 * the moment in English). Resolves once it is registered; rejects if it could not be loaded.
 */
export function loadCatalog(locale: string): Promise<void> {
  return loadShipped(closestTag(canonicalLocale(locale) ?? locale));
}

/**
 * The load of the catalog closest to `locale`, when that catalog is shipped and still loading (it is started
 * here if needed); undefined when the closest catalog is available now.
 */
export function pendingCatalog(locale: string): Promise<void> | undefined {
  const tag = closestTag(locale);
  return catalogs.has(tag) ? undefined : loadShipped(tag);
}

/**
 * The catalog closest to a locale (see `closestTag`: exact tag, language with script, the language's default
 * region, any catalog of the language, English). Traditional Chinese (`zh-TW`, `zh-Hant`) gets the Simplified
 * catalog until a Traditional one is registered. When the closest one is shipped but not loaded yet, this starts
 * loading it and answers English meanwhile, with `loading` set.
 */
export function closestCatalog(locale: string): {
  readonly tag: string;
  /** Its messages (English for the keys it lacks: Localizer falls back). */
  readonly catalog: Messages;
  /** Set while the closest catalog is being loaded (`tag` and `catalog` are English until then). */
  readonly loading?: Promise<void>;
} {
  const tag = closestTag(locale);
  const catalog = catalogs.get(tag);
  if (catalog) return { tag, catalog };
  const pending = loadShipped(tag);
  // The caller re-renders when the catalog is registered; a failed load leaves it in English.
  pending.catch(() => undefined);
  return { tag: 'en', catalog: english, loading: pending };
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
