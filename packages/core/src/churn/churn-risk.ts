import type { PurchaseOccasions } from '../clv/occasions.js';
import type { InteractionTable } from '../schema/interactions.js';

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

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

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
  const { occasions } = input;
  const n = occasions.customerCount;
  const asOfDay = Math.floor(options.asOf / DAY_MS);
  const k = options.shrinkage ?? 2;
  const trendDays = options.trendDays ?? 180;
  const complaintDays = options.complaintDays ?? 90;
  const bands = options.bands ?? { medium: 0.35, high: 0.65 };
  const { offsets, time, value } = occasions;

  // Per customer: occasions on or before asOf (they are sorted by time within each customer).
  const last = new Int32Array(n);
  const repeatMeans: number[] = [];
  for (let c = 0; c < n; c++) {
    let end = offsets[c]!;
    while (end < offsets[c + 1]! && Math.floor(time[end]! / DAY_MS) <= asOfDay) end++;
    last[c] = end;
    const count = end - offsets[c]!;
    if (count >= 2) {
      const span =
        (Math.floor(time[end - 1]! / DAY_MS) - Math.floor(time[offsets[c]!]! / DAY_MS)) / (count - 1);
      repeatMeans.push(span);
    }
  }
  const population = median(repeatMeans);

  // Interactions: complaints in the window, mean satisfaction over twice the window.
  const complaints = new Int32Array(n);
  const satisfactionSum = new Float64Array(n);
  const satisfactionCount = new Int32Array(n);
  let scaleMin = Number.POSITIVE_INFINITY;
  let scaleMax = Number.NEGATIVE_INFINITY;
  const interactions = input.interactions;
  if (interactions) {
    const complaintCode = interactions.type.dictionary.indexOf('complaint');
    for (let i = 0; i < interactions.length; i++) {
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
  }

  const score = new Float64Array(n).fill(Number.NaN);
  const band = new Uint8Array(n).fill(NO_BAND);
  const usual = new Float64Array(n).fill(Number.NaN);
  const silence = new Float64Array(n).fill(Number.NaN);
  const valueAtRisk = new Float64Array(n).fill(Number.NaN);
  const reasons: ChurnReason[][] = new Array(n);
  const candidates: ChurnReason[] = [];

  for (let c = 0; c < n; c++) {
    reasons[c] = [];
    const first = offsets[c]!;
    const end = last[c]!;
    const count = end - first;
    if (count === 0) continue;
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
      candidates.push(
        intervals > 0
          ? {
              code: 'overdue',
              contribution,
              values: { usualDays: round(u), silentDays: silent },
              text: `usually buys every ${round(u)} days, silent for ${silent}`,
            }
          : {
              code: 'one-time-overdue',
              contribution,
              values: { usualDays: round(u), silentDays: silent },
              text: `bought once, ${silent} days ago; repeat buyers usually buy again within ${round(u)} days`,
            },
      );
    }

    const alive = input.pAlive?.[c] ?? Number.NaN;
    if (intervals > 0 && Number.isFinite(alive) && alive < 1) {
      candidates.push({
        code: 'not-alive',
        contribution: CHURN_WEIGHTS.notAlive * (1 - alive),
        values: { pAlive: alive },
        text: `only a ${pct(alive)} chance of still being an active customer`,
      });
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
        candidates.push({
          code: 'spend-decline',
          contribution: CHURN_WEIGHTS.trend * spendDrop,
          values: { drop: spendDrop, recent: recentSpend, previous: previousSpend, months },
          text: `spend down ${pct(spendDrop)} in the last ${months} months against the ${months} before`,
        });
      } else if (countDrop > 0) {
        candidates.push({
          code: 'frequency-decline',
          contribution: CHURN_WEIGHTS.trend * countDrop,
          values: { drop: countDrop, recent: recentCount, previous: previousCount, months },
          text: `${recentCount} purchase${recentCount === 1 ? '' : 's'} in the last ${months} months, down from ${previousCount}`,
        });
      }
    }

    if (complaints[c]! > 0) {
      candidates.push({
        code: 'complaints',
        contribution: CHURN_WEIGHTS.complaints * (1 - 0.5 ** complaints[c]!),
        values: { complaints: complaints[c]!, days: complaintDays },
        text: `${complaints[c]} complaint${complaints[c] === 1 ? '' : 's'} in the last ${complaintDays} days`,
      });
    }
    if (satisfactionCount[c]! > 0 && scaleMax > scaleMin) {
      const mean = satisfactionSum[c]! / satisfactionCount[c]!;
      const position = (mean - scaleMin) / (scaleMax - scaleMin);
      if (position < 0.4) {
        candidates.push({
          code: 'low-satisfaction',
          contribution: CHURN_WEIGHTS.satisfaction * (1 - position / 0.4),
          values: { mean, min: scaleMin, max: scaleMax },
          text: `low satisfaction: ${mean.toFixed(1)} on a ${scaleMin}–${scaleMax} scale`,
        });
      }
    }

    let keep = 1;
    for (const reason of candidates) keep *= 1 - reason.contribution;
    const s = 1 - keep;
    score[c] = s;
    band[c] = s >= bands.high ? 2 : s >= bands.medium ? 1 : 0;
    const potential = input.potentialValue?.[c] ?? Number.NaN;
    valueAtRisk[c] = potential * s;
    reasons[c] = candidates
      .filter((r) => r.contribution >= 0.05)
      .sort((a, b) => b.contribution - a.contribution)
      .slice(0, 3);
  }
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
