/** The engine's interface and wire types the bench speaks (type-only: nothing of the engine is bundled from here). */
export type {
  CallOptions,
  DatasetHandle,
  EngineErrorCode,
  LoadInput,
  Progress,
  ScoreRequest,
  WireError,
  WireIngestOptions,
} from '@crm-lens/engine';
