import type { RfmSegmentRow } from '@crm-lens/charts';
import { DEFAULT_FALLBACK_SEGMENT, type SegmentMap } from '@crm-lens/core';
import type { CustomerColumns, CustomerField, ScoreSummary, SegmentRuleWire } from '@crm-lens/engine';

/** What the cells are coloured by, as written in the `measure` attribute. */
export type HeatmapMeasure = 'monetary' | 'customers' | 'revenue-share';

export const MEASURES: readonly HeatmapMeasure[] = ['monetary', 'customers', 'revenue-share'];

/** One R × F cell of the scoring summary. */
export type HeatmapCell = ScoreSummary['heatmap'][number];

/** The per-customer fields the customers of a cell carry (see `LensCellSelectDetail`). */
export const CELL_FIELDS: readonly CustomerField[] = [
  'r',
  'f',
  'm',
  'segment',
  'recencyDays',
  'frequency',
  'monetary',
];

/** A cell's value under a measure (NaN for the mean of an empty cell). */
export function measureValue(cell: HeatmapCell, measure: HeatmapMeasure): number {
  switch (measure) {
    case 'customers':
      return cell.customers;
    case 'revenue-share':
      return cell.revenueShare;
    default:
      return cell.meanMonetary;
  }
}

/** `"3,5"` → `{ r: 3, f: 5 }`; anything else → undefined. */
export function parseCell(text: string | null | undefined): { r: number; f: number } | undefined {
  const match = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(text ?? '');
  if (!match) return undefined;
  return { r: Number(match[1]), f: Number(match[2]) };
}

/** The cell key used by `selected-cell`: `"r,f"`. */
export function cellKey(r: number, f: number): string {
  return `${r},${f}`;
}

/** The highest R and F scores of the grid. */
export function gridSize(cells: readonly HeatmapCell[]): { nR: number; nF: number } {
  let nR = 0;
  let nF = 0;
  for (const cell of cells) {
    nR = Math.max(nR, cell.r);
    nF = Math.max(nF, cell.f);
  }
  return { nR, nF };
}

/**
 * The segments of a cell, core's names in map order: those whose R and F ranges cover it, or the fallback
 * ("Others") when none does.
 */
export function cellSegments(cell: HeatmapCell | undefined): readonly string[] {
  return cell && cell.segments.length > 0 ? cell.segments : [DEFAULT_FALLBACK_SEGMENT];
}

/**
 * A segment map as plain rows (what crosses to the engine): copies of the names and ranges, so that class
 * instances, proxies or frozen objects given by the page never reach a structured clone. Values that are not a
 * list of objects are passed on unchanged, for the engine to reject with a clear message.
 */
export function plainSegmentMap(map: unknown): readonly SegmentRuleWire[] {
  if (!Array.isArray(map)) return map as readonly SegmentRuleWire[];
  return map.map((row: unknown) => {
    if (typeof row !== 'object' || row === null) return row as SegmentRuleWire;
    const { name, r, f, m } = row as Record<string, unknown>;
    const range = (value: unknown) => (Array.isArray(value) ? [...value] : value);
    return { name, r: range(r), f: range(f), m: range(m) } as SegmentRuleWire;
  });
}

/**
 * The segment outlines to draw: one row per distinct R × F rectangle of the map (segments that differ only in
 * M share one outline, their names joined), and names that would start at the same corner joined into the
 * first of them so they never print over each other.
 */
export function segmentRows(
  map: SegmentMap,
  translate: (name: string) => string,
  separator: string,
): RfmSegmentRow[] {
  const byRect = new Map<string, { row: RfmSegmentRow; names: string[] }>();
  for (const rule of map) {
    const [rMin, rMax] = rule.r;
    const [fMin, fMax] = rule.f;
    const key = `${rMin},${rMax},${fMin},${fMax}`;
    const entry = byRect.get(key) ?? { row: { name: '', rMin, rMax, fMin, fMax }, names: [] };
    entry.names.push(translate(rule.name));
    byRect.set(key, entry);
  }
  const byCorner = new Map<string, string[]>();
  const rows: { row: RfmSegmentRow; names: string[] }[] = [];
  for (const { row, names } of byRect.values()) {
    const corner = `${row.rMin},${row.fMax}`;
    const shared = byCorner.get(corner);
    if (shared) {
      shared.push(...names);
      rows.push({ row, names: [] });
    } else {
      const own = [...names];
      byCorner.set(corner, own);
      rows.push({ row, names: own });
    }
  }
  return rows.map(({ row, names }) => ({ ...row, name: names.join(separator) }));
}

/**
 * The customers of one R × F cell, from the columns of every customer (the `r` and `f` fields are required):
 * the same shape as the engine's `CustomerColumns`, with every array narrowed to the cell, in customer-code
 * order. Nothing is shared with `all` but the labels.
 */
export function cellCustomers(all: CustomerColumns, r: number, f: number): CustomerColumns {
  const rs = all.columns.r;
  const fs = all.columns.f;
  if (!rs || !fs) throw new Error('cellCustomers needs the r and f columns');
  const rows: number[] = [];
  for (let k = 0; k < rs.length; k++) if (rs[k] === r && fs[k] === f) rows.push(k);
  const pick = <A extends Float64Array | Uint8Array | Int32Array>(source: A): A => {
    const out = new (source.constructor as new (length: number) => A)(rows.length);
    rows.forEach((k, i) => {
      out[i] = source[k]!;
    });
    return out;
  };
  const columns: Partial<Record<CustomerField, Float64Array | Uint8Array | Int32Array>> = {};
  for (const [field, values] of Object.entries(all.columns) as [CustomerField, Float64Array][]) {
    if (values) columns[field] = pick(values);
  }
  return {
    index: pick(all.index),
    ids: rows.map((k) => all.ids[k]!),
    ...(all.names ? { names: rows.map((k) => all.names![k] ?? null) } : {}),
    columns,
    labels: all.labels,
  };
}

/** No customers (the detail of a cleared selection). */
export function noCustomers(labels?: CustomerColumns['labels']): CustomerColumns {
  return {
    index: new Int32Array(0),
    ids: [],
    columns: {},
    labels: labels ?? { segment: [], tier: [], churnBand: [], abc: [] },
  };
}
