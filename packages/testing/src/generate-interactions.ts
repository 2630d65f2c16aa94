import { type DatasetOptions, resolveDatasetOptions, STREAM } from './dataset-options.js';
import { DAY_MS, floorMinute } from './dates.js';
import { type GeneratedCustomers, generateCustomers } from './generate-customers.js';
import { Float64Growable } from './growable.js';
import { substream } from './streams.js';
import { WeightedIndex } from './weighted.js';

/** The kinds of service interaction the generator makes. */
export type InteractionType = 'complaint' | 'ticket' | 'call' | 'email' | 'visit';

/** Service interactions, columnar, in the shape ingestion reads (a type alias: see {@link CustomerColumns}). */
export type InteractionColumns = {
  customerId: string[];
  /** Epoch ms UTC, whole minutes. */
  date: Float64Array;
  type: InteractionType[];
  /** 1..5 (whole numbers) when the customer rated the contact, NaN when not rated. */
  satisfaction: Float64Array;
};

const OTHER_TYPES: readonly InteractionType[] = ['ticket', 'call', 'email', 'visit'];
const OTHER_WEIGHTS = [0.35, 0.25, 0.3, 0.1];
/** Share of interactions with a satisfaction rating. */
const RATED_SHARE = 0.6;
/** Rating 1..5 weights: complaints are mostly rated low, other contacts mostly high. */
const COMPLAINT_RATINGS = [0.45, 0.3, 0.15, 0.07, 0.03];
const OTHER_RATINGS = [0.03, 0.07, 0.2, 0.35, 0.35];
/** How long before dropping out complaints become more likely, and how long after it contacts go on. */
const WARNING_DAYS = 90;
const AFTER_DROPOUT_DAYS = 30;

/**
 * Service interactions for the customers of {@link generateCustomers} (made from the same options when not given):
 * a Poisson process of `interactionRate` a year from each customer's creation until the end of the window, or
 * 30 days after the customer drops out. A contact is a complaint with probability `complaintShare`, or
 * `complaintShare × complaintLift` (at most 0.9) from 90 days before the dropout onwards. 60% are rated 1..5.
 * Row order: customer by customer, each customer's rows in date order.
 */
export function generateInteractions(
  options: DatasetOptions = {},
  population: GeneratedCustomers = generateCustomers(options),
): InteractionColumns {
  const o = resolveDatasetOptions(options);
  const { customers, truth } = population;
  const n = customers.id.length;
  if (n !== o.customers) {
    throw new RangeError(`population has ${n} customers but options.customers is ${o.customers}`);
  }
  const random = substream(o.seed, STREAM.interactions);
  const end = o.endExclusive;
  const perDay = o.interactionRate / 365.25;
  const otherType = new WeightedIndex(OTHER_WEIGHTS);
  const complaintRating = new WeightedIndex(COMPLAINT_RATINGS);
  const otherRating = new WeightedIndex(OTHER_RATINGS);
  const liftedShare = Math.min(0.9, Math.max(o.complaintShare, o.complaintShare * o.complaintLift));

  const capacity = n * o.interactionRate * 1.2 + 16;
  const customerId: string[] = [];
  const type: InteractionType[] = [];
  const date = new Float64Growable(capacity);
  const satisfaction = new Float64Growable(capacity);

  for (let i = 0; i < n; i++) {
    const id = customers.id[i]!;
    const dropoutAt = truth.dropoutAt[i]!;
    const lifeEnd = Math.min(end, dropoutAt + AFTER_DROPOUT_DAYS * DAY_MS);
    const warnFrom = dropoutAt < end ? dropoutAt - WARNING_DAYS * DAY_MS : Number.POSITIVE_INFINITY;
    let t = customers.createdAt[i]!;
    for (;;) {
      t += random.exponential(perDay) * DAY_MS;
      if (!(t < lifeEnd)) break;
      const when = floorMinute(t);
      const complaint = random.next() < (when >= warnFrom ? liftedShare : o.complaintShare);
      customerId.push(id);
      date.push(when);
      type.push(complaint ? 'complaint' : OTHER_TYPES[otherType.draw(random)]!);
      satisfaction.push(
        random.next() < RATED_SHARE
          ? 1 + (complaint ? complaintRating : otherRating).draw(random)
          : Number.NaN,
      );
    }
  }
  return { customerId, date: date.finish(), type, satisfaction: satisfaction.finish() };
}
