/**
 * The canonical fields of each table: their kind (how a source value is parsed), whether a row needs one, and
 * the source column names recognised automatically when no mapping names a column for them.
 */
export type FieldKind = 'id' | 'text' | 'date' | 'number';

export interface FieldDef {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** Column names (compared ignoring case, spaces, `_` and `-`) that map to this field without a mapping. */
  readonly aliases: readonly string[];
  readonly description: string;
}

export type TableKind = 'transactions' | 'customers' | 'interactions';

export const TRANSACTION_FIELDS: readonly FieldDef[] = [
  {
    name: 'customerId',
    kind: 'id',
    required: true,
    aliases: ['customerid', 'customer'],
    description: 'who bought',
  },
  {
    name: 'date',
    kind: 'date',
    required: true,
    aliases: ['date', 'orderdate', 'transactiondate', 'invoicedate', 'purchasedate'],
    description: 'when (see the time-zone rule)',
  },
  {
    name: 'amount',
    kind: 'number',
    required: true,
    aliases: ['amount'],
    description: 'net value of the row; negative = return/refund',
  },
  {
    name: 'orderId',
    kind: 'text',
    required: false,
    aliases: ['orderid', 'order'],
    description: 'order / invoice',
  },
  { name: 'quantity', kind: 'number', required: false, aliases: ['quantity'], description: 'units' },
  {
    name: 'unitPrice',
    kind: 'number',
    required: false,
    aliases: ['unitprice'],
    description: 'price per unit',
  },
  {
    name: 'cost',
    kind: 'number',
    required: false,
    aliases: ['cost'],
    description: 'cost of goods (for margin)',
  },
  {
    name: 'product',
    kind: 'text',
    required: false,
    aliases: ['product', 'sku'],
    description: 'product id / SKU',
  },
  { name: 'category', kind: 'text', required: false, aliases: ['category'], description: 'product category' },
  { name: 'region', kind: 'text', required: false, aliases: ['region'], description: 'region / country' },
  { name: 'channel', kind: 'text', required: false, aliases: ['channel'], description: 'sales channel' },
  { name: 'currency', kind: 'text', required: false, aliases: ['currency'], description: 'ISO 4217 code' },
];

export const CUSTOMER_FIELDS: readonly FieldDef[] = [
  { name: 'id', kind: 'id', required: true, aliases: ['id', 'customerid'], description: 'customer id' },
  {
    name: 'name',
    kind: 'text',
    required: false,
    aliases: ['name', 'customername'],
    description: 'display name',
  },
  {
    name: 'createdAt',
    kind: 'date',
    required: false,
    aliases: ['createdat', 'created'],
    description: 'acquired',
  },
  { name: 'region', kind: 'text', required: false, aliases: ['region'], description: 'region / country' },
];

export const INTERACTION_FIELDS: readonly FieldDef[] = [
  { name: 'customerId', kind: 'id', required: true, aliases: ['customerid', 'customer'], description: 'who' },
  { name: 'date', kind: 'date', required: true, aliases: ['date'], description: 'when' },
  {
    name: 'type',
    kind: 'text',
    required: true,
    aliases: ['type'],
    description: 'complaint, ticket, call, …',
  },
  {
    name: 'satisfaction',
    kind: 'number',
    required: false,
    aliases: ['satisfaction', 'csat'],
    description: 'satisfaction score',
  },
];

export const FIELDS: Readonly<Record<TableKind, readonly FieldDef[]>> = {
  transactions: TRANSACTION_FIELDS,
  customers: CUSTOMER_FIELDS,
  interactions: INTERACTION_FIELDS,
};
