// Loyalty indicators: repeat-purchase rate, retention per period, days between orders, per-period series.
export {
  type LoyaltyIndicators,
  type LoyaltySeries,
  loyaltyIndicators,
  loyaltyIndicatorsSteps,
} from './loyalty-indicators.js';
