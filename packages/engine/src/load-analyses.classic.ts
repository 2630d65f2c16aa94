// How a classic worker loads the analyses: importScripts() of their classic build, found beside the classic worker
// bundle. The classic worker builds (scripts/worker-bundle.mjs, and packages/elements/scripts/bundle.mjs) put
// `export const loadAnalyses = classicAnalysesLoader('<file name>')` in place of ./load-analyses.ts.
//
// A classic `blob:` worker cannot use import() with a relative URL (its base is the blob's URL), and a classic
// script may not use import() at all in every browser; importScripts() works in every classic worker, under the
// same CSP directive (script-src) that let the worker bundle itself load. createEngine tells the worker where its
// bundle came from in the blob's bootstrap (CLASSIC_BOOTSTRAP_GLOBAL). importScripts() is synchronous: the worker
// is busy for the one download (a cancel message waits for it).
import {
  CLASSIC_ANALYSES_GLOBAL,
  CLASSIC_BOOTSTRAP_GLOBAL,
  type ClassicBootstrap,
} from './classic-globals.js';
import type { Analyses } from './load-analyses.js';

interface ClassicScope {
  importScripts?: (...urls: string[]) => void;
  location?: { href: string };
  [CLASSIC_BOOTSTRAP_GLOBAL]?: ClassicBootstrap;
  [CLASSIC_ANALYSES_GLOBAL]?: Analyses;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Where the classic analyses bundle is: the URL createEngine gave, else `file` beside the classic worker bundle
 * (its URL from the bootstrap, or the worker's own URL when the bundle was started directly, not from a blob).
 */
export function classicAnalysesUrl(scope: ClassicScope, file: string): string {
  const bootstrap = scope[CLASSIC_BOOTSTRAP_GLOBAL];
  if (bootstrap?.analysesUrl) return bootstrap.analysesUrl;
  const base = bootstrap?.workerUrl ?? scope.location?.href;
  if (!base || base.startsWith('blob:')) {
    throw new Error(
      `the classic worker does not know its own URL, so it cannot find ${file} beside it (start it with createEngine, whose bootstrap sets self.${CLASSIC_BOOTSTRAP_GLOBAL})`,
    );
  }
  return new URL(file, base).href;
}

/** A `loadAnalyses` for a classic worker whose analyses bundle is `file` beside the worker bundle. */
export function classicAnalysesLoader(file: string): () => Promise<Analyses> {
  return async () => {
    const scope = globalThis as unknown as ClassicScope;
    const loaded = scope[CLASSIC_ANALYSES_GLOBAL];
    if (loaded) return loaded;
    if (typeof scope.importScripts !== 'function') {
      throw new Error(`${file} can only be loaded in a classic worker (no importScripts here)`);
    }
    const url = classicAnalysesUrl(scope, file);
    try {
      scope.importScripts(url);
    } catch (error) {
      // A NetworkError for a 404 or a blocked URL, or the script's own error.
      throw new Error(`importScripts(${url}) failed: ${messageOf(error)}`, { cause: error });
    }
    const analyses = scope[CLASSIC_ANALYSES_GLOBAL];
    if (!analyses)
      throw new Error(`${url} did not register the analyses (not crm-lens's classic analyses bundle?)`);
    return analyses;
  };
}
