import { type ObjectMapping, sourcePaths, type ValueSource } from '@crm-lens/core';

/** Customer tables (read first: their ids seed the code space). */
export type DynamicsCustomerTable = 'account' | 'contact';
/** Transaction tables: orders, invoices, or won opportunities. */
export type DynamicsTransactionTable = 'salesorder' | 'invoice' | 'opportunity';
/** Interaction tables: the activities (phone calls, e-mails, appointments, tasks) and cases. */
export type DynamicsInteractionTable = 'phonecall' | 'email' | 'appointment' | 'task' | 'incident';
/** A table the adapter has a preset for, by logical name (what `retrieveMultipleRecords` takes). */
export type DynamicsTable = DynamicsCustomerTable | DynamicsTransactionTable | DynamicsInteractionTable;

export const DYNAMICS_CUSTOMER_TABLES: readonly DynamicsCustomerTable[] = ['account', 'contact'];
export const DYNAMICS_TRANSACTION_TABLES: readonly DynamicsTransactionTable[] = [
  'salesorder',
  'invoice',
  'opportunity',
];
export const DYNAMICS_ACTIVITY_TABLES: readonly DynamicsInteractionTable[] = [
  'phonecall',
  'email',
  'appointment',
  'task',
];
export const DYNAMICS_INTERACTION_TABLES: readonly DynamicsInteractionTable[] = [
  ...DYNAMICS_ACTIVITY_TABLES,
  'incident',
];
export const DYNAMICS_TABLES: readonly DynamicsTable[] = [
  ...DYNAMICS_CUSTOMER_TABLES,
  ...DYNAMICS_TRANSACTION_TABLES,
  ...DYNAMICS_INTERACTION_TABLES,
];

/** Per table: its primary key, its entity set (the Web API's URL segment) and the default server-side `$filter`. */
export interface TableInfo {
  readonly primaryId: string;
  readonly entitySet: string;
  readonly filter?: string;
}

/**
 * The default `$filter` leaves out what is never a customer's value or contact: cancelled orders (salesorder
 * statecode 2) and invoices (statecode 3), opportunities that are not won (statecode 1 = Won), cancelled activities
 * (statecode 2) and activities about nothing, and cancelled cases (statecode 2). Customers are not filtered:
 * inactive accounts are exactly the ones a churn analysis must see.
 */
export const TABLES: Readonly<Record<DynamicsTable, TableInfo>> = {
  account: { primaryId: 'accountid', entitySet: 'accounts' },
  contact: { primaryId: 'contactid', entitySet: 'contacts' },
  salesorder: { primaryId: 'salesorderid', entitySet: 'salesorders', filter: 'statecode ne 2' },
  invoice: { primaryId: 'invoiceid', entitySet: 'invoices', filter: 'statecode ne 3' },
  opportunity: { primaryId: 'opportunityid', entitySet: 'opportunities', filter: 'statecode eq 1' },
  phonecall: {
    primaryId: 'activityid',
    entitySet: 'phonecalls',
    filter: 'statecode ne 2 and _regardingobjectid_value ne null',
  },
  email: {
    primaryId: 'activityid',
    entitySet: 'emails',
    filter: 'statecode ne 2 and _regardingobjectid_value ne null',
  },
  appointment: {
    primaryId: 'activityid',
    entitySet: 'appointments',
    filter: 'statecode ne 2 and _regardingobjectid_value ne null',
  },
  task: {
    primaryId: 'activityid',
    entitySet: 'tasks',
    filter: 'statecode ne 2 and _regardingobjectid_value ne null',
  },
  incident: { primaryId: 'incidentid', entitySet: 'incidents', filter: 'statecode ne 2' },
};

/**
 * Customer ids carry their table, since an account and a contact are different customers: `account:<guid>`,
 * `contact:<guid>` (GUIDs lower-case, as the Web API writes them). Transactions and interactions use the same form.
 */
export const CUSTOMER_PREFIX: Readonly<Record<DynamicsCustomerTable, string>> = {
  account: 'account:',
  contact: 'contact:',
};

/** The annotation of a lookup's table (`_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname`). */
export const LOOKUP_TABLE = '@Microsoft.Dynamics.CRM.lookuplogicalname';
/** The annotation of a formatted value (an option's label, a lookup's name, a date as the user reads it). */
export const FORMATTED_VALUE = '@OData.Community.Display.V1.FormattedValue';

/** Lookups that can point at one table only, for records that come without the lookup's table annotation. */
const SINGLE_TARGET: Readonly<Record<string, DynamicsCustomerTable>> = {
  parentaccountid: 'account',
  parentcontactid: 'contact',
  accountid: 'account',
  contactid: 'contact',
};

/**
 * Adds the keys the presets read, derived from a Web API record (a mapping path cannot test a lookup's table):
 * for each lookup `_<name>_value` whose table (the `lookuplogicalname` annotation) is an account or a contact,
 * `$lens_<name>` = `account:<guid>` / `contact:<guid>`; for every lookup with a table, `$lens_<name>_table`. Case
 * records also get `$lens_case_type`: `complaint` when `casetypecode` is one of `complaintCaseTypes`, else `case`.
 * Nothing else is changed.
 */
export function withDerivedKeys(
  record: Record<string, unknown>,
  complaintCaseTypes: readonly number[] = [],
): Record<string, unknown> {
  const derived: Record<string, string> = {};
  for (const key of Object.keys(record)) {
    const m = /^_(.+)_value$/.exec(key);
    if (!m) continue;
    const name = m[1]!;
    const guid = record[key];
    if (typeof guid !== 'string' || guid === '') continue;
    const annotated = record[`${key}${LOOKUP_TABLE}`];
    const table = typeof annotated === 'string' && annotated !== '' ? annotated : SINGLE_TARGET[name];
    if (table === undefined) continue;
    derived[`$lens_${name}_table`] = table;
    if (table === 'account' || table === 'contact') {
      derived[`$lens_${name}`] = `${table}:${guid.toLowerCase()}`;
    }
  }
  if ('incidentid' in record) {
    const type = Number(record.casetypecode);
    derived.$lens_case_type =
      record.casetypecode !== null && complaintCaseTypes.includes(type) ? 'complaint' : 'case';
  }
  return Object.keys(derived).length > 0 ? { ...record, ...derived } : record;
}

/** The transaction's currency: the ISO code of the expanded `transactioncurrencyid` (passed through, never converted). */
const CURRENCY: ValueSource = 'transactioncurrencyid.isocurrencycode';

/** Accounts → customers: `name`, `createdon`, `address1_country`; the industry's label as an attribute. */
export const ACCOUNT_MAPPING: ObjectMapping = {
  table: 'customers',
  id: 'accountid',
  fields: {
    id: { path: 'accountid', prefix: CUSTOMER_PREFIX.account },
    name: 'name',
    createdAt: 'createdon',
    region: 'address1_country',
  },
  attributes: { industry: `["industrycode${FORMATTED_VALUE}"]` },
};

/** Contacts → customers: `fullname` (else first and last name), `createdon`, `address1_country` (no e-mail). */
export const CONTACT_MAPPING: ObjectMapping = {
  table: 'customers',
  id: 'contactid',
  fields: {
    id: { path: 'contactid', prefix: CUSTOMER_PREFIX.contact },
    name: { first: ['fullname', { join: ['firstname', 'lastname'] }] },
    createdAt: 'createdon',
    region: 'address1_country',
  },
};

/** Orders → transactions: `totalamount` on `submitdate` (else `createdon`), in the order's currency. */
export const SALESORDER_MAPPING: ObjectMapping = {
  table: 'transactions',
  id: 'salesorderid',
  fields: {
    customerId: '$lens_customerid',
    date: { first: ['submitdate', 'createdon'] },
    amount: 'totalamount',
    orderId: 'salesorderid',
    currency: CURRENCY,
  },
};

/** Invoices → transactions: `totalamount` on `createdon` (Dataverse's invoice has no invoice-date column). */
export const INVOICE_MAPPING: ObjectMapping = {
  table: 'transactions',
  id: 'invoiceid',
  fields: {
    customerId: '$lens_customerid',
    date: 'createdon',
    amount: 'totalamount',
    orderId: 'invoiceid',
    currency: CURRENCY,
  },
};

/**
 * Won opportunities → transactions: `actualvalue` on `actualclosedate`; the customer is `customerid`, else the
 * parent account, else the parent contact. Only `statecode` 1 (Won) counts (also filtered on the server).
 */
export const OPPORTUNITY_MAPPING: ObjectMapping = {
  table: 'transactions',
  id: 'opportunityid',
  fields: {
    customerId: { first: ['$lens_customerid', '$lens_parentaccountid', '$lens_parentcontactid'] },
    date: 'actualclosedate',
    amount: 'actualvalue',
    orderId: 'opportunityid',
    currency: CURRENCY,
  },
  where: [{ path: 'statecode', in: [1] }],
};

/** The interaction type and date of each activity table. */
const ACTIVITY: Readonly<
  Record<Exclude<DynamicsInteractionTable, 'incident'>, { type: string; date: readonly string[] }>
> = {
  phonecall: { type: 'call', date: ['actualend', 'scheduledend', 'createdon'] },
  email: { type: 'email', date: ['senton', 'actualend', 'createdon'] },
  appointment: { type: 'meeting', date: ['actualstart', 'scheduledstart', 'createdon'] },
  task: { type: 'task', date: ['actualend', 'scheduledend', 'createdon'] },
};

/**
 * Activities → interactions of type `call` / `email` / `meeting` / `task`, dated when they happened (else when
 * planned, else created). The customer is the account or contact the activity is regarding; activities regarding
 * anything else (an opportunity, a case) are counted as filtered, not warned.
 */
export function activityMapping(table: Exclude<DynamicsInteractionTable, 'incident'>): ObjectMapping {
  const { type, date } = ACTIVITY[table];
  return {
    table: 'interactions',
    id: 'activityid',
    fields: { customerId: '$lens_regardingobjectid', date: { first: date }, type: { value: type } },
    where: [{ path: '$lens_regardingobjectid_table', in: ['account', 'contact'] }],
  };
}

/**
 * Cases → interactions: `createdon`, the case's customer, type `case` (or `complaint` for the case types named by
 * the adapter's `complaintCaseTypes`), and the customer-satisfaction option (1 very dissatisfied … 5 very
 * satisfied) as `satisfaction`.
 */
export const INCIDENT_MAPPING: ObjectMapping = {
  table: 'interactions',
  id: 'incidentid',
  fields: {
    customerId: '$lens_customerid',
    date: 'createdon',
    type: '$lens_case_type',
    satisfaction: 'customersatisfactioncode',
  },
};

/** The shipped preset of each table. */
export function dynamicsPreset(table: DynamicsTable): ObjectMapping {
  switch (table) {
    case 'account':
      return ACCOUNT_MAPPING;
    case 'contact':
      return CONTACT_MAPPING;
    case 'salesorder':
      return SALESORDER_MAPPING;
    case 'invoice':
      return INVOICE_MAPPING;
    case 'opportunity':
      return OPPORTUNITY_MAPPING;
    case 'incident':
      return INCIDENT_MAPPING;
    default:
      return activityMapping(table);
  }
}

/** A path's first segment and the rest (`transactioncurrencyid.isocurrencycode` → both; `["a@b"]` → `a@b`). */
function splitPath(path: string): { head: string; rest: string | undefined } | undefined {
  const m = /^(?:\["([^"]+)"\]|\['([^']+)'\]|([^.[]+))(?:\.([^.[]+)|\["([^"]+)"\])?/.exec(path);
  if (!m) return undefined;
  return { head: (m[1] ?? m[2] ?? m[3])!, rest: m[4] ?? m[5] };
}

/** The columns a mapping reads, for `$select` and `$expand`. */
export interface TableColumns {
  /** Attributes, in `$select` form (`name`, `_customerid_value`, `statecode`). */
  readonly select: readonly string[];
  /** Single-valued navigation properties → the attributes read from them (`transactioncurrencyid` → `isocurrencycode`). */
  readonly expand: Readonly<Record<string, readonly string[]>>;
}

/**
 * The columns a mapping reads: top-level names of its paths, with annotations (`x@OData…`) read as their
 * attribute, the adapter's derived keys (`$lens_customerid`, `$lens_customerid_table`) as their lookup
 * (`_customerid_value`) and `$lens_case_type` as `casetypecode`; a nested path (`transactioncurrencyid.
 * isocurrencycode`) is an `$expand`. The table's primary key is always selected.
 */
export function columnsFor(mapping: ObjectMapping, table: string): TableColumns {
  const paths = [
    ...Object.values(mapping.fields).flatMap(sourcePaths),
    ...Object.values(mapping.attributes ?? {}).flatMap(sourcePaths),
    ...(mapping.where ?? []).map((f) => f.path),
    ...(mapping.id ? [mapping.id] : []),
  ];
  const select = new Set<string>();
  const primaryId = (TABLES as Record<string, TableInfo | undefined>)[table]?.primaryId;
  if (primaryId) select.add(primaryId);
  const expand = new Map<string, Set<string>>();
  for (const path of paths) {
    const parts = splitPath(path);
    if (!parts) continue;
    const head = parts.head.split('@')[0]!;
    if (head === '' || head.startsWith('@')) continue;
    if (head.startsWith('$lens_')) {
      if (head === '$lens_case_type') select.add('casetypecode');
      const lookup = /^\$lens_(.+?)(?:_table)?$/.exec(head)?.[1];
      if (lookup && head !== '$lens_case_type') select.add(`_${lookup}_value`);
      continue;
    }
    if (head.startsWith('$')) continue;
    if (parts.rest !== undefined && !parts.head.includes('@')) {
      const attrs = expand.get(head) ?? new Set<string>();
      attrs.add(parts.rest.split('@')[0]!);
      expand.set(head, attrs);
      continue;
    }
    select.add(head);
  }
  return {
    select: [...select].sort(),
    expand: Object.fromEntries([...expand].map(([k, v]) => [k, [...v].sort()])),
  };
}

/**
 * The first page's OData query: `?$select=…[&$expand=nav($select=…)][&$filter=…]`, written as the client API's
 * examples write it (not percent-encoded; the host encodes it).
 */
export function queryFor(columns: TableColumns, filter: string | undefined): string {
  const parts = [`$select=${columns.select.join(',')}`];
  const expand = Object.entries(columns.expand).map(([nav, attrs]) => `${nav}($select=${attrs.join(',')})`);
  if (expand.length > 0) parts.push(`$expand=${expand.join(',')}`);
  if (filter !== undefined && filter !== '') parts.push(`$filter=${filter}`);
  return `?${parts.join('&')}`;
}

/**
 * The dataset column names a mapping reads (for a view's records): attribute logical names, lookups by their
 * own name (`customerid`, not `_customerid_value`), navigation properties by the lookup's name; not the primary
 * key (a dataset record's id).
 */
export function datasetColumnsFor(columns: TableColumns, table: string): string[] {
  const primaryId = (TABLES as Record<string, TableInfo | undefined>)[table]?.primaryId;
  const names = new Set<string>();
  for (const s of columns.select) names.add(/^_(.+)_value$/.exec(s)?.[1] ?? s);
  for (const nav of Object.keys(columns.expand)) names.add(nav);
  if (primaryId) names.delete(primaryId);
  return [...names].sort();
}
