export { type HubSpotAdapterOptions, type HubSpotDealOptions, hubspotAdapter } from './hubspot-adapter.js';
export type * from './hubspot-types.js';
export {
  type HubSpotConnection,
  listPager,
  type ObjectRequest,
  SEARCH_RESULT_LIMIT,
  searchPager,
} from './pager.js';
export {
  COMPANIES_MAPPING,
  CONTACTS_MAPPING,
  CUSTOMER_PREFIX,
  dealsMapping,
  HUBSPOT_INTERACTION_OBJECTS,
  type HubSpotCustomerObject,
  type HubSpotInteractionObject,
  type HubSpotObject,
  hubspotPreset,
  interactionMapping,
  requestedBy,
} from './presets.js';
export { hubspotRetryAdvice } from './retry-advice.js';
