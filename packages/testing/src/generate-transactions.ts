import { type DatasetOptions, resolveDatasetOptions, STREAM } from './dataset-options.js';
import { DAY_MS, floorMinute } from './dates.js';
import { type GeneratedCustomers, generateCustomers } from './generate-customers.js';
import { decode, resized } from './growable.js';
import { categoryNames, paddedId } from './names.js';
import { substream } from './streams.js';
import { WeightedIndex, zipfWeights } from './weighted.js';

/**
 * Transactions (order lines), columnar, in the shape ingestion reads; all columns have one entry per row.
 * A type alias, not an interface, so it is assignable to ingestion's `Record<string, ArrayLike<unknown>>` input.
 */
export type TransactionColumns = {
  customerId: string[];
  /** Epoch ms UTC, whole minutes. */
  date: Float64Array;
  /** Net value in currency units, two decimals; negative for returns. */
  amount: Float64Array;
  /** `O0000001`, … (numbered in emission order); a return carries the id of the order it returns. */
  orderId: string[];
  /** Units; negative for returns. */
  quantity: Float64Array;
  /** `P0001`, … */
  product: string[];
  category: string[];
  /** The customer's region. */
  region: string[];
  channel: string[];
};

/** Chance that an order line comes from the customer's favourite category rather than the whole range. */
const FAVOURITE_SHARE = 0.5;
/** Chance that an order goes through the customer's preferred channel. */
const PREFERRED_CHANNEL_SHARE = 0.8;
/** Units per line: 1 + Poisson(this). */
const EXTRA_UNITS = 0.5;

const cents = (x: number) => Math.round(x * 100) / 100;

/**
 * Transactions for the customers of {@link generateCustomers} (made from the same options when not given).
 *
 * Each customer buys first at `truth.firstPurchase`, then at the points of a Poisson process of rate λ·(1 − p)
 * until the dropout time or the end of the window, and once more at `truth.dropoutAt` if that falls inside the
 * window (the purchase after which the customer leaves). Together this is exactly the BG/NBD purchase process:
 * E[repeat purchases in t days | λ, p] = (1 − e^(−λ·p·t)) / p. Order values follow the Gamma-Gamma model.
 *
 * Row order: customer by customer (in customer order), each customer's rows in date order, returns included.
 * The table as a whole is therefore NOT sorted by date, as in many real exports.
 */
export function generateTransactions(
  options: DatasetOptions = {},
  population: GeneratedCustomers = generateCustomers(options),
): TransactionColumns {
  const o = resolveDatasetOptions(options);
  const { customers, truth } = population;
  const n = customers.id.length;
  if (n !== o.customers) {
    throw new RangeError(`population has ${n} customers but options.customers is ${o.customers}`);
  }
  const random = substream(o.seed, STREAM.transactions);
  const end = o.endExclusive;

  // Products: Zipf popularity overall and within each category (product k is in category k mod categories).
  const categories = categoryNames(o.categories);
  const productWidth = Math.max(4, String(o.products).length);
  const productNames = Array.from({ length: o.products }, (_, k) => paddedId('P', k + 1, productWidth));
  const productCategory = productNames.map((_, k) => categories[k % o.categories]!);
  const weights = zipfWeights(o.products);
  const allProducts = new WeightedIndex(weights);
  const inCategory: number[][] = categories.map(() => []);
  for (let k = 0; k < o.products; k++) inCategory[k % o.categories]!.push(k);
  const categoryPicker = inCategory.map((members) =>
    members.length > 0 ? new WeightedIndex(members.map((k) => weights[k]!)) : undefined,
  );
  const categoryNumber = new Map(categories.map((c, k) => [c, k]));
  const channelNumber = new Map(o.channels.map((c, k) => [c, k]));

  // Rows are collected in typed arrays (names as codes into the name lists), grown by doubling, and become
  // exactly sized columns at the end. Writing them inline (not through a push method) keeps the hot loop free of
  // allocation.
  let capacity = Math.max(16, Math.ceil(n * 11 * o.basketSize));
  let rows = 0;
  let customerCode = new Int32Array(capacity);
  let date = new Float64Array(capacity);
  let amount = new Float64Array(capacity);
  let quantity = new Float64Array(capacity);
  let orderNumber = new Int32Array(capacity);
  let productCode = new Int32Array(capacity);
  let channelCode = new Int32Array(capacity);
  const grow = () => {
    capacity *= 2;
    customerCode = resized(customerCode, capacity);
    date = resized(date, capacity);
    amount = resized(amount, capacity);
    quantity = resized(quantity, capacity);
    orderNumber = resized(orderNumber, capacity);
    productCode = resized(productCode, capacity);
    channelCode = resized(channelCode, capacity);
  };

  const pushRow = (
    when: number,
    value: number,
    units: number,
    order: number,
    product: number,
    channel: number,
  ) => {
    if (rows === capacity) grow();
    customerCode[rows] = customer;
    date[rows] = when;
    amount[rows] = value;
    quantity[rows] = units;
    orderNumber[rows] = order;
    productCode[rows] = product;
    channelCode[rows] = channel;
    rows++;
  };

  // Returns waiting to be emitted for the current customer, kept sorted by date (a handful at most).
  const pendingDate: number[] = [];
  const pendingAmount: number[] = [];
  const pendingUnits: number[] = [];
  const pendingOrder: number[] = [];
  const pendingProduct: number[] = [];
  const pendingChannel: number[] = [];

  /** Emit the current customer's pending returns dated at or before `until`. */
  const flushReturns = (until: number): void => {
    let k = 0;
    while (k < pendingDate.length && pendingDate[k]! <= until) {
      pushRow(
        pendingDate[k]!,
        pendingAmount[k]!,
        pendingUnits[k]!,
        pendingOrder[k]!,
        pendingProduct[k]!,
        pendingChannel[k]!,
      );
      k++;
    }
    if (k > 0) {
      for (const pending of [
        pendingDate,
        pendingAmount,
        pendingUnits,
        pendingOrder,
        pendingProduct,
        pendingChannel,
      ]) {
        pending.splice(0, k);
      }
    }
  };

  const scheduleReturn = (
    when: number,
    value: number,
    units: number,
    order: number,
    product: number,
    channel: number,
  ) => {
    let at = pendingDate.length;
    while (at > 0 && pendingDate[at - 1]! > when) at--;
    pendingDate.splice(at, 0, when);
    pendingAmount.splice(at, 0, value);
    pendingUnits.splice(at, 0, units);
    pendingOrder.splice(at, 0, order);
    pendingProduct.splice(at, 0, product);
    pendingChannel.splice(at, 0, channel);
  };

  // The current customer and their traits, read by `order`.
  let customer = 0;
  let preferred = 0;
  let favourite: WeightedIndex | undefined;
  let favouriteMembers: number[] = [];
  let nu = 1;
  let orders = 0;
  // Per-order scratch (basket lines), grown when an order has more lines than any before.
  let lineProduct = new Int32Array(16);
  let lineAmount = new Float64Array(16);
  let lineUnits = new Int32Array(16);

  const drawProduct = () =>
    favourite && random.next() < FAVOURITE_SHARE
      ? favouriteMembers[favourite.draw(random)]!
      : allProducts.draw(random);

  /** One order by the current customer at `when`: one or more lines, and maybe a later return. */
  const order = (when: number): void => {
    flushReturns(when);
    const id = ++orders;
    const channel = random.next() < PREFERRED_CHANNEL_SHARE ? preferred : random.int(o.channels.length);
    const value = Math.max(0.01, cents(random.gamma(o.spendP, nu)));
    const lines = o.basketSize > 1 ? 1 + random.poisson(o.basketSize - 1) : 1;
    if (lines > lineProduct.length) {
      lineProduct = new Int32Array(lines * 2);
      lineAmount = new Float64Array(lines * 2);
      lineUnits = new Int32Array(lines * 2);
    }
    if (lines === 1) {
      lineProduct[0] = drawProduct();
      lineAmount[0] = value;
    } else {
      // Split the order value by Dirichlet(1, …, 1) shares; products distinct within the order when possible.
      let total = 0;
      for (let k = 0; k < lines; k++) {
        let product = drawProduct();
        for (let attempt = 0; attempt < 8 && lineProduct.subarray(0, k).includes(product); attempt++) {
          product = drawProduct();
        }
        lineProduct[k] = product;
        const share = random.exponential(1);
        lineAmount[k] = share;
        total += share;
      }
      for (let k = 0; k < lines; k++) lineAmount[k] = Math.max(0.01, cents((value * lineAmount[k]!) / total));
    }
    for (let k = 0; k < lines; k++) {
      const units = 1 + random.poisson(EXTRA_UNITS);
      lineUnits[k] = units;
      pushRow(when, lineAmount[k]!, units, id, lineProduct[k]!, channel);
    }
    if (o.returnRate > 0 && random.next() < o.returnRate) {
      const k = random.int(lines);
      const units = lineUnits[k]!;
      const returned = 1 + random.int(units);
      const back = floorMinute(when + (1 + 29 * random.next()) * DAY_MS);
      const refund = Math.max(0.01, cents((lineAmount[k]! * returned) / units));
      if (back < end) scheduleReturn(back, -refund, -returned, id, lineProduct[k]!, channel);
    }
  };

  for (let i = 0; i < n; i++) {
    customer = i;
    preferred = channelNumber.get(truth.preferredChannel[i]!) ?? 0;
    const favouriteNumber = categoryNumber.get(truth.favouriteCategory[i]!);
    favourite = favouriteNumber === undefined ? undefined : categoryPicker[favouriteNumber];
    favouriteMembers = favouriteNumber === undefined ? [] : inCategory[favouriteNumber]!;
    nu = truth.spendRate[i]!;

    const first = truth.firstPurchase[i]!;
    const dropoutAt = truth.dropoutAt[i]!;
    const horizon = Math.min(dropoutAt, end);
    const repeatRate = truth.purchaseRate[i]! * (1 - truth.dropoutProbability[i]!);
    order(first);
    let t = first;
    for (;;) {
      t += random.exponential(repeatRate) * DAY_MS;
      if (!(t < horizon)) break;
      order(floorMinute(t));
    }
    if (dropoutAt < end) order(dropoutAt);
    flushReturns(Number.POSITIVE_INFINITY);
  }

  const customerCodes = customerCode.subarray(0, rows);
  const productCodes = productCode.subarray(0, rows);
  const orderWidth = Math.max(7, String(orders).length);
  const orderId = new Array<string>(rows);
  for (let k = 0; k < rows; k++) orderId[k] = paddedId('O', orderNumber[k]!, orderWidth);
  return {
    customerId: decode(customerCodes, customers.id),
    date: date.slice(0, rows),
    amount: amount.slice(0, rows),
    orderId,
    quantity: quantity.slice(0, rows),
    product: decode(productCodes, productNames),
    category: decode(productCodes, productCategory),
    region: decode(customerCodes, customers.region),
    channel: decode(channelCode.subarray(0, rows), o.channels),
  };
}
