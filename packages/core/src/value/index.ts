// The customer value pyramid: current against potential value.
export { addUtcMonths } from './calendar.js';
export {
  type CurrentValue,
  type CurrentValueOptions,
  currentValue,
  currentValueSteps,
} from './current-value.js';
export {
  NO_TIER,
  type ThresholdRule,
  TIERS,
  type Tier,
  type TierSummary,
  upgradeCandidates,
  type ValuePyramid,
  type ValuePyramidInput,
  type ValuePyramidOptions,
  valuePyramid,
  valuePyramidSteps,
} from './value-pyramid.js';
