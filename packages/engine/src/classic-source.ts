import {
  CLASSIC_ANALYSES_REPLY,
  CLASSIC_ANALYSES_REQUEST,
  type ClassicAnalysesReply,
  type ClassicAnalysesRequest,
} from './classic-globals.js';

/** The page's copy of the classic analyses' source: the text, or a function that fetches it when first needed. */
export type ClassicSource = string | (() => Promise<string>);

/**
 * Answer a classic worker's requests for the analyses' source text (load-analyses.classic.ts asks on the first
 * segments/rules/… call). A function source is called once; if it fails, the next request calls it again.
 */
export function serveClassicAnalyses(
  worker: Pick<Worker, 'addEventListener' | 'postMessage'>,
  source: ClassicSource,
): void {
  let text: Promise<string> | undefined;
  worker.addEventListener('message', (event: Event) => {
    const asked = (event as MessageEvent).data as Partial<ClassicAnalysesRequest> | null;
    if (asked?.type !== CLASSIC_ANALYSES_REQUEST || typeof asked.request !== 'number') return;
    const request = asked.request;
    text ??= Promise.resolve()
      .then(() => (typeof source === 'string' ? source : source()))
      .then((value) => {
        if (typeof value !== 'string') {
          throw new TypeError(`classicAnalysesSource gave ${typeof value}, not the source text`);
        }
        return value;
      });
    const loading = text;
    loading.then(
      (value) => {
        const reply: ClassicAnalysesReply = { type: CLASSIC_ANALYSES_REPLY, request, source: value };
        worker.postMessage(reply);
      },
      (error: unknown) => {
        if (text === loading) text = undefined;
        const reply: ClassicAnalysesReply = {
          type: CLASSIC_ANALYSES_REPLY,
          request,
          error: `classicAnalysesSource failed: ${error instanceof Error ? error.message : String(error)}`,
        };
        worker.postMessage(reply);
      },
    );
  });
}
