import type { PurchaseOccasions } from '../clv/occasions.js';
import type { InteractionTable } from '../schema/interactions.js';
import { sortFloat64Work } from '../util/sort-work.js';
import { forChunks, runWork, type Work } from '../util/work.js';

const DAY_MS = 86_400_000;

/** Why a customer is at risk. `contribution` is the signal's weighted strength in [0, 1]. */
export interface ChurnReason {
  readonly code:
    | 'not-alive'
    | 'overdue'
    | 'one-time-overdue'
    | 'spend-decline'
    | 'frequency-decline'
    | 'complaints'
    | 'low-satisfaction';
  readonly contribution: number;
  /** The figures behind the sentence (for other languages than English). */
  readonly values: Readonly<Record<string, number>>;
  /** Plain English, e.g. "usually buys every 30 days, silent for 94". */
  readonly text: string;
}

export interface ChurnInput {
  /** Purchase occasions per customer (purchaseOccasions of the transactions). */
  readonly occasions: PurchaseOccasions;
  /** P(alive) per customer code (NaN = unknown); used for repeat buyers only. */
  readonly pAlive?: ArrayLike<number>;
  /** Potential value per customer code (e.g. CLV): value at risk = potential × score. */
  readonly potentialValue?: ArrayLike<number>;
  /** Service interactions in the same customer code space (see ingestDataset). */
  readonly interactions?: InteractionTable;
}

export interface ChurnOptions {
  /** Analysis date (epoch ms); occasions after its UTC day are ignored. */
  readonly asOf: number;
  /**
   * Weight, in pseudo-intervals, of the population's usual interval in a customer's own (default 2): a customer with
   * 1 interval of 10 days in a population whose median is 40 usually buys every (2·40 + 10)/3 = 30 days.
   */
  readonly shrinkage?: number;
  /** Length of each of the two windows compared for a falling trend, in days (default 180). */
  readonly trendDays?: number;
  /** Complaints count within this many days (default 90); satisfaction within twice that. */
  readonly complaintDays?: number;
  /** Band cut-offs: medium from `medium`, high from `high` (default 0.35 and 0.65). */
  readonly bands?: { readonly medium: number; readonly high: number };
}

/** Band codes. */
export const CHURN_BANDS = ['low', 'medium', 'high'] as const;
export type ChurnBand = (typeof CHURN_BANDS)[number];
export const NO_BAND = 255;

export interface ChurnRisk {
  /** Risk score in [0, 1] per customer code; NaN for customers with no purchase on or before asOf. */
  readonly score: Float64Array;
  /** Band code per customer (index into CHURN_BANDS), NO_BAND when unscored. */
  readonly band: Uint8Array;
  /** The customer's usual interval between purchases in days (shrunk toward the population's). */
  readonly usualIntervalDays: Float64Array;
  /** Days since the last purchase. */
  readonly silenceDays: Float64Array;
  /** Potential value × score (NaN without potential values). */
  readonly valueAtRisk: Float64Array;
  /** Up to three reasons per customer, strongest first (empty when nothing stands out). */
  readonly reasons: readonly (readonly ChurnReason[])[];
  /** Median of repeat buyers' mean interval, in days (NaN if there are no repeat buyers). */
  readonly populationIntervalDays: number;
  readonly bands: { readonly medium: number; readonly high: number };
}

/** Signal weights: how much each signal at full strength alone moves the score. */
export const CHURN_WEIGHTS = {
  notAlive: 0.9,
  overdue: 0.8,
  trend: 0.5,
  complaints: 0.6,
  satisfaction: 0.4,
} as const;

const round = (v: number) => Math.round(v);
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** The English sentence of a reason, from its figures. */
function reasonText(code: ChurnReason['code'], v: Readonly<Record<string, number>>): string {
  switch (code) {
    case 'overdue':
      return `usually buys every ${v.usualDays} days, silent for ${v.silentDays}`;
    case 'one-time-overdue':
      return `bought once, ${v.silentDays} days ago; repeat buyers usually buy again within ${v.usualDays} days`;
    case 'not-alive':
      return `only a ${pct(v.pAlive!)} chance of still being an active customer`;
    case 'spend-decline':
      return `spend down ${pct(v.drop!)} in the last ${v.months} months against the ${v.months} before`;
    case 'frequency-decline':
      return `${v.recent} purchase${v.recent === 1 ? '' : 's'} in the last ${v.months} months, down from ${v.previous}`;
    case 'complaints':
      return `${v.complaints} complaint${v.complaints === 1 ? '' : 's'} in the last ${v.days} days`;
    case 'low-satisfaction':
      return `low satisfaction: ${v.mean!.toFixed(1)} on a ${v.min}–${v.max} scale`;
  }
}

/**
 * A reason with its sentence made on demand: scoring finds reasons for every customer, but only the ones shown
 * are ever read, and building 10⁵ sentences up front was a third of the churn stage. `toJSON` includes the text.
 */
class Reason implements ChurnReason {
  constructor(
    readonly code: ChurnReason['code'],
    readonly contribution: number,
    readonly values: Readonly<Record<string, number>>,
  ) {}

  get text(): string {
    return reasonText(this.code, this.values);
  }

  toJSON(): ChurnReason {
    return { code: this.code, contribution: this.contribution, values: this.values, text: this.text };
  }
}

/** Median of finite values; sorts them in place. */
function* medianSteps(values: Float64Array): Work<number> {
  if (values.length === 0) return Number.NaN;
  yield* sortFloat64Work(values);
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/** Nominal costs: per customer of the first pass, per interaction, and per customer scored (reason objects). */
const PASS_COST = 15;
const INTERACTION_COST = 20;
const SCORE_COST = 1200;

/**
 * Churn early warning: a transparent score combining independent signals by "noisy-or",
 * score = 1 − Π (1 − wₖ·sₖ), each signal sₖ ∈ [0, 1] with weight wₖ (CHURN_WEIGHTS):
 * - not alive: 1 − P(alive) from the purchase model, for repeat buyers (for one-time buyers BG/NBD says 1,
 *   which is uninformative; they are judged by the overdue signal instead, never reported as certainly alive);
 * - overdue: silence s against the customer's usual interval u (own intervals shrunk toward the population's
 *   median): 0 while s ≤ u, then 1 − e^−(s/u − 1); a one-time buyer's u is the population's;
 * - falling trend: the drop in spend or in purchases between the previous and the latest `trendDays` window;
 * - complaints in the last `complaintDays` (1 − 0.5^count), and low satisfaction (mean rating in the lowest 40 %
 *   of the observed scale) when interactions are given.
 * It is a rule-based ranking score, not a calibrated probability. Bands: low < 0.35 ≤ medium < 0.65 ≤ high.
 */
export function churnRisk(input: ChurnInput, options: ChurnOptions): ChurnRisk {
  return runWork(churnRiskSteps(input, options));
}

/**
 * {@link churnRisk} as cooperative work: yields the work done since its previous yield (nominal nanoseconds, see
 * `Work`) after every chunk of customers or interactions, and returns the same risks.
 */
export function* churnRiskSteps(input: ChurnInput, options: ChurnOptions): Work<ChurnRisk> {
  const { occasions } = input;
  const n = occasions.customerCount;
  const asOfDay = Math.floor(options.asOf / DAY_MS);
  const k = options.shrinkage ?? 2;
  const trendDays = options.trendDays ?? 180;
  const complaintDays = options.complaintDays ?? 90;
  const bands = options.bands ?? { medium: 0.35, high: 0.65 };
  const { offsets, time } = occasions;

  // Per customer: occasions on or before asOf (they are sorted by time within each customer).
  const history: History = {
    offsets,
    time,
    asOfDay,
    last: new Int32Array(n),
    repeatMeans: new Float64Array(n),
    repeaters: 0,
  };
  yield* forChunks(n, PASS_COST, historyRange, history);
  const { last } = history;
  const population = yield* medianSteps(history.repeatMeans.subarray(0, history.repeaters));

  // Interactions: complaints in the window, mean satisfaction over twice the window.
  const complaints = new Int32Array(n);
  const satisfactionSum = new Float64Array(n);
  const satisfactionCount = new Int32Array(n);
  const service: Service = {
    interactions: input.interactions,
    n,
    asOfDay,
    complaintDays,
    complaints,
    satisfactionSum,
    satisfactionCount,
    scaleMin: Number.POSITIVE_INFINITY,
    scaleMax: Number.NEGATIVE_INFINITY,
  };
  yield* forChunks(input.interactions?.length ?? 0, INTERACTION_COST, serviceRange, service);

  const scoring: Scoring = {
    input,
    last,
    asOfDay,
    k,
    population,
    trendDays,
    complaintDays,
    bands,
    complaints,
    satisfactionSum,
    satisfactionCount,
    scaleMin: service.scaleMin,
    scaleMax: service.scaleMax,
    score: new Float64Array(n).fill(Number.NaN),
    band: new Uint8Array(n).fill(NO_BAND),
    usual: new Float64Array(n).fill(Number.NaN),
    silence: new Float64Array(n).fill(Number.NaN),
    valueAtRisk: new Float64Array(n).fill(Number.NaN),
    reasons: new Array(n),
    candidates: [],
  };
  yield* forChunks(n, SCORE_COST, scoreRange, scoring);
  const { score, band, usual, silence, valueAtRisk, reasons } = scoring;
  return {
    score,
    band,
    usualIntervalDays: usual,
    silenceDays: silence,
    valueAtRisk,
    reasons,
    populationIntervalDays: population,
    bands,
  };
}

/**
 * Up to three reasons with a contribution of at least 0.05, strongest first (ties in order of detection): one
 * array, without the temporaries of filter → sort → slice, which on 100k customers feed the garbage collector.
 */
function strongest(candidates: readonly ChurnReason[]): ChurnReason[] {
  const out: ChurnReason[] = [];
  for (const reason of candidates) {
    if (!(reason.contribution >= 0.05)) continue;
    let k = out.length;
    out.push(reason);
    while (k > 0 && out[k - 1]!.contribution < reason.contribution) {
      out[k] = out[k - 1]!;
      k--;
    }
    out[k] = reason;
  }
  if (out.length > 3) out.length = 3;
  return out;
}

/** Inputs and outputs of {@link historyRange}. */
interface History {
  readonly offsets: Int32Array;
  readonly time: Float64Array;
  readonly asOfDay: number;
  /** Per customer: the end of the occasions on or before asOf (they are sorted by time within each customer). */
  readonly last: Int32Array;
  /** Repeat buyers' mean interval in days, `repeaters` of them so far. */
  readonly repeatMeans: Float64Array;
  repeaters: number;
}

function historyRange(s: History, from: number, to: number): void {
  const { offsets, time, asOfDay, last, repeatMeans } = s;
  const dayMs = DAY_MS;
  let repeaters = s.repeaters;
  for (let c = from; c < to; c++) {
    let end = offsets[c]!;
    while (end < offsets[c + 1]! && Math.floor(time[end]! / dayMs) <= asOfDay) end++;
    last[c] = end;
    const count = end - offsets[c]!;
    if (count >= 2) {
      const span =
        (Math.floor(time[end - 1]! / dayMs) - Math.floor(time[offsets[c]!]! / dayMs)) / (count - 1);
      repeatMeans[repeaters++] = span;
    }
  }
  s.repeaters = repeaters;
}

/** Per-customer complaints and satisfaction, and the observed rating scale. */
interface Service {
  readonly interactions: InteractionTable | undefined;
  readonly n: number;
  readonly asOfDay: number;
  readonly complaintDays: number;
  readonly complaints: Int32Array;
  readonly satisfactionSum: Float64Array;
  readonly satisfactionCount: Int32Array;
  scaleMin: number;
  scaleMax: number;
}

/** Complaints in the window and satisfaction over twice the window, interactions `from … to − 1`. */
function serviceRange(s: Service, from: number, to: number): void {
  const { n, asOfDay, complaintDays, complaints, satisfactionSum, satisfactionCount } = s;
  const interactions = s.interactions!;
  const complaintCode = interactions.type.dictionary.indexOf('complaint');
  let { scaleMin, scaleMax } = s;
  for (let i = from; i < to; i++) {
    const c = interactions.customer.codes[i]!;
    const day = Math.floor(interactions.date[i]! / DAY_MS);
    const rating = interactions.satisfaction?.[i] ?? Number.NaN;
    if (c < 0 || c >= n || day > asOfDay) continue;
    // The scale is what was observed up to asOf among known customers.
    if (Number.isFinite(rating)) {
      scaleMin = Math.min(scaleMin, rating);
      scaleMax = Math.max(scaleMax, rating);
    }
    if (interactions.type.codes[i] === complaintCode && day > asOfDay - complaintDays) complaints[c]!++;
    if (Number.isFinite(rating) && day > asOfDay - 2 * complaintDays) {
      satisfactionSum[c]! += rating;
      satisfactionCount[c]!++;
    }
  }
  s.scaleMin = scaleMin;
  s.scaleMax = scaleMax;
}

/** Inputs and outputs of {@link scoreRange}. */
interface Scoring {
  readonly input: ChurnInput;
  readonly last: Int32Array;
  readonly asOfDay: number;
  /** Shrinkage weight of the population's interval. */
  readonly k: number;
  readonly population: number;
  readonly trendDays: number;
  readonly complaintDays: number;
  readonly bands: { readonly medium: number; readonly high: number };
  readonly complaints: Int32Array;
  readonly satisfactionSum: Float64Array;
  readonly satisfactionCount: Int32Array;
  readonly scaleMin: number;
  readonly scaleMax: number;
  readonly score: Float64Array;
  readonly band: Uint8Array;
  readonly usual: Float64Array;
  readonly silence: Float64Array;
  readonly valueAtRisk: Float64Array;
  readonly reasons: ChurnReason[][];
  /** Scratch: one customer's reasons before ranking. */
  readonly candidates: ChurnReason[];
}

/** Scores customers `from … to − 1`. */
function scoreRange(state: Scoring, from: number, to: number): void {
  const { input, last, asOfDay, k, population, trendDays, complaintDays, bands } = state;
  const { complaints, satisfactionSum, satisfactionCount, scaleMin, scaleMax } = state;
  const { score, band, usual, silence, valueAtRisk, reasons, candidates } = state;
  const { offsets, time, value } = input.occasions;
  for (let c = from; c < to; c++) {
    const first = offsets[c]!;
    const end = last[c]!;
    const count = end - first;
    if (count === 0) {
      reasons[c] = [];
      continue;
    }
    candidates.length = 0;
    const lastDay = Math.floor(time[end - 1]! / DAY_MS);
    const firstDay = Math.floor(time[first]! / DAY_MS);
    const silent = asOfDay - lastDay;
    silence[c] = silent;

    // Usual interval, shrunk toward the population's.
    const intervals = count - 1;
    const own = intervals > 0 ? (lastDay - firstDay) / intervals : 0;
    const u = Number.isFinite(population)
      ? (k * population + intervals * own) / (k + intervals)
      : intervals > 0
        ? own
        : Number.NaN;
    usual[c] = u;
    if (u > 0 && silent > u) {
      const s = 1 - Math.exp(-(silent / u - 1));
      const contribution = CHURN_WEIGHTS.overdue * s;
      const values = { usualDays: round(u), silentDays: silent };
      candidates.push(new Reason(intervals > 0 ? 'overdue' : 'one-time-overdue', contribution, values));
    }

    const alive = input.pAlive?.[c] ?? Number.NaN;
    if (intervals > 0 && Number.isFinite(alive) && alive < 1) {
      candidates.push(new Reason('not-alive', CHURN_WEIGHTS.notAlive * (1 - alive), { pAlive: alive }));
    }

    // Trend: the previous window against the latest, for customers who were there for both.
    if (firstDay <= asOfDay - 2 * trendDays) {
      let recentSpend = 0;
      let previousSpend = 0;
      let recentCount = 0;
      let previousCount = 0;
      for (let j = first; j < end; j++) {
        const day = Math.floor(time[j]! / DAY_MS);
        if (day > asOfDay - trendDays) {
          recentSpend += value[j]!;
          recentCount++;
        } else if (day > asOfDay - 2 * trendDays) {
          previousSpend += value[j]!;
          previousCount++;
        }
      }
      const spendDrop = previousSpend > 0 ? Math.max(0, (previousSpend - recentSpend) / previousSpend) : 0;
      const countDrop = previousCount > 0 ? Math.max(0, (previousCount - recentCount) / previousCount) : 0;
      const months = Math.round(trendDays / 30.4375);
      if (spendDrop >= countDrop && spendDrop > 0) {
        candidates.push(
          new Reason('spend-decline', CHURN_WEIGHTS.trend * spendDrop, {
            drop: spendDrop,
            recent: recentSpend,
            previous: previousSpend,
            months,
          }),
        );
      } else if (countDrop > 0) {
        candidates.push(
          new Reason('frequency-decline', CHURN_WEIGHTS.trend * countDrop, {
            drop: countDrop,
            recent: recentCount,
            previous: previousCount,
            months,
          }),
        );
      }
    }

    if (complaints[c]! > 0) {
      candidates.push(
        new Reason('complaints', CHURN_WEIGHTS.complaints * (1 - 0.5 ** complaints[c]!), {
          complaints: complaints[c]!,
          days: complaintDays,
        }),
      );
    }
    if (satisfactionCount[c]! > 0 && scaleMax > scaleMin) {
      const mean = satisfactionSum[c]! / satisfactionCount[c]!;
      const position = (mean - scaleMin) / (scaleMax - scaleMin);
      if (position < 0.4) {
        candidates.push(
          new Reason('low-satisfaction', CHURN_WEIGHTS.satisfaction * (1 - position / 0.4), {
            mean,
            min: scaleMin,
            max: scaleMax,
          }),
        );
      }
    }

    let keep = 1;
    for (const reason of candidates) keep *= 1 - reason.contribution;
    const s = 1 - keep;
    score[c] = s;
    band[c] = s >= bands.high ? 2 : s >= bands.medium ? 1 : 0;
    const potential = input.potentialValue?.[c] ?? Number.NaN;
    valueAtRisk[c] = potential * s;
    reasons[c] = strongest(candidates);
  }
}
