// Build-only (scripts/bundle.mjs), imported first by every tag file of the script-tag build (bundle.mjs,
// tagEntries): points the engine at the worker files shipped beside the script, before the tag is registered (a
// tag already in the page starts loading as soon as it is). It lands in a chunk beside the tag files, so
// `import.meta.url` is still a file of that folder.
import { DataSession } from '../../src/internal/data-session.js';

/** The URL of a file shipped beside this script (`import.meta.url` is the URL of the file this code is in). */
const beside = (file: string) => new URL(file, import.meta.url).href;

// A page may have set its own options already (`LensData.defaultEngineOptions`, e.g. a worker on another path):
// keep them.
DataSession.defaultEngineOptions ??= {
  // The module worker: allowed by `default-src 'self'` when this script is served from the page's origin.
  workerUrl: beside('./crm-lens.worker.js'),
  // The classic bundle, for a page that loads this script from another origin (a CDN): module workers must be
  // same-origin, so the engine falls back to a `blob:` worker that importScripts() this file (CSP permitting).
  classicWorkerUrl: beside('./crm-lens.worker.classic.js'),
};
