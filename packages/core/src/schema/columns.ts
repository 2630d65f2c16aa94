/**
 * Columnar building blocks shared by every canonical table.
 *
 * Strings (ids, products, regions, …) are dictionary-encoded: `codes[i]` indexes `dictionary`, so per-customer
 * kernels can loop over an Int32Array and use the code as an array index. `-1` marks a missing optional value.
 * Dates are epoch milliseconds (UTC) in a Float64Array; optional numbers use NaN for "not given".
 */
export interface DictColumn {
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

/** Code used in a {@link DictColumn} for a missing optional value. */
export const MISSING_CODE = -1;

/** The value of row `i` of a dictionary column, or `undefined` when missing. */
export function dictValue(column: DictColumn, i: number): string | undefined {
  const code = column.codes[i];
  return code === undefined || code < 0 ? undefined : column.dictionary[code];
}
