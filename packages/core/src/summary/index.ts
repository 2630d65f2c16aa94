// Per-customer purchase summary: the kernel under RFM, ABC and the CLV inputs.
export { utcDayNumber } from './day.js';
export {
  _summarizeCustomers,
  type ResolvedSummarizeCustomersOptions,
  resolveSummarizeCustomersOptions,
  summarizeCustomers,
} from './summarize-customers.js';
export type { CustomerSummary, PurchaseOccasion, SummarizeCustomersOptions, SummaryStats } from './types.js';
