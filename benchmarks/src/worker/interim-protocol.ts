/**
 * Messages between the page and the INTERIM pipeline worker (`pipeline-worker.ts`), which stands in for
 * `@crm-lens/engine`'s worker until the engine implementation lands. Deleted with it (see bench-engine.ts).
 */
import type {
  DatasetHandle,
  Progress,
  ScoreRequest,
  WireError,
  WireIngestOptions,
} from '../shared/engine-types.js';

/** A string column, dictionary-encoded on the main thread so that it crosses as an Int32Array. */
export interface EncodedStrings {
  readonly encoding: 'dictionary';
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

export type WireColumn = ArrayLike<unknown> | EncodedStrings;

export type InterimRequest =
  | {
      readonly type: 'load';
      readonly id: number;
      readonly columns?: Readonly<Record<string, WireColumn>>;
      readonly bytes?: Uint8Array;
      readonly options?: WireIngestOptions;
    }
  | { readonly type: 'score'; readonly id: number; readonly dataset: string; readonly request: ScoreRequest }
  | { readonly type: 'drop'; readonly id: number; readonly dataset: string }
  /** Cancel request `id` (checked between batches and stages). */
  | { readonly type: 'cancel'; readonly id: number };

export interface InterimLoadResult {
  readonly handle: DatasetHandle;
  readonly timings: Readonly<Record<string, number>>;
}

export interface InterimScoreResult {
  readonly timings: Readonly<Record<string, number>>;
  readonly customers: number;
  readonly scored: number;
}

export type InterimResponse =
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: WireError }
  | { readonly type: 'progress'; readonly id: number; readonly progress: Progress };

export function isEncodedStrings(column: WireColumn): column is EncodedStrings {
  return (column as Partial<EncodedStrings>).encoding === 'dictionary';
}
