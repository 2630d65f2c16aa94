import type { DatasetOptions } from './dataset-options.js';
import { type CustomerColumns, type CustomerTruth, generateCustomers } from './generate-customers.js';
import { generateInteractions, type InteractionColumns } from './generate-interactions.js';
import { generateTransactions, type TransactionColumns } from './generate-transactions.js';

/** A whole synthetic dataset: the three tables in ingestion shape, and the latent truth behind them. */
export interface GeneratedDataset {
  readonly customers: CustomerColumns;
  /** Customer by customer, not sorted by date overall (see {@link generateTransactions}). */
  readonly transactions: TransactionColumns;
  readonly interactions: InteractionColumns;
  /** Each customer's hidden parameters (rates, dropout time, spend): what models should recover. */
  readonly truth: CustomerTruth;
}

/**
 * Generate customers, transactions and interactions. Every part draws from its own stream of the seed, so
 * `generateDataset(o).transactions` equals `generateTransactions(o)`. Defaults: 1000 customers from
 * 2023-01-01 to 2024-12-31, about 10 orders a customer (see {@link DatasetOptions}).
 */
export function generateDataset(options: DatasetOptions = {}): GeneratedDataset {
  const population = generateCustomers(options);
  return {
    customers: population.customers,
    transactions: generateTransactions(options, population),
    interactions: generateInteractions(options, population),
    truth: population.truth,
  };
}
