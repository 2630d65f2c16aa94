import type { CustomerTable } from '../schema/customers.js';
import type { InteractionTable } from '../schema/interactions.js';
import type { TransactionTable } from '../schema/transactions.js';
import { ingestCustomers } from './ingest-customers.js';
import { ingestInteractions } from './ingest-interactions.js';
import { ingestTransactions } from './ingest-transactions.js';
import type { IngestOptions, TransactionIngestOptions } from './options.js';
import type { IngestInput } from './record-source.js';
import type { IngestReport } from './report.js';

export interface DatasetInput {
  transactions: IngestInput;
  customers?: IngestInput;
  interactions?: IngestInput;
}

export interface DatasetOptions {
  transactions?: TransactionIngestOptions;
  customers?: IngestOptions;
  interactions?: IngestOptions;
}

/** The three canonical tables, sharing one customer code space. */
export interface Dataset {
  readonly transactions: TransactionTable;
  readonly customers?: CustomerTable;
  readonly interactions?: InteractionTable;
  readonly reports: {
    readonly transactions: IngestReport;
    readonly customers?: IngestReport;
    readonly interactions?: IngestReport;
  };
}

/**
 * Ingest customers (if given), then transactions and interactions against them: transactions for ids missing
 * from the customers table are flagged `unknown-customer`, and all three tables share one customer code space
 * (the customers table's ids come first, in its order), so per-customer arrays line up.
 */
export async function ingestDataset(input: DatasetInput, options: DatasetOptions = {}): Promise<Dataset> {
  const customers = input.customers ? await ingestCustomers(input.customers, options.customers) : undefined;
  const transactions = await ingestTransactions(input.transactions, {
    ...options.transactions,
    ...(customers ? { knownCustomers: customers.table.id.dictionary } : {}),
  });
  const interactions = input.interactions
    ? await ingestInteractions(input.interactions, {
        ...options.interactions,
        knownCustomers: transactions.table.customer.dictionary,
      })
    : undefined;
  return {
    transactions: transactions.table,
    ...(customers ? { customers: customers.table } : {}),
    ...(interactions ? { interactions: interactions.table } : {}),
    reports: {
      transactions: transactions.report,
      ...(customers ? { customers: customers.report } : {}),
      ...(interactions ? { interactions: interactions.report } : {}),
    },
  };
}
