import type { TransactionTable } from '../schema/transactions.js';
import { summarizeCustomers } from '../summary/summarize-customers.js';
import type { CustomerSummary, SummarizeCustomersOptions } from '../summary/types.js';
import { type AssignSegmentsOptions, assignSegments, type SegmentAssignment } from './assign-segments.js';
import { scoreRfm } from './score-rfm.js';
import type { RfmScoreOptions, RfmScores } from './types.js';

/** Options of {@link rfm}: the summary's, the scoring's and the segments'. */
export interface RfmOptions extends SummarizeCustomersOptions, RfmScoreOptions, AssignSegmentsOptions {}

/** Everything {@link rfm} computed. */
export interface RfmResult {
  readonly summary: CustomerSummary;
  readonly scores: RfmScores;
  readonly segments: SegmentAssignment;
}

/**
 * RFM analysis of a transaction table at an analysis date: {@link summarizeCustomers}, then
 * {@link scoreRfm}, then {@link assignSegments}. Use the three steps directly to reuse one summary.
 */
export function rfm(table: TransactionTable, options: RfmOptions): RfmResult {
  const summary = summarizeCustomers(table, options);
  const scores = scoreRfm(summary, options);
  return { summary, scores, segments: assignSegments(scores, options) };
}
