/** The row object type of a set of columns: each key holds one element of its column. */
export type RowOf<C> = { [K in keyof C]: C[K] extends ArrayLike<infer V> ? V : never };

/**
 * Turn equal-length columns (arrays or typed arrays) into row objects, as a host page would hand them over:
 * `toRows({ id: ['a', 'b'], n: Float64Array.of(1, 2) })` → `[{ id: 'a', n: 1 }, { id: 'b', n: 2 }]`.
 * Throws a RangeError when the columns' lengths differ.
 */
export function toRows<C extends { [K in keyof C]: ArrayLike<unknown> }>(columns: C): RowOf<C>[] {
  const keys = Object.keys(columns) as (keyof C & string)[];
  const length = keys.length === 0 ? 0 : columns[keys[0]!].length;
  for (const key of keys) {
    if (columns[key].length !== length) {
      throw new RangeError(
        `columns must have equal lengths: "${keys[0]}" has ${length}, "${key}" has ${columns[key].length}`,
      );
    }
  }
  const rows = new Array<RowOf<C>>(length);
  for (let i = 0; i < length; i++) {
    const row = {} as Record<string, unknown>;
    for (const key of keys) row[key] = columns[key][i];
    rows[i] = row as RowOf<C>;
  }
  return rows;
}
