import type { DictColumn } from './columns.js';

/** Canonical customers (optional input): one row per customer. */
export interface CustomerTable {
  readonly kind: 'customers';
  readonly length: number;
  /** Customer id; unique per row. Its dictionary is the code space the transactions share when ingested together. */
  readonly id: DictColumn;
  readonly name?: DictColumn;
  /** When the customer was created / acquired, epoch ms UTC. */
  readonly createdAt?: Float64Array;
  readonly region?: DictColumn;
  /** Free attributes: every source column not mapped to a canonical field, as text. */
  readonly attributes: Readonly<Record<string, DictColumn>>;
}
