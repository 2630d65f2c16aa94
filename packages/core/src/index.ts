// Schema: the canonical columnar tables every package speaks.

// ABC / Pareto: classes, concentration curve, Gini.
export * from './abc/index.js';
// Adapters: the contract every CRM adapter implements — transports, retries, paging, declarative mapping of JSON
// records to canonical rows (warnings, never record content), collecting pages for ingestDataset, currency conversion.
export * from './adapters/index.js';
// Cross-selling: order baskets, frequent itemsets (FP-growth), association rules, next-product suggestions.
export * from './basket/index.js';
// Churn early warning.
export * from './churn/index.js';
// Customer lifetime value: BG/NBD, Pareto/NBD and Gamma-Gamma, predictions, CLV, holdout checks.
export * from './clv/index.js';
// Cohort retention: first-purchase period × periods since, by UTC calendar month, quarter, year or week.
export * from './cohorts/index.js';
// Drill-down: revenue, orders, customers and model outputs by time level (UTC, ISO weeks), dimension and tier.
export * from './drilldown/index.js';
export type { ByteInput } from './ingest/byte-input.js';
export { IngestError, type IngestErrorCode } from './ingest/errors.js';
export { type CompiledExpression, compileExpression, ExpressionError } from './ingest/expression.js';
export { ingestCustomers } from './ingest/ingest-customers.js';
export {
  type Dataset,
  type DatasetInput,
  type DatasetOptions,
  ingestDataset,
} from './ingest/ingest-dataset.js';
export { ingestInteractions } from './ingest/ingest-interactions.js';
// Ingestion: any input → canonical tables + a data-quality report.
export { type IngestResult, ingestTransactions } from './ingest/ingest-transactions.js';
export type { FieldMapping, FieldSource } from './ingest/mapping.js';
export type { IngestOptions, IngestProgress, TransactionIngestOptions } from './ingest/options.js';
export { type DateFormat, dateParser, detectDateFormat, isoDate, utcDay } from './ingest/parse-date.js';
export { type NumberFormat, parseNumber } from './ingest/parse-number.js';
export { type IngestPreset, PRESETS } from './ingest/presets.js';
export type {
  ColumnarInput,
  IngestInput,
  ReadOptions,
  RowInput,
  SourceDescription,
  SourceFormat,
} from './ingest/record-source.js';
export {
  type DetectedDateFormat,
  type IngestReport,
  REJECT_DESCRIPTIONS,
  type RejectCode,
  type Rejection,
  type ReturnsPolicy,
  WARNING_DESCRIPTIONS,
  type WarningCode,
} from './ingest/report.js';
// Loyalty indicators: repeat-purchase rate, retention rate per period, average days between orders.
export * from './kpis/index.js';
// Special functions and the optimiser under the models.
export * from './math/index.js';
// RFM: scores, segment maps, the R × F heatmap.
export * from './rfm/index.js';
export { type DictColumn, dictValue, MISSING_CODE } from './schema/columns.js';
export type { CustomerTable } from './schema/customers.js';
export {
  CUSTOMER_FIELDS,
  FIELDS,
  type FieldDef,
  type FieldKind,
  INTERACTION_FIELDS,
  type TableKind,
  TRANSACTION_FIELDS,
} from './schema/fields.js';
export type { InteractionTable } from './schema/interactions.js';
export { toArquero } from './schema/to-arquero.js';
export type { TransactionTable } from './schema/transactions.js';
// The whole scoring pipeline.
export * from './score/index.js';
// Segmentation by clustering: k-means++ on standardised (log-)RFM features, k by silhouette, named profiles.
export * from './segments/index.js';
// Sequence patterns: frequent ordered sequences across customers' orders (SPADE-style), maxGap, sequence rules.
export * from './sequences/index.js';
// Per-customer summary: the kernel under RFM, ABC, the value pyramid and churn.
export * from './summary/index.js';
// Cooperative work: what the kernels' `…Steps` variants yield, and how to run or slice it.
export { runWork, SLICE_WORK, sliceWork, type Work } from './util/work.js';
// The value pyramid.
export * from './value/index.js';
