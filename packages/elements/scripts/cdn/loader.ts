// Build-only (scripts/bundle.mjs): the entry of `dist/cdn/crm-lens.js`, the one file a page names. It holds no
// element: it finds the <lens-…> tags in the document (now, and whenever one is added later: a MutationObserver on
// the document) and imports, for each, its file (`crm-lens.<noun>.js`, which registers the tag) together with
// every shared file that one imports, all at once, so nothing waits for anything else (no waterfall). The tag
// files and their shared chunks are an esbuild split build; the build writes their names here (the defines below).
//
// Tags the document's observer cannot see — inside a shadow root of the page's own components — are loaded with
// `crmLens.load('lens-churn-list', …)` (also `import { load } from '…/crm-lens.js'`), or found by
// `crmLens.observe(shadowRoot)`, which scans that root and watches it as the document is watched.
//
// Twice on a page is harmless: the same URL runs once (ES modules), and a second copy from another URL finds the
// first one's `crmLens` and hands everything to it. A tag already defined (by another copy of crm-lens, or by the
// npm build) is not loaded again.

/** Every file of the split build, by index (the tag files and their chunks), beside this one. */
declare const CRM_LENS_FILES: readonly string[];
/** For each tag, the indexes of the files it needs: its own file and every chunk it imports (transitively). */
declare const CRM_LENS_TAGS: Readonly<Record<string, readonly number[]>>;
declare const CRM_LENS_VERSION: string;

/** What `crm-lens.js` offers a page (also as the global `crmLens`). */
export interface CrmLens {
  /** The version of crm-lens. */
  readonly version: string;
  /** The tags it can define. */
  readonly tags: readonly string[];
  /** Define these tags (their files load in parallel); resolves once all of them are defined. */
  load(...tags: string[]): Promise<void>;
  /**
   * Define the tags found in `root` (a shadow root, an element, a document) and, until every tag is defined,
   * those added to it later. Returns the function that stops watching it.
   */
  observe(root: ParentNode & Node): () => void;
}

declare global {
  var crmLens: CrmLens | undefined;
}

function loader(): CrmLens {
  const tags = Object.keys(CRM_LENS_TAGS);
  const selector = tags.join(',');
  /** Tags requested (loading or loaded), with their promise. */
  const requested = new Map<string, Promise<void>>();
  const observers = new Set<MutationObserver>();
  /** Whether every tag is defined: then there is nothing left to watch for. */
  const done = () => tags.every((tag) => customElements.get(tag));
  const stopIfDone = () => {
    if (!done()) return;
    for (const observer of observers) observer.disconnect();
    observers.clear();
  };

  const loadTag = (name: string): Promise<void> => {
    const tag = name.toLowerCase();
    let loading = requested.get(tag);
    if (loading) return loading;
    const files = CRM_LENS_TAGS[tag];
    if (!files) return Promise.reject(new Error(`crm-lens has no element <${tag}>`));
    loading = customElements.get(tag)
      ? Promise.resolve()
      : Promise.all(files.map((i) => import(new URL(`./${CRM_LENS_FILES[i]}`, import.meta.url).href))).then(
          () => customElements.whenDefined(tag).then(stopIfDone),
          (error: unknown) => {
            // Forget it: a later insertion or load() tries again.
            requested.delete(tag);
            throw error;
          },
        );
    requested.set(tag, loading);
    return loading;
  };

  /** Load the tags of `node` and of the elements inside it. */
  const scan = (node: Node): void => {
    if (!(node instanceof Element || node instanceof Document || node instanceof DocumentFragment)) return;
    const found = new Set<string>();
    if (node instanceof Element && CRM_LENS_TAGS[node.localName]) found.add(node.localName);
    for (const element of node.querySelectorAll(selector)) found.add(element.localName);
    for (const tag of found) {
      if (requested.has(tag)) continue;
      // A failed load is logged on the console; the next insertion of the tag (or load()) tries again.
      loadTag(tag).catch((error: unknown) => console.error(error));
    }
  };

  const observe = (root: ParentNode & Node): (() => void) => {
    scan(root);
    if (done()) return () => {};
    const observer = new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) scan(node);
    });
    observer.observe(root, { childList: true, subtree: true });
    observers.add(observer);
    return () => {
      observer.disconnect();
      observers.delete(observer);
    };
  };

  const api: CrmLens = {
    version: CRM_LENS_VERSION,
    tags,
    load: (...names) => Promise.all(names.map(loadTag)).then(() => undefined),
    observe,
  };
  observe(document);
  return api;
}

/** The loader of the first copy of crm-lens on the page (this one, unless another was there first). */
const active: CrmLens = globalThis.crmLens ?? loader();
globalThis.crmLens ??= active;

export const version = active.version;
export const tags = active.tags;
export const load: CrmLens['load'] = (...names) => active.load(...names);
export const observe: CrmLens['observe'] = (root) => active.observe(root);
