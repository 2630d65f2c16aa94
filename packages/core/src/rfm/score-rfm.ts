import { levelOf, rfmPackageBreaks } from './breaks.js';
import { idRanks, ntileLevels } from './ntile.js';
import type {
  DimensionScoring,
  RfmScoreInput,
  RfmScoreOptions,
  RfmScores,
  ScoreLevel,
  ScoreRule,
} from './types.js';

/** The default rule: the R rfm package's quantile breaks with five levels. */
export const DEFAULT_SCORE_RULE: ScoreRule = { method: 'rfm-package', n: 5 };

/** Scores are stored in a Uint8Array; 0 means "not scored". */
export const MAX_SCORE_LEVELS = 255;

/** A {@link ScoreRule} after checking: `n` known, breaks copied. */
export interface ResolvedScoreRule {
  readonly method: ScoreRule['method'];
  readonly n: number;
  readonly breaks: readonly number[] | undefined;
}

/**
 * Scores every customer with a purchase on recency, frequency and monetary value, 1…n each, higher = better
 * (R: more recent). Customers without a purchase (NaN recency) get score 0 and are counted in `unscored`; they
 * take no part in the breaks. Deterministic: equal inputs give equal scores, ntile ties break by customer id.
 *
 * @throws {RangeError} on arrays of different lengths or an invalid rule
 */
export function scoreRfm(input: RfmScoreInput, options: RfmScoreOptions = {}): RfmScores {
  const n = input.ids.length;
  if (input.recencyDays.length !== n || input.frequency.length !== n || input.netRevenue.length !== n) {
    throw new RangeError('recencyDays, frequency and netRevenue must have one value per id');
  }
  const monetary = options.monetary ?? 'total';
  if (monetary !== 'total' && monetary !== 'mean') {
    throw new RangeError(`monetary must be 'total' or 'mean', got ${String(monetary)}`);
  }
  const base = options.rule ?? DEFAULT_SCORE_RULE;
  return _scoreRfm(input, {
    monetary,
    recency: resolveScoreRule(options.rules?.recency ?? base),
    frequency: resolveScoreRule(options.rules?.frequency ?? base),
    monetaryRule: resolveScoreRule(options.rules?.monetary ?? base),
  });
}

/** Checks a rule and fills in its default `n`. */
export function resolveScoreRule(rule: ScoreRule): ResolvedScoreRule {
  if (rule.method === 'breaks') {
    const breaks = [...rule.breaks];
    if (breaks.length + 1 > MAX_SCORE_LEVELS) throw new RangeError(`at most ${MAX_SCORE_LEVELS - 1} breaks`);
    for (let k = 0; k < breaks.length; k++) {
      if (!Number.isFinite(breaks[k])) throw new RangeError(`break ${k} is not a finite number`);
      if (k > 0 && !(breaks[k]! > breaks[k - 1]!)) throw new RangeError('breaks must be strictly increasing');
    }
    return { method: 'breaks', n: breaks.length + 1, breaks };
  }
  if (rule.method !== 'rfm-package' && rule.method !== 'ntile') {
    throw new RangeError(`unknown score method ${String((rule as { method: unknown }).method)}`);
  }
  const n = rule.n ?? 5;
  if (!Number.isInteger(n) || n < 1 || n > MAX_SCORE_LEVELS) {
    throw new RangeError(`n must be a whole number from 1 to ${MAX_SCORE_LEVELS}, got ${String(n)}`);
  }
  return { method: rule.method, n, breaks: undefined };
}

/** The unchecked kernel of {@link scoreRfm}. */
export function _scoreRfm(
  input: RfmScoreInput,
  rules: {
    readonly monetary: 'total' | 'mean';
    readonly recency: ResolvedScoreRule;
    readonly frequency: ResolvedScoreRule;
    readonly monetaryRule: ResolvedScoreRule;
  },
): RfmScores {
  const { ids } = input;
  const count = ids.length;
  const recencyDays = Float64Array.from(input.recencyDays);
  const frequency = Float64Array.from(input.frequency);
  const netRevenue = Float64Array.from(input.netRevenue);
  const monetary = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    const f = frequency[c]!;
    // Mean spend of a customer with no occasion in the window is 0: nothing was spent there.
    monetary[c] = rules.monetary === 'total' ? netRevenue[c]! : f > 0 ? netRevenue[c]! / f : 0;
  }

  const members: number[] = [];
  for (let c = 0; c < count; c++) {
    if (Number.isFinite(recencyDays[c]) && Number.isFinite(frequency[c]) && Number.isFinite(monetary[c])) {
      members.push(c);
    }
  }
  const scored = Int32Array.from(members);
  let ranks: Int32Array | undefined;
  const tieRank = (): Int32Array => {
    ranks ??= idRanks(ids);
    return ranks;
  };

  const r = scoreDimension(recencyDays, scored, rules.recency, false, tieRank);
  const f = scoreDimension(frequency, scored, rules.frequency, true, tieRank);
  const m = scoreDimension(monetary, scored, rules.monetaryRule, true, tieRank);
  return {
    ids,
    length: count,
    recencyDays,
    frequency,
    monetary,
    netRevenue,
    monetaryMeasure: rules.monetary,
    r: r.scores,
    f: f.scores,
    m: m.scores,
    scored: scored.length,
    unscored: count - scored.length,
    scoring: { recency: r.scoring, frequency: f.scoring, monetary: m.scoring },
  };
}

/** Scores one dimension; `higherIsBetter` is false for recency (fewer days = higher score). */
function scoreDimension(
  values: Float64Array,
  members: Int32Array,
  rule: ResolvedScoreRule,
  higherIsBetter: boolean,
  tieRank: () => Int32Array,
): { scores: Uint8Array; scoring: DimensionScoring } {
  const { n } = rule;
  const scores = new Uint8Array(values.length);
  let breaks: readonly number[] = [];
  if (rule.method === 'ntile') {
    const level = ntileLevels(values, members, n, tieRank());
    for (const c of members) scores[c] = higherIsBetter ? level[c]! : n + 1 - level[c]!;
  } else {
    if (rule.breaks) {
      breaks = rule.breaks;
    } else {
      const sorted = new Float64Array(members.length);
      for (let p = 0; p < members.length; p++) sorted[p] = values[members[p]!]!;
      sorted.sort();
      breaks = rfmPackageBreaks(sorted, n);
    }
    for (const c of members) {
      const below = levelOf(values[c]!, breaks);
      scores[c] = higherIsBetter ? below + 1 : n - below;
    }
  }
  return {
    scores,
    scoring: { method: rule.method, n, breaks, levels: describeLevels(values, members, scores, n) },
  };
}

function describeLevels(
  values: Float64Array,
  members: Int32Array,
  scores: Uint8Array,
  n: number,
): ScoreLevel[] {
  const customers = new Int32Array(n + 1);
  const min = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(n + 1).fill(Number.NEGATIVE_INFINITY);
  for (const c of members) {
    const s = scores[c]!;
    const v = values[c]!;
    customers[s]!++;
    if (v < min[s]!) min[s] = v;
    if (v > max[s]!) max[s] = v;
  }
  const levels: ScoreLevel[] = [];
  for (let s = 1; s <= n; s++) {
    const empty = customers[s] === 0;
    levels.push({
      score: s,
      customers: customers[s]!,
      min: empty ? Number.NaN : min[s]!,
      max: empty ? Number.NaN : max[s]!,
    });
  }
  return levels;
}
