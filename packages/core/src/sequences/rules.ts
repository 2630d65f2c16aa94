import { sequenceLabel } from './database.js';
import type { SequencePattern, SequenceRule } from './types.js';

/** Options of {@link sequenceRules}. */
export interface SequenceRulesOptions {
  /** Keep rules with confidence ≥ this, in [0, 1]. Default 0.8 (arulesSequences' default). */
  readonly minConfidence?: number;
}

const keyOf = (elements: readonly (readonly number[])[]) => elements.map((e) => e.join(',')).join('|');

/**
 * Sequence rules by arulesSequences' `ruleInduction` (without transactions): every pattern of two or more
 * elements gives the rule lhs ⇒ rhs with lhs = all elements but the last and rhs = the last element;
 * support = support(pattern), confidence = support(pattern) / support(lhs), lift = confidence / support(rhs),
 * the supports of lhs and rhs taken from `patterns` (the result of `mineSequences`, which always holds them).
 *
 * Rules come by confidence, then lift (both descending), then in the order of their patterns.
 *
 * @throws {RangeError} when `minConfidence` is outside [0, 1], or a pattern's lhs or rhs is not in `patterns`
 *   (arulesSequences: "the set of sequences is incomplete").
 */
export function sequenceRules(
  patterns: readonly SequencePattern[],
  options: SequenceRulesOptions = {},
): SequenceRule[] {
  const { minConfidence = 0.8 } = options;
  if (typeof minConfidence !== 'number' || !(minConfidence >= 0 && minConfidence <= 1)) {
    throw new RangeError(`minConfidence must be in [0, 1], got ${String(minConfidence)}`);
  }
  const byKey = new Map<string, SequencePattern>();
  for (const pattern of patterns) byKey.set(keyOf(pattern.elements), pattern);
  const rules: { rule: SequenceRule; at: number }[] = [];
  patterns.forEach((pattern, at) => {
    const { elements } = pattern;
    if (elements.length < 2) return;
    const lhs = elements.slice(0, -1);
    const rhs = elements.slice(-1);
    const lhsPattern = byKey.get(keyOf(lhs));
    const rhsPattern = byKey.get(keyOf(rhs));
    if (lhsPattern === undefined || rhsPattern === undefined) {
      const missing = sequenceLabel(lhsPattern === undefined ? lhs : rhs);
      throw new RangeError(
        `cannot induce rules: the set of sequences is incomplete (${missing} of ${sequenceLabel(elements)} is missing)`,
      );
    }
    const confidence = pattern.count / lhsPattern.count;
    if (!(confidence >= minConfidence)) return;
    rules.push({
      rule: {
        lhs,
        rhs,
        support: pattern.support,
        count: pattern.count,
        confidence,
        lift: confidence / rhsPattern.support,
      },
      at,
    });
  });
  rules.sort((a, b) => b.rule.confidence - a.rule.confidence || b.rule.lift - a.rule.lift || a.at - b.at);
  return rules.map((r) => r.rule);
}
