import {
  type Adapter,
  type AdapterStream,
  createAdapter,
  type ObjectMapping,
  type RetryOptions,
} from '@crm-lens/core';
import { modulePager, PAGE_NUMBER_LIMIT, withActivityParties } from './pager.js';
import {
  fieldsFor,
  ZOHO_ACTIVITY_MODULES,
  ZOHO_INTERACTION_MODULES,
  type ZohoCustomerModule,
  type ZohoInteractionModule,
  type ZohoModule,
  type ZohoTransactionModule,
  zohoPreset,
} from './presets.js';
import { sdkCaller } from './sdk-call.js';
import type { ZohoCrmApi } from './zoho-types.js';

export interface ZohoAdapterOptions {
  /**
   * The widget SDK's `ZOHO.CRM.API` (after `ZOHO.embeddedApp.init()`), or anything with its `getAllRecords`: tests
   * pass a stand-in that replays recorded pages. Calls run with the signed-in user's own Zoho session and
   * permissions; the page holds no token or secret.
   */
  readonly api: ZohoCrmApi;
  /** Customer modules, read first (default `['Accounts', 'Contacts']`). */
  readonly customers?: readonly ZohoCustomerModule[];
  /** Transaction modules (default `['Deals']`: won deals). */
  readonly transactions?: readonly ZohoTransactionModule[];
  /** Interaction modules (default `['Calls', 'Events', 'Tasks', 'Cases']`); `[]` for none. */
  readonly interactions?: readonly ZohoInteractionModule[];
  /** `Stage` values that count as won (default `['Closed Won']`; custom pipelines have their own). */
  readonly wonStages?: readonly string[];
  /** Records per call (default and Zoho's maximum: 200). */
  readonly perPage?: number;
  /** Records reachable by page number before page tokens take over (default 2,000, Zoho's limit). */
  readonly pageLimit?: number;
  /**
   * Retries of rate-limited calls (core's `RetryOptions`: default 5 retries, `Retry-After` when the host passes
   * one, else seeded backoff from 500 ms); `false` for none.
   */
  readonly retry?: RetryOptions | false;
  /** Replace a preset mapping per module; the fields it reads are requested automatically. */
  readonly mappings?: Readonly<Partial<Record<ZohoModule, ObjectMapping>>>;
}

/**
 * Read a Zoho CRM org into canonical rows from inside a Zoho CRM widget, through the widget JS SDK
 * (`ZOHO.CRM.API.getAllRecords`, paged by `page` / `info.more_records` and past 2,000 records by page tokens):
 * Accounts and Contacts (customers), won Deals (transactions), Calls, Meetings, Tasks and Cases (interactions).
 *
 * ```ts
 * await ZOHO.embeddedApp.init();
 * const adapter = zohoAdapter({ api: ZOHO.CRM.API });
 * const { input, warnings } = await collectAdapter(adapter, { signal });
 * ```
 */
export function zohoAdapter(options: ZohoAdapterOptions): Adapter {
  const call = sdkCaller(options.api, options.retry ?? {});
  const perPage = Math.max(1, Math.min(options.perPage ?? 200, 200));
  const pageLimit = options.pageLimit ?? PAGE_NUMBER_LIMIT;
  const modules: ZohoModule[] = [
    ...(options.customers ?? ['Accounts', 'Contacts']),
    ...(options.transactions ?? ['Deals']),
    ...(options.interactions ?? ZOHO_INTERACTION_MODULES),
  ];
  const stream = (module: ZohoModule): AdapterStream => {
    const mapping = options.mappings?.[module] ?? zohoPreset(module, options.wonStages);
    return {
      object: module,
      mapping,
      pages: modulePager(call, {
        entity: module,
        perPage,
        pageLimit,
        sortOrder: 'asc',
        fields: fieldsFor(mapping, module),
        ...(ZOHO_ACTIVITY_MODULES.has(module) ? { prepare: withActivityParties } : {}),
      }),
    };
  };
  return createAdapter('zoho', modules.map(stream));
}
