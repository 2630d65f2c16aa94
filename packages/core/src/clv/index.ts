// Probabilistic customer-lifetime-value models: calibration summaries, BG/NBD, Pareto/NBD, Gamma-Gamma,
// predictions, CLV and holdout evaluation. Every public name is listed explicitly.

export { fitBgNbd, fitBgNbdSteps } from './bg-nbd-fit.js';
// BG/NBD
export {
  bgNbdLogLikelihood,
  bgNbdNegLogLikObjective,
  bgNbdNegLogLikObjectiveSteps,
} from './bg-nbd-likelihood.js';
export {
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  bgNbdProbabilityNoPurchase,
} from './bg-nbd-predict.js';
export {
  type ClvOptions,
  type ClvResult,
  customerLifetimeValue,
  customerLifetimeValueSteps,
} from './clv.js';
export {
  type ClvInterval,
  type ClvIntervalCustomer,
  type ClvIntervalFits,
  type ClvIntervalOptions,
  clvInterval,
} from './clv-interval.js';
export { type CollapsedRfm, collapseRfm, collapseRfmSteps } from './collapse.js';
export { fitGammaGamma, fitGammaGammaSteps, type SpendInput } from './gamma-gamma-fit.js';
// Gamma-Gamma spend
export {
  gammaGammaLogLikelihood,
  gammaGammaNegLogLikObjective,
  gammaGammaNegLogLikObjectiveSteps,
} from './gamma-gamma-likelihood.js';
export { gammaGammaConditionalExpectedSpend, gammaGammaMeanSpend } from './gamma-gamma-predict.js';
export {
  evaluateHoldout,
  type HoldoutBucket,
  type HoldoutEvaluation,
  type HoldoutInput,
} from './holdout.js';
// Model-agnostic predictions, CLV and validation
export {
  conditionalExpectedPurchases,
  conditionalExpectedPurchasesSteps,
  expectedPurchases,
  type PurchaseModel,
  probabilityAlive,
  probabilityAliveSteps,
  probabilityNoPurchase,
  probabilityNoPurchaseSteps,
} from './model.js';
// Calibration summary and collapsing
export { type PurchaseOccasions, purchaseOccasions, purchaseOccasionsSteps } from './occasions.js';
export { fitParetoNbd, fitParetoNbdSteps } from './pareto-nbd-fit.js';
// Pareto/NBD
export {
  paretoNbdLogA0,
  paretoNbdLogLikelihood,
  paretoNbdNegLogLikObjective,
  paretoNbdNegLogLikObjectiveSteps,
} from './pareto-nbd-likelihood.js';
export {
  paretoNbdConditionalExpectedPurchases,
  paretoNbdExpectedPurchases,
  paretoNbdProbabilityAlive,
  paretoNbdProbabilityNoPurchase,
} from './pareto-nbd-predict.js';
// Reading a per-customer summary table (x, t_x, T, zbar)
export { readSummaryTable, SUMMARY_FIELDS, type SummaryTable } from './read-summary.js';
export {
  type CalibrationSummary,
  type SummarizeOptions,
  type SummaryCounts,
  summarizeCalibration,
  summarizeOccasions,
  summarizeOccasionsSteps,
} from './summarize.js';
// Time units and calendar spans
export {
  DAYS_PER_MONTH,
  DAYS_PER_WEEK,
  DAYS_PER_YEAR,
  daysPerUnit,
  type Horizon,
  horizonToDays,
  horizonToUnits,
  MS_PER_DAY,
  msPerUnit,
  type TimeUnit,
} from './time-units.js';
export { type CumulativeTracking, cumulativeTracking, type TrackingOptions } from './tracking.js';
// Shared types
export type {
  BgNbdParams,
  FitOptions,
  FitResult,
  GammaGammaParams,
  ParetoNbdParams,
  RfmArrays,
  RfmInput,
} from './types.js';
