export { type ModuleRequest, modulePager, PAGE_NUMBER_LIMIT, withActivityParties } from './pager.js';
export {
  ACCOUNTS_MAPPING,
  CONTACTS_MAPPING,
  CUSTOMER_PREFIX,
  dealsMapping,
  fieldsFor,
  INVOICES_MAPPING,
  interactionMapping,
  SALES_ORDERS_MAPPING,
  ZOHO_ACTIVITY_MODULES,
  ZOHO_INTERACTION_MODULES,
  type ZohoCustomerModule,
  type ZohoInteractionModule,
  type ZohoModule,
  type ZohoTransactionModule,
  zohoPreset,
} from './presets.js';
export {
  rejectionStatus,
  sdkCaller,
  sdkTransport,
  type ZohoSdkCall,
  type ZohoSdkMethod,
} from './sdk-call.js';
export {
  type LensDataTarget,
  type StartZohoWidgetOptions,
  startZohoWidget,
  type ZohoWidgetResult,
} from './widget/start-widget.js';
export { type ZohoAdapterOptions, zohoAdapter } from './zoho-adapter.js';
export type * from './zoho-types.js';
