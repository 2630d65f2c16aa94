/** One value as tooltip text. */
function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * A vega tooltip value as plain text: a string as is (our specs pass the element's prepared, localised
 * text), an object as `key: value` lines, anything else as its string. Empty means "no tooltip".
 */
export function formatTooltip(value: unknown): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)) {
    return Object.entries(value)
      .map(([key, entry]) => `${key}: ${formatValue(entry)}`)
      .join('\n');
  }
  return formatValue(value);
}
