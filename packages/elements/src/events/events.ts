// Every event the elements dispatch (all bubble and cross shadow roots).
export { type LensCellSelectDetail, LensCellSelectEvent } from './cell-select.js';
export { type LensCustomerOpenDetail, LensCustomerOpenEvent } from './customer-open.js';
export { type LensDataErrorDetail, LensDataErrorEvent } from './data-error.js';
export { type LensDataLoadDetail, LensDataLoadEvent } from './data-load.js';
export { type LensExportDetail, LensExportEvent } from './export.js';
export { type LensProgressDetail, LensProgressEvent } from './progress.js';
export { type LensTier, type LensTierSelectDetail, LensTierSelectEvent } from './tier-select.js';
