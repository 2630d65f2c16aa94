// Frequent sequence patterns (SPADE-style mining over customers' order histories) and sequence rules.
export {
  checkSequenceDatabase,
  type SequenceDatabaseOptions,
  sequenceDatabase,
  sequenceLabel,
} from './database.js';
export {
  type SequenceEventBy,
  type SequencesFromTransactionsOptions,
  sequencesFromTransactions,
  sequencesFromTransactionsSteps,
  type TransactionSequences,
  type TransactionSequencesReport,
} from './from-transactions.js';
export { mineSequences, mineSequencesSteps } from './mine.js';
export {
  type ParsedSpadeText,
  type ParseSpadeTextOptions,
  parseSpadeText,
  SPADE_TEXT_REJECT_DESCRIPTIONS,
  type SpadeTextRejectCode,
  type SpadeTextRejection,
  type SpadeTextReport,
} from './parse-spade-text.js';
export { type SequenceRulesOptions, sequenceRules } from './rules.js';
export type {
  MineSequencesOptions,
  SequenceDatabase,
  SequenceMining,
  SequencePattern,
  SequenceRule,
} from './types.js';
