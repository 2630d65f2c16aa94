import { CHURN_BANDS, DEFAULT_SCORE_RULE, resolveScoreRule, TIERS, validateSegmentMap } from '@crm-lens/core';
import { EngineError } from './errors.js';
import type { ChurnQuery, CustomerField, ScoreRequest, SegmentRuleWire, ThresholdWire } from './protocol.js';

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
