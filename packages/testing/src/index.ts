export {
  type DatasetOptions,
  DEFAULT_CHANNELS,
  DEFAULT_REGIONS,
  DEFAULT_SEGMENTS,
  type PurchaseProcessOptions,
  type SpendOptions,
} from './dataset-options.js';
export { DAY_MS, type DateInput } from './dates.js';
export {
  type CustomerColumns,
  type CustomerTruth,
  type GeneratedCustomers,
  generateCustomers,
} from './generate-customers.js';
export { type GeneratedDataset, generateDataset } from './generate-dataset.js';
export {
  generateInteractions,
  type InteractionColumns,
  type InteractionType,
} from './generate-interactions.js';
export { generateTransactions, type TransactionColumns } from './generate-transactions.js';
export {
  DEFAULT_MESSY_DEFECTS,
  generateMessyCsv,
  MESSY_CSV_HEADER,
  MESSY_DEFECT_CODES,
  MESSY_DEFECTS,
  type MessyCsv,
  type MessyCsvExpectation,
  type MessyCsvOptions,
  type MessyDefect,
  type MessyRejectCode,
  type MessyWarningCode,
} from './messy-csv.js';
export { createRandom, type Random } from './random.js';
export {
  type Exchange,
  type Fixture,
  fakeSleep,
  type ReplayRequest,
  type ReplayResponse,
  replay,
} from './replay-transport.js';
export {
  type SimBgNbdParams,
  type SimGammaGammaParams,
  type SimParetoNbdParams,
  type SimulateBtydOptions,
  type SimulatedBtyd,
  type SimulatedTransactions,
  simulateBtyd,
} from './simulate-btyd.js';
export { type RowOf, toRows } from './to-rows.js';
