// How a classic worker loads the analyses: importScripts() of their classic build, found beside the classic worker
// bundle. The classic worker builds (scripts/worker-bundle.mjs, and packages/elements/scripts/bundle.mjs) put
// `export const loadAnalyses = classicAnalysesLoader('<file name>')` in place of ./load-analyses.ts.
//
// A classic `blob:` worker cannot use import() with a relative URL (its base is the blob's URL), and a classic
// script may not use import() at all in every browser; importScripts() works in every classic worker, under the
// same CSP directive (script-src) that let the worker bundle itself load. createEngine tells the worker where its
// bundle came from in the blob's bootstrap (CLASSIC_BOOTSTRAP_GLOBAL). importScripts() is synchronous: the worker
// is busy for the one download (a cancel message waits for it).
//
// A worker made from the bundle's source text (createEngine's `classicWorkerSource`, for hosts that ship one
// JavaScript file, such as a Dynamics 365 PCF control) has no URL to look beside: when the page holds the
// analyses' source too (`classicAnalysesSource`), the worker asks the page for it and runs it from a blob: URL of
// its own (which the CSP's script-src must allow, as it allowed the blob: worker).
import {
  CLASSIC_ANALYSES_GLOBAL,
  CLASSIC_ANALYSES_REPLY,
  CLASSIC_ANALYSES_REQUEST,
  CLASSIC_BOOTSTRAP_GLOBAL,
  type ClassicAnalysesReply,
  type ClassicAnalysesRequest,
  type ClassicBootstrap,
} from './classic-globals.js';
import type { Analyses } from './load-analyses.js';

interface ClassicScope {
  importScripts?: (...urls: string[]) => void;
  location?: { href: string };
  postMessage?: (message: unknown) => void;
  addEventListener?: (type: 'message', listener: (event: MessageEvent) => void) => void;
  removeEventListener?: (type: 'message', listener: (event: MessageEvent) => void) => void;
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
      `the classic worker does not know its own URL, so it cannot find ${file} beside it (start it with createEngine, whose bootstrap sets self.${CLASSIC_BOOTSTRAP_GLOBAL}; a worker made from classicWorkerSource needs classicAnalysesSource or classicAnalysesUrl)`,
    );
  }
  return new URL(file, base).href;
}

let nextRequest = 1;

/** The analyses' source text, from the page that started this worker (see classic-source.ts). */
function sourceFromPage(scope: ClassicScope): Promise<string> {
  const { postMessage, addEventListener, removeEventListener } = scope;
  if (!postMessage || !addEventListener || !removeEventListener) {
    return Promise.reject(new Error('this worker cannot message the page for the analyses source'));
  }
  const request = nextRequest++;
  return new Promise<string>((resolve, reject) => {
    const onMessage = (event: MessageEvent) => {
      const reply = event.data as Partial<ClassicAnalysesReply> | null;
      if (reply?.type !== CLASSIC_ANALYSES_REPLY || reply.request !== request) return;
      removeEventListener.call(scope, 'message', onMessage);
      if (typeof reply.source === 'string') resolve(reply.source);
      else reject(new Error(reply.error ?? 'the page sent no analyses source'));
    };
    addEventListener.call(scope, 'message', onMessage);
    postMessage.call(scope, { type: CLASSIC_ANALYSES_REQUEST, request } satisfies ClassicAnalysesRequest);
  });
}

/** Run source text as a classic script: importScripts() of a blob: URL made of it. */
function runSource(importScripts: (url: string) => void, source: string): void {
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try {
    importScripts(url);
  } catch (error) {
    throw new Error(
      `importScripts() of the analyses source (a blob: URL) failed: ${messageOf(error)} (the Content-Security-Policy's script-src must allow blob:)`,
      { cause: error },
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A `loadAnalyses` for a classic worker whose analyses bundle is `file` beside the worker bundle. */
export function classicAnalysesLoader(file: string): () => Promise<Analyses> {
  return async () => {
    const scope = globalThis as unknown as ClassicScope;
    const loaded = scope[CLASSIC_ANALYSES_GLOBAL];
    if (loaded) return loaded;
    const { importScripts } = scope;
    if (typeof importScripts !== 'function') {
      throw new Error(`${file} can only be loaded in a classic worker (no importScripts here)`);
    }
    const bootstrap = scope[CLASSIC_BOOTSTRAP_GLOBAL];
    let from: string;
    if (!bootstrap?.analysesUrl && bootstrap?.analysesFromPage) {
      from = "the page's classicAnalysesSource";
      const source = await sourceFromPage(scope);
      runSource((url) => importScripts.call(scope, url), source);
    } else {
      const url = classicAnalysesUrl(scope, file);
      from = url;
      try {
        importScripts.call(scope, url);
      } catch (error) {
        // A NetworkError for a 404 or a blocked URL, or the script's own error.
        throw new Error(`importScripts(${url}) failed: ${messageOf(error)}`, { cause: error });
      }
    }
    const analyses = scope[CLASSIC_ANALYSES_GLOBAL];
    if (!analyses)
      throw new Error(`${from} did not register the analyses (not crm-lens's classic analyses bundle?)`);
    return analyses;
  };
}
