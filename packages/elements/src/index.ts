// @crm-lens/elements: the classes and types of every element. Importing this registers nothing; import
// `@crm-lens/elements/define.js` (all tags) or `@crm-lens/elements/lens-<noun>.js` (one tag) to register.

export { LensChurnList } from './churn-list/churn-list.js';
export {
  LensCohortRetention,
  type LensCohortSelectDetail,
  LensCohortSelectEvent,
} from './cohort-retention/cohort-retention.js';
export {
  LensCrossSell,
  type LensRule,
  type LensRuleSelectDetail,
  LensRuleSelectEvent,
  type LensSuggestionOpenDetail,
  LensSuggestionOpenEvent,
  type RuleSort,
} from './cross-sell/cross-sell.js';
export { LensCustomerCard } from './customer-card/customer-card.js';
export { LensData } from './data/data.js';
export * from './drilldown/drilldown.js';
export * from './events/events.js';
export {
  availableLocales,
  type Catalog,
  Formats,
  Localizer,
  loadCatalog,
  type MessageKey,
  registerCatalog,
  resolveLocale,
} from './i18n/index.js';
export {
  DataController,
  type DataControllerOptions,
  type DataHost,
  type ProviderLink,
  type TaskContext,
} from './internal/data-controller.js';
export type { DataInput, EngineConfig } from './internal/data-session.js';
export {
  type DataError,
  type DataProvider,
  type DataState,
  type DataStatus,
  dataContext,
} from './internal/data-state.js';
export { LensElement, lensBaseStyles } from './internal/lens-element.js';
export { StatesController, stateStyles } from './internal/states.js';
export {
  LensKpis,
  type LensPeriod,
  type LensPeriodChangeDetail,
  LensPeriodChangeEvent,
} from './kpis/kpis.js';
export { type HeatmapMeasure, LensRfmHeatmap } from './rfm-heatmap/rfm-heatmap.js';
export {
  type LensSegmentSelectDetail,
  LensSegmentSelectEvent,
  LensSegments,
  type SegmentAxis,
  type SegmentValue,
} from './segments/segments.js';
export {
  DARK_TOKENS,
  LIGHT_TOKENS,
  readToken,
  TOKEN_NAMES,
  type TokenName,
  token,
} from './themes/tokens.js';
export { LensValuePyramid } from './value-pyramid/value-pyramid.js';
