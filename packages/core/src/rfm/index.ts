// RFM: scores, segment maps, segment assignment and the R × F heatmap.
export {
  type AssignSegmentsOptions,
  assignSegments,
  assignSegmentsSteps,
  type SegmentAssignment,
  type SegmentTotals,
} from './assign-segments.js';
export { levelOf, rfmPackageBreaks } from './breaks.js';
export { type HeatmapCell, type RfmHeatmap, rfmHeatmap } from './heatmap.js';
export { idRanks, ntileLevels } from './ntile.js';
export { quantileType7 } from './quantile.js';
export { type RfmOptions, type RfmResult, rfm } from './rfm.js';
export {
  _scoreRfm,
  _scoreRfmSteps,
  DEFAULT_SCORE_RULE,
  MAX_SCORE_LEVELS,
  type ResolvedRfmRules,
  type ResolvedScoreRule,
  resolveScoreRule,
  scoreRfm,
  scoreRfmSteps,
} from './score-rfm.js';
export {
  DEFAULT_FALLBACK_SEGMENT,
  DEFAULT_SEGMENT_MAP,
  inRange,
  levelsOf,
  RFM_PACKAGE_LEGACY_SEGMENTS,
  RFM_PACKAGE_SEGMENTS,
  type ScoreLevels,
  type ScoreRange,
  type SegmentMap,
  type SegmentRule,
  segmentLookup,
} from './segment-map.js';
export type {
  DimensionScoring,
  RfmScoreInput,
  RfmScoreOptions,
  RfmScores,
  ScoreLevel,
  ScoreMethod,
  ScoreRule,
} from './types.js';
export {
  type ScoreCell,
  type SegmentMapReport,
  type SegmentOverlap,
  validateSegmentMap,
} from './validate-segment-map.js';
