// Churn early warning: score, band, reasons in words, value at risk.
export {
  CHURN_BANDS,
  CHURN_WEIGHTS,
  type ChurnBand,
  type ChurnInput,
  type ChurnOptions,
  type ChurnReason,
  type ChurnRisk,
  churnRisk,
  churnRiskSteps,
  NO_BAND,
} from './churn-risk.js';
