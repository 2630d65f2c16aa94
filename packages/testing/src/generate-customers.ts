import { type DatasetOptions, resolveDatasetOptions, STREAM } from './dataset-options.js';
import { DAY_MS, floorMinute } from './dates.js';
import { categoryNames, FIRST_NAMES, LAST_NAMES, paddedId } from './names.js';
import { substream } from './streams.js';
import { WeightedIndex, zipfWeights } from './weighted.js';

/**
 * Customers, columnar, in the shape ingestion reads (`segment` becomes a free attribute).
 * A type alias, not an interface, so it is assignable to ingestion's `Record<string, ArrayLike<unknown>>` input.
 */
export type CustomerColumns = {
  /** `C000001`, `C000002`, … (at least six digits). */
  id: string[];
  name: string[];
  /** When the customer was created (epoch ms UTC): on or up to two days before the first purchase, never before `start`. */
  createdAt: Float64Array;
  region: string[];
  segment: string[];
};

/**
 * The hidden truth behind each customer (same order as the customer columns): what a model should recover.
 * Not part of any ingestion shape: keep it out of the tables you ingest.
 */
export interface CustomerTruth {
  /** λ: purchases per day while the customer is alive. */
  purchaseRate: Float64Array;
  /** p: probability of dropping out after each repeat purchase. */
  dropoutProbability: Float64Array;
  /** Time of the first purchase (epoch ms), uniform over the window; the purchase process starts here. */
  firstPurchase: Float64Array;
  /**
   * When the customer drops out: the time of the repeat purchase after which they leave (epoch ms). A value at
   * or after the end of the window (possibly Infinity) means the customer is still alive at the end.
   */
  dropoutAt: Float64Array;
  /** ν: the Gamma-Gamma spend rate (orders are Gamma(p, ν)). */
  spendRate: Float64Array;
  /** p / ν: the expected value of this customer's orders. */
  meanSpend: Float64Array;
  /** The channel used for 80% of the customer's orders. */
  preferredChannel: string[];
  /** The category half of the customer's order lines come from. */
  favouriteCategory: string[];
}

export interface GeneratedCustomers {
  readonly customers: CustomerColumns;
  readonly truth: CustomerTruth;
}

/**
 * Customers and their latent traits. Each customer's first purchase is uniform over the window; λ ~ Gamma(r, α),
 * p ~ Beta(a, b), and the dropout time is drawn directly: the time to the first of a Poisson(λ) process's points
 * that is marked "drop out" (each with probability p) is Exponential(λ·p), so `dropoutAt` = first purchase +
 * Exp(λ·p) days. Deterministic under `options.seed`.
 */
export function generateCustomers(options: DatasetOptions = {}): GeneratedCustomers {
  const o = resolveDatasetOptions(options);
  const random = substream(o.seed, STREAM.customers);
  const n = o.customers;
  const width = Math.max(6, String(n).length);
  const span = o.endExclusive - o.start;
  const regionIndex = new WeightedIndex(zipfWeights(o.regions.length));
  const segmentIndex = new WeightedIndex(zipfWeights(o.segments.length));
  const channelIndex = new WeightedIndex(zipfWeights(o.channels.length));
  const productIndex = new WeightedIndex(zipfWeights(o.products));
  const categories = categoryNames(o.categories);

  const customers: CustomerColumns = {
    id: new Array<string>(n),
    name: new Array<string>(n),
    createdAt: new Float64Array(n),
    region: new Array<string>(n),
    segment: new Array<string>(n),
  };
  const truth: CustomerTruth = {
    purchaseRate: new Float64Array(n),
    dropoutProbability: new Float64Array(n),
    firstPurchase: new Float64Array(n),
    dropoutAt: new Float64Array(n),
    spendRate: new Float64Array(n),
    meanSpend: new Float64Array(n),
    preferredChannel: new Array<string>(n),
    favouriteCategory: new Array<string>(n),
  };

  for (let i = 0; i < n; i++) {
    const first = floorMinute(o.start + random.next() * span);
    const created = Math.max(o.start, floorMinute(first - random.next() * 2 * DAY_MS));
    const lambda = random.gamma(o.r, o.alpha);
    const p = random.beta(o.a, o.b);
    // Exponential(0) is Infinity: a customer who never buys again, or never drops out, stays put.
    const tau = random.exponential(lambda * p);
    const nu = random.gamma(o.spendQ, o.spendGamma);

    customers.id[i] = paddedId('C', i + 1, width);
    customers.name[i] = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    customers.createdAt[i] = created;
    customers.region[i] = o.regions[regionIndex.draw(random)]!;
    customers.segment[i] = o.segments[segmentIndex.draw(random)]!;

    truth.purchaseRate[i] = lambda;
    truth.dropoutProbability[i] = p;
    truth.firstPurchase[i] = first;
    truth.dropoutAt[i] = floorMinute(first + tau * DAY_MS);
    truth.spendRate[i] = nu;
    truth.meanSpend[i] = o.spendP / nu;
    truth.preferredChannel[i] = o.channels[channelIndex.draw(random)]!;
    // Drawing a product and taking its category makes popular categories more often someone's favourite.
    truth.favouriteCategory[i] = categories[productIndex.draw(random) % o.categories]!;
  }
  return { customers, truth };
}
