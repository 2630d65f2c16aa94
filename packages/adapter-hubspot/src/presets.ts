import { type ObjectMapping, sourcePaths, type ValueSource } from '@crm-lens/core';

/** The HubSpot CRM objects the adapter reads. */
export type HubSpotCustomerObject = 'companies' | 'contacts';
/** Engagements (activities) and tickets, read as interactions. */
export type HubSpotInteractionObject = 'calls' | 'emails' | 'meetings' | 'notes' | 'tickets';
export type HubSpotObject = HubSpotCustomerObject | 'deals' | HubSpotInteractionObject;

export const HUBSPOT_INTERACTION_OBJECTS: readonly HubSpotInteractionObject[] = [
  'calls',
  'emails',
  'meetings',
  'notes',
  'tickets',
];

/**
 * Customer ids carry their HubSpot object type, because a company and a contact can have the same numeric id:
 * `company:4242`, `contact:4242`. A deal's (or activity's) customer is its first associated company, else its
 * first associated contact.
 */
export const CUSTOMER_PREFIX: Readonly<Record<HubSpotCustomerObject, string>> = {
  companies: 'company:',
  contacts: 'contact:',
};

const associatedCustomer: ValueSource = {
  first: [
    { path: 'associations.companies.results[0].id', prefix: CUSTOMER_PREFIX.companies },
    { path: 'associations.contacts.results[0].id', prefix: CUSTOMER_PREFIX.contacts },
  ],
};

/** Companies → customers: name, created date, country; industry kept as an attribute. */
export const COMPANIES_MAPPING: ObjectMapping = {
  table: 'customers',
  fields: {
    id: { path: 'id', prefix: CUSTOMER_PREFIX.companies },
    name: 'properties.name',
    createdAt: 'properties.createdate',
    region: 'properties.country',
  },
  attributes: { industry: 'properties.industry' },
};

/** Contacts → customers: first + last name (no e-mail: add it with a mapping override if you want it shown). */
export const CONTACTS_MAPPING: ObjectMapping = {
  table: 'customers',
  fields: {
    id: { path: 'id', prefix: CUSTOMER_PREFIX.contacts },
    name: { join: ['properties.firstname', 'properties.lastname'] },
    createdAt: 'properties.createdate',
    region: 'properties.country',
  },
};

/**
 * Won deals → transactions: `amount` on `closedate`, in `deal_currency_code` (mixed currencies pass through),
 * the deal id as the order id, the associated company (else contact) as the customer. `wonStages` are the
 * `dealstage` ids that count as won: `closedwon` in the default pipeline; other pipelines have their own ids.
 */
export function dealsMapping(wonStages: readonly string[] = ['closedwon']): ObjectMapping {
  return {
    table: 'transactions',
    fields: {
      customerId: associatedCustomer,
      date: 'properties.closedate',
      amount: 'properties.amount',
      orderId: 'id',
      currency: 'properties.deal_currency_code',
    },
    where: [{ path: 'properties.dealstage', in: wonStages }],
  };
}

const TYPE: Readonly<Record<HubSpotInteractionObject, string>> = {
  calls: 'call',
  emails: 'email',
  meetings: 'meeting',
  notes: 'note',
  tickets: 'ticket',
};

/**
 * Engagements → interactions of type `call`, `email`, `meeting`, `note` at `hs_timestamp`; tickets → `ticket` at
 * `createdate`. The customer is the associated company, else contact.
 */
export function interactionMapping(object: HubSpotInteractionObject): ObjectMapping {
  return {
    table: 'interactions',
    fields: {
      customerId: associatedCustomer,
      date: object === 'tickets' ? 'properties.createdate' : 'properties.hs_timestamp',
      type: { value: TYPE[object] },
    },
  };
}

/** The shipped preset of each object. */
export function hubspotPreset(object: HubSpotObject, wonStages?: readonly string[]): ObjectMapping {
  if (object === 'companies') return COMPANIES_MAPPING;
  if (object === 'contacts') return CONTACTS_MAPPING;
  if (object === 'deals') return dealsMapping(wonStages);
  return interactionMapping(object);
}

/**
 * What to ask HubSpot for, read off a mapping: the properties (`properties.<name>…` paths) and the association
 * types (`associations.<type>…` paths). A mapping override automatically requests what it reads.
 */
export function requestedBy(mapping: ObjectMapping): { properties: string[]; associations: string[] } {
  const paths = [
    ...Object.values(mapping.fields).flatMap(sourcePaths),
    ...Object.values(mapping.attributes ?? {}).flatMap(sourcePaths),
    ...(mapping.where ?? []).map((f) => f.path),
  ];
  const properties = new Set<string>();
  const associations = new Set<string>();
  for (const path of paths) {
    const m = /^(properties|associations)(?:\.([^.[]+)|\["([^"]+)"\]|\['([^']+)'\])/.exec(path);
    if (!m) continue;
    const name = m[2] ?? m[3] ?? m[4]!;
    (m[1] === 'properties' ? properties : associations).add(name);
  }
  return { properties: [...properties].sort(), associations: [...associations].sort() };
}
