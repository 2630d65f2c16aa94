import type { DictColumn } from '../schema/columns.js';

/**
 * Lists of item codes in compressed-sparse-row form: list `b` is `items[offsets[b] … offsets[b + 1] − 1]`, its
 * codes sorted ascending and unique. Baskets, a customer's items and suggestions all use this shape.
 */
export interface ItemLists {
  /** `length + 1` entries, `offsets[0] = 0`, non-decreasing. */
  readonly offsets: Int32Array;
  /** Item codes (indices into an item dictionary), sorted ascending and unique within each list. */
  readonly items: Int32Array;
}

/**
 * Order baskets: one list of distinct item codes per basket (order, receipt, line of a basket file).
 * Item code `k` is the item `dictionary[k]`; a dictionary may hold items no basket contains.
 */
export interface Baskets extends ItemLists {
  /** Number of baskets (`offsets.length − 1`). */
  readonly length: number;
  /** Item names by code. */
  readonly dictionary: readonly string[];
  /**
   * The customer of each basket (`codes[b]`, −1 when unknown) and the customer ids; present for baskets built
   * from a transaction table (the table's customer dictionary, so codes match the table's).
   */
  readonly customer?: DictColumn;
  /** The order id of each basket, into the table's order-id dictionary (baskets from a transaction table). */
  readonly order?: DictColumn;
}

/** A frequent itemset: item codes sorted ascending, the number of baskets containing all of them, and count / n. */
export interface Itemset {
  readonly items: Int32Array;
  readonly count: number;
  readonly support: number;
}

/** What {@link fpGrowth} found: every itemset of at most `maxLength` items with support ≥ `minSupport`. */
export interface FrequentItemsets {
  /** Ordered by size, then count descending, then item codes lexicographically. */
  readonly itemsets: readonly Itemset[];
  /** Number of baskets mined (the denominator of every support). */
  readonly baskets: number;
  readonly minSupport: number;
  /** The smallest count whose support `count / baskets` is ≥ `minSupport` (at least 1). */
  readonly minCount: number;
  readonly maxLength: number;
  /** Baskets containing each item code (every item, frequent or not). */
  readonly itemCounts: Int32Array;
  /** Item names by code (the baskets' dictionary). */
  readonly dictionary: readonly string[];
}

/**
 * An association rule X ⇒ Y (antecedent X, consequent Y, disjoint, both sorted item codes) with
 * support = P(X ∪ Y), confidence = P(Y | X), lift = confidence / P(Y), leverage = P(X ∪ Y) − P(X)·P(Y) and
 * conviction = (1 − P(Y)) / (1 − confidence) (`Infinity` at confidence 1), all over baskets.
 */
export interface AssociationRule {
  readonly antecedent: Int32Array;
  readonly consequent: Int32Array;
  /** Baskets containing X ∪ Y. */
  readonly count: number;
  readonly support: number;
  readonly confidence: number;
  readonly lift: number;
  readonly leverage: number;
  readonly conviction: number;
}

/**
 * Next-product suggestions per customer, columnar: customer `c`'s suggestions, best first, are the entries
 * `offsets[c] … offsets[c + 1] − 1` of `item` (the suggested item code), `rule` (index of the rule that produced
 * it in the rules passed in) and `score` (that rule's confidence × lift).
 */
export interface Suggestions {
  readonly offsets: Int32Array;
  readonly item: Int32Array;
  readonly rule: Int32Array;
  readonly score: Float64Array;
}
