export { checkAborted, type Sleep, untilAborted } from './abort.js';
export { type CollectedDataset, type CollectOptions, collectAdapter } from './collect-adapter.js';
export { type ConvertedRows, type CurrencyConversion, convertCurrency } from './convert-currency.js';
export { type AdapterStream, createAdapter } from './create-adapter.js';
export { AdapterError, type AdapterErrorCode, describeRequest } from './errors.js';
export { type FetchTransportOptions, fetchTransport } from './fetch-transport.js';
export { stringHeaders } from './headers.js';
export {
  checkMapping,
  type MappedRecords,
  type MapRecordsOptions,
  mapRecords,
  type ObjectMapping,
  type RecordFilter,
  sourcePaths,
  type ValueSource,
} from './map-records.js';
export {
  type PageThroughOptions,
  type Paging,
  type ParamPlace,
  pageThrough,
  parseLinkHeader,
  requestJson,
  statusError,
} from './page-through.js';
export { compilePath, getPath, type PathReader } from './path.js';
export { MalformedRecord, type ReadRecordsOptions, readRecords } from './read-records.js';
export { parseRetryAfter, type RetryInfo, type RetryOptions, retrying } from './retrying.js';
export type {
  Adapter,
  AdapterPage,
  AdapterProgress,
  AdapterReadOptions,
  AdapterWarning,
  AdapterWarningCode,
  CanonicalRow,
  Pager,
  PagerStart,
  RawPage,
  Transport,
  TransportRequest,
  TransportResponse,
} from './types.js';
