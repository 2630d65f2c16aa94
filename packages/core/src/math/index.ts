// Special functions and numerical optimisation used by the probabilistic CLV models (pure, allocation-light).

// Optimisation and curvature
export { centralDifferenceGradient, centralDifferenceGradientSteps } from './central-difference-gradient.js';
// Special functions
export { digamma } from './digamma.js';
export { gammaSign } from './gamma-sign.js';
// Gauss hypergeometric ₂F₁
export { hyp2f1 } from './hyp2f1.js';
export { hyp2f1LogAbs } from './hyp2f1-log-abs.js';
export { hyp2f1Series } from './hyp2f1-series.js';
export { invertPositiveDefinite } from './invert-positive-definite.js';
export { type LineSearchResult, lineSearchWolfe, lineSearchWolfeSteps } from './line-search-wolfe.js';
// Log-space arithmetic
export { logAddExp } from './log-add-exp.js';
export { logBeta } from './log-beta.js';
export { logGamma } from './log-gamma.js';
export { logHyp2f1 } from './log-hyp2f1.js';
export { logSubExp } from './log-sub-exp.js';
export { logSumExp } from './log-sum-exp.js';
export {
  type MinimizeOptions,
  type MinimizeResult,
  minimizeBfgs,
  minimizeBfgsSteps,
} from './minimize-bfgs.js';
export { numericHessian, numericHessianSteps } from './numeric-hessian.js';
export { type ObjectiveWithGradient, type SteppedObjective, steppedObjective } from './objective.js';
export type { SignedLog } from './signed-log.js';
