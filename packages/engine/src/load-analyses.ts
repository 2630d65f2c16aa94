// The one place that loads ./analyses.js: with import(), so that tsc's output, bundlers and the script-tag build
// (packages/elements/scripts/bundle.mjs maps it to crm-lens.analyses.js) keep the issue-6 kernels out of the
// worker a scoring page starts. The classic (`blob:`) worker builds replace this module with
// ./load-analyses.classic.ts: a classic script cannot import() by a relative URL (a blob has no useful base).

/** The issue-6 kernels and result builders. */
export type Analyses = typeof import('./analyses.js');

/** Load the analyses module (the module loader caches it; the backend also keeps the promise). */
export function loadAnalyses(): Promise<Analyses> {
  return import('./analyses.js');
}
