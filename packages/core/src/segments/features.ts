import type { CustomerSummary } from '../summary/types.js';
import { forChunks, runWork, type Work } from '../util/work.js';

/** Points in a row-major matrix: row `i`, feature `j` is `data[i * dims + j]`. */
export interface FeatureMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly dims: number;
}

/** An extra numeric column to cluster on, beside recency, frequency and monetary value. */
export interface SegmentAttribute {
  /** Its name in results (e.g. `'tenureDays'`). */
  readonly name: string;
  /** One value per customer code (`summary.length` entries). A customer with a non-finite value is left out. */
  readonly values: ArrayLike<number>;
  /** Take the signed log1p before standardising (default false). */
  readonly log?: boolean;
}

/** Options of {@link segmentFeatures}. */
export interface SegmentFeatureOptions {
  /** Monetary value: total net revenue in the window (default) or net revenue per purchase occasion. */
  readonly monetary?: 'total' | 'mean';
  /** Take the signed log1p of recency, frequency and monetary value before standardising (default true). */
  readonly log?: boolean;
  /** Extra numeric columns, per customer code. */
  readonly attributes?: readonly SegmentAttribute[];
  /** 1 = take part (default: every customer with a purchase); customers with any other value are left out. */
  readonly include?: ArrayLike<number>;
}

/** Why customers were not clustered. */
export interface SegmentExclusions {
  /** `include` was given and was not 1. */
  readonly notIncluded: number;
  /** No purchase on or before the analysis date (recency undefined). */
  readonly noPurchase: number;
  /** A feature was not finite (an attribute value, or a non-finite monetary value). */
  readonly nonFinite: number;
}

/** Standardised features of the clustered customers, and what it takes to read them back. */
export interface SegmentFeatures extends FeatureMatrix {
  /** Feature names: `recencyDays`, `frequency`, `monetary`, then the attributes' names. */
  readonly names: readonly string[];
  /** Whether each feature was log-transformed (signed log1p) before standardising. */
  readonly logged: readonly boolean[];
  /** Customer code of each row, ascending. */
  readonly customers: Int32Array;
  /** The untransformed values, row-major like `data` (for profiles in the data's own units). */
  readonly raw: Float64Array;
  /** Mean of each (transformed) feature over the rows. */
  readonly center: Float64Array;
  /** Population standard deviation of each (transformed) feature; 1 where it is 0 (a constant feature). */
  readonly scale: Float64Array;
  /** The monetary measure used. */
  readonly monetary: 'total' | 'mean';
  readonly excluded: SegmentExclusions;
}

/** Signed log1p: log1p for x ≥ 0, −log1p(−x) below (net revenue can be negative). */
export function signedLog1p(x: number): number {
  return x >= 0 ? Math.log1p(x) : -Math.log1p(-x);
}

/**
 * The clustering features of every customer with a purchase: recency in days, purchase occasions and monetary
 * value from a {@link CustomerSummary}, plus optional attribute columns; each transformed with the signed log1p
 * (unless `log: false`) and then z-scored (mean 0, population standard deviation 1) over the clustered customers.
 *
 * @throws {RangeError} on an unknown monetary measure or a column whose length is not `summary.length`
 */
export function segmentFeatures(
  summary: CustomerSummary,
  options: SegmentFeatureOptions = {},
): SegmentFeatures {
  return runWork(segmentFeaturesSteps(summary, options));
}

/** Nominal cost per customer and feature of a pass. */
const FEATURE_COST = 6;

/** {@link segmentFeatures} as cooperative work (see `Work`). Inputs are checked when it is first stepped. */
export function* segmentFeaturesSteps(
  summary: CustomerSummary,
  options: SegmentFeatureOptions = {},
): Work<SegmentFeatures> {
  const monetary = options.monetary ?? 'total';
  if (monetary !== 'total' && monetary !== 'mean') {
    throw new RangeError(`monetary must be 'total' or 'mean', got ${String(monetary)}`);
  }
  const logRfm = options.log ?? true;
  const attributes = options.attributes ?? [];
  const n = summary.length;
  const include = options.include;
  if (include !== undefined && include.length !== n) {
    throw new RangeError(`include must have one entry per customer (${n}), got ${include.length}`);
  }
  for (const a of attributes) {
    if (a.values.length !== n) {
      throw new RangeError(
        `attribute ${a.name} must have one value per customer (${n}), got ${a.values.length}`,
      );
    }
  }
  const names = ['recencyDays', 'frequency', 'monetary', ...attributes.map((a) => a.name)];
  if (new Set(names).size !== names.length) throw new RangeError(`feature names must be distinct: ${names}`);
  const dims = names.length;
  const logged = [logRfm, logRfm, logRfm, ...attributes.map((a) => a.log ?? false)];
  const columns: ArrayLike<number>[] = attributes.map((a) => a.values);

  // Pass 1: which customers take part, and their raw values.
  const pick: Pick = {
    summary,
    include,
    mean: monetary === 'mean',
    columns,
    dims,
    customers: new Int32Array(n),
    raw: new Float64Array(n * dims),
    rows: 0,
    notIncluded: 0,
    noPurchase: 0,
    nonFinite: 0,
  };
  yield* forChunks(n, FEATURE_COST * dims, pickRows, pick);
  const rows = pick.rows;
  const customers = pick.customers.slice(0, rows);
  const raw = pick.raw.slice(0, rows * dims);

  // Pass 2: transform, and sum for the means; pass 3: squared deviations; pass 4: standardise.
  const data = new Float64Array(rows * dims);
  const moments: Moments = {
    raw,
    data,
    dims,
    logged: Uint8Array.from(logged, (l) => (l ? 1 : 0)),
    sum: new Float64Array(dims),
    center: new Float64Array(dims),
    squares: new Float64Array(dims),
    scale: new Float64Array(dims),
  };
  yield* forChunks(rows, FEATURE_COST * dims, transformRows, moments);
  for (let j = 0; j < dims; j++) moments.center[j] = rows > 0 ? moments.sum[j]! / rows : 0;
  yield* forChunks(rows, FEATURE_COST * dims, squareDeviations, moments);
  for (let j = 0; j < dims; j++) {
    const sd = rows > 0 ? Math.sqrt(moments.squares[j]! / rows) : 0;
    moments.scale[j] = sd > 0 && Number.isFinite(sd) ? sd : 1;
  }
  yield* forChunks(rows, FEATURE_COST * dims, standardise, moments);
  return {
    data,
    rows,
    dims,
    names,
    logged,
    customers,
    raw,
    center: moments.center,
    scale: moments.scale,
    monetary,
    excluded: { notIncluded: pick.notIncluded, noPurchase: pick.noPurchase, nonFinite: pick.nonFinite },
  };
}

interface Pick {
  readonly summary: CustomerSummary;
  readonly include: ArrayLike<number> | undefined;
  readonly mean: boolean;
  readonly columns: readonly ArrayLike<number>[];
  readonly dims: number;
  readonly customers: Int32Array;
  readonly raw: Float64Array;
  rows: number;
  notIncluded: number;
  noPurchase: number;
  nonFinite: number;
}

function pickRows(s: Pick, from: number, to: number): void {
  const { summary, include, mean, columns, dims, customers, raw } = s;
  const { hasPurchase, recencyDays, frequency, netRevenue } = summary;
  let rows = s.rows;
  for (let c = from; c < to; c++) {
    if (include !== undefined && include[c] !== 1) {
      s.notIncluded++;
      continue;
    }
    if (hasPurchase[c] !== 1 || !Number.isFinite(recencyDays[c]!)) {
      s.noPurchase++;
      continue;
    }
    const f = frequency[c]!;
    const m = mean ? (f > 0 ? netRevenue[c]! / f : 0) : netRevenue[c]!;
    let finite = Number.isFinite(m);
    for (let a = 0; finite && a < columns.length; a++) finite = Number.isFinite(columns[a]![c]!);
    if (!finite) {
      s.nonFinite++;
      continue;
    }
    const base = rows * dims;
    raw[base] = recencyDays[c]!;
    raw[base + 1] = f;
    raw[base + 2] = m;
    for (let a = 0; a < columns.length; a++) raw[base + 3 + a] = columns[a]![c]!;
    customers[rows++] = c;
  }
  s.rows = rows;
}

interface Moments {
  readonly raw: Float64Array;
  readonly data: Float64Array;
  readonly dims: number;
  readonly logged: Uint8Array;
  readonly sum: Float64Array;
  readonly center: Float64Array;
  readonly squares: Float64Array;
  readonly scale: Float64Array;
}

function transformRows(s: Moments, from: number, to: number): void {
  const { raw, data, dims, logged, sum } = s;
  for (let i = from * dims; i < to * dims; i += dims) {
    for (let j = 0; j < dims; j++) {
      const x = raw[i + j]!;
      const v = logged[j] === 1 ? signedLog1p(x) : x;
      data[i + j] = v;
      sum[j] = sum[j]! + v;
    }
  }
}

function squareDeviations(s: Moments, from: number, to: number): void {
  const { data, dims, center, squares } = s;
  for (let i = from * dims; i < to * dims; i += dims) {
    for (let j = 0; j < dims; j++) {
      const d = data[i + j]! - center[j]!;
      squares[j] = squares[j]! + d * d;
    }
  }
}

function standardise(s: Moments, from: number, to: number): void {
  const { data, dims, center, scale } = s;
  for (let i = from * dims; i < to * dims; i += dims) {
    for (let j = 0; j < dims; j++) data[i + j] = (data[i + j]! - center[j]!) / scale[j]!;
  }
}
