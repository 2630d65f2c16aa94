/** Thousands-grouped integers for people (the JSON output keeps plain numbers). */
export const int = (n: number) => n.toLocaleString('en-US');

/** Render rows as aligned columns; numbers right-aligned. */
export function table(rows: readonly (readonly (string | number)[])[], indent = '  '): string {
  const cells = rows.map((row) => row.map((c) => (typeof c === 'number' ? int(c) : c)));
  const widths: number[] = [];
  for (const row of cells) {
    row.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...c].length);
    });
  }
  return cells
    .map(
      (row, r) =>
        indent +
        row
          .map((c, i) => {
            const pad = ' '.repeat((widths[i] ?? 0) - [...c].length);
            const numeric = typeof rows[r]![i] === 'number';
            return i === row.length - 1 && !numeric ? c : numeric ? pad + c : c + pad;
          })
          .join('  '),
    )
    .join('\n');
}

/** One CSV cell: quoted when it holds a delimiter, quote or line break; empty for missing values. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
