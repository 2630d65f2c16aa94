// The host side of the stand-in SDK (stand-in-sdk.js): plays Zoho CRM's page around the widget iframe, answering
// the widget's CRM_EVENT messages from recorded SDK calls (test/fixtures/*.json).
import { type RecordedCall, recordedAnswer } from '../test/util/replay-sdk.js';

export interface HostLog {
  /** Every CRM_EVENT's APIData, in order. */
  readonly calls: Record<string, unknown>[];
  /** Messages from other windows or origins, ignored. */
  readonly ignored: number;
}

/**
 * Serves the widget in `frame`: answers REGISTER with SET_CONTEXT (and a PageLoad), and each CRM_EVENT READ without
 * a RecordID as `getAllRecords` from `recorded`. Only messages from the frame's window and `widgetOrigin` count.
 */
export function serveZohoHost(
  frame: HTMLIFrameElement,
  recorded: readonly RecordedCall[],
  widgetOrigin: string,
) {
  const remaining = recorded.map((c) => c.times ?? Number.POSITIVE_INFINITY);
  const log = { calls: [] as Record<string, unknown>[], ignored: 0 };
  const reply = (message: Record<string, unknown>) =>
    frame.contentWindow!.postMessage({ type: 'FRAMEWORK.EVENT', ...message }, widgetOrigin);
  const onMessage = (event: MessageEvent) => {
    if (event.source !== frame.contentWindow || event.origin !== widgetOrigin) {
      log.ignored++;
      return;
    }
    const message = event.data as {
      type?: string;
      eventName?: string;
      promiseid?: string;
      data?: { category?: string; APIData?: Record<string, unknown> };
    };
    if (message?.type !== 'SDK.EVENT') return;
    if (message.eventName === 'REGISTER') {
      reply({ eventName: 'SET_CONTEXT', data: { uniqueID: 'stand-in-1', model: {}, locale: 'en' } });
      reply({ eventName: 'PageLoad', data: {} });
      return;
    }
    if (message.eventName !== 'CRM_EVENT') return;
    const api = message.data?.APIData ?? {};
    log.calls.push(api);
    let answer: { resolve: unknown } | { reject: unknown };
    try {
      if (message.data?.category !== 'READ' || 'RecordID' in api) throw new Error('not getAllRecords');
      answer = recordedAnswer(recorded, remaining, 'getAllRecords', api);
    } catch (error) {
      answer = { reject: { code: 'INVALID_REQUEST', message: String(error), status: 'error' } };
    }
    if ('reject' in answer) {
      reply({ eventName: 'EVENT_RESPONSE_FAILURE', promiseid: message.promiseid, data: answer.reject });
    } else {
      // The API answers 204 with no body for a module without records.
      reply({ eventName: 'EVENT_RESPONSE', promiseid: message.promiseid, data: answer.resolve ?? undefined });
    }
  };
  window.addEventListener('message', onMessage);
  return { log: log as HostLog, stop: () => window.removeEventListener('message', onMessage) };
}
