import { EngineError } from './errors.js';

/** The response to a URL, or an `ingest` error naming the URL and the HTTP status (an abort rethrown as it is). */
export async function fetchOk(url: string, signal: AbortSignal | undefined): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw new EngineError('ingest', `could not fetch ${url}: ${(error as Error)?.message ?? String(error)}`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new EngineError(
      'ingest',
      `could not fetch ${url}: HTTP ${response.status} ${response.statusText}`.trim(),
    );
  }
  return response;
}
