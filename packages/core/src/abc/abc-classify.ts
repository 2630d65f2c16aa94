import { forChunks, runWork, type Work } from '../util/work.js';
import { assertFiniteSteps, rankDescendingSteps } from './values.js';

/** Options of {@link abcClassify}. */
export interface AbcOptions {
  /**
   * `'value'` (default): classes by cumulative share of value; `'count'`: classes by share of customers
   * (the top 20 % of customers by value are A, …).
   */
  readonly by?: 'value' | 'count';
  /**
   * Upper cumulative shares of all classes but the last, strictly increasing in (0, 1]. Defaults:
   * `[0.8, 0.95]` by value (A = first 80 % of value, B = next 15 %, C = the rest), `[0.2, 0.5]` by count.
   */
  readonly cutoffs?: readonly number[];
  /** One label per class (`cutoffs.length + 1`); default "A", "B", "C", … */
  readonly labels?: readonly string[];
  /** Customer ids, to order customers of equal value by id; without them, by index. */
  readonly ids?: readonly string[];
}

/** One ABC class. */
export interface AbcClass {
  readonly label: string;
  readonly customers: number;
  /** Sum of the class's positive values. */
  readonly value: number;
  /** customers / all customers. */
  readonly customerShare: number;
  /** value / total positive value (NaN when there is none). */
  readonly valueShare: number;
  /** Smallest and largest value in the class (NaN when empty). */
  readonly minValue: number;
  readonly maxValue: number;
}

/** The ABC classification of all customers. */
export interface AbcResult {
  readonly by: 'value' | 'count';
  readonly cutoffs: readonly number[];
  readonly labels: readonly string[];
  /** Per customer: index into `labels` / `classes`. */
  readonly classIndex: Uint8Array;
  /** Customer indices by value, largest first (ties by id). */
  readonly order: Int32Array;
  /** Per customer: 0-based position in `order`. */
  readonly rank: Int32Array;
  readonly classes: readonly AbcClass[];
  /** Sum of the positive values: the base of every value share. */
  readonly totalValue: number;
  /** Customers whose value is ≤ 0: always in the last class, counted in every customer share. */
  readonly nonPositive: number;
}

/** Cut-off comparisons forgive this relative rounding error of the running sums. */
const RELATIVE_TOLERANCE = 1e-12;

/**
 * ABC / Pareto classification. Customers are ranked by value, largest first (ties by id).
 *
 * By value, a customer's class is the first whose cut-off exceeds the share of value held by the customers
 * ranked before it: the customer that crosses 80 % is still A, so A is the smallest top group holding at least
 * 80 % of the value, and a group reaching exactly 80 % ends A. By count, rank k (0-based) of N customers is in
 * the first class with k < cutoff · N, so A holds ⌈0.2 · N⌉ customers.
 *
 * Customers with value ≤ 0 always go to the last class and are counted (they are in N and in the customer
 * shares); value shares use positive value only.
 *
 * @throws {RangeError} on non-finite values or invalid cut-offs or labels
 */
export function abcClassify(values: ArrayLike<number>, options: AbcOptions = {}): AbcResult {
  return runWork(abcClassifySteps(values, options));
}

/** Nominal cost per customer of the total, of the classing pass, and of the class tallies. */
const SUM_COST = 2;
const CLASS_COST = 12;
const TALLY_COST = 10;

/**
 * {@link abcClassify} as cooperative work: yields the work done since its previous yield (nominal nanoseconds,
 * see `Work`) after every chunk of customers and during the ranking sort, and returns the same classes. Options
 * are checked when it is first stepped.
 */
export function* abcClassifySteps(values: ArrayLike<number>, options: AbcOptions = {}): Work<AbcResult> {
  const by = options.by ?? 'value';
  if (by !== 'value' && by !== 'count')
    throw new RangeError(`by must be 'value' or 'count', got ${String(by)}`);
  const cutoffs = [...(options.cutoffs ?? (by === 'value' ? [0.8, 0.95] : [0.2, 0.5]))];
  cutoffs.forEach((c, k) => {
    if (!(c > 0 && c <= 1)) throw new RangeError(`cutoff ${c} is not in (0, 1]`);
    if (k > 0 && !(c > cutoffs[k - 1]!)) throw new RangeError('cutoffs must be strictly increasing');
  });
  if (cutoffs.length > 254) throw new RangeError('at most 254 cutoffs');
  const labels = [...(options.labels ?? cutoffs.concat(0).map((_, k) => String.fromCharCode(65 + k)))];
  if (labels.length !== cutoffs.length + 1) {
    throw new RangeError(`expected ${cutoffs.length + 1} labels, got ${labels.length}`);
  }
  yield* assertFiniteSteps(values);
  if (options.ids && options.ids.length !== values.length) throw new RangeError('ids must match values');

  const n = values.length;
  const order = yield* rankDescendingSteps(values, options.ids);
  const positive = { values, total: 0 };
  yield* forChunks(n, SUM_COST, sumPositive, positive);
  const total = positive.total;

  const last = cutoffs.length;
  const classIndex = new Uint8Array(n);
  const rank = new Int32Array(n);
  const thresholds = cutoffs.map((c) =>
    by === 'value' ? c * total * (1 - RELATIVE_TOLERANCE) : c * n - 1e-9,
  );
  const pass: Classing = {
    values,
    order,
    thresholds,
    byValue: by === 'value',
    last,
    rank,
    classIndex,
    before: 0,
    nonPositive: 0,
    cls: 0,
  };
  yield* forChunks(n, CLASS_COST, classRange, pass);
  const nonPositive = pass.nonPositive;

  return {
    by,
    cutoffs,
    labels,
    classIndex,
    order,
    rank,
    classes: yield* describeClassesSteps(values, classIndex, labels, total),
    totalValue: total,
    nonPositive,
  };
}

function* describeClassesSteps(
  values: ArrayLike<number>,
  classIndex: Uint8Array,
  labels: readonly string[],
  total: number,
): Work<AbcClass[]> {
  const k = labels.length;
  const customers = new Int32Array(k);
  const value = new Float64Array(k);
  const min = new Float64Array(k).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(k).fill(Number.NEGATIVE_INFINITY);
  yield* forChunks(values.length, TALLY_COST, tallyClasses, {
    values,
    classIndex,
    customers,
    value,
    min,
    max,
  });
  const n = values.length;
  return labels.map((label, c) => ({
    label,
    customers: customers[c]!,
    value: value[c]!,
    customerShare: n > 0 ? customers[c]! / n : Number.NaN,
    valueShare: total > 0 ? value[c]! / total : Number.NaN,
    minValue: customers[c]! > 0 ? min[c]! : Number.NaN,
    maxValue: customers[c]! > 0 ? max[c]! : Number.NaN,
  }));
}

function sumPositive(
  s: { readonly values: ArrayLike<number>; total: number },
  from: number,
  to: number,
): void {
  const { values } = s;
  let total = s.total;
  for (let i = from; i < to; i++) if (values[i]! > 0) total += values[i]!;
  s.total = total;
}

/** Inputs and outputs of {@link classRange}, with the running values of the walk down the ranking. */
interface Classing {
  readonly values: ArrayLike<number>;
  readonly order: Int32Array;
  readonly thresholds: readonly number[];
  readonly byValue: boolean;
  readonly last: number;
  readonly rank: Int32Array;
  readonly classIndex: Uint8Array;
  /** Positive value ranked before. */
  before: number;
  nonPositive: number;
  /** The current class. */
  cls: number;
}

/** Classes the customers ranked `from … to − 1`. */
function classRange(s: Classing, from: number, to: number): void {
  const { values, order, thresholds, byValue, last, rank, classIndex } = s;
  let { before, nonPositive, cls } = s;
  for (let k = from; k < to; k++) {
    const c = order[k]!;
    rank[c] = k;
    const v = values[c]!;
    if (!(v > 0)) {
      nonPositive++;
      classIndex[c] = last;
      continue;
    }
    // Classes only move forward along the ranking, so one pointer suffices.
    const position = byValue ? before : k;
    while (cls < last && !(position < thresholds[cls]!)) cls++;
    classIndex[c] = cls;
    before += v;
  }
  s.before = before;
  s.nonPositive = nonPositive;
  s.cls = cls;
}

function tallyClasses(
  s: {
    readonly values: ArrayLike<number>;
    readonly classIndex: Uint8Array;
    readonly customers: Int32Array;
    readonly value: Float64Array;
    readonly min: Float64Array;
    readonly max: Float64Array;
  },
  from: number,
  to: number,
): void {
  const { values, classIndex, customers, value, min, max } = s;
  for (let i = from; i < to; i++) {
    const c = classIndex[i]!;
    const v = values[i]!;
    customers[c]!++;
    if (v > 0) value[c]! += v;
    if (v < min[c]!) min[c] = v;
    if (v > max[c]!) max[c] = v;
  }
}
