/** Messages to the baseline worker (core's kernels and arquero on the same table). */
import type { WireIngestOptions } from '../shared/engine-types.js';

export type BaselineRequest =
  /** Ingest the data (as the pipeline does) and keep the table. */
  | {
      readonly type: 'prepare';
      readonly id: number;
      readonly columns?: Readonly<Record<string, ArrayLike<unknown>>>;
      readonly bytes?: Uint8Array;
      readonly options?: WireIngestOptions;
    }
  /** Core's stage kernels one by one, `runs` times each (after one warm-up run, not counted). */
  | { readonly type: 'kernels'; readonly id: number; readonly runs: number }
  /**
   * The per-customer summary as an arquero groupby/rollup, `runs` times after a warm-up, grouped by the customer code (the
   * canonical int32 column everyone else reads) or by the customer id string (as a table of the raw data has it).
   */
  | { readonly type: 'arquero'; readonly id: number; readonly runs: number; readonly key: 'code' | 'id' }
  /** customer (int32 code), date (float64 epoch ms), amount (float64) as Arrow IPC stream bytes. */
  | { readonly type: 'arrow'; readonly id: number }
  | { readonly type: 'release'; readonly id: number };

export interface PreparedTable {
  readonly transactions: number;
  readonly customers: number;
}

export interface KernelTimes {
  /** Milliseconds of each run, by kernel name. */
  readonly times: Readonly<Record<string, readonly number[]>>;
  /** Customers in the summary. */
  readonly groups: number;
}

export interface GroupbyTimes {
  readonly times: readonly number[];
  readonly groups: number;
}
