// ABC / Pareto: classes by value or customer share, the concentration curve, Gini, "top x % bring y %".
export {
  type AbcClass,
  type AbcOptions,
  type AbcResult,
  abcClassify,
  abcClassifySteps,
} from './abc-classify.js';
export {
  type ConcentrationCurve,
  type ConcentrationPoint,
  concentrationCurve,
} from './concentration-curve.js';
export { gini } from './gini.js';
export { type ParetoStatement, paretoStatement, percent } from './pareto-statement.js';
export { assertFinite, positiveDescending, rankDescending, rankDescendingSteps } from './values.js';
