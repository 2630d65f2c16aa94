import { type ObjectMapping, type RecordFilter, sourcePaths, type ValueSource } from '@crm-lens/core';

/** Customer objects (read first: their ids seed the code space). */
export type SalesforceCustomerObject = 'Account' | 'Contact';
/** Transaction objects: won opportunities, or activated orders (headers) or their lines. */
export type SalesforceTransactionObject = 'Opportunity' | 'Order' | 'OrderItem';
/** Interaction objects: activities (tasks, events) and cases. */
export type SalesforceInteractionObject = 'Task' | 'Event' | 'Case';
export type SalesforceObject =
  | SalesforceCustomerObject
  | SalesforceTransactionObject
  | SalesforceInteractionObject;

/** The shipped object sets: what counts as a purchase. */
export type SalesforcePreset = 'opportunities' | 'orders' | 'order-items';

export interface SalesforceObjectSet {
  readonly customers: readonly SalesforceCustomerObject[];
  readonly transactions: readonly SalesforceTransactionObject[];
  readonly interactions: readonly SalesforceInteractionObject[];
}

const CUSTOMERS: readonly SalesforceCustomerObject[] = ['Account', 'Contact'];
export const SALESFORCE_INTERACTION_OBJECTS: readonly SalesforceInteractionObject[] = [
  'Task',
  'Event',
  'Case',
];

/**
 * `opportunities` (default): won opportunities are the purchases. `orders`: activated orders (Salesforce Order
 * Management / CPQ orgs), one transaction per order. `order-items`: the same orders line by line (product,
 * quantity, unit price) — for the cross-sell and sequence analyses. Never read `Order` and `OrderItem` together:
 * every line would be counted twice.
 */
export const SALESFORCE_PRESETS: Readonly<Record<SalesforcePreset, SalesforceObjectSet>> = {
  opportunities: {
    customers: CUSTOMERS,
    transactions: ['Opportunity'],
    interactions: SALESFORCE_INTERACTION_OBJECTS,
  },
  orders: { customers: CUSTOMERS, transactions: ['Order'], interactions: SALESFORCE_INTERACTION_OBJECTS },
  'order-items': {
    customers: CUSTOMERS,
    transactions: ['OrderItem'],
    interactions: SALESFORCE_INTERACTION_OBJECTS,
  },
};

/** Whether `name` is one of the shipped presets. */
export function isSalesforcePreset(name: unknown): name is SalesforcePreset {
  return typeof name === 'string' && Object.hasOwn(SALESFORCE_PRESETS, name);
}

/**
 * Record-id key prefixes of the standard objects (the first three characters of every Salesforce id). Ids are unique
 * across objects, so Account and Contact ids share one code space without a prefix of our own.
 */
export const KEY_PREFIX = { Account: '001', Contact: '003' } as const;

/** Added by {@link withActivityParties}: the activity's `WhatId` when it is an Account. */
export const WHAT_ACCOUNT = '$lens_what_account';
/** Added by {@link withActivityParties}: the activity's `WhoId` when it is a Contact (not a Lead). */
export const WHO_CONTACT = '$lens_who_contact';

/** Accounts → customers: `Name`, `CreatedDate`, `BillingCountry`; `Industry` as an attribute. */
export const ACCOUNT_MAPPING: ObjectMapping = {
  table: 'customers',
  id: 'Id',
  fields: { id: 'Id', name: 'Name', createdAt: 'CreatedDate', region: 'BillingCountry' },
  attributes: { industry: 'Industry' },
};

/** Contacts → customers: `Name` (the compound full name), `CreatedDate`, `MailingCountry` (no e-mail by default). */
export const CONTACT_MAPPING: ObjectMapping = {
  table: 'customers',
  id: 'Id',
  fields: { id: 'Id', name: 'Name', createdAt: 'CreatedDate', region: 'MailingCountry' },
};

/**
 * Won opportunities → transactions: `Amount` on `CloseDate` in `CurrencyIsoCode` (multi-currency orgs; mixed
 * currencies pass through), the opportunity id as the order id, its `AccountId` as the customer. `IsWon = true` is
 * asked of Salesforce (GraphQL `where`, SOQL `WHERE`) and checked again here.
 */
export const OPPORTUNITY_MAPPING: ObjectMapping = {
  table: 'transactions',
  id: 'Id',
  fields: {
    customerId: 'AccountId',
    date: 'CloseDate',
    amount: 'Amount',
    orderId: 'Id',
    currency: 'CurrencyIsoCode',
  },
  where: [{ path: 'IsWon', in: [true] }],
};

/** Activated orders → transactions: `TotalAmount` on `EffectiveDate`, customer `AccountId`. Draft orders are left out. */
export const ORDER_MAPPING: ObjectMapping = {
  table: 'transactions',
  id: 'Id',
  fields: {
    customerId: 'AccountId',
    date: 'EffectiveDate',
    amount: 'TotalAmount',
    orderId: 'Id',
    currency: 'CurrencyIsoCode',
  },
  where: [{ path: 'StatusCode', in: ['Activated'] }],
};

/**
 * Lines of activated orders → transactions: `TotalPrice` on the order's `EffectiveDate`, the order's `AccountId`,
 * `OrderId` as the order id, `Product2Id`, `Quantity`, `UnitPrice`.
 */
export const ORDER_ITEM_MAPPING: ObjectMapping = {
  table: 'transactions',
  id: 'Id',
  fields: {
    customerId: 'Order.AccountId',
    date: 'Order.EffectiveDate',
    amount: 'TotalPrice',
    orderId: 'OrderId',
    product: 'Product2Id',
    quantity: 'Quantity',
    unitPrice: 'UnitPrice',
    currency: 'CurrencyIsoCode',
  },
  where: [{ path: 'Order.StatusCode', in: ['Activated'] }],
};

/**
 * An activity's customer: its `AccountId` (which Salesforce derives from `WhatId` / `WhoId`), else `WhatId` when it
 * is an Account, else `WhoId` when it is a Contact. Activities about a Lead only are warned and skipped.
 */
const activityCustomer: ValueSource = { first: ['AccountId', WHAT_ACCOUNT, WHO_CONTACT] };

/** Tasks → interactions of type `task` on `ActivityDate` (the due date), else `CreatedDate`. */
export const TASK_MAPPING: ObjectMapping = {
  table: 'interactions',
  id: 'Id',
  fields: {
    customerId: activityCustomer,
    date: { first: ['ActivityDate', 'CreatedDate'] },
    type: { value: 'task' },
  },
};

/** Events → interactions of type `meeting` on `ActivityDateTime` (all-day events: `ActivityDate`). */
export const EVENT_MAPPING: ObjectMapping = {
  table: 'interactions',
  id: 'Id',
  fields: {
    customerId: activityCustomer,
    date: { first: ['ActivityDateTime', 'ActivityDate'] },
    type: { value: 'meeting' },
  },
};

/** Cases → interactions of type `case` on `CreatedDate`, customer `AccountId`, else `ContactId`. */
export const CASE_MAPPING: ObjectMapping = {
  table: 'interactions',
  id: 'Id',
  fields: {
    customerId: { first: ['AccountId', 'ContactId'] },
    date: 'CreatedDate',
    type: { value: 'case' },
  },
};

const MAPPINGS: Readonly<Record<SalesforceObject, ObjectMapping>> = {
  Account: ACCOUNT_MAPPING,
  Contact: CONTACT_MAPPING,
  Opportunity: OPPORTUNITY_MAPPING,
  Order: ORDER_MAPPING,
  OrderItem: ORDER_ITEM_MAPPING,
  Task: TASK_MAPPING,
  Event: EVENT_MAPPING,
  Case: CASE_MAPPING,
};

/** The shipped mapping of each object. */
export function salesforceMapping(object: SalesforceObject): ObjectMapping {
  const mapping = MAPPINGS[object];
  if (!mapping) throw new TypeError(`crm-lens reads no Salesforce object "${String(object)}"`);
  return mapping;
}

/** Activity objects, whose records are prepared with {@link withActivityParties}. */
export const ACTIVITY_OBJECTS: ReadonlySet<string> = new Set(['Task', 'Event']);

/**
 * `WhatId` and `WhoId` are polymorphic (an Account or an Opportunity; a Contact or a Lead). A mapping path cannot
 * test an id's object, so this adds {@link WHAT_ACCOUNT} (`WhatId` when it is an Account id) and {@link WHO_CONTACT}
 * (`WhoId` when it is a Contact id). Nothing else is changed.
 */
export function withActivityParties(record: Record<string, unknown>): Record<string, unknown> {
  const what = record.WhatId;
  const who = record.WhoId;
  const extra: Record<string, string> = {};
  if (typeof what === 'string' && what.startsWith(KEY_PREFIX.Account)) extra[WHAT_ACCOUNT] = what;
  if (typeof who === 'string' && who.startsWith(KEY_PREFIX.Contact)) extra[WHO_CONTACT] = who;
  return Object.keys(extra).length > 0 ? { ...record, ...extra } : record;
}

/** A field the query asks for: its path (`Order.EffectiveDate`) and whether the record is useless without it. */
export interface QueriedField {
  readonly path: string;
  /** The only source of a required canonical field, the record id, or a filter: never marked optional. */
  readonly required: boolean;
}

const REQUIRED: Readonly<Record<ObjectMapping['table'], readonly string[]>> = {
  customers: ['id'],
  transactions: ['customerId', 'date', 'amount'],
  interactions: ['customerId', 'date', 'type'],
};

const isFieldPath = (path: string) => /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(path);

/**
 * The Salesforce fields a mapping reads (API names, parent fields as `Parent.Field`), sorted with `Id` first: the
 * paths of its fields, attributes and filters and its id path; `$`-names (the adapter's own) left out; activities get
 * `WhatId` and `WhoId` when the mapping reads the parties derived from them. With `multiCurrency: false`,
 * `CurrencyIsoCode` (which exists only in multi-currency orgs) is left out.
 */
export function queriedFields(
  mapping: ObjectMapping,
  object: string,
  options: { readonly multiCurrency?: boolean } = {},
): QueriedField[] {
  const fields = new Map<string, boolean>();
  const add = (path: string, required: boolean) => {
    if (!isFieldPath(path)) return;
    if (options.multiCurrency === false && path.split('.').at(-1) === 'CurrencyIsoCode') return;
    fields.set(path, (fields.get(path) ?? false) || required);
  };
  const required = new Set(REQUIRED[mapping.table]);
  for (const [name, source] of Object.entries(mapping.fields)) {
    const direct = typeof source === 'string' || 'path' in source;
    for (const path of sourcePaths(source)) add(path, direct && required.has(name));
  }
  for (const source of Object.values(mapping.attributes ?? {})) {
    for (const path of sourcePaths(source)) add(path, false);
  }
  for (const filter of mapping.where ?? []) add(filter.path, true);
  add(mapping.id ?? 'Id', true);
  add('Id', true);
  if (ACTIVITY_OBJECTS.has(object)) {
    const all = [...Object.values(mapping.fields).flatMap(sourcePaths)];
    if (all.includes(WHAT_ACCOUNT)) add('WhatId', false);
    if (all.includes(WHO_CONTACT)) add('WhoId', false);
  }
  return [...fields]
    .map(([path, req]) => ({ path, required: req }))
    .sort((a, b) => (a.path === 'Id' ? -1 : b.path === 'Id' ? 1 : a.path.localeCompare(b.path)));
}

/** A mapping's `where` filters, to be asked of Salesforce too. */
export function serverFilters(mapping: ObjectMapping): readonly RecordFilter[] {
  return (mapping.where ?? []).filter((f) => isFieldPath(f.path));
}
