import type { SegmentProfileWire, SegmentsQuery, SegmentsResult } from '@crm-lens/engine';
import type { Localizer } from '../i18n/localizer.js';

/** A measure of the scatter's axes. */
export type SegmentAxis = 'recency' | 'frequency' | 'monetary';
export const AXES: readonly SegmentAxis[] = ['recency', 'frequency', 'monetary'];

/** What the value shares sum. */
export type SegmentValue = NonNullable<SegmentsQuery['value']>;
export const VALUES: readonly SegmentValue[] = ['revenue', 'clv', 'current'];

/** Points of the scatter sample the widget asks for (the engine's maximum). */
export const SCATTER_POINTS = 5000;

/** Series colours the theme has (`--lens-series-1..8`); segment s is drawn in series s mod 8 + 1. */
export const SERIES = 8;

/** `k` attribute ↔ property: a whole number 1 … 50, anything else is `'auto'`. */
export const kConverter = {
  fromAttribute: (value: string | null): number | 'auto' => {
    const n = Number(value?.trim());
    return value != null && value.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 50 ? n : 'auto';
  },
  toAttribute: (value: number | 'auto'): string => String(value),
};

export const axisConverter = (fallback: SegmentAxis) => ({
  fromAttribute: (value: string | null): SegmentAxis => {
    const axis = value?.trim().toLowerCase() as SegmentAxis | undefined;
    return axis && AXES.includes(axis) ? axis : fallback;
  },
  toAttribute: (value: SegmentAxis): string => value,
});

export const valueConverter = {
  fromAttribute: (value: string | null): SegmentValue => {
    const v = value?.trim().toLowerCase() as SegmentValue | undefined;
    return v && VALUES.includes(v) ? v : 'revenue';
  },
  toAttribute: (value: SegmentValue): string => value,
};

/** The query's key: a result answers the current attributes when its key is theirs. */
export function queryKey(query: SegmentsQuery): string {
  return `${query.k ?? 'auto'}|${query.seed ?? 1}|${query.value ?? 'revenue'}|${query.points ?? ''}`;
}

/** The core name's numbering suffix (" (2)" for the second segment of the same name), if any. */
const NUMBERED = / \((\d+)\)$/;

/**
 * A segment's display name, built from its trait codes (core names segments in English): the same text as
 * core's name in English, translated in another locale. Keeps core's numbering of equal names.
 */
export function segmentLabel(i18n: Localizer, profile: SegmentProfileWire): string {
  if (profile.customers === 0) return i18n.t('segments.name.empty');
  const { recency, frequency, spend } = profile.traits;
  const recencyText = i18n.t(recency === 'recent' ? 'segments.trait.recent' : 'segments.trait.lapsed');
  const base =
    frequency === 'none'
      ? i18n.t('segments.name.none', { recency: recencyText })
      : i18n.t('segments.name', {
          recency: recencyText,
          frequency: i18n.t(
            frequency === 'frequent'
              ? 'segments.trait.frequent'
              : frequency === 'occasional'
                ? 'segments.trait.occasional'
                : 'segments.trait.oneTime',
          ),
          spend: i18n.t(spend === 'high' ? 'segments.trait.high' : 'segments.trait.low'),
        });
  const n = NUMBERED.exec(profile.name)?.[1];
  return n === undefined ? base : i18n.t('segments.name.numbered', { name: base, n });
}

/** The customer codes of one segment (from the engine's labels), in code order. */
export function segmentCodes(result: SegmentsResult, segment: number): Int32Array {
  const { labels } = result;
  const codes: number[] = [];
  for (let c = 0; c < labels.length; c++) if (labels[c] === segment) codes.push(c);
  return Int32Array.from(codes);
}

/** One axis measure of the scatter sample. */
export function axisColumn(result: SegmentsResult, axis: SegmentAxis): Float64Array {
  const { points } = result;
  return axis === 'recency' ? points.recencyDays : axis === 'frequency' ? points.frequency : points.monetary;
}
