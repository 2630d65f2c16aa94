/** Thousands-grouped integers for people (the JSON output keeps plain numbers). */
export const int = (n: number) => n.toLocaleString('en-US');

/** `1 row`, `2 rows`: a count with its noun, grouped like {@link int}. */
export const count = (n: number, one: string, many = `${one}s`) => `${int(n)} ${n === 1 ? one : many}`;

/**
 * Render rows as aligned columns; numbers right-aligned, and the string cells of the columns listed in
 * `rightAligned` (e.g. pre-formatted figures such as `12.5%`).
 */
export function table(
  rows: readonly (readonly (string | number)[])[],
  indent = '  ',
  rightAligned: readonly number[] = [],
): string {
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
            const numeric = typeof rows[r]![i] === 'number' || rightAligned.includes(i);
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
