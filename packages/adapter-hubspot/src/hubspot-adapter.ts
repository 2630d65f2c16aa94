import {
  type Adapter,
  type AdapterStream,
  createAdapter,
  fetchTransport,
  type ObjectMapping,
  type RetryOptions,
  retrying,
  type Transport,
} from '@crm-lens/core';
import { type HubSpotConnection, listPager, searchPager } from './pager.js';
import {
  HUBSPOT_INTERACTION_OBJECTS,
  type HubSpotCustomerObject,
  type HubSpotInteractionObject,
  type HubSpotObject,
  hubspotPreset,
  requestedBy,
} from './presets.js';
import { hubspotRetryAdvice } from './retry-advice.js';

export interface HubSpotDealOptions {
  /**
   * `list` (default): `GET /crm/v3/objects/deals` with associations inline; the won filter is applied here, so
   * every deal is read. `search`: `POST /crm/v3/objects/deals/search` filtered by stage on HubSpot's side, with
   * associations from the v4 batch read — fewer records, but at most 10,000 and a lower rate limit.
   */
  readonly mode?: 'list' | 'search';
  /** `dealstage` ids that count as won (default `['closedwon']`, the default pipeline's). */
  readonly wonStages?: readonly string[];
}

export interface HubSpotAdapterOptions {
  /**
   * Root the CRM API paths are appended to: in a browser, the token broker's proxy root
   * (`https://crm-lens-broker.example.com/api`); server side with your own authenticating transport,
   * `https://api.hubapi.com`.
   */
  readonly baseUrl: string;
  /**
   * Default: `fetchTransport()` (no cookies to another origin). For a broker on another origin that
   * authenticates users by cookie, pass `fetchTransport({ credentials: 'include' })` and start the broker with
   * `BROKER_ALLOW_CREDENTIALS=1`. Tests replay recorded pages here.
   */
  readonly transport?: Transport;
  /** Retries (default: 5, with `Retry-After` and HubSpot's rate-limit policies honoured); `false` for none. */
  readonly retry?: RetryOptions | false;
  /** Customer objects, read first (default `['companies', 'contacts']`). */
  readonly customers?: readonly HubSpotCustomerObject[];
  /** Won deals → transactions (default `true`); `false` to skip. */
  readonly deals?: boolean | HubSpotDealOptions;
  /** Engagements and tickets → interactions (default all: calls, emails, meetings, notes, tickets). */
  readonly interactions?: readonly HubSpotInteractionObject[];
  /** Records per request (default 100). */
  readonly pageSize?: number;
  /** Replace a preset mapping; the properties and associations it reads are requested automatically. */
  readonly mappings?: Readonly<Partial<Record<HubSpotObject, ObjectMapping>>>;
}

/**
 * Read a HubSpot portal into canonical rows: companies and contacts (customers), won deals (transactions) and
 * engagements (interactions), through CRM API v3 objects and v4 associations, cursor-paged by
 * `paging.next.after`. In a browser it talks to the partner's token broker, never to HubSpot with a secret.
 *
 * ```ts
 * const adapter = hubspotAdapter({ baseUrl: 'https://crm-lens-broker.example.com/api' });
 * const { input, warnings } = await collectAdapter(adapter, { signal });
 * const dataset = await ingestDataset(input);
 * ```
 */
export function hubspotAdapter(options: HubSpotAdapterOptions): Adapter {
  const base = options.transport ?? fetchTransport({ headers: { accept: 'application/json' } });
  const transport =
    options.retry === false ? base : retrying(base, { advice: hubspotRetryAdvice, ...options.retry });
  const connection: HubSpotConnection = { baseUrl: options.baseUrl.replace(/\/+$/, ''), transport };
  const pageSize = options.pageSize ?? 100;
  const deals: HubSpotDealOptions | undefined =
    options.deals === false
      ? undefined
      : options.deals === true || options.deals === undefined
        ? {}
        : options.deals;
  const wonStages = deals?.wonStages ?? ['closedwon'];
  const mapping = (object: HubSpotObject) => options.mappings?.[object] ?? hubspotPreset(object, wonStages);

  const stream = (object: HubSpotObject): AdapterStream => {
    const m = mapping(object);
    const request = { ...requestedBy(m), pageSize };
    const search = object === 'deals' && deals?.mode === 'search';
    return {
      object,
      mapping: m,
      pages: search
        ? searchPager(connection, object, request, [
            { filters: [{ propertyName: 'dealstage', operator: 'IN', values: wonStages }] },
          ])
        : listPager(connection, object, request),
    };
  };
  const objects: HubSpotObject[] = [
    ...(options.customers ?? ['companies', 'contacts']),
    ...(deals ? (['deals'] as const) : []),
    ...(options.interactions ?? HUBSPOT_INTERACTION_OBJECTS),
  ];
  return createAdapter('hubspot', objects.map(stream));
}
