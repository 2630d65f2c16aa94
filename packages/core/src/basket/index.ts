// Cross-selling: order baskets, frequent itemsets (FP-growth), association rules and next-product suggestions.
export { customerItems, customerItemsSteps } from './customer-items.js';
export { type FpGrowthOptions, fpGrowth, fpGrowthSteps } from './fp-growth.js';
export {
  type BasketBuildReport,
  type BasketsFromTransactionsOptions,
  type BasketsFromTransactionsResult,
  basketsFromTransactions,
  basketsFromTransactionsSteps,
  type TransactionBaskets,
} from './from-transactions.js';
export {
  BASKET_LINE_ERROR_DESCRIPTIONS,
  type BasketLineError,
  type BasketLineErrorCode,
  type BasketParseReport,
  type ParseBasketLinesOptions,
  type ParsedBaskets,
  parseBasketLines,
  parseBasketLinesSteps,
} from './parse-basket-lines.js';
export {
  type AssociationRuleOptions,
  associationRules,
  associationRulesSteps,
  formatRule,
  itemNames,
} from './rules.js';
export {
  type Suggestion,
  type SuggestOptions,
  suggestForCustomers,
  suggestForCustomersSteps,
  suggestionsOf,
} from './suggest.js';
export type {
  AssociationRule,
  Baskets,
  FrequentItemsets,
  ItemLists,
  Itemset,
  Suggestions,
} from './types.js';
