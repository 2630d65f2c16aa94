/**
 * Re-render connected elements when the page's language changes: a `lang` attribute anywhere in the document,
 * the browser's language (`languagechange`), or a newly registered catalog. One MutationObserver (filtered to
 * `lang`) serves every element and is disconnected when the last element goes, so an idle page pays nothing.
 */
import { onCatalogChange } from '../i18n/locale.js';

interface LangAware {
  requestUpdate(): void;
}

const elements = new Set<LangAware>();
let observer: MutationObserver | undefined;
let stopCatalog: (() => void) | undefined;

function notify(): void {
  for (const element of elements) element.requestUpdate();
}

/** Start re-rendering `element` on language changes (call from connectedCallback). */
export function observeLang(element: LangAware): void {
  elements.add(element);
  if (elements.size > 1) return;
  if (typeof MutationObserver !== 'undefined' && typeof document !== 'undefined') {
    observer = new MutationObserver(notify);
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
      subtree: true,
    });
  }
  globalThis.addEventListener?.('languagechange', notify);
  stopCatalog = onCatalogChange(notify);
}

/** Stop (call from disconnectedCallback); the last element stops the observer. */
export function unobserveLang(element: LangAware): void {
  if (!elements.delete(element) || elements.size > 0) return;
  observer?.disconnect();
  observer = undefined;
  globalThis.removeEventListener?.('languagechange', notify);
  stopCatalog?.();
  stopCatalog = undefined;
}

/** How many elements are watched (tests check everything is released). */
export function observedLangCount(): number {
  return elements.size;
}
