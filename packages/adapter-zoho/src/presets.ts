import { type ObjectMapping, sourcePaths, type ValueSource } from '@crm-lens/core';

/** Customer modules (read first: their ids seed the code space). */
export type ZohoCustomerModule = 'Accounts' | 'Contacts';
/** Transaction modules: won deals, or orders / invoices (Zoho CRM's inventory modules). */
export type ZohoTransactionModule = 'Deals' | 'Sales_Orders' | 'Invoices';
/** Interaction modules. Meetings are the `Events` module in the API. */
export type ZohoInteractionModule = 'Calls' | 'Events' | 'Tasks' | 'Cases';
export type ZohoModule = ZohoCustomerModule | ZohoTransactionModule | ZohoInteractionModule;

export const ZOHO_INTERACTION_MODULES: readonly ZohoInteractionModule[] = [
  'Calls',
  'Events',
  'Tasks',
  'Cases',
];

/** Activity modules whose customer is `What_Id` (+ `$se_module`) / `Who_Id`. */
export const ZOHO_ACTIVITY_MODULES: ReadonlySet<string> = new Set(['Calls', 'Events', 'Tasks']);

/**
 * Customer ids carry their module, since an Account and a Contact are different customers: `account:<id>`,
 * `contact:<id>`. Transactions and interactions use the same prefixes.
 */
export const CUSTOMER_PREFIX: Readonly<Record<ZohoCustomerModule, string>> = {
  Accounts: 'account:',
  Contacts: 'contact:',
};

/** The related Account (lookup `Account_Name`), else the Contact (`Contact_Name`). */
const relatedCustomer: ValueSource = {
  first: [
    { path: 'Account_Name.id', prefix: CUSTOMER_PREFIX.Accounts },
    { path: 'Contact_Name.id', prefix: CUSTOMER_PREFIX.Contacts },
  ],
};

/** Accounts → customers: `Account_Name`, `Created_Time`, `Billing_Country`; `Industry` as an attribute. */
export const ACCOUNTS_MAPPING: ObjectMapping = {
  table: 'customers',
  fields: {
    id: { path: 'id', prefix: CUSTOMER_PREFIX.Accounts },
    name: 'Account_Name',
    createdAt: 'Created_Time',
    region: 'Billing_Country',
  },
  attributes: { industry: 'Industry' },
};

/** Contacts → customers: `First_Name Last_Name`, `Created_Time`, `Mailing_Country` (no e-mail by default). */
export const CONTACTS_MAPPING: ObjectMapping = {
  table: 'customers',
  fields: {
    id: { path: 'id', prefix: CUSTOMER_PREFIX.Contacts },
    name: { join: ['First_Name', 'Last_Name'] },
    createdAt: 'Created_Time',
    region: 'Mailing_Country',
  },
};

/**
 * Won deals → transactions: `Amount` on `Closing_Date`, in `Currency` (present when the org has multiple
 * currencies; mixed currencies pass through), the deal id as the order id, the related Account (else Contact) as
 * the customer. Only deals whose `Stage` is one of `wonStages` (default `Closed Won`) count; the rest are filtered.
 */
export function dealsMapping(wonStages: readonly string[] = ['Closed Won']): ObjectMapping {
  return {
    table: 'transactions',
    fields: {
      customerId: relatedCustomer,
      date: 'Closing_Date',
      amount: 'Amount',
      orderId: 'id',
      currency: 'Currency',
    },
    where: [{ path: 'Stage', in: wonStages }],
  };
}

/** Sales orders → transactions: `Grand_Total` on `Created_Time` (Zoho has no order-date field by default). */
export const SALES_ORDERS_MAPPING: ObjectMapping = {
  table: 'transactions',
  fields: {
    customerId: relatedCustomer,
    date: 'Created_Time',
    amount: 'Grand_Total',
    orderId: 'id',
    currency: 'Currency',
  },
};

/** Invoices → transactions: `Grand_Total` on `Invoice_Date`. */
export const INVOICES_MAPPING: ObjectMapping = {
  table: 'transactions',
  fields: {
    customerId: relatedCustomer,
    date: 'Invoice_Date',
    amount: 'Grand_Total',
    orderId: 'id',
    currency: 'Currency',
  },
};

/** An activity's customer: the Account it is about (`What_Id` with `$se_module` Accounts), else its Contact. */
const activityCustomer: ValueSource = {
  first: [
    { path: '$lens_account_id', prefix: CUSTOMER_PREFIX.Accounts },
    { path: 'Who_Id.id', prefix: CUSTOMER_PREFIX.Contacts },
  ],
};

/**
 * Calls (`Call_Start_Time`), meetings (`Events`, `Start_DateTime`), tasks (`Due_Date`, else `Created_Time`) and
 * cases (`Created_Time`, customer `Account_Name`, else the `Related_To` contact) → interactions of type `call`,
 * `meeting`, `task`, `case`.
 */
export function interactionMapping(module: ZohoInteractionModule): ObjectMapping {
  if (module === 'Cases') {
    return {
      table: 'interactions',
      fields: {
        customerId: {
          first: [
            { path: 'Account_Name.id', prefix: CUSTOMER_PREFIX.Accounts },
            { path: 'Related_To.id', prefix: CUSTOMER_PREFIX.Contacts },
          ],
        },
        date: 'Created_Time',
        type: { value: 'case' },
      },
    };
  }
  const date: Record<Exclude<ZohoInteractionModule, 'Cases'>, ValueSource> = {
    Calls: 'Call_Start_Time',
    Events: 'Start_DateTime',
    Tasks: { first: ['Due_Date', 'Created_Time'] },
  };
  const type = { Calls: 'call', Events: 'meeting', Tasks: 'task' } as const;
  return {
    table: 'interactions',
    fields: { customerId: activityCustomer, date: date[module], type: { value: type[module] } },
  };
}

/** The shipped preset of each module. */
export function zohoPreset(module: ZohoModule, wonStages?: readonly string[]): ObjectMapping {
  switch (module) {
    case 'Accounts':
      return ACCOUNTS_MAPPING;
    case 'Contacts':
      return CONTACTS_MAPPING;
    case 'Deals':
      return dealsMapping(wonStages);
    case 'Sales_Orders':
      return SALES_ORDERS_MAPPING;
    case 'Invoices':
      return INVOICES_MAPPING;
    default:
      return interactionMapping(module);
  }
}

/**
 * The field API names a mapping reads (top-level names of its paths), for the `fields` parameter: `id` and
 * `$`-names (system fields, and the adapter's own `$lens_account_id`) left out; activities always get `What_Id`
 * and `Who_Id`. A mapping override asks for what it reads.
 */
export function fieldsFor(mapping: ObjectMapping, module: string): string[] {
  const paths = [
    ...Object.values(mapping.fields).flatMap(sourcePaths),
    ...Object.values(mapping.attributes ?? {}).flatMap(sourcePaths),
    ...(mapping.where ?? []).map((f) => f.path),
  ];
  const fields = new Set<string>();
  for (const path of paths) {
    const m = /^(?:\["([^"]+)"\]|\['([^']+)'\]|([^.[]+))/.exec(path);
    const name = m?.[1] ?? m?.[2] ?? m?.[3];
    if (name && name !== 'id' && !name.startsWith('$')) fields.add(name);
  }
  if (ZOHO_ACTIVITY_MODULES.has(module) && paths.some((p) => p.startsWith('$lens_account_id'))) {
    fields.add('What_Id');
  }
  return [...fields].sort();
}
