// Build-only (scripts/bundle.mjs): the entry of `dist/cdn/crm-lens.js`, the script-tag build for pages without a
// build step. It points the engine at the worker beside the script, then registers every tag — in that order
// (ES modules run their imports in order), because a tag already in the page starts loading as soon as it is
// registered. Both are static imports, so all of it is in crm-lens.js itself; what only some pages need (a
// translation, the in-thread engine, page-side ingestion, vega) is loaded with import() from files beside it.
import './engine-defaults.js';
import '../../src/define.js';
