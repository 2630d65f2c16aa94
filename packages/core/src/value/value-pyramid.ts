import { quantileType7 } from '../rfm/quantile.js';
import { sortFloat64Work } from '../util/sort-work.js';
import { forChunks, runWork, type Work } from '../util/work.js';

/** The tiers, top of the pyramid first. Index = tier code in {@link ValuePyramid.tier}. */
export const TIERS = ['platinum', 'gold', 'iron', 'lead'] as const;
export type Tier = (typeof TIERS)[number];
/** Tier code for customers left out (no purchase history, or a non-finite value). */
export const NO_TIER = 255;

/** Where "high" starts on one axis. */
export type ThresholdRule =
  | { readonly kind: 'median' }
  | { readonly kind: 'percentile'; readonly p: number }
  | { readonly kind: 'absolute'; readonly value: number };

export interface ValuePyramidInput {
  /** Current value per customer (e.g. trailing-12-month net revenue). */
  readonly current: ArrayLike<number>;
  /** Potential value per customer (e.g. predicted CLV over the horizon). */
  readonly potential: ArrayLike<number>;
  /** 1 = take part; customers with 0 are left out (tier NO_TIER) and counted. Default: all. */
  readonly include?: ArrayLike<number>;
}

export interface ValuePyramidOptions {
  /** Threshold on current value (default: the median of the included customers). */
  readonly current?: ThresholdRule;
  /** Threshold on potential value (default: the median). */
  readonly potential?: ThresholdRule;
}

export interface TierSummary {
  readonly tier: Tier;
  readonly customers: number;
  readonly customerShare: number;
  /** Sum of current value in the tier and its share of the positive total. */
  readonly currentValue: number;
  readonly currentShare: number;
  readonly potentialValue: number;
  readonly potentialShare: number;
}

export interface ValuePyramid {
  /** Tier code per customer (index into TIERS), NO_TIER when left out. */
  readonly tier: Uint8Array;
  readonly thresholds: { readonly current: number; readonly potential: number };
  readonly tiers: readonly TierSummary[];
  readonly included: number;
  readonly excluded: number;
  /**
   * Per customer, the smallest step up the pyramid: the amount by which current or potential value must rise to
   * cross a threshold into a higher tier (`gap`), that tier (`target`) and the axis (`via`: 0 current, 1 potential).
   * Platinum customers and those left out have gap NaN and target NO_TIER.
   */
  readonly gap: Float64Array;
  readonly target: Uint8Array;
  readonly via: Uint8Array;
}

/** Nominal cost per customer of a pass, and of tiering one. */
const PASS_COST = 5;
const TIER_COST = 25;

function* thresholdSteps(
  values: ArrayLike<number>,
  include: ArrayLike<number> | undefined,
  rule: ThresholdRule,
): Work<number> {
  if (rule.kind === 'absolute') return rule.value;
  const p = rule.kind === 'median' ? 0.5 : rule.p;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be within 0…1, got ${p}`);
  const kept = { values, include, kept: new Float64Array(values.length), count: 0 };
  yield* forChunks(values.length, PASS_COST, keepIncluded, kept);
  if (kept.count === 0) return Number.NaN;
  return quantileType7(yield* sortFloat64Work(kept.kept.subarray(0, kept.count)), p);
}

function keepIncluded(
  s: {
    readonly values: ArrayLike<number>;
    readonly include: ArrayLike<number> | undefined;
    readonly kept: Float64Array;
    count: number;
  },
  from: number,
  to: number,
): void {
  const { values, include, kept } = s;
  let count = s.count;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if ((include === undefined || include[i] === 1) && Number.isFinite(v)) kept[count++] = v;
  }
  s.count = count;
}

function markEligible(
  s: {
    readonly current: ArrayLike<number>;
    readonly potential: ArrayLike<number>;
    readonly include: ArrayLike<number> | undefined;
    readonly eligible: Uint8Array;
  },
  from: number,
  to: number,
): void {
  const { current, potential, include, eligible } = s;
  for (let i = from; i < to; i++) {
    eligible[i] =
      (!include || include[i] === 1) && Number.isFinite(current[i]!) && Number.isFinite(potential[i]!)
        ? 1
        : 0;
  }
}

const PLATINUM = 0;
const GOLD = 1;
const IRON = 2;
const LEAD = 3;

/**
 * The customer value pyramid (value quadrant): current value against potential value. A customer is "high" on an
 * axis when its value is strictly above the threshold (so a median of 0 makes "high" mean "positive").
 * Platinum: high current, high potential; Gold: high current, low potential; Iron: low current, high potential;
 * Lead: low, low.
 */
export function valuePyramid(input: ValuePyramidInput, options: ValuePyramidOptions = {}): ValuePyramid {
  return runWork(valuePyramidSteps(input, options));
}

/**
 * {@link valuePyramid} as cooperative work: yields the work done since its previous yield (nominal nanoseconds,
 * see `Work`) after every chunk of customers and during the threshold sorts, and returns the same pyramid.
 * Inputs are checked when it is first stepped.
 */
export function* valuePyramidSteps(
  input: ValuePyramidInput,
  options: ValuePyramidOptions = {},
): Work<ValuePyramid> {
  const { current, potential, include } = input;
  const n = current.length;
  if (potential.length !== n || (include && include.length !== n)) {
    throw new RangeError('current, potential and include must have one entry per customer');
  }
  // Thresholds come from the same customers that get a tier: included, with both values finite.
  const eligible = new Uint8Array(n);
  yield* forChunks(n, PASS_COST, markEligible, { current, potential, include, eligible });
  const tCurrent = yield* thresholdSteps(current, eligible, options.current ?? { kind: 'median' });
  const tPotential = yield* thresholdSteps(potential, eligible, options.potential ?? { kind: 'median' });
  const tiering: Tiering = {
    current,
    potential,
    include,
    tCurrent,
    tPotential,
    tier: new Uint8Array(n).fill(NO_TIER),
    gap: new Float64Array(n).fill(Number.NaN),
    target: new Uint8Array(n).fill(NO_TIER),
    via: new Uint8Array(n),
    count: [0, 0, 0, 0],
    sumCurrent: [0, 0, 0, 0],
    sumPotential: [0, 0, 0, 0],
    positiveCurrent: 0,
    positivePotential: 0,
    included: 0,
  };
  yield* forChunks(n, TIER_COST, tierRange, tiering);
  const { tier, gap, target, via, count, sumCurrent, sumPotential } = tiering;
  const { positiveCurrent, positivePotential, included } = tiering;
  const tiers = TIERS.map((name, t) => ({
    tier: name,
    customers: count[t]!,
    customerShare: included ? count[t]! / included : 0,
    currentValue: sumCurrent[t]!,
    currentShare: positiveCurrent > 0 ? Math.max(0, sumCurrent[t]!) / positiveCurrent : 0,
    potentialValue: sumPotential[t]!,
    potentialShare: positivePotential > 0 ? Math.max(0, sumPotential[t]!) / positivePotential : 0,
  }));
  return {
    tier,
    thresholds: { current: tCurrent, potential: tPotential },
    tiers,
    included,
    excluded: n - included,
    gap,
    target,
    via,
  };
}

/** Inputs, outputs and running totals of {@link tierRange}. */
interface Tiering {
  readonly current: ArrayLike<number>;
  readonly potential: ArrayLike<number>;
  readonly include: ArrayLike<number> | undefined;
  readonly tCurrent: number;
  readonly tPotential: number;
  readonly tier: Uint8Array;
  readonly gap: Float64Array;
  readonly target: Uint8Array;
  readonly via: Uint8Array;
  readonly count: number[];
  readonly sumCurrent: number[];
  readonly sumPotential: number[];
  positiveCurrent: number;
  positivePotential: number;
  included: number;
}

/** Tiers customers `from … to − 1`, with their smallest step up. */
function tierRange(s: Tiering, from: number, to: number): void {
  const { current, potential, include, tCurrent, tPotential, tier, gap, target, via } = s;
  const { count, sumCurrent, sumPotential } = s;
  let { positiveCurrent, positivePotential, included } = s;
  for (let i = from; i < to; i++) {
    const c = current[i]!;
    const p = potential[i]!;
    if ((include && include[i] !== 1) || !Number.isFinite(c) || !Number.isFinite(p)) continue;
    included++;
    const highC = c > tCurrent;
    const highP = p > tPotential;
    const t = highC ? (highP ? PLATINUM : GOLD) : highP ? IRON : LEAD;
    tier[i] = t;
    count[t]!++;
    sumCurrent[t]! += c;
    sumPotential[t]! += p;
    if (c > 0) positiveCurrent += c;
    if (p > 0) positivePotential += p;
    // Smallest step into a higher tier. Crossing a threshold needs a value just above it: the gap is the distance.
    const toCurrent = tCurrent - c;
    const toPotential = tPotential - p;
    if (t === GOLD) {
      gap[i] = toPotential;
      target[i] = PLATINUM;
      via[i] = 1;
    } else if (t === IRON) {
      gap[i] = toCurrent;
      target[i] = PLATINUM;
      via[i] = 0;
    } else if (t === LEAD) {
      const byCurrent = toCurrent <= toPotential;
      gap[i] = byCurrent ? toCurrent : toPotential;
      target[i] = byCurrent ? GOLD : IRON;
      via[i] = byCurrent ? 0 : 1;
    }
  }
  s.positiveCurrent = positiveCurrent;
  s.positivePotential = positivePotential;
  s.included = included;
}

/** Customers of a tier ranked by their gap to the next tier (smallest first): the upgrade candidates. */
export function upgradeCandidates(pyramid: ValuePyramid, tier: Tier, limit = 50): Int32Array {
  const code = TIERS.indexOf(tier);
  const members: number[] = [];
  for (let i = 0; i < pyramid.tier.length; i++)
    if (pyramid.tier[i] === code && !Number.isNaN(pyramid.gap[i]!)) members.push(i);
  members.sort((a, b) => pyramid.gap[a]! - pyramid.gap[b]! || a - b);
  return Int32Array.from(members.slice(0, limit));
}
