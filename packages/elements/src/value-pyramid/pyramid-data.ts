// Pure helpers of <lens-value-pyramid>: its scoring request, the upgrade gap, the quadrant sample and the
// decoding of the engine's customer columns. No DOM, no lit.
import { isTier, TIERS, type Tier } from '@crm-lens/charts';
import type { CustomerColumns, CustomerField, ScoreRequest, ScoreSummary } from '@crm-lens/engine';
import { parseThreshold } from '../data/data-input.js';

/** Which chart the widget shows. */
export type PyramidView = 'pyramid' | 'quadrant';

/** The tiers that have a next tier (upgrade candidates). */
export type UpgradableTier = Exclude<Tier, 'platinum'>;

/** Points drawn in the quadrant at most, unless `max-points` says otherwise. */
export const DEFAULT_MAX_POINTS = 5000;
/** Upgrade candidates listed, unless `candidate-limit` says otherwise. */
export const DEFAULT_CANDIDATE_LIMIT = 10;

/** The per-customer fields the widget asks the engine for (candidates and quadrant points). */
export const CUSTOMER_FIELDS: readonly CustomerField[] = ['currentValue', 'clv', 'tier'];

/** One tier of the scoring summary. */
export type TierSummary = ScoreSummary['pyramid']['tiers'][number];

/** The summary's tiers in pyramid order (Platinum first), every tier present (zeros when missing). */
export function tiersInOrder(summary: ScoreSummary): TierSummary[] {
  return TIERS.map(
    (tier) =>
      summary.pyramid.tiers.find((t) => t.tier === tier) ?? {
        tier,
        customers: 0,
        customerShare: 0,
        currentValue: 0,
        currentShare: 0,
        potentialValue: 0,
        potentialShare: 0,
      },
  );
}

/**
 * The widget's own scoring request: the provider's, with the pyramid thresholds of the widget's
 * `current-threshold` / `potential-threshold` attributes; undefined when it sets neither (the provider's is used).
 * Throws (a ConfigError naming the attribute) on a value that is not `median`, `pNN`, `NN%` or a number.
 */
export function pyramidRequest(
  provided: ScoreRequest,
  current: string | undefined,
  potential: string | undefined,
): ScoreRequest | undefined {
  const currentText = current?.trim();
  const potentialText = potential?.trim();
  if (!currentText && !potentialText) return undefined;
  return {
    ...provided,
    thresholds: {
      ...provided.thresholds,
      ...(currentText ? { current: parseThreshold(currentText, 'current-threshold') } : {}),
      ...(potentialText ? { potential: parseThreshold(potentialText, 'potential-threshold') } : {}),
    },
  };
}

/** The smallest step up the pyramid: how much more of which value takes a customer into which tier. */
export interface UpgradeGap {
  readonly gap: number;
  readonly target: Tier;
  readonly via: 'current' | 'potential';
}

/**
 * The gap rule of core's `valuePyramid` (docs/methods/value-pyramid.md): Gold → Platinum by potential value, Iron →
 * Platinum by current value, Lead → Gold or Iron, whichever threshold is nearer (current on a tie).
 */
export function upgradeGap(
  tier: UpgradableTier,
  current: number,
  potential: number,
  thresholds: { readonly current: number; readonly potential: number },
): UpgradeGap {
  const toCurrent = thresholds.current - current;
  const toPotential = thresholds.potential - potential;
  if (tier === 'gold') return { gap: toPotential, target: 'platinum', via: 'potential' };
  if (tier === 'iron') return { gap: toCurrent, target: 'platinum', via: 'current' };
  return toCurrent <= toPotential
    ? { gap: toCurrent, target: 'gold', via: 'current' }
    : { gap: toPotential, target: 'iron', via: 'potential' };
}

/** A customer as the widget shows it (candidate row or quadrant point). */
export interface PyramidCustomer {
  /** Position in the dataset's customer dictionary (the engine's customer code). */
  readonly code: number;
  readonly id: string;
  readonly name: string | undefined;
  readonly current: number;
  readonly potential: number;
  readonly tier: Tier;
}

/** An upgrade candidate: a customer with its gap to the next tier. */
export interface CandidateRow extends PyramidCustomer, UpgradeGap {}

/** The engine's customer columns as customers; customers without a tier (not scored) are left out. */
export function decodeCustomers(columns: CustomerColumns): PyramidCustomer[] {
  const current = columns.columns.currentValue;
  const potential = columns.columns.clv;
  const tiers = columns.columns.tier;
  const out: PyramidCustomer[] = [];
  for (let k = 0; k < columns.ids.length; k++) {
    const tier = columns.labels.tier[tiers?.[k] ?? -1];
    if (!isTier(tier)) continue;
    const name = columns.names?.[k];
    out.push({
      code: columns.index[k] ?? -1,
      id: columns.ids[k]!,
      name: name === null || name === undefined || name === '' ? undefined : name,
      current: current?.[k] ?? Number.NaN,
      potential: potential?.[k] ?? Number.NaN,
      tier,
    });
  }
  return out;
}

/** The candidates of `tier`, in the engine's order (smallest gap first), with their gaps. */
export function decodeCandidates(
  columns: CustomerColumns,
  tier: UpgradableTier,
  thresholds: { readonly current: number; readonly potential: number },
): CandidateRow[] {
  return decodeCustomers(columns).map((customer) => ({
    ...customer,
    ...upgradeGap(tier, customer.current, customer.potential, thresholds),
  }));
}

/**
 * A deterministic, evenly spread sample of `cap` customer codes out of `n` (systematic sampling: the middle of
 * each of `cap` equal runs of codes, in the data's order). Undefined when every customer fits.
 */
export function sampleCodes(n: number, cap: number): Int32Array | undefined {
  const size = Math.max(1, Math.floor(cap));
  if (n <= size) return undefined;
  const step = n / size;
  const index = new Int32Array(size);
  for (let k = 0; k < size; k++) index[k] = Math.min(n - 1, Math.floor((k + 0.5) * step));
  return index;
}

/** `base` plus those of `extra` that it does not hold yet (by customer code). */
export function withCustomers<T extends PyramidCustomer>(
  base: readonly T[],
  extra: readonly T[],
): readonly T[] {
  if (extra.length === 0) return base;
  const codes = new Set(base.map((c) => c.code));
  const added = extra.filter((c) => !codes.has(c.code));
  return added.length === 0 ? base : [...base, ...added];
}
