import {
  CALENDAR_PERIODS,
  CHURN_BANDS,
  CUSTOMER_ATTRIBUTES,
  DEFAULT_SCORE_RULE,
  DRILL_DIMENSIONS,
  resolveScoreRule,
  TIERS,
  TIME_LEVELS,
  validateSegmentMap,
} from '@crm-lens/core';
import { EngineError } from './errors.js';
import type {
  ChurnQuery,
  CustomerCardQuery,
  CustomerField,
  DrilldownQuery,
  PeriodQuery,
  RulesQuery,
  ScoreRequest,
  SegmentRuleWire,
  SegmentsQuery,
  SequencesQuery,
  SuggestionsQuery,
  ThresholdWire,
} from './protocol.js';

/** Every {@link CustomerField}, for checking requests that crossed a boundary untyped. */
export const CUSTOMER_FIELDS: readonly CustomerField[] = [
  'recencyDays',
  'frequency',
  'monetary',
  'r',
  'f',
  'm',
  'segment',
  'abc',
  'x',
  'tx',
  'T',
  'pAlive',
  'expectedPurchases',
  'expectedSpend',
  'clv',
  'currentValue',
  'tier',
  'churnScore',
  'churnBand',
  'valueAtRisk',
  'usualIntervalDays',
  'silenceDays',
  'lastPurchase',
];
const FIELD_SET: ReadonlySet<string> = new Set(CUSTOMER_FIELDS);
const REQUEST_KEYS: ReadonlySet<string> = new Set([
  'asOf',
  'unit',
  'horizon',
  'annualDiscountRate',
  'model',
  'currentMonths',
  'thresholds',
  'segmentMap',
]);

function invalid(message: string): never {
  throw new EngineError('invalid-request', message);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function finite(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(`${what} must be a finite number`);
}

function threshold(value: unknown, what: string): asserts value is ThresholdWire {
  if (!isObject(value)) invalid(`${what} must be an object`);
  switch (value.kind) {
    case 'median':
      return;
    case 'percentile':
      finite(value.p, `${what}.p`);
      if ((value.p as number) < 0 || (value.p as number) > 1) invalid(`${what}.p must be within 0…1`);
      return;
    case 'absolute':
      finite(value.value, `${what}.value`);
      return;
    default:
      invalid(`${what}.kind must be 'median', 'percentile' or 'absolute'`);
  }
}

/** Score levels of R, F and M: a request cannot change core's default rule (the rfm package's, 1…5). */
const SCORE_LEVELS = resolveScoreRule(DEFAULT_SCORE_RULE).n;

/**
 * A segment map must be plain rows `{ name, r: [min, max], f: […], m: […] }` that core's `validateSegmentMap`
 * finds no problem with (overlaps and gaps are allowed: first match wins, gaps fall back to "Others").
 */
function segmentMap(value: unknown): asserts value is readonly SegmentRuleWire[] {
  if (!Array.isArray(value)) invalid('segmentMap must be an array of { name, r, f, m } rows');
  value.forEach((row: unknown, i) => {
    const what = `segmentMap[${i}]`;
    if (!isObject(row)) invalid(`${what} must be an object { name, r, f, m }`);
    if (typeof row.name !== 'string') invalid(`${what}.name must be a string`);
    for (const dim of ['r', 'f', 'm']) {
      const range = row[dim];
      if (!Array.isArray(range) || range.length !== 2 || range.some((v) => typeof v !== 'number')) {
        invalid(`${what}.${dim} must be a score range [min, max]`);
      }
    }
  });
  const report = validateSegmentMap(value as readonly SegmentRuleWire[], SCORE_LEVELS);
  if (!report.ok) invalid(`segmentMap: ${report.problems.join('; ')}`);
}

/** Check a scoring request field by field (it may come from untyped code or across a boundary). */
export function validateScoreRequest(request: unknown): asserts request is ScoreRequest {
  if (!isObject(request)) invalid('the score request must be an object');
  for (const key of Object.keys(request)) {
    if (!REQUEST_KEYS.has(key) && request[key] !== undefined)
      invalid(`unknown score request option "${key}"`);
  }
  const { asOf, unit, horizon, annualDiscountRate, model, currentMonths, thresholds } = request;
  if (request.segmentMap !== undefined) segmentMap(request.segmentMap);
  if (asOf !== undefined) finite(asOf, 'asOf');
  if (unit !== undefined && unit !== 'day' && unit !== 'week' && unit !== 'month') {
    invalid(`unit must be 'day', 'week' or 'month', got ${String(unit)}`);
  }
  if (horizon !== undefined) {
    if (!isObject(horizon)) invalid('horizon must be an object such as { months: 12 }');
    let total = 0;
    for (const key of ['days', 'weeks', 'months', 'years']) {
      if (horizon[key] === undefined) continue;
      finite(horizon[key], `horizon.${key}`);
      if ((horizon[key] as number) < 0) invalid(`horizon.${key} must not be negative`);
      total += horizon[key] as number;
    }
    if (Object.keys(horizon).some((k) => !['days', 'weeks', 'months', 'years'].includes(k))) {
      invalid('horizon takes days, weeks, months and years only');
    }
    if (!(total > 0)) invalid('horizon must be longer than 0');
  }
  if (annualDiscountRate !== undefined) {
    finite(annualDiscountRate, 'annualDiscountRate');
    if ((annualDiscountRate as number) <= -1) invalid('annualDiscountRate must be above −1');
  }
  if (model !== undefined && model !== 'bg-nbd' && model !== 'pareto-nbd') {
    invalid(`model must be 'bg-nbd' or 'pareto-nbd', got ${String(model)}`);
  }
  if (currentMonths !== undefined && !(Number.isInteger(currentMonths) && (currentMonths as number) > 0)) {
    invalid('currentMonths must be a positive whole number');
  }
  if (thresholds !== undefined) {
    if (!isObject(thresholds)) invalid('thresholds must be an object');
    if (thresholds.current !== undefined) threshold(thresholds.current, 'thresholds.current');
    if (thresholds.potential !== undefined) threshold(thresholds.potential, 'thresholds.potential');
  }
}

export function validateFields(fields: unknown): asserts fields is readonly CustomerField[] {
  if (!Array.isArray(fields)) invalid('fields must be an array of customer field names');
  for (const field of fields) {
    if (!FIELD_SET.has(field as string)) invalid(`unknown customer field "${String(field)}"`);
  }
}

function count(value: unknown, what: string): void {
  if (!(Number.isInteger(value) && (value as number) >= 0)) invalid(`${what} must be a whole number ≥ 0`);
}

export function validateChurnQuery(query: unknown): asserts query is ChurnQuery {
  if (!isObject(query)) invalid('the churn query must be an object');
  count(query.offset, 'offset');
  count(query.limit, 'limit');
  validateFields(query.fields);
  if (query.bands !== undefined) {
    if (
      !Array.isArray(query.bands) ||
      query.bands.some((b) => !(CHURN_BANDS as readonly unknown[]).includes(b))
    ) {
      invalid(`bands must list some of ${CHURN_BANDS.join(', ')}`);
    }
  }
  if (query.tiers !== undefined) {
    if (!Array.isArray(query.tiers) || query.tiers.some((t) => !(TIERS as readonly unknown[]).includes(t))) {
      invalid(`tiers must list some of ${TIERS.join(', ')}`);
    }
  }
  if (query.search !== undefined && typeof query.search !== 'string') invalid('search must be a string');
  if (
    query.sort !== undefined &&
    query.sort !== 'valueAtRisk' &&
    query.sort !== 'churnScore' &&
    query.sort !== 'clv'
  ) {
    invalid(`sort must be 'valueAtRisk', 'churnScore' or 'clv', got ${String(query.sort)}`);
  }
}

export function validateUpgrade(tier: unknown, limit: unknown): void {
  if (tier !== 'gold' && tier !== 'iron' && tier !== 'lead') invalid(`tier must be 'gold', 'iron' or 'lead'`);
  count(limit, 'limit');
}

/** Customer codes must address the dataset's customers. */
export function validateIndex(index: unknown, customers: number): asserts index is Int32Array {
  if (!(index instanceof Int32Array)) invalid('index must be an Int32Array of customer codes');
  for (let k = 0; k < index.length; k++) {
    const c = index[k]!;
    if (c < 0 || c >= customers) invalid(`index[${k}] = ${c} is not a customer code (0…${customers - 1})`);
  }
}

// ───────────────────────────── Issue 6 queries ─────────────────────────────

/** Rules and patterns a query may return at most. */
export const MAX_LIMIT = 10_000;
/** Scatter points of `segments` at most. */
export const MAX_POINTS = 5_000;
/** Suggestions per customer at most. */
export const MAX_SUGGESTIONS = 100;

function keys(value: Record<string, unknown>, allowed: readonly string[], what: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key) && value[key] !== undefined) {
      invalid(`unknown ${what} option "${key}" (expected ${allowed.join(', ')})`);
    }
  }
}

function fraction(value: unknown, what: string, open: boolean): void {
  const ok = typeof value === 'number' && (open ? value > 0 : value >= 0) && value <= 1;
  if (!ok) invalid(`${what} must be a number in ${open ? '(0, 1]' : '[0, 1]'}, got ${String(value)}`);
}

function wholeIn(value: unknown, min: number, max: number, what: string): void {
  if (!(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) {
    invalid(`${what} must be a whole number ${min} … ${max}, got ${String(value)}`);
  }
}

function stringList(value: unknown, what: string): void {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    invalid(`${what} must be an array of strings`);
  }
}

export function validateSegmentsQuery(query: unknown): asserts query is SegmentsQuery {
  if (!isObject(query)) invalid('the segments query must be an object');
  keys(query, ['k', 'seed', 'value', 'points'], 'segments');
  const { k, seed, value, points } = query;
  if (k !== undefined && k !== 'auto') wholeIn(k, 1, 50, "k (or 'auto')");
  if (seed !== undefined && !(Number.isInteger(seed) && Math.abs(seed as number) <= 2 ** 53)) {
    invalid(`seed must be a whole number, got ${String(seed)}`);
  }
  if (value !== undefined && value !== 'revenue' && value !== 'clv' && value !== 'current') {
    invalid(`value must be 'revenue', 'clv' or 'current', got ${String(value)}`);
  }
  if (points !== undefined) wholeIn(points, 0, MAX_POINTS, 'points');
}

function basketOptions(query: Record<string, unknown>): void {
  if (query.exclude !== undefined) stringList(query.exclude, 'exclude');
}

function ruleThresholds(query: Record<string, unknown>): void {
  fraction(query.minSupport, 'minSupport', true);
  fraction(query.minConfidence, 'minConfidence', false);
  if (query.minLift !== undefined) {
    finite(query.minLift, 'minLift');
    if ((query.minLift as number) < 0) invalid('minLift must not be negative');
  }
  if (query.maxLength !== undefined) wholeIn(query.maxLength, 2, 100, 'maxLength');
  basketOptions(query);
}

export function validateRulesQuery(query: unknown): asserts query is RulesQuery {
  if (!isObject(query)) invalid('the rules query must be an object { minSupport, minConfidence, … }');
  keys(query, ['minSupport', 'minConfidence', 'minLift', 'maxLength', 'limit', 'exclude'], 'rules');
  ruleThresholds(query);
  if (query.limit !== undefined) wholeIn(query.limit, 0, MAX_LIMIT, 'limit');
}

export function validateSuggestionsQuery(query: unknown): asserts query is SuggestionsQuery {
  if (!isObject(query)) invalid('the suggestions query must be an object { customerIds, limit, … }');
  keys(
    query,
    ['customerIds', 'limit', 'minSupport', 'minConfidence', 'minLift', 'maxLength', 'exclude'],
    'suggestions',
  );
  stringList(query.customerIds, 'customerIds');
  wholeIn(query.limit, 0, MAX_SUGGESTIONS, 'limit');
  ruleThresholds(query);
}

export function validateSequencesQuery(query: unknown): asserts query is SequencesQuery {
  if (!isObject(query)) invalid('the sequences query must be an object { minSupport, … }');
  keys(
    query,
    ['minSupport', 'maxGap', 'maxLength', 'minConfidence', 'eventBy', 'limit', 'exclude'],
    'sequences',
  );
  fraction(query.minSupport, 'minSupport', true);
  if (query.maxGap !== undefined) {
    finite(query.maxGap, 'maxGap');
    if (!((query.maxGap as number) > 0)) invalid('maxGap must be above 0');
  }
  if (query.maxLength !== undefined) wholeIn(query.maxLength, 1, 100, 'maxLength');
  if (query.minConfidence !== undefined) fraction(query.minConfidence, 'minConfidence', false);
  if (query.eventBy !== undefined && query.eventBy !== 'order' && query.eventBy !== 'day') {
    invalid(`eventBy must be 'order' or 'day', got ${String(query.eventBy)}`);
  }
  if (query.limit !== undefined) wholeIn(query.limit, 0, MAX_LIMIT, 'limit');
  basketOptions(query);
}

export function validatePeriodQuery(query: unknown, what: string): asserts query is PeriodQuery {
  if (!isObject(query)) invalid(`the ${what} query must be an object { period }`);
  keys(query, ['period', 'asOf'], what);
  if (!(CALENDAR_PERIODS as readonly unknown[]).includes(query.period)) {
    invalid(`period must be one of ${CALENDAR_PERIODS.join(', ')}, got ${String(query.period)}`);
  }
  if (query.asOf !== undefined) finite(query.asOf, 'asOf');
}

const DRILL_KEYS: readonly string[] = [...TIME_LEVELS, ...DRILL_DIMENSIONS, ...CUSTOMER_ATTRIBUTES];

function drillValue(value: unknown, what: string): void {
  if (
    value !== null &&
    typeof value !== 'string' &&
    !(typeof value === 'number' && Number.isInteger(value))
  ) {
    invalid(`${what} must be a code (whole number), a label (string) or null`);
  }
}

export function validateDrilldownQuery(query: unknown): asserts query is DrilldownQuery {
  if (!isObject(query)) invalid('the drill-down query must be an object { by, filter? }');
  keys(query, ['by', 'filter', 'models'], 'drill-down');
  if (!Array.isArray(query.by)) invalid(`by must be an array of keys (${DRILL_KEYS.join(', ')})`);
  for (const key of query.by) {
    if (!DRILL_KEYS.includes(key as string)) {
      invalid(`unknown drill-down key ${JSON.stringify(key)}; expected one of ${DRILL_KEYS.join(', ')}`);
    }
  }
  if (new Set(query.by).size !== query.by.length) invalid('by must not name a key twice');
  if (query.filter !== undefined) {
    if (!isObject(query.filter)) invalid('filter must be an object { key: value or [values] }');
    for (const [key, value] of Object.entries(query.filter)) {
      if (!DRILL_KEYS.includes(key)) invalid(`unknown filter key ${JSON.stringify(key)}`);
      if (Array.isArray(value)) {
        for (const [i, v] of value.entries()) drillValue(v, `filter.${key}[${i}]`);
      } else if (value !== undefined) drillValue(value, `filter.${key}`);
    }
  }
  if (query.models !== undefined && typeof query.models !== 'boolean')
    invalid('models must be true or false');
}

export function validateCustomerId(id: unknown): asserts id is string {
  if (typeof id !== 'string') invalid('customerId must be a string');
}

export function validateCardQuery(query: unknown): asserts query is CustomerCardQuery {
  if (!isObject(query)) invalid('the card query must be an object');
  keys(query, ['crossSell'], 'card');
  const cross = query.crossSell;
  if (cross === undefined || cross === false) return;
  if (!isObject(cross))
    invalid('crossSell must be false or an object { limit?, minSupport?, minConfidence?, … }');
  keys(cross, ['limit', 'minSupport', 'minConfidence', 'minLift', 'maxLength', 'exclude'], 'crossSell');
  if (cross.limit !== undefined) wholeIn(cross.limit, 0, MAX_SUGGESTIONS, 'crossSell.limit');
  ruleThresholds({
    ...cross,
    minSupport: cross.minSupport ?? CARD_CROSS_SELL.minSupport,
    minConfidence: cross.minConfidence ?? CARD_CROSS_SELL.minConfidence,
  });
}

/** The card's cross-sell thresholds when the query gives none. */
export const CARD_CROSS_SELL = { limit: 3, minSupport: 0.01, minConfidence: 0.2 } as const;
