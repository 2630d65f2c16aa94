// @crm-lens/engine: the analytics off the main thread, wherever the host page lets them run.

export { EngineBackend, LOAD_REPORT_REJECTIONS, type ProgressSink, type ResidentTables } from './backend.js';
// Row objects → transferable columns on the calling thread (used by `load({ kind: 'rows' })`).
export {
  type ColumnarisedRows,
  type ColumnariseOptions,
  columnariseRows,
  decodeRows,
} from './columnarise.js';
// Choosing a host: module worker → blob worker → in-thread.
export { type CreateEngineOptions, createEngine, DEFAULT_HOSTS } from './create-engine.js';
// The one interface every widget talks to.
export type { CallOptions, Engine } from './engine.js';
// Errors: a code to branch on, a message to show.
export { EngineError, isWireError, toEngineError } from './errors.js';
// The implementations.
export { InlineEngine } from './inline-engine.js';
// Every type that crosses the boundary.
export {
  type BasketOptionsWire,
  type BasketReportWire,
  type ChurnPage,
  type ChurnQuery,
  type CohortsResult,
  type CustomerCard,
  type CustomerCardQuery,
  type CustomerColumns,
  type CustomerField,
  type DatasetHandle,
  type DrilldownQuery,
  type DrilldownResult,
  type DrillFilterValueWire,
  type DrillKeyWire,
  type DrillTotalsWire,
  type EncodedRows,
  type EngineErrorCode,
  type FitSummary,
  type HostKind,
  type HostLoadInput,
  type KpisResult,
  type LoadInput,
  type LoadResult,
  type PeriodQuery,
  type PeriodWire,
  type PingReply,
  PROTOCOL_VERSION,
  type Progress,
  type RejectionPage,
  type RuleColumns,
  type RulesQuery,
  type RulesResult,
  type ScoreRequest,
  type ScoreSummary,
  type SegmentProfileWire,
  type SegmentRuleWire,
  type SegmentsQuery,
  type SegmentsResult,
  type SegmentTraitsWire,
  type SequencesQuery,
  type SequencesResult,
  type SuggestionsQuery,
  type SuggestionsResult,
  type SuggestionWire,
  type ThresholdWire,
  type WireColumn,
  type WireError,
  type WireIngestOptions,
} from './protocol.js';
// One engine per page, shared by every widget.
export { acquireEngine, releaseEngine } from './shared-engine.js';
export { WorkerEngine, type WorkerLike } from './worker-engine.js';
