// @crm-lens/engine: the analytics off the main thread, wherever the host page lets them run.

export { EngineBackend, LOAD_REPORT_REJECTIONS, type ProgressSink, type ResidentTables } from './backend.js';
// Choosing a host: module worker → blob worker → (iframe) → in-thread.
export type { ClassicSource } from './classic-source.js';
// Row objects → transferable columns on the calling thread (used by `load({ kind: 'rows' })`).
export {
  type ColumnarisedRows,
  type ColumnariseOptions,
  columnariseRows,
  decodeRows,
} from './columnarise.js';
export {
  type CreateEngineOptions,
  createEngine,
  DEFAULT_HOSTS,
  DEFAULT_HOSTS_WITH_IFRAME,
} from './create-engine.js';
// The one interface every widget talks to.
export type { CallOptions, Engine } from './engine.js';
// Errors: a code to branch on, a message to show.
export { EngineError, isWireError, toEngineError } from './errors.js';
// The iframe compute host: the page's side (loaded by createEngine when tried), the host page's side (its script,
// built by scripts/compute-host-bundle.mjs), and the host page's allow-list of embedding origins.
export type { IframeEngine } from './iframe-engine.js';
export { type ComputeHost, type ComputeHostOptions, serveComputeHost } from './iframe-host.js';
export {
  ALLOWED_ORIGINS_META,
  type OriginPattern,
  originAllowed,
  parseAllowedOrigins,
} from './iframe-protocol.js';
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
  HOST_KINDS,
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
