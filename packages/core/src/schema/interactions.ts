import type { DictColumn } from './columns.js';

/**
 * Canonical service interactions (optional input): complaints, tickets, calls, e-mails, visits, …
 * `type` is stored lower-cased and trimmed; the churn model looks for `complaint`.
 */
export interface InteractionTable {
  readonly kind: 'interactions';
  readonly length: number;
  readonly customer: DictColumn;
  readonly date: Float64Array;
  readonly type: DictColumn;
  /** Satisfaction score when given (any scale; NaN when missing). */
  readonly satisfaction?: Float64Array;
}
