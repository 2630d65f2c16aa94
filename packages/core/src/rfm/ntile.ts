/**
 * Equal-count levels (`dplyr::ntile` on `row_number()`): the customers in `members` sorted by value ascending,
 * ties broken by `tieRank` (customer id order); rank k of N (0-based) gets level `floor(n·k / N) + 1`.
 * Level sizes differ by at most one, larger levels first.
 *
 * @returns level 1…n per customer index (0 for customers not in `members`)
 */
export function ntileLevels(
  values: ArrayLike<number>,
  members: Int32Array,
  n: number,
  tieRank: Int32Array,
): Uint8Array {
  const count = members.length;
  const order = members.slice().sort((a, b) => values[a]! - values[b]! || tieRank[a]! - tieRank[b]!);
  const out = new Uint8Array(values.length);
  for (let k = 0; k < count; k++) out[order[k]!] = Math.floor((n * k) / count) + 1;
  return out;
}

/** Rank of every id in code-unit (not locale) order: the deterministic customer-id tie-break. */
export function idRanks(ids: readonly string[]): Int32Array {
  const order = Array.from({ length: ids.length }, (_, i) => i);
  order.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b));
  const rank = new Int32Array(ids.length);
  for (let k = 0; k < order.length; k++) rank[order[k]!] = k;
  return rank;
}
