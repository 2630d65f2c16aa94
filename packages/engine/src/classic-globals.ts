// The names a classic (`blob:`) worker and its on-demand analyses script use to find each other.

/**
 * Set by the bootstrap that createEngine writes into the `blob:` worker, before the classic worker bundle runs:
 * that bundle's own absolute URL (the base of the files beside it) when it is loaded with importScripts(), and,
 * when createEngine knows it, the absolute URL of the classic analyses bundle. A worker made from the bundle's
 * source text (`classicWorkerSource`) has no URL: it asks the page for the analyses' source instead
 * (`analysesFromPage`, see {@link CLASSIC_ANALYSES_REQUEST}).
 */
export const CLASSIC_BOOTSTRAP_GLOBAL = '__crmLensClassicWorker';

export interface ClassicBootstrap {
  readonly workerUrl?: string;
  readonly analysesUrl?: string;
  /** The page holds the analyses' source text (`classicAnalysesSource`): ask it, then run it from a blob: URL. */
  readonly analysesFromPage?: boolean;
}

/** Where the classic analyses bundle (analyses.classic.ts) puts the analyses module once importScripts() ran it. */
export const CLASSIC_ANALYSES_GLOBAL = '__crmLensAnalyses';

/**
 * Worker → page: `{ type, request }`, asking for the classic analyses' source text. The page answers on the same
 * worker with `{ type: CLASSIC_ANALYSES_REPLY, request, source }` or `{ …, error }`. comlink, which shares the
 * endpoint, ignores both (neither has a comlink message type or an `id`).
 */
export const CLASSIC_ANALYSES_REQUEST = 'crm-lens:classic-analyses-request';
export const CLASSIC_ANALYSES_REPLY = 'crm-lens:classic-analyses-source';

export interface ClassicAnalysesRequest {
  readonly type: typeof CLASSIC_ANALYSES_REQUEST;
  readonly request: number;
}

export interface ClassicAnalysesReply {
  readonly type: typeof CLASSIC_ANALYSES_REPLY;
  readonly request: number;
  readonly source?: string;
  readonly error?: string;
}
