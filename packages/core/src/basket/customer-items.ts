import { forChunks, runWork, type Work } from '../util/work.js';
import { type CompactState, sortCompactRange } from './sort-lists.js';
import type { Baskets, ItemLists } from './types.js';

const BASKET_COST = 10;
const ITEM_COST = 12;

/**
 * What each customer has bought: for every customer code of `baskets.customer.dictionary`, the distinct items of
 * all that customer's baskets (an empty list for a customer without a basket). Baskets without a customer
 * (code −1) are left out. Throws a `RangeError` when the baskets carry no customers.
 */
export function customerItems(baskets: Baskets): ItemLists {
  return runWork(customerItemsSteps(baskets));
}

interface GatherState {
  readonly offsets: Int32Array;
  readonly items: Int32Array;
  readonly customer: Int32Array;
  readonly customers: number;
  /** Per customer: first a count, then the next free slot. */
  readonly slot: Int32Array;
  readonly gathered: Int32Array;
}

function countRange(s: GatherState, from: number, to: number): void {
  const { offsets, customer, slot, customers } = s;
  for (let b = from; b < to; b++) {
    const c = customer[b]!;
    if (c >= 0 && c < customers) slot[c]! += offsets[b + 1]! - offsets[b]!;
  }
}

function gatherRange(s: GatherState, from: number, to: number): void {
  const { offsets, items, customer, slot, gathered, customers } = s;
  for (let b = from; b < to; b++) {
    const c = customer[b]!;
    if (c < 0 || c >= customers) continue;
    let w = slot[c]!;
    for (let i = offsets[b]!; i < offsets[b + 1]!; i++) gathered[w++] = items[i]!;
    slot[c] = w;
  }
}

/** {@link customerItems} as cooperative work. */
export function* customerItemsSteps(baskets: Baskets): Work<ItemLists> {
  const column = baskets.customer;
  if (!column) throw new RangeError('customerItems: the baskets carry no customers');
  if (column.codes.length !== baskets.length) {
    throw new RangeError(
      `customerItems: ${column.codes.length} customer codes for ${baskets.length} baskets`,
    );
  }
  const customers = column.dictionary.length;
  const state: GatherState = {
    offsets: baskets.offsets,
    items: baskets.items,
    customer: column.codes,
    customers,
    slot: new Int32Array(customers),
    gathered: new Int32Array(0),
  };
  yield* forChunks(baskets.length, BASKET_COST, countRange, state);
  const offsets = new Int32Array(customers + 1);
  for (let c = 0; c < customers; c++) offsets[c + 1] = offsets[c]! + state.slot[c]!;
  const gather: GatherState = {
    ...state,
    slot: offsets.slice(0, customers),
    gathered: new Int32Array(offsets[customers]!),
  };
  const perBasket = baskets.length > 0 ? baskets.items.length / baskets.length : 0;
  yield* forChunks(baskets.length, BASKET_COST + ITEM_COST * perBasket, gatherRange, gather);
  const compact: CompactState = {
    offsets,
    items: gather.gathered,
    outOffsets: new Int32Array(customers + 1),
    out: new Int32Array(gather.gathered.length),
    written: 0,
    repeats: 0,
  };
  const perCustomer = customers > 0 ? gather.gathered.length / customers : 0;
  yield* forChunks(customers, ITEM_COST * (1 + perCustomer), sortCompactRange, compact);
  return {
    offsets: compact.outOffsets,
    items: compact.written === compact.out.length ? compact.out : compact.out.slice(0, compact.written),
  };
}
