import type { DictColumn } from '../schema/columns.js';
import type { TransactionTable } from '../schema/transactions.js';
import { sortFloat64Work, sortIndicesWork } from '../util/sort-work.js';
import { forChunks, runWork, type Work } from '../util/work.js';
import {
  CHURN_BAND_LABELS,
  type DrillDimension,
  type DrillKey,
  type DrillKeyKind,
  drillKeyKind,
  NONE_LABEL,
  parseTimeLabel,
  TIER_LABELS,
  type TimeLevel,
  timeCode,
  timeLabel,
  timeStartDay,
} from './keys.js';

const DAY_MS = 86_400_000;

/** The widest span of dates, in days, a drill-down reads dates over (2²² days ≈ 11,500 years). */
export const MAX_DAY_SPAN = 1 << 22;

/** Dense key spaces up to this size are grouped through a lookup table; larger ones through a hash table. */
const DIRECT_LIMIT = 1 << 22;

/**
 * The per-customer model outputs a drill-down reads, indexed by customer code (the transactions' customer
 * dictionary). `CustomerScores` (from `scoreCustomers`) is one; any object with some of these columns works.
 */
export interface DrillScores {
  /** Customer ids; when given, their number must equal the table's customers. */
  readonly ids?: readonly string[];
  /** Customer lifetime value (NaN = not scored). */
  readonly clv?: ArrayLike<number>;
  /** Churn risk score in [0, 1] (NaN = not scored), band code (index into CHURN_BANDS, 255 = none), value at risk. */
  readonly churn?: {
    readonly score?: ArrayLike<number>;
    readonly band?: ArrayLike<number>;
    readonly valueAtRisk?: ArrayLike<number>;
  };
  /** Value-pyramid tier code (index into TIERS, 255 = none). */
  readonly pyramid?: { readonly tier: ArrayLike<number> };
  /** RFM segment: index into `names`, −1 = none. */
  readonly segments?: { readonly names: readonly string[]; readonly segment: ArrayLike<number> };
}

/**
 * One value of a filter: a code as the result's key columns give it (time: the period code, see `timeCode`;
 * dimension: the dictionary code; customer attribute: the tier, band or segment index; −1 = none), a label
 * (`'2011'`, `'2011-Q2'`, `'2011-03'`, `'2011-W09'`, `'2011-03-04'`; a dictionary value; `'platinum'`, `'high'`, a
 * segment name; `'(none)'`), or `null` for "no value".
 */
export type DrillFilterValue = number | string | null;

/** Rows are kept when, for every key given, their value is the one given or one of the list. */
export type DrillFilter = { readonly [K in DrillKey]?: DrillFilterValue | readonly DrillFilterValue[] };

export interface DrillOptions {
  /** Grouping keys, outermost first; `[]` gives one group of all rows kept. */
  readonly by: readonly DrillKey[];
  readonly filter?: DrillFilter;
  /** Per-customer model outputs: adds clv, meanChurnRisk, valueAtRisk and tierMix, and the customer keys. */
  readonly scores?: DrillScores;
  /** Analysis date, epoch ms: rows on later UTC days are left out (counted in `rows.afterAsOf`). Default: none. */
  readonly asOf?: number;
}

/** One grouping key's column of the result: a code and a label per group. */
export interface DrillKeyColumn {
  readonly key: DrillKey;
  readonly kind: DrillKeyKind;
  /**
   * Per group: time → the period code (year 2011, quarter `year × 4 + q − 1`, month `year × 12 + m − 1`, ISO week
   * = weeks since the week of 1970-01-01, day = days since 1970-01-01); dimension → the dictionary code;
   * customer attribute → the tier, band or segment index; −1 = "(none)" (dimensions and attributes only).
   */
  readonly codes: Int32Array;
  /** Per group: `2011-Q2`, `2011-W09`, `United Kingdom`, `platinum`, `(none)`, … */
  readonly labels: readonly string[];
  /** Time keys: the start of each group's period, epoch ms (UTC midnight). */
  readonly start?: Float64Array;
}

/** Measures of one set of rows (a group, or all rows kept). */
export interface DrillTotals {
  /** Net revenue: the sum of `amount`. */
  readonly revenue: number;
  /** Sum of the positive amounts. */
  readonly grossRevenue: number;
  /** Sum of the negative amounts, as a positive number: revenue = grossRevenue − returns. */
  readonly returns: number;
  /** Distinct orders: order ids, and customer-days for rows without one. */
  readonly orders: number;
  readonly customers: number;
  /** Rows. */
  readonly transactions: number;
  /** Sum of the CLV of the distinct customers (non-finite values skipped); with `scores.clv`. */
  readonly clv?: number;
  /** Mean churn score over the distinct customers with a finite score (NaN if none); with `scores.churn.score`. */
  readonly meanChurnRisk?: number;
  /** Sum of the value at risk of the distinct customers; with `scores.churn.valueAtRisk`. */
  readonly valueAtRisk?: number;
  /** Distinct customers per tier, in {@link TIER_MIX_LABELS} order; with `scores.pyramid`. */
  readonly tierMix?: Int32Array;
}

/** Columns of `tierMix`: the tiers top first, then customers without a tier. */
export const TIER_MIX_LABELS: readonly string[] = [...TIER_LABELS, NONE_LABEL];

/** A drill-down: one row per non-empty group, columnar. Measures as in {@link DrillTotals}, per group. */
export interface DrillResult {
  readonly by: readonly DrillKey[];
  /** Number of groups. */
  readonly length: number;
  /** One column per key of `by`, in that order. */
  readonly keys: readonly DrillKeyColumn[];
  readonly revenue: Float64Array;
  readonly grossRevenue: Float64Array;
  readonly returns: Float64Array;
  readonly orders: Int32Array;
  readonly customers: Int32Array;
  readonly transactions: Int32Array;
  readonly clv?: Float64Array;
  readonly meanChurnRisk?: Float64Array;
  readonly valueAtRisk?: Float64Array;
  /** Row-major `length × TIER_MIX_LABELS.length`: group g, tier t is `tierMix[g * 5 + t]`. */
  readonly tierMix?: Int32Array;
  /** The same measures over all rows kept (distinct counts over all of them, not sums of the groups'). */
  readonly total: DrillTotals;
  readonly rows: {
    /** Rows of the table. */
    readonly total: number;
    /** Rows after a later UTC day than `asOf`. */
    readonly afterAsOf: number;
    /** Rows left out by the filter. */
    readonly filteredOut: number;
    /** Rows in the groups: total − afterAsOf − filteredOut. */
    readonly kept: number;
  };
  /** How orders were counted: by order id, by customer-day (no order ids), or both (some rows lack an id). */
  readonly ordersCountedBy: 'orderId' | 'customer-day' | 'mixed';
  readonly asOf?: number;
}

/**
 * Multidimensional drill-down: revenue, orders, customers and (with scores) model outputs per group of rows, the
 * groups being the combinations of the `by` keys' values that occur among the rows kept by `asOf` and `filter`.
 *
 * Groups come in a drilling order: time keys ascending, dimensions (region, category, channel, product,
 * currency) by their revenue within the enclosing group, descending (ties and "(none)" by code, none last), customer
 * attributes in their own order (tiers top first, bands low to high, segments in map order; "(none)" last).
 * Rows with no value for a dimension or attribute form a "(none)" group (code −1): counted, never dropped.
 *
 * One pass per key computes a dense composite key per row (time periods × dictionary codes), a lookup (or, for
 * huge key spaces, hash) table numbers the groups, and distinct customers and orders are counted per group with a
 * stamp array after a counting sort of the rows by group: no per-row objects or strings.
 *
 * @throws {RangeError} on an unknown or repeated key, a customer key without the scores it needs, scores of another
 *   length, an invalid filter value, a non-finite `asOf`, or dates that are needed and not finite or too far apart
 */
export function drilldown(table: TransactionTable, options: DrillOptions): DrillResult {
  return runWork(drilldownSteps(table, options));
}

/** Nominal costs per row (or group, or lookup-table slot) of the passes. */
const DATE_COST = 2;
const SCAN_COST = 1;
const KEY_COST = 4;
const SLOT_COST = 1;
const GROUP_COST = 6;
const HASH_COST = 25;
const SUM_COST = 8;
const BUCKET_COST = 6;
const DISTINCT_COST = 15;
const DECODE_COST = 10;
const LABEL_COST = 60;

/** A key resolved against the table: how each row maps to a dense index in `0 … card − 1`. */
interface ResolvedKey {
  readonly key: DrillKey;
  readonly kind: DrillKeyKind;
  readonly card: number;
  /** time: dense index per day since `minDay`; other kinds: dense index per `source` code + 1. */
  readonly lut: Int32Array;
  /** dimension: the column's codes (null when the table has no such column); customer: the customer codes. */
  readonly source: Int32Array | null;
  /** time: the code of dense index 0. */
  readonly minCode: number;
  /** dimension and customer: the labels of dense indices 0 … card − 2 (the last is "(none)"). */
  readonly vocabulary: readonly string[];
}

/** The span of the table's dates, read once and only when something needs dates. */
interface Dates {
  readonly minDay: number;
  readonly maxDay: number;
  /** Throws unless every date is finite and the span is at most MAX_DAY_SPAN days. */
  readonly require: (why: string) => void;
}

/** {@link drilldown} as cooperative work (see `Work`). Options are checked when it is first stepped. */
export function* drilldownSteps(table: TransactionTable, options: DrillOptions): Work<DrillResult> {
  const n = table.length;
  const customerCount = table.customer.dictionary.length;
  const by = [...options.by];
  const filter = options.filter ?? {};
  const filterKeys = Object.keys(filter).filter((k) => filter[k as DrillKey] !== undefined) as DrillKey[];
  for (const [i, key] of by.entries()) {
    drillKeyKind(key);
    if (by.indexOf(key) !== i) throw new RangeError(`drill-down key ${key} is given twice in "by"`);
  }
  for (const key of filterKeys) drillKeyKind(key);
  const scores = checkScores(options.scores, customerCount);
  const asOf = options.asOf;
  if (asOf !== undefined && !Number.isFinite(asOf)) {
    throw new RangeError(`asOf must be a finite epoch-ms time, got ${asOf}`);
  }

  let datesRead: Dates | undefined;
  const dates = function* (): Work<Dates> {
    datesRead ??= yield* readDates(table.date);
    return datesRead;
  };

  // Rows kept by asOf.
  const keep = new Uint8Array(n);
  let afterAsOf = 0;
  if (asOf === undefined) keep.fill(1);
  else {
    (yield* dates()).require('asOf');
    const cut = { date: table.date, end: (Math.floor(asOf / DAY_MS) + 1) * DAY_MS, keep, dropped: 0 };
    yield* forChunks(n, DATE_COST, keepUntil, cut);
    afterAsOf = cut.dropped;
  }

  // One pass per key: filter-only keys first (they only narrow the rows), then the grouping keys in order, each
  // applying its filter and multiplying its dense index into the row's composite key.
  const comp = new Float64Array(n);
  let space = 1;
  let filteredOut = 0;
  const resolved = new Map<DrillKey, ResolvedKey>();
  for (const key of [...filterKeys.filter((k) => !by.includes(k)), ...by]) {
    const kind = drillKeyKind(key);
    let r: ResolvedKey;
    let minDay = 0;
    if (kind === 'time') {
      const d = yield* dates();
      d.require(`drilling by ${key}`);
      minDay = d.minDay;
      r = yield* resolveTime(key as TimeLevel, d.minDay, d.maxDay);
    } else if (kind === 'dimension') r = resolveDimension(key, table[key as DrillDimension]);
    else r = yield* resolveCustomer(key, scores, table.customer.codes, customerCount);
    resolved.set(key, r);
    const values = filter[key];
    const grouping = by.includes(key);
    if (grouping) {
      space *= r.card;
      if (space > Number.MAX_SAFE_INTEGER) {
        throw new RangeError(`the keys ${by.join(' × ')} have too many combinations to group`);
      }
    }
    const pass: KeyPass = {
      date: table.date,
      codes: r.source ?? EMPTY_I32,
      lut: r.lut,
      minDay,
      mask: values === undefined ? null : filterMask(r, values),
      keep,
      comp,
      card: grouping ? r.card : 0,
      dropped: 0,
    };
    yield* forChunks(
      n,
      KEY_COST,
      r.kind === 'time' ? dayKeyPass : r.source ? codeKeyPass : noneKeyPass,
      pass,
    );
    filteredOut += pass.dropped;
  }
  const keys = by.map((k) => resolved.get(k)!);
  const kept = n - afterAsOf - filteredOut;

  // Groups: the composite keys that occur, numbered as first met; each row's group (−1 for rows left out); and the
  // groups in ascending key order, which is lexicographic in the keys' dense indices.
  const group = new Int32Array(n);
  const grouping =
    space <= DIRECT_LIMIT
      ? yield* groupDirect(keep, comp, space, group)
      : yield* groupHashed(keep, comp, kept, group);
  const G = grouping.count;

  // Order keys: order-id codes, then customer-day ids after them for rows without an order id.
  const orders = yield* orderKeys(table, keep, customerCount, dates);

  // Additive measures, and a counting sort that copies each kept row's customer and order into its group's run,
  // so that distinct counting reads memory in order.
  const offsets = new Int32Array(G + 1);
  for (let g = 0; g < G; g++) offsets[g + 1] = offsets[g]! + grouping.transactions[g]!;
  const bucket: Bucket = {
    group,
    amount: table.amount,
    customer: table.customer.codes,
    orderKey: orders.key,
    revenue: new Float64Array(G),
    gross: new Float64Array(G),
    returns: new Float64Array(G),
    cursor: offsets.slice(0, G),
    customers: new Int32Array(kept),
    orders: new Int32Array(kept),
  };
  yield* forChunks(n, SUM_COST, sumAndBucket, bucket);

  // Distinct customers and orders (and the scores of those customers) per group, and over all rows kept (index G).
  const distinct = distinctState(offsets, bucket, orders.size, customerCount, scores);
  yield* forChunks(kept, DISTINCT_COST, countDistinct, distinct);
  yield* forChunks(customerCount + 1, SCAN_COST, countAll, distinct);
  yield* forChunks(orders.size, SCAN_COST, countAllOrders, distinct);

  // Each group's dense index per key.
  const L = keys.length;
  const dense = keys.map(() => new Int32Array(G));
  yield* forChunks(G, DECODE_COST * (L + 1), decode, {
    keys: grouping.keys,
    cards: Int32Array.from(keys, (k) => k.card),
    dense,
  });

  // Drilling order: ascending key order, re-sorted by revenue where there are dimensions.
  const perm = keys.some((k) => k.kind === 'dimension')
    ? yield* drillOrder(keys, dense, bucket.revenue, grouping.sorted)
    : grouping.sorted;

  const take = <A extends Float64Array | Int32Array>(a: A, width = 1): A => {
    const out = new (a.constructor as { new (n: number): A })(G * width);
    for (let g = 0; g < G; g++) {
      const from = perm[g]! * width;
      for (let j = 0; j < width; j++) out[g * width + j] = a[from + j]!;
    }
    return out;
  };
  const columns: DrillKeyColumn[] = [];
  for (let k = 0; k < L; k++) {
    columns.push(yield* keyColumnSteps(keys[k]!, take(dense[k]!)));
  }

  const total: DrillTotals = {
    revenue: sum(bucket.revenue),
    grossRevenue: sum(bucket.gross),
    returns: sum(bucket.returns),
    orders: distinct.orders[G]!,
    customers: distinct.customers[G]!,
    transactions: kept,
    ...scoreTotals(distinct, G),
  };
  return {
    by,
    length: G,
    keys: columns,
    revenue: take(bucket.revenue),
    grossRevenue: take(bucket.gross),
    returns: take(bucket.returns),
    orders: take(distinct.orders),
    customers: take(distinct.customers),
    transactions: take(grouping.transactions),
    ...(distinct.scoreClv ? { clv: take(distinct.clv) } : {}),
    ...(distinct.scoreChurn ? { meanChurnRisk: take(meanOf(distinct.churnSum, distinct.churnCount)) } : {}),
    ...(distinct.scoreRisk ? { valueAtRisk: take(distinct.valueAtRisk) } : {}),
    ...(distinct.scoreTier ? { tierMix: take(distinct.tierMix, TIER_MIX_LABELS.length) } : {}),
    total,
    rows: { total: n, afterAsOf, filteredOut, kept },
    ordersCountedBy: orders.countedBy,
    ...(asOf !== undefined ? { asOf } : {}),
  };
}

function sum(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s;
}

function meanOf(total: Float64Array, count: Int32Array): Float64Array {
  const out = new Float64Array(total.length);
  for (let g = 0; g < out.length; g++) out[g] = count[g]! > 0 ? total[g]! / count[g]! : Number.NaN;
  return out;
}

const EMPTY_I32 = new Int32Array(0);
const EMPTY_F64 = new Float64Array(0);

interface DateRange {
  readonly date: Float64Array;
  min: number;
  max: number;
}

function* readDates(date: Float64Array): Work<Dates> {
  const s: DateRange = { date, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
  yield* forChunks(date.length, DATE_COST, dateRange, s);
  // A NaN date makes min and max NaN; an infinite one makes one of them infinite.
  const bad = date.length > 0 && !(Number.isFinite(s.min) && Number.isFinite(s.max));
  const minDay = bad || date.length === 0 ? 0 : Math.floor(s.min / DAY_MS);
  const maxDay = bad || date.length === 0 ? 0 : Math.floor(s.max / DAY_MS);
  return {
    minDay,
    maxDay,
    require: (why: string) => {
      if (bad) {
        const row = date.findIndex((t) => !Number.isFinite(t));
        throw new RangeError(`${why} reads dates, and row ${row} has none (${date[row]})`);
      }
      if (maxDay - minDay + 1 > MAX_DAY_SPAN) {
        throw new RangeError(
          `${why} reads dates, and they run from ${new Date(s.min).toISOString()} to ${new Date(s.max).toISOString()}: too far apart, which usually means a bad date`,
        );
      }
    },
  };
}

function dateRange(s: DateRange, from: number, to: number): void {
  const { date } = s;
  let { min, max } = s;
  for (let i = from; i < to; i++) {
    const t = date[i]!;
    min = Math.min(min, t);
    max = Math.max(max, t);
  }
  s.min = min;
  s.max = max;
}

function keepUntil(
  s: { readonly date: Float64Array; readonly end: number; readonly keep: Uint8Array; dropped: number },
  from: number,
  to: number,
): void {
  const { date, end, keep } = s;
  let dropped = 0;
  for (let i = from; i < to; i++) {
    if (date[i]! < end) keep[i] = 1;
    else dropped++;
  }
  s.dropped += dropped;
}

// ---------------------------------------------------------------------------------------------------------------
// Scores

/** The scores' columns as dense per-customer arrays (copies, so the kernels read one array type). */
interface ScoreColumns {
  readonly clv: Float64Array | null;
  readonly churnScore: Float64Array | null;
  readonly valueAtRisk: Float64Array | null;
  /** Tier per customer: 0 … 3, 4 = none. */
  readonly tier: Uint8Array | null;
  readonly band: ArrayLike<number> | null;
  readonly segment: ArrayLike<number> | null;
  readonly segmentNames: readonly string[];
}

function checkScores(scores: DrillScores | undefined, customers: number): ScoreColumns {
  const column = (name: string, values: ArrayLike<number> | undefined): ArrayLike<number> | null => {
    if (values === undefined) return null;
    if (values.length < customers) {
      throw new RangeError(`scores.${name} has ${values.length} entries for ${customers} customers`);
    }
    return values;
  };
  const floats = (name: string, values: ArrayLike<number> | undefined) => {
    const v = column(name, values);
    return v === null ? null : Float64Array.from({ length: customers }, (_, c) => v[c]!);
  };
  if (scores?.ids && scores.ids.length !== customers) {
    throw new RangeError(`the scores are for ${scores.ids.length} customers, the table has ${customers}`);
  }
  const tiers = column('pyramid.tier', scores?.pyramid?.tier);
  let tier: Uint8Array | null = null;
  if (tiers !== null) {
    tier = new Uint8Array(customers);
    for (let c = 0; c < customers; c++) tier[c] = attributeIndex(tiers[c]!, TIER_LABELS.length);
  }
  return {
    clv: floats('clv', scores?.clv),
    churnScore: floats('churn.score', scores?.churn?.score),
    valueAtRisk: floats('churn.valueAtRisk', scores?.churn?.valueAtRisk),
    tier,
    band: column('churn.band', scores?.churn?.band),
    segment: column('segments.segment', scores?.segments?.segment),
    segmentNames: scores?.segments?.names ?? [],
  };
}

/** The dense index of an attribute value: itself when it is a code `0 … size − 1`, else `size` (none). */
function attributeIndex(value: number, size: number): number {
  return Number.isInteger(value) && value >= 0 && value < size ? value : size;
}

/** Customers `from … to − 1`: the dense index of their attribute, at `lut[c + 1]`. */
function attributeIndices(
  s: { readonly values: ArrayLike<number>; readonly size: number; readonly lut: Int32Array },
  from: number,
  to: number,
): void {
  const { values, size, lut } = s;
  for (let c = from; c < to; c++) lut[c + 1] = attributeIndex(values[c]!, size);
}

function scoreTotals(s: Distinct, g: number): Partial<DrillTotals> {
  const w = TIER_MIX_LABELS.length;
  return {
    ...(s.scoreClv ? { clv: s.clv[g]! } : {}),
    ...(s.scoreChurn
      ? { meanChurnRisk: s.churnCount[g]! > 0 ? s.churnSum[g]! / s.churnCount[g]! : Number.NaN }
      : {}),
    ...(s.scoreRisk ? { valueAtRisk: s.valueAtRisk[g]! } : {}),
    ...(s.scoreTier ? { tierMix: s.tierMix.slice(g * w, g * w + w) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Keys

function* resolveTime(level: TimeLevel, minDay: number, maxDay: number): Work<ResolvedKey> {
  const lut = new Int32Array(maxDay - minDay + 1);
  const minCode = timeCode(minDay, level);
  yield* forChunks(lut.length, KEY_COST * 4, dayCodes, { lut, minDay, minCode, level });
  return {
    key: level,
    kind: 'time',
    card: timeCode(maxDay, level) - minCode + 1,
    lut,
    source: null,
    minCode,
    vocabulary: [],
  };
}

function dayCodes(
  s: {
    readonly lut: Int32Array;
    readonly minDay: number;
    readonly minCode: number;
    readonly level: TimeLevel;
  },
  from: number,
  to: number,
): void {
  const { lut, minDay, minCode, level } = s;
  for (let d = from; d < to; d++) lut[d] = timeCode(minDay + d, level) - minCode;
}

function resolveDimension(key: DrillKey, column: DictColumn | undefined): ResolvedKey {
  const size = column?.dictionary.length ?? 0;
  // Code −1 (none) → the last index; code k → k.
  const lut = new Int32Array(size + 1);
  lut[0] = size;
  for (let k = 0; k < size; k++) lut[k + 1] = k;
  return {
    key,
    kind: 'dimension',
    card: size + 1,
    lut,
    source: column?.codes ?? null,
    minCode: 0,
    vocabulary: column?.dictionary ?? [],
  };
}

function* resolveCustomer(
  key: DrillKey,
  scores: ScoreColumns,
  customerCodes: Int32Array,
  customers: number,
): Work<ResolvedKey> {
  let values: ArrayLike<number> | null;
  let vocabulary: readonly string[];
  if (key === 'tier') {
    values = scores.tier;
    vocabulary = TIER_LABELS;
  } else if (key === 'churnBand') {
    values = scores.band;
    vocabulary = CHURN_BAND_LABELS;
  } else {
    values = scores.segment;
    vocabulary = scores.segmentNames;
  }
  if (values === null) {
    const needs =
      key === 'tier' ? 'scores.pyramid.tier' : key === 'churnBand' ? 'scores.churn.band' : 'scores.segments';
    throw new RangeError(`drilling by ${key} needs ${needs} (pass scoreCustomers' result as scores)`);
  }
  const size = vocabulary.length;
  // Customer code −1 → none; customer c → its attribute's index, or none.
  const lut = new Int32Array(customers + 1);
  lut[0] = size;
  yield* forChunks(customers, KEY_COST, attributeIndices, { values, size, lut });
  return { key, kind: 'customer', card: size + 1, lut, source: customerCodes, minCode: 0, vocabulary };
}

function filterMask(r: ResolvedKey, values: DrillFilterValue | readonly DrillFilterValue[]): Uint8Array {
  const mask = new Uint8Array(r.card);
  const list: readonly DrillFilterValue[] = Array.isArray(values) ? values : [values as DrillFilterValue];
  for (const value of list) {
    const d = filterIndex(r, value);
    if (d >= 0 && d < r.card) mask[d] = 1;
  }
  return mask;
}

/** The dense index a filter value selects; −1 when it selects nothing that occurs. */
function filterIndex(r: ResolvedKey, value: DrillFilterValue): number {
  const none = r.card - 1;
  const bad = (why: string) => new RangeError(`filter ${r.key}: ${JSON.stringify(value)} ${why}`);
  if (r.kind === 'time') {
    const level = r.key as TimeLevel;
    let code: number;
    if (typeof value === 'string') code = parseTimeLabel(value, level);
    else if (typeof value === 'number' && Number.isInteger(value)) {
      // Quarter and month codes count from year 0: 2 is 0000-Q3, not "Q2". Catch that slip.
      if ((level === 'quarter' && value < 4000) || (level === 'month' && value < 12_000)) {
        throw bad(
          `is the code of ${timeLabel(value, level)}; pass a label such as '${level === 'quarter' ? '2011-Q2' : '2011-03'}' or a code (year × ${level === 'quarter' ? 4 : 12} + ${level} − 1)`,
        );
      }
      code = value;
    } else throw bad(`is not a ${level} code or label`);
    const d = code - r.minCode;
    return d >= 0 && d < r.card ? d : -1;
  }
  if (value === null) return none;
  const vocabulary = r.vocabulary;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < -1 || value >= vocabulary.length) {
      throw bad(`is not a code of ${r.key} (−1 … ${vocabulary.length - 1})`);
    }
    return value < 0 ? none : value;
  }
  if (typeof value !== 'string') throw bad('is not a code, a label or null');
  const found = vocabulary.indexOf(value);
  if (found >= 0) return found;
  if (value === NONE_LABEL) return none;
  // Fixed vocabularies reject a typo; dictionaries and segment maps just have no such value.
  if (r.key === 'tier' || r.key === 'churnBand') throw bad(`is not one of ${vocabulary.join(', ')}`);
  return -1;
}

// ---------------------------------------------------------------------------------------------------------------
// Row kernels

/** One key's pass over the rows: drop rows its filter does not select; compose its index into the row's key. */
interface KeyPass {
  readonly date: Float64Array;
  readonly codes: Int32Array;
  readonly lut: Int32Array;
  readonly minDay: number;
  /** Selected dense indices (null = no filter on this key). */
  readonly mask: Uint8Array | null;
  readonly keep: Uint8Array;
  readonly comp: Float64Array;
  /** The key's cardinality when it groups; 0 when it only filters. */
  readonly card: number;
  dropped: number;
}

function dayKeyPass(s: KeyPass, from: number, to: number): void {
  const { date, lut, minDay, mask, keep, comp, card } = s;
  let dropped = 0;
  for (let i = from; i < to; i++) {
    const d = lut[Math.floor(date[i]! / DAY_MS) - minDay]!;
    if (mask !== null && keep[i] === 1 && mask[d] === 0) {
      keep[i] = 0;
      dropped++;
    }
    if (card > 0) comp[i] = comp[i]! * card + d;
  }
  s.dropped += dropped;
}

function codeKeyPass(s: KeyPass, from: number, to: number): void {
  const { codes, lut, mask, keep, comp, card } = s;
  let dropped = 0;
  for (let i = from; i < to; i++) {
    const d = lut[codes[i]! + 1]!;
    if (mask !== null && keep[i] === 1 && mask[d] === 0) {
      keep[i] = 0;
      dropped++;
    }
    if (card > 0) comp[i] = comp[i]! * card + d;
  }
  s.dropped += dropped;
}

/** A dimension the table has no column for: every row is "(none)", the only index (so composing changes nothing). */
function noneKeyPass(s: KeyPass, from: number, to: number): void {
  const { mask, keep } = s;
  if (mask === null || mask[0] === 1) return;
  let dropped = 0;
  for (let i = from; i < to; i++) {
    if (keep[i] === 1) {
      keep[i] = 0;
      dropped++;
    }
  }
  s.dropped += dropped;
}

interface Grouping {
  readonly count: number;
  /** Composite key per group. */
  readonly keys: Float64Array;
  /** Rows per group. */
  readonly transactions: Int32Array;
  /** The groups in ascending key order. */
  readonly sorted: Int32Array;
}

interface GroupPass {
  readonly keep: Uint8Array;
  readonly comp: Float64Array;
  /** Direct: group per key (−1 = none yet). Hashed: open addressing, key + 1 (0 = empty), and `values`. */
  readonly slot: Int32Array;
  readonly table: Float64Array;
  readonly values: Int32Array;
  readonly keys: Float64Array;
  readonly transactions: Int32Array;
  readonly group: Int32Array;
  count: number;
}

/** Groups through a lookup table over the whole key space. */
function* groupDirect(
  keep: Uint8Array,
  comp: Float64Array,
  space: number,
  group: Int32Array,
): Work<Grouping> {
  const most = Math.min(space, keep.length);
  const s: GroupPass = {
    keep,
    comp,
    slot: new Int32Array(space),
    table: EMPTY_F64,
    values: EMPTY_I32,
    keys: new Float64Array(most),
    transactions: new Int32Array(most),
    group,
    count: 0,
  };
  yield* forChunks(space, SLOT_COST, fillEmpty, s.slot);
  yield* forChunks(keep.length, GROUP_COST, groupRowsDirect, s);
  const sortedKeys = yield* sortFloat64Work(s.keys.slice(0, s.count));
  const sorted = new Int32Array(s.count);
  yield* forChunks(s.count, SLOT_COST, slotsOf, { slot: s.slot, sortedKeys, sorted });
  return groupingOf(s, sorted);
}

/** The group of each key, in key order. */
function slotsOf(
  s: { readonly slot: Int32Array; readonly sortedKeys: Float64Array; readonly sorted: Int32Array },
  from: number,
  to: number,
): void {
  const { slot, sortedKeys, sorted } = s;
  for (let r = from; r < to; r++) sorted[r] = slot[sortedKeys[r]!]!;
}

function hashedSlotsOf(
  s: {
    readonly table: Float64Array;
    readonly values: Int32Array;
    readonly sortedKeys: Float64Array;
    readonly sorted: Int32Array;
  },
  from: number,
  to: number,
): void {
  const { table, values, sortedKeys, sorted } = s;
  for (let r = from; r < to; r++) sorted[r] = values[hashSlot(table, sortedKeys[r]! + 1)]!;
}

function fillEmpty(slot: Int32Array, from: number, to: number): void {
  slot.fill(-1, from, to);
}

function groupingOf(s: GroupPass, sorted: Int32Array): Grouping {
  return {
    count: s.count,
    keys: s.keys.subarray(0, s.count),
    transactions: s.transactions.subarray(0, s.count),
    sorted,
  };
}

function groupRowsDirect(s: GroupPass, from: number, to: number): void {
  const { keep, comp, slot, keys, transactions, group } = s;
  let count = s.count;
  for (let i = from; i < to; i++) {
    if (keep[i] !== 1) {
      group[i] = -1;
      continue;
    }
    const k = comp[i]!;
    let g = slot[k]!;
    if (g < 0) {
      g = count++;
      slot[k] = g;
      keys[g] = k;
    }
    group[i] = g;
    transactions[g]!++;
  }
  s.count = count;
}

/** The slot of `stored` (a key + 1) in an open-addressing table: where it is, or the empty slot it would take. */
function hashSlot(table: Float64Array, stored: number): number {
  const mask = table.length - 1;
  // Low and high 32 bits of an integer below 2^53, mixed.
  const lo = stored | 0;
  const hi = Math.floor(stored / 4_294_967_296) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  let i = h & mask;
  for (;;) {
    const current = table[i]!;
    if (current === 0 || current === stored) return i;
    i = (i + 1) & mask;
  }
}

function groupRowsHashed(s: GroupPass, from: number, to: number): void {
  const { keep, comp, table, values, keys, transactions, group } = s;
  let count = s.count;
  for (let i = from; i < to; i++) {
    if (keep[i] !== 1) {
      group[i] = -1;
      continue;
    }
    const stored = comp[i]! + 1;
    const j = hashSlot(table, stored);
    let g: number;
    if (table[j] === 0) {
      g = count++;
      table[j] = stored;
      values[j] = g;
      keys[g] = stored - 1;
    } else g = values[j]!;
    group[i] = g;
    transactions[g]!++;
  }
  s.count = count;
}

/** Groups through a hash table of the keys that occur (for key spaces too large for a lookup table). */
function* groupHashed(keep: Uint8Array, comp: Float64Array, kept: number, group: Int32Array): Work<Grouping> {
  let size = 1 << 10;
  while (size < kept * 2) size *= 2;
  const s: GroupPass = {
    keep,
    comp,
    slot: EMPTY_I32,
    table: new Float64Array(size),
    values: new Int32Array(size),
    keys: new Float64Array(kept),
    transactions: new Int32Array(kept),
    group,
    count: 0,
  };
  yield* forChunks(keep.length, HASH_COST, groupRowsHashed, s);
  const sortedKeys = yield* sortFloat64Work(s.keys.slice(0, s.count));
  const sorted = new Int32Array(s.count);
  yield* forChunks(s.count, HASH_COST, hashedSlotsOf, {
    table: s.table,
    values: s.values,
    sortedKeys,
    sorted,
  });
  return groupingOf(s, sorted);
}

interface Bucket {
  readonly group: Int32Array;
  readonly amount: Float64Array;
  readonly customer: Int32Array;
  readonly orderKey: Int32Array;
  readonly revenue: Float64Array;
  readonly gross: Float64Array;
  readonly returns: Float64Array;
  /** Per group: the next free position of its run. */
  readonly cursor: Int32Array;
  /** Customer code and order key of the kept rows, in runs by group. */
  readonly customers: Int32Array;
  readonly orders: Int32Array;
}

function sumAndBucket(s: Bucket, from: number, to: number): void {
  const { group, amount, customer, orderKey, revenue, gross, returns, cursor, customers, orders } = s;
  for (let i = from; i < to; i++) {
    const g = group[i]!;
    if (g < 0) continue;
    const a = amount[i]!;
    revenue[g] = revenue[g]! + a;
    if (a > 0) gross[g] = gross[g]! + a;
    else if (a < 0) returns[g] = returns[g]! - a;
    const p = cursor[g]!++;
    customers[p] = customer[i]!;
    orders[p] = orderKey[i]!;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Orders

interface OrderKeys {
  /** Per row: an order key in `0 … size − 1` (rows left out: anything). */
  readonly key: Int32Array;
  readonly size: number;
  readonly countedBy: DrillResult['ordersCountedBy'];
}

/**
 * Each kept row's order: its order-id code when it has one; else its customer-day, numbered after the order ids.
 * Customer-days are numbered by a counting sort of those rows by customer and a stamp array over the days.
 */
function* orderKeys(
  table: TransactionTable,
  keep: Uint8Array,
  customers: number,
  dates: () => Work<Dates>,
): Work<OrderKeys> {
  const n = table.length;
  const orderCodes = table.orderId?.codes ?? null;
  const base = table.orderId?.dictionary.length ?? 0;
  if (orderCodes !== null) {
    // Usually every row has an order id: one cheap scan shows it.
    const low = { codes: orderCodes, min: 0 };
    yield* forChunks(n, SCAN_COST, lowestCode, low);
    if (low.min >= 0) return { key: orderCodes, size: base, countedBy: 'orderId' };
  }
  const need = {
    keep,
    orderCodes,
    count: 0,
    counts: new Int32Array(customers + 1),
    customer: table.customer.codes,
  };
  yield* forChunks(n, BUCKET_COST, countWithoutOrder, need);
  if (need.count === 0 && orderCodes !== null) return { key: orderCodes, size: base, countedBy: 'orderId' };
  const countedBy = orderCodes === null ? 'customer-day' : 'mixed';
  if (need.count === 0) return { key: EMPTY_I32, size: base, countedBy };
  const { minDay, maxDay, require } = yield* dates();
  require('counting orders by customer-day');
  const key = orderCodes === null ? new Int32Array(n) : orderCodes.slice();
  yield n * SLOT_COST;
  // Rows without an order id, by customer (code + 1, so a missing customer is bucket 0).
  const offsets = new Int32Array(customers + 2);
  for (let c = 0; c <= customers; c++) offsets[c + 1] = offsets[c]! + need.counts[c]!;
  const sorted = {
    ...need,
    date: table.date,
    minDay,
    cursor: offsets.slice(0, customers + 1),
    rows: new Int32Array(need.count),
    days: new Int32Array(need.count),
  };
  yield* forChunks(n, BUCKET_COST, bucketWithoutOrder, sorted);
  const span = maxDay - minDay + 1;
  const days = {
    offsets,
    rows: sorted.rows,
    days: sorted.days,
    stamp: new Int32Array(span).fill(-1),
    id: new Int32Array(span),
    key,
    next: base,
  };
  yield span * SLOT_COST;
  yield* forChunks(customers + 1, DISTINCT_COST * (need.count / (customers + 1) + 1), customerDays, days);
  return { key, size: days.next, countedBy };
}

function lowestCode(s: { readonly codes: Int32Array; min: number }, from: number, to: number): void {
  const { codes } = s;
  let min = s.min;
  for (let i = from; i < to; i++) min = Math.min(min, codes[i]!);
  s.min = min;
}

function countWithoutOrder(
  s: {
    readonly keep: Uint8Array;
    readonly orderCodes: Int32Array | null;
    readonly customer: Int32Array;
    readonly counts: Int32Array;
    count: number;
  },
  from: number,
  to: number,
): void {
  const { keep, orderCodes, customer, counts } = s;
  let count = s.count;
  for (let i = from; i < to; i++) {
    if (keep[i] === 1 && (orderCodes === null || orderCodes[i]! < 0)) {
      counts[customer[i]! + 1]!++;
      count++;
    }
  }
  s.count = count;
}

/** Rows without an order id, by customer, with their day (since `minDay`). */
function bucketWithoutOrder(
  s: {
    readonly keep: Uint8Array;
    readonly orderCodes: Int32Array | null;
    readonly customer: Int32Array;
    readonly date: Float64Array;
    readonly minDay: number;
    readonly cursor: Int32Array;
    readonly rows: Int32Array;
    readonly days: Int32Array;
  },
  from: number,
  to: number,
): void {
  const { keep, orderCodes, customer, date, minDay, cursor, rows, days } = s;
  for (let i = from; i < to; i++) {
    if (keep[i] === 1 && (orderCodes === null || orderCodes[i]! < 0)) {
      const p = cursor[customer[i]! + 1]!++;
      rows[p] = i;
      days[p] = Math.floor(date[i]! / DAY_MS) - minDay;
    }
  }
}

/** Customer buckets `from … to − 1`: a new id per distinct day of the bucket's rows. */
function customerDays(
  s: {
    readonly offsets: Int32Array;
    readonly rows: Int32Array;
    readonly days: Int32Array;
    readonly stamp: Int32Array;
    readonly id: Int32Array;
    readonly key: Int32Array;
    next: number;
  },
  from: number,
  to: number,
): void {
  const { offsets, rows, days, stamp, id, key } = s;
  let next = s.next;
  for (let c = from; c < to; c++) {
    for (let p = offsets[c]!; p < offsets[c + 1]!; p++) {
      const d = days[p]!;
      if (stamp[d] !== c) {
        stamp[d] = c;
        id[d] = next++;
      }
      key[rows[p]!] = id[d]!;
    }
  }
  s.next = next;
}

// ---------------------------------------------------------------------------------------------------------------
// Distinct customers and orders

interface Distinct {
  /** Group g's run is `offsets[g] … offsets[g + 1] − 1` of `customer` and `orderKey`. */
  readonly offsets: Int32Array;
  /** The group of the position the kernel is at. */
  g: number;
  /** Index of the all-rows total in the per-group arrays (their last entry). */
  readonly all: number;
  readonly customer: Int32Array;
  readonly orderKey: Int32Array;
  /** Per customer code + 1 / per order key: the last group counted (−1: none yet). */
  readonly customerStamp: Int32Array;
  readonly orderStamp: Int32Array;
  readonly customers: Int32Array;
  readonly orders: Int32Array;
  readonly scoreClv: boolean;
  readonly scoreChurn: boolean;
  readonly scoreRisk: boolean;
  readonly scoreTier: boolean;
  readonly clvOf: Float64Array;
  readonly churnOf: Float64Array;
  readonly riskOf: Float64Array;
  readonly tierOf: Uint8Array;
  readonly clv: Float64Array;
  readonly churnSum: Float64Array;
  readonly churnCount: Int32Array;
  readonly valueAtRisk: Float64Array;
  readonly tierMix: Int32Array;
}

function distinctState(
  offsets: Int32Array,
  bucket: Bucket,
  orderKeyCount: number,
  customerCount: number,
  scores: ScoreColumns,
): Distinct {
  const G = offsets.length - 1;
  const scoreClv = scores.clv !== null;
  const scoreChurn = scores.churnScore !== null;
  const scoreRisk = scores.valueAtRisk !== null;
  const scoreTier = scores.tier !== null;
  const width = G + 1; // the groups, then the total
  return {
    offsets,
    g: 0,
    all: G,
    customer: bucket.customers,
    orderKey: bucket.orders,
    customerStamp: new Int32Array(customerCount + 1).fill(-1),
    orderStamp: new Int32Array(orderKeyCount).fill(-1),
    customers: new Int32Array(width),
    orders: new Int32Array(width),
    scoreClv,
    scoreChurn,
    scoreRisk,
    scoreTier,
    clvOf: scores.clv ?? EMPTY_F64,
    churnOf: scores.churnScore ?? EMPTY_F64,
    riskOf: scores.valueAtRisk ?? EMPTY_F64,
    tierOf: scores.tier ?? new Uint8Array(0),
    clv: new Float64Array(scoreClv ? width : 0),
    churnSum: new Float64Array(scoreChurn ? width : 0),
    churnCount: new Int32Array(scoreChurn ? width : 0),
    valueAtRisk: new Float64Array(scoreRisk ? width : 0),
    tierMix: new Int32Array(scoreTier ? width * TIER_MIX_LABELS.length : 0),
  };
}

/** Positions `from … to − 1` of the by-group runs: count each customer and order once per group. */
function countDistinct(s: Distinct, from: number, to: number): void {
  const { offsets, customer, orderKey, customerStamp, orderStamp, customers, orders } = s;
  const scored = s.scoreClv || s.scoreChurn || s.scoreRisk || s.scoreTier;
  let g = s.g;
  for (let p = from; p < to; p++) {
    while (p >= offsets[g + 1]!) g++;
    const c = customer[p]! + 1;
    if (customerStamp[c] !== g) {
      customerStamp[c] = g;
      customers[g]!++;
      if (scored && c > 0) addScores(s, g, c - 1);
    }
    const o = orderKey[p]!;
    if (orderStamp[o] !== g) {
      orderStamp[o] = g;
      orders[g]!++;
    }
  }
  s.g = g;
}

/** The total over all groups (index `all`): every customer the groups counted, once. */
function countAll(s: Distinct, from: number, to: number): void {
  const { all, customerStamp, customers } = s;
  const scored = s.scoreClv || s.scoreChurn || s.scoreRisk || s.scoreTier;
  for (let c = from; c < to; c++) {
    if (customerStamp[c]! < 0) continue;
    customers[all]!++;
    if (scored && c > 0) addScores(s, all, c - 1);
  }
}

/** The total over all groups: every order the groups counted, once. */
function countAllOrders(s: Distinct, from: number, to: number): void {
  const { all, orderStamp, orders } = s;
  let count = 0;
  for (let o = from; o < to; o++) if (orderStamp[o]! >= 0) count++;
  orders[all] = orders[all]! + count;
}

function addScores(s: Distinct, g: number, c: number): void {
  if (s.scoreClv) {
    const v = s.clvOf[c]!;
    if (Number.isFinite(v)) s.clv[g] = s.clv[g]! + v;
  }
  if (s.scoreChurn) {
    const v = s.churnOf[c]!;
    if (Number.isFinite(v)) {
      s.churnSum[g] = s.churnSum[g]! + v;
      s.churnCount[g]!++;
    }
  }
  if (s.scoreRisk) {
    const v = s.riskOf[c]!;
    if (Number.isFinite(v)) s.valueAtRisk[g] = s.valueAtRisk[g]! + v;
  }
  if (s.scoreTier) s.tierMix[g * TIER_MIX_LABELS.length + s.tierOf[c]!]!++;
}

// ---------------------------------------------------------------------------------------------------------------
// Group keys and order

/** Each group's dense index per key, from its composite key (last key varies fastest). */
function decode(
  s: { readonly keys: Float64Array; readonly cards: Int32Array; readonly dense: readonly Int32Array[] },
  from: number,
  to: number,
): void {
  const { keys, cards, dense } = s;
  for (let g = from; g < to; g++) {
    let rest = keys[g]!;
    for (let k = cards.length - 1; k >= 0; k--) {
      const d = rest % cards[k]!;
      dense[k]![g] = d;
      rest = (rest - d) / cards[k]!;
    }
  }
}

/**
 * The drilling order: level by level, time and customer attributes by index, dimensions by the revenue of the
 * enclosing group at that level (descending), then by index. `sorted` lists the groups in ascending key order,
 * where the groups sharing levels 0 … k are contiguous.
 */
function* drillOrder(
  keys: readonly ResolvedKey[],
  dense: readonly Int32Array[],
  revenue: Float64Array,
  sorted: Int32Array,
): Work<Int32Array> {
  const L = keys.length;
  const G = sorted.length;
  // The first level at which the q-th group in key order differs from the one before.
  const firstDiff = new Int32Array(G);
  yield* forChunks(G, DECODE_COST * L, firstDifferences, { sorted, dense, firstDiff });
  // Per dimension level, per group: the revenue of its enclosing group at that level.
  const prefixRevenue: (Float64Array | null)[] = keys.map(() => null);
  for (let k = 0; k < L; k++) {
    if (keys[k]!.kind !== 'dimension') continue;
    const runs: Runs = { sorted, firstDiff, revenue, k, out: new Float64Array(G), start: 0, total: 0 };
    yield* forChunks(G, DECODE_COST, runTotals, runs);
    prefixRevenue[k] = runs.out;
  }
  return yield* sortIndicesWork(sorted.slice(), (a, b) => {
    for (let k = 0; k < L; k++) {
      const r = prefixRevenue[k];
      if (r) {
        const ra = r[a]!;
        const rb = r[b]!;
        if (ra > rb) return -1;
        if (ra < rb) return 1;
      }
      const d = dense[k]![a]! - dense[k]![b]!;
      if (d !== 0) return d;
    }
    return a - b;
  });
}

/** Filling one key's result column. */
interface KeyColumnFill {
  readonly r: ResolvedKey;
  /** Dense index per group, in result order. */
  readonly dense: Int32Array;
  readonly codes: Int32Array;
  readonly labels: string[];
  readonly start: Float64Array;
  /** Time labels made so far, by code. */
  readonly cache: Map<number, string>;
}

function firstDifferences(
  s: { readonly sorted: Int32Array; readonly dense: readonly Int32Array[]; readonly firstDiff: Int32Array },
  from: number,
  to: number,
): void {
  const { sorted, dense, firstDiff } = s;
  const L = dense.length;
  for (let q = Math.max(1, from); q < to; q++) {
    const g = sorted[q]!;
    const previous = sorted[q - 1]!;
    let k = 0;
    while (k < L && dense[k]![g] === dense[k]![previous]) k++;
    firstDiff[q] = k;
  }
}

/** Runs of groups (in key order) that share levels 0 … k, and the revenue of each run. */
interface Runs {
  readonly sorted: Int32Array;
  readonly firstDiff: Int32Array;
  readonly revenue: Float64Array;
  readonly k: number;
  /** Per group: its run's revenue. */
  readonly out: Float64Array;
  /** The current run's first position and revenue so far. */
  start: number;
  total: number;
}

function runTotals(s: Runs, from: number, to: number): void {
  const { sorted, firstDiff, revenue, k, out } = s;
  const G = sorted.length;
  let { start, total } = s;
  for (let q = from; q < to; q++) {
    total += revenue[sorted[q]!]!;
    if (q + 1 === G || firstDiff[q + 1]! <= k) {
      for (let h = start; h <= q; h++) out[sorted[h]!] = total;
      start = q + 1;
      total = 0;
    }
  }
  s.start = start;
  s.total = total;
}

/** The result column of one key from the groups' dense indices. */
function* keyColumnSteps(r: ResolvedKey, dense: Int32Array): Work<DrillKeyColumn> {
  const G = dense.length;
  const s: KeyColumnFill = {
    r,
    dense,
    codes: new Int32Array(G),
    labels: new Array<string>(G),
    start: new Float64Array(r.kind === 'time' ? G : 0),
    cache: new Map(),
  };
  yield* forChunks(G, LABEL_COST, r.kind === 'time' ? timeColumn : codeColumn, s);
  const { codes, labels, start } = s;
  return r.kind === 'time'
    ? { key: r.key, kind: r.kind, codes, labels, start }
    : { key: r.key, kind: r.kind, codes, labels };
}

function timeColumn(s: KeyColumnFill, from: number, to: number): void {
  const { r, dense, codes, labels, start, cache } = s;
  const level = r.key as TimeLevel;
  for (let g = from; g < to; g++) {
    const code = r.minCode + dense[g]!;
    codes[g] = code;
    start[g] = timeStartDay(code, level) * DAY_MS;
    let label = cache.get(code);
    if (label === undefined) {
      label = timeLabel(code, level);
      cache.set(code, label);
    }
    labels[g] = label;
  }
}

function codeColumn(s: KeyColumnFill, from: number, to: number): void {
  const { r, dense, codes, labels } = s;
  const none = r.card - 1;
  for (let g = from; g < to; g++) {
    const d = dense[g]!;
    codes[g] = d === none ? -1 : d;
    labels[g] = d === none ? NONE_LABEL : r.vocabulary[d]!;
  }
}
