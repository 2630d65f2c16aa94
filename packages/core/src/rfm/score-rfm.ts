import { sortFloat64Work } from '../util/sort-work.js';
import { forChunks, runWork, type Work } from '../util/work.js';
import { levelOf, rfmPackageBreaks } from './breaks.js';
import { idRanksSteps, ntileLevelsSteps } from './ntile.js';
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
  return runWork(scoreRfmSteps(input, options));
}

/**
 * {@link scoreRfm} as cooperative work: yields the work done since its previous yield (nominal nanoseconds, see
 * `Work`) after every chunk of customers and during the sorts, and returns the same scores. Options are checked
 * when it is first stepped.
 */
export function* scoreRfmSteps(input: RfmScoreInput, options: RfmScoreOptions = {}): Work<RfmScores> {
  const n = input.ids.length;
  if (input.recencyDays.length !== n || input.frequency.length !== n || input.netRevenue.length !== n) {
    throw new RangeError('recencyDays, frequency and netRevenue must have one value per id');
  }
  const monetary = options.monetary ?? 'total';
  if (monetary !== 'total' && monetary !== 'mean') {
    throw new RangeError(`monetary must be 'total' or 'mean', got ${String(monetary)}`);
  }
  const base = options.rule ?? DEFAULT_SCORE_RULE;
  return yield* _scoreRfmSteps(input, {
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

/** The checked rules of {@link _scoreRfm}. */
export interface ResolvedRfmRules {
  readonly monetary: 'total' | 'mean';
  readonly recency: ResolvedScoreRule;
  readonly frequency: ResolvedScoreRule;
  readonly monetaryRule: ResolvedScoreRule;
}

/** The unchecked kernel of {@link scoreRfm}. */
export function _scoreRfm(input: RfmScoreInput, rules: ResolvedRfmRules): RfmScores {
  return runWork(_scoreRfmSteps(input, rules));
}

/** Nominal costs per customer: copies and simple passes, a break lookup, a level tally. */
const COPY_COST = 3;
const PASS_COST = 6;
const LEVEL_COST = 20;

/** The unchecked kernel of {@link scoreRfmSteps}. */
export function* _scoreRfmSteps(input: RfmScoreInput, rules: ResolvedRfmRules): Work<RfmScores> {
  const { ids } = input;
  const count = ids.length;
  const recencyDays = yield* copySteps(input.recencyDays);
  const frequency = yield* copySteps(input.frequency);
  const netRevenue = yield* copySteps(input.netRevenue);
  const monetary = new Float64Array(count);
  const total = rules.monetary === 'total';
  yield* forChunks(count, PASS_COST, monetaryOf, { frequency, netRevenue, total, monetary });
  const members = { recencyDays, frequency, monetary, scored: new Int32Array(count), count: 0 };
  yield* forChunks(count, PASS_COST, findMembers, members);
  const scored = members.scored.slice(0, members.count);
  let ranks: Int32Array | undefined;
  const tieRank = function* (): Work<Int32Array> {
    ranks ??= yield* idRanksSteps(ids);
    return ranks;
  };

  const r = yield* scoreDimensionSteps(recencyDays, scored, rules.recency, false, tieRank);
  const f = yield* scoreDimensionSteps(frequency, scored, rules.frequency, true, tieRank);
  const m = yield* scoreDimensionSteps(monetary, scored, rules.monetaryRule, true, tieRank);
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
function* scoreDimensionSteps(
  values: Float64Array,
  members: Int32Array,
  rule: ResolvedScoreRule,
  higherIsBetter: boolean,
  tieRank: () => Work<Int32Array>,
): Work<{ scores: Uint8Array; scoring: DimensionScoring }> {
  const { n } = rule;
  const scores = new Uint8Array(values.length);
  let breaks: readonly number[] = [];
  if (rule.method === 'ntile') {
    const level = yield* ntileLevelsSteps(values, members, n, yield* tieRank());
    yield* forChunks(members.length, PASS_COST, scoreByLevel, { members, level, higherIsBetter, n, scores });
  } else {
    if (rule.breaks) {
      breaks = rule.breaks;
    } else {
      const sorted = new Float64Array(members.length);
      yield* forChunks(members.length, COPY_COST, gather, { values, members, sorted });
      yield* sortFloat64Work(sorted);
      breaks = rfmPackageBreaks(sorted, n);
    }
    yield* forChunks(members.length, LEVEL_COST, scoreByBreaks, {
      values,
      members,
      breaks,
      higherIsBetter,
      n,
      scores,
    });
  }
  const levels = yield* describeLevelsSteps(values, members, scores, n);
  return { scores, scoring: { method: rule.method, n, breaks, levels } };
}

function* describeLevelsSteps(
  values: Float64Array,
  members: Int32Array,
  scores: Uint8Array,
  n: number,
): Work<ScoreLevel[]> {
  const customers = new Int32Array(n + 1);
  const min = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(n + 1).fill(Number.NEGATIVE_INFINITY);
  yield* forChunks(members.length, PASS_COST, tallyLevels, { values, members, scores, customers, min, max });
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

/** A Float64Array copy, as `Float64Array.from` makes it, in chunks. */
function* copySteps(values: ArrayLike<number>): Work<Float64Array> {
  const copy = { values, out: new Float64Array(values.length) };
  yield* forChunks(values.length, COPY_COST, copyRange, copy);
  return copy.out;
}

function copyRange(
  s: { readonly values: ArrayLike<number>; readonly out: Float64Array },
  from: number,
  to: number,
) {
  const { values, out } = s;
  for (let i = from; i < to; i++) out[i] = values[i]!;
}

function monetaryOf(
  s: {
    readonly frequency: Float64Array;
    readonly netRevenue: Float64Array;
    readonly total: boolean;
    readonly monetary: Float64Array;
  },
  from: number,
  to: number,
): void {
  const { frequency, netRevenue, total, monetary } = s;
  for (let c = from; c < to; c++) {
    const f = frequency[c]!;
    // Mean spend of a customer with no occasion in the window is 0: nothing was spent there.
    monetary[c] = total ? netRevenue[c]! : f > 0 ? netRevenue[c]! / f : 0;
  }
}

/** Customers with finite R, F and M: the scored ones, in code order. */
function findMembers(
  s: {
    readonly recencyDays: Float64Array;
    readonly frequency: Float64Array;
    readonly monetary: Float64Array;
    readonly scored: Int32Array;
    count: number;
  },
  from: number,
  to: number,
): void {
  const { recencyDays, frequency, monetary, scored } = s;
  let count = s.count;
  for (let c = from; c < to; c++) {
    if (Number.isFinite(recencyDays[c]) && Number.isFinite(frequency[c]) && Number.isFinite(monetary[c])) {
      scored[count++] = c;
    }
  }
  s.count = count;
}

function gather(
  s: { readonly values: Float64Array; readonly members: Int32Array; readonly sorted: Float64Array },
  from: number,
  to: number,
): void {
  const { values, members, sorted } = s;
  for (let p = from; p < to; p++) sorted[p] = values[members[p]!]!;
}

interface Scoring {
  readonly members: Int32Array;
  readonly higherIsBetter: boolean;
  readonly n: number;
  readonly scores: Uint8Array;
}

function scoreByLevel(s: Scoring & { readonly level: Uint8Array }, from: number, to: number): void {
  const { members, level, higherIsBetter, n, scores } = s;
  for (let p = from; p < to; p++) {
    const c = members[p]!;
    scores[c] = higherIsBetter ? level[c]! : n + 1 - level[c]!;
  }
}

function scoreByBreaks(
  s: Scoring & { readonly values: Float64Array; readonly breaks: readonly number[] },
  from: number,
  to: number,
): void {
  const { values, members, breaks, higherIsBetter, n, scores } = s;
  for (let p = from; p < to; p++) {
    const c = members[p]!;
    const below = levelOf(values[c]!, breaks);
    scores[c] = higherIsBetter ? below + 1 : n - below;
  }
}

function tallyLevels(
  s: {
    readonly values: Float64Array;
    readonly members: Int32Array;
    readonly scores: Uint8Array;
    readonly customers: Int32Array;
    readonly min: Float64Array;
    readonly max: Float64Array;
  },
  from: number,
  to: number,
): void {
  const { values, members, scores, customers, min, max } = s;
  for (let p = from; p < to; p++) {
    const c = members[p]!;
    const level = scores[c]!;
    const v = values[c]!;
    customers[level]!++;
    if (v < min[level]!) min[level] = v;
    if (v > max[level]!) max[level] = v;
  }
}
