export type { CollectedDataset, CollectOptions } from '@crm-lens/core';
export {
  DATASET_PAGE_SIZE,
  type DatasetFeed,
  type DatasetPagerOptions,
  datasetFeed,
  entityFromRecord,
  normaliseGuid,
} from './dataset-pager.js';
export { collectDynamics, type DynamicsAdapterOptions, dynamicsAdapter } from './dynamics-adapter.js';
export type * from './dynamics-types.js';
export { MAX_PAGE_SIZE, nextLinkQuery, preparedPager, type TableRequest, tablePager } from './pager.js';
export {
  ACCOUNT_MAPPING,
  activityMapping,
  CONTACT_MAPPING,
  CUSTOMER_PREFIX,
  columnsFor,
  DYNAMICS_ACTIVITY_TABLES,
  DYNAMICS_CUSTOMER_TABLES,
  DYNAMICS_INTERACTION_TABLES,
  DYNAMICS_TABLES,
  DYNAMICS_TRANSACTION_TABLES,
  type DynamicsCustomerTable,
  type DynamicsInteractionTable,
  type DynamicsTable,
  type DynamicsTransactionTable,
  datasetColumnsFor,
  dynamicsPreset,
  FORMATTED_VALUE,
  INCIDENT_MAPPING,
  INVOICE_MAPPING,
  LOOKUP_TABLE,
  OPPORTUNITY_MAPPING,
  queryFor,
  SALESORDER_MAPPING,
  TABLES,
  type TableColumns,
  type TableInfo,
  withDerivedKeys,
} from './presets.js';
export { progressText, resultText, retryText, TABLE_LABELS } from './status-text.js';
export {
  DYNAMICS_RETRY_DEFAULTS,
  describeCall,
  errorCodeOf,
  hexCode,
  PRIVILEGE_CODES,
  rejectionStatus,
  SERVICE_PROTECTION_CODES,
  type WebApiCall,
  webApiCaller,
  webApiTransport,
} from './web-api-call.js';
