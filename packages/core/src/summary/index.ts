// Per-customer purchase summary: the kernel under RFM, ABC and the CLV inputs.
export { utcDayNumber } from './day.js';
export {
  _summarizeCustomers,
  _summarizeCustomersSteps,
  type ResolvedSummarizeCustomersOptions,
  resolveSummarizeCustomersOptions,
  summarizeCustomers,
  summarizeCustomersSteps,
} from './summarize-customers.js';
export type { CustomerSummary, PurchaseOccasion, SummarizeCustomersOptions, SummaryStats } from './types.js';
