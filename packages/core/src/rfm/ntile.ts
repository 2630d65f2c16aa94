import { sortIndicesWork } from '../util/sort-work.js';
import { forChunks, runWork, type Work } from '../util/work.js';

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
  return runWork(ntileLevelsSteps(values, members, n, tieRank));
}

/** Nominal cost per customer of the passes after the sorts. */
const PASS_COST = 4;

/**
 * {@link ntileLevels} as cooperative work (see `Work`): the sort pauses between runs and merges. Ties are broken
 * by `tieRank`, a permutation, so the order is total and every correct sort gives the same levels.
 */
export function* ntileLevelsSteps(
  values: ArrayLike<number>,
  members: Int32Array,
  n: number,
  tieRank: Int32Array,
): Work<Uint8Array> {
  const count = members.length;
  const order = yield* sortIndicesWork(
    members.slice(),
    (a, b) => values[a]! - values[b]! || tieRank[a]! - tieRank[b]!,
  );
  const out = new Uint8Array(values.length);
  yield* forChunks(count, PASS_COST, levelByRank, { order, n, out });
  return out;
}

function levelByRank(
  s: { readonly order: Int32Array; readonly n: number; readonly out: Uint8Array },
  from: number,
  to: number,
): void {
  const { order, n, out } = s;
  const count = order.length;
  for (let k = from; k < to; k++) out[order[k]!] = Math.floor((n * k) / count) + 1;
}

/** Rank of every id in code-unit (not locale) order: the deterministic customer-id tie-break. */
export function idRanks(ids: readonly string[]): Int32Array {
  return runWork(idRanksSteps(ids));
}

/** {@link idRanks} as cooperative work (see `Work`); ties between equal ids go by index, so the order is total. */
export function* idRanksSteps(ids: readonly string[]): Work<Int32Array> {
  const order = new Int32Array(ids.length);
  yield* forChunks(order.length, PASS_COST, identity, order);
  yield* sortIndicesWork(order, (a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b));
  const rank = new Int32Array(ids.length);
  yield* forChunks(order.length, PASS_COST, rankOf, { order, rank });
  return rank;
}

function identity(order: Int32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) order[i] = i;
}

function rankOf(
  s: { readonly order: Int32Array; readonly rank: Int32Array },
  from: number,
  to: number,
): void {
  const { order, rank } = s;
  for (let k = from; k < to; k++) rank[order[k]!] = k;
}
