// The names a classic (`blob:`) worker and its on-demand analyses script use to find each other.

/**
 * Set by the bootstrap that createEngine writes into the `blob:` worker, before it importScripts() the classic
 * worker bundle: that bundle's own absolute URL (the base of the files beside it), and, when createEngine knows
 * it, the absolute URL of the classic analyses bundle.
 */
export const CLASSIC_BOOTSTRAP_GLOBAL = '__crmLensClassicWorker';

export interface ClassicBootstrap {
  readonly workerUrl: string;
  readonly analysesUrl?: string;
}

/** Where the classic analyses bundle (analyses.classic.ts) puts the analyses module once importScripts() ran it. */
export const CLASSIC_ANALYSES_GLOBAL = '__crmLensAnalyses';
