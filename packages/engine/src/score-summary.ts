import {
  type CustomerScores,
  concentrationCurve,
  type FitResult,
  gini,
  paretoStatement,
  rfmHeatmap,
  type SegmentMap,
} from '@crm-lens/core';
import type { FitSummary, ScoreSummary } from './protocol.js';

/** Points of the concentration curve sent to views (every 0.5 % of customers; a chart needs no more). */
export const CURVE_POINTS = 201;
/** "The top 20 % of customers bring …". */
const PARETO_SHARE = 0.2;

function fitSummary(model: FitSummary['model'], fit: FitResult<object>): FitSummary {
  return {
    model,
    params: { ...(fit.params as Record<string, number>) },
    standardErrors: { ...(fit.standardErrors as Record<string, number>) },
    logLik: fit.logLik,
    converged: fit.converged,
    iterations: fit.iterations,
    n: fit.n,
  };
}

/**
 * The small shared result the summary views draw, built once per scoring: pyramid tiers, ABC classes with
 * Gini and the Pareto sentence, the concentration curve (downsampled), segments, the R × F heatmap and the
 * churn bands. ABC, Gini and the curve all use the net revenue the ABC classes were ranked by. The heatmap
 * cells name the segments of `segmentMap`, the map the customers were assigned with (default: core's).
 */
export function buildSummary(
  dataset: string,
  scores: CustomerScores,
  timings: Readonly<Record<string, number>>,
  segmentMap?: SegmentMap,
): ScoreSummary {
  const n = scores.ids.length;
  let scored = 0;
  for (let c = 0; c < n; c++) scored += scores.scored[c]!;

  const revenue = scores.summary.netRevenue;
  const curve = concentrationCurve(revenue, { maxPoints: CURVE_POINTS });
  const statement = paretoStatement(revenue, PARETO_SHARE);

  const bands = { low: 0, medium: 0, high: 0 };
  let valueAtRisk = 0;
  for (let c = 0; c < n; c++) {
    const band = scores.churn.band[c];
    if (band === 0) bands.low++;
    else if (band === 1) bands.medium++;
    else if (band === 2) bands.high++;
    const v = scores.churn.valueAtRisk[c]!;
    if (Number.isFinite(v)) valueAtRisk += v;
  }

  return {
    dataset,
    asOf: scores.asOf,
    unit: scores.unit,
    horizonUnits: scores.horizonUnits,
    customers: n,
    scored,
    fits: {
      purchase: fitSummary(scores.fits.purchaseModel.kind, scores.fits.purchase),
      spend: fitSummary('gamma-gamma', scores.fits.spend),
    },
    pyramid: {
      thresholds: { ...scores.pyramid.thresholds },
      tiers: scores.pyramid.tiers.map((t) => ({
        tier: t.tier,
        customers: t.customers,
        customerShare: t.customerShare,
        currentValue: t.currentValue,
        currentShare: t.currentShare,
        potentialValue: t.potentialValue,
        potentialShare: t.potentialShare,
      })),
    },
    abc: {
      classes: scores.abc.classes.map((k) => ({
        label: k.label,
        customers: k.customers,
        value: k.value,
        customerShare: k.customerShare,
        valueShare: k.valueShare,
      })),
      gini: gini(revenue),
      statement: {
        topCustomerShare: statement.topCustomerShare,
        valueShare: statement.valueShare,
        sentence: statement.sentence,
      },
      curve: {
        customerShare: Float64Array.from(curve.points, (p) => p.customerShare),
        valueShare: Float64Array.from(curve.points, (p) => p.valueShare),
      },
    },
    segments: scores.segments.totals.map((s) => ({
      name: s.name,
      customers: s.customers,
      revenue: s.revenue,
    })),
    heatmap: rfmHeatmap(scores.rfm, segmentMap ? { map: segmentMap } : {}).cells.map((cell) => ({
      r: cell.r,
      f: cell.f,
      customers: cell.customers,
      meanMonetary: cell.meanMonetary,
      revenueShare: cell.revenueShare,
      segments: cell.segments,
    })),
    churn: {
      bands,
      cutoffs: { ...scores.churn.bands },
      populationIntervalDays: scores.churn.populationIntervalDays,
      valueAtRisk,
    },
    timings: { ...timings },
  };
}

/**
 * A copy of a cached summary whose typed arrays are fresh: results are transferred out of a worker, which
 * would detach the cached arrays, and in-thread callers must not share mutable arrays with each other.
 */
export function copySummary(summary: ScoreSummary): ScoreSummary {
  return {
    ...summary,
    abc: {
      ...summary.abc,
      curve: {
        customerShare: summary.abc.curve.customerShare.slice(),
        valueShare: summary.abc.curve.valueShare.slice(),
      },
    },
  };
}
