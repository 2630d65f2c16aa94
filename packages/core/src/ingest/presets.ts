import type { TransactionIngestOptions } from './options.js';

/** A named mapping for a known export format. */
export interface IngestPreset {
  readonly name: string;
  readonly description: string;
  readonly options: TransactionIngestOptions;
}

/** Presets for the reference data sets (../shared/data); also examples of complete mappings. */
export const PRESETS: Readonly<Record<string, IngestPreset>> = {
  'cdnow-master': {
    name: 'cdnow-master',
    description:
      'CDNOW_master.txt: whitespace-separated "customer_id date number_of_cds dollar_value", YYYYMMDD dates (Fader, Hardie & Lee)',
    options: {
      format: 'whitespace',
      header: true,
      dateFormat: 'yyyymmdd',
      mapping: {
        customerId: { column: 'customer_id', integer: true },
        date: 'date',
        quantity: 'number_of_cds',
        amount: 'dollar_value',
        currency: { value: 'USD' },
      },
    },
  },
  'cdnow-sample': {
    name: 'cdnow-sample',
    description:
      'CDNOW_sample.txt: whitespace-separated, no header: master_id sample_id(1..2357) YYYYMMDD cds dollars; customer = sample_id',
    options: {
      format: 'whitespace',
      header: false,
      dateFormat: 'yyyymmdd',
      mapping: {
        customerId: { column: '2', integer: true },
        date: '3',
        quantity: '4',
        amount: '5',
        currency: { value: 'USD' },
      },
    },
  },
  'online-retail': {
    name: 'online-retail',
    description:
      'UCI Online Retail: CSV; amount = Quantity × UnitPrice; an InvoiceNo starting with "C" is a cancellation; CustomerID written as 17850.0',
    options: {
      format: 'csv',
      header: true,
      dateFormat: 'iso',
      cancellationPrefix: 'C',
      mapping: {
        customerId: { column: 'CustomerID', integer: true },
        date: 'InvoiceDate',
        orderId: 'InvoiceNo',
        product: 'StockCode',
        quantity: 'Quantity',
        unitPrice: 'UnitPrice',
        amount: { expr: 'Quantity * UnitPrice' },
        region: 'Country',
        currency: { value: 'GBP' },
      },
    },
  },
};
