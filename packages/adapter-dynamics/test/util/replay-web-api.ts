/// <reference types="powerapps-component-framework" />
// Recorded `context.webAPI.retrieveMultipleRecords` calls, replayed by a stand-in typed with the vendor's own
// types (@types/powerapps-component-framework): what the adapter gets is exactly a `ComponentFramework.WebApi`.
// DOM-free and dependency-free: the browser test's stand-in PCF host uses it too.

/**
 * The client API's error object as a failed `context.webAPI` call rejects with it (the PCF typings do not name it):
 * `errorCode` and `message`, and whatever else a host adds.
 */
export interface RecordedError {
  readonly errorCode?: number | string;
  readonly code?: number | string;
  readonly message?: string;
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One recorded call, as stored in `test/fixtures/*.json`. */
export interface RecordedCall {
  readonly table: string;
  /** The `options` argument: the first page's query, or a nextLink's query string. */
  readonly options: string;
  readonly maxPageSize: number;
  /** What the promise resolves with. */
  readonly resolve?: ComponentFramework.WebApi.RetrieveMultipleResponse;
  /** What it rejects with. */
  readonly reject?: RecordedError;
  /** How many times it may be served (default: always); a rejection recorded before a success has `times: 1`. */
  readonly times?: number;
}

export interface WebApiFixture {
  readonly description: string;
  readonly calls: readonly RecordedCall[];
}

/**
 * Answers one call from the recordings (earlier ones first, one-shot ones until used up). An unrecorded call is an
 * Error naming the table and options (the test fails loudly).
 */
export function recordedAnswer(
  recorded: readonly RecordedCall[],
  remaining: number[],
  table: string,
  options: string | undefined,
  maxPageSize: number | undefined,
): { resolve: ComponentFramework.WebApi.RetrieveMultipleResponse } | { reject: RecordedError } {
  const index = recorded.findIndex(
    (c, i) =>
      remaining[i]! > 0 && c.table === table && c.options === options && c.maxPageSize === maxPageSize,
  );
  if (index < 0) throw new Error(`no recorded call for ${table} ${options} ${maxPageSize}`);
  remaining[index]!--;
  const call = recorded[index]!;
  return call.reject !== undefined
    ? { reject: structuredClone(call.reject) }
    : { resolve: structuredClone(call.resolve!) };
}

const notRecorded = (method: string) => () => Promise.reject(new Error(`${method} is not recorded`));

/** A stand-in `context.webAPI` that replays recorded calls and records every call it gets. */
export function replayWebApi(recorded: readonly RecordedCall[]) {
  const remaining = recorded.map((c) => c.times ?? Number.POSITIVE_INFINITY);
  const calls: { table: string; options: string | undefined; maxPageSize: number | undefined }[] = [];
  const webAPI: ComponentFramework.WebApi = {
    retrieveMultipleRecords: async (table, options, maxPageSize) => {
      calls.push({ table, options, maxPageSize });
      const answer = recordedAnswer(recorded, remaining, table, options, maxPageSize);
      if ('reject' in answer) throw answer.reject;
      return answer.resolve;
    },
    createRecord: notRecorded('createRecord'),
    deleteRecord: notRecorded('deleteRecord'),
    updateRecord: notRecorded('updateRecord'),
    retrieveRecord: notRecorded('retrieveRecord'),
  };
  return { webAPI, calls };
}
