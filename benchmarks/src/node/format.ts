/** Small text-formatting helpers for the terminal report. */

export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  return `${value.toFixed(1)} ms`;
}

export function int(value: number): string {
  return value.toLocaleString('en');
}

export function bytes(value: number): string {
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)} GB`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)} MB`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)} kB`;
  return `${value.toFixed(0)} B`;
}

/** baseline / ours as "N× faster" (or "N× slower"). */
export function ratio(ours: number | null, baseline: number | null): string {
  if (ours === null || baseline === null || !(ours > 0) || !(baseline > 0)) return '—';
  const r = baseline / ours;
  return r >= 1 ? `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}× faster` : `${(1 / r).toFixed(1)}× slower`;
}

/**
 * Columns with a two-space gutter; `align` gives each column's alignment ('l' or 'r'; default: the first
 * left, the others right).
 */
export function table(rows: readonly (readonly string[])[], align = 'lrrrrrrr', indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  const pad = (cell: string, i: number) =>
    align[i] === 'l' ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!);
  return rows.map((row) => (indent + row.map(pad).join('  ')).trimEnd()).join('\n');
}
