// Schema: the canonical columnar tables every package speaks.
export { type DictColumn, MISSING_CODE, dictValue } from './schema/columns.js';
export type { TransactionTable } from './schema/transactions.js';
export type { CustomerTable } from './schema/customers.js';
export type { InteractionTable } from './schema/interactions.js';
export {
  type FieldDef,
  type FieldKind,
  type TableKind,
  FIELDS,
  TRANSACTION_FIELDS,
  CUSTOMER_FIELDS,
  INTERACTION_FIELDS,
} from './schema/fields.js';
export { toArquero } from './schema/to-arquero.js';

// Ingestion: any input → canonical tables + a data-quality report.
export { ingestTransactions, type IngestResult } from './ingest/ingest-transactions.js';
export { ingestCustomers } from './ingest/ingest-customers.js';
export { ingestInteractions } from './ingest/ingest-interactions.js';
export { ingestDataset, type Dataset, type DatasetInput, type DatasetOptions } from './ingest/ingest-dataset.js';
export type { IngestOptions, TransactionIngestOptions, IngestProgress } from './ingest/options.js';
export type { FieldMapping, FieldSource } from './ingest/mapping.js';
export type {
  IngestInput,
  RowInput,
  ColumnarInput,
  ReadOptions,
  SourceFormat,
  SourceDescription,
} from './ingest/record-source.js';
export type { ByteInput } from './ingest/byte-input.js';
export {
  type IngestReport,
  type Rejection,
  type RejectCode,
  type WarningCode,
  type ReturnsPolicy,
  type DetectedDateFormat,
  REJECT_DESCRIPTIONS,
  WARNING_DESCRIPTIONS,
} from './ingest/report.js';
export { IngestError, type IngestErrorCode } from './ingest/errors.js';
export { PRESETS, type IngestPreset } from './ingest/presets.js';
export { type DateFormat, dateParser, detectDateFormat, isoDate, utcDay } from './ingest/parse-date.js';
export { parseNumber, type NumberFormat } from './ingest/parse-number.js';
export { compileExpression, type CompiledExpression, ExpressionError } from './ingest/expression.js';

// Per-customer summary: the kernel under RFM, ABC, the value pyramid and churn.
export * from './summary/index.js';
// RFM: scores, segment maps, the R × F heatmap.
export * from './rfm/index.js';
// ABC / Pareto: classes, concentration curve, Gini.
export * from './abc/index.js';
// Customer lifetime value: BG/NBD, Pareto/NBD and Gamma-Gamma, predictions, CLV, holdout checks.
export * from './clv/index.js';
// Special functions and the optimiser under the models.
export * from './math/index.js';
// The value pyramid.
export * from './value/index.js';
