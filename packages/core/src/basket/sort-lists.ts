/**
 * Sorts each list `items[offsets[l] … offsets[l + 1] − 1]` of lists `from … to − 1` ascending and drops repeats,
 * writing the result compacted into `out` at `state.written` and its end offsets into `outOffsets[l + 1]`.
 * Returns the number of repeats dropped. Used to turn gathered codes into {@link ItemLists}.
 */
export interface CompactState {
  readonly offsets: Int32Array;
  readonly items: Int32Array;
  readonly outOffsets: Int32Array;
  readonly out: Int32Array;
  written: number;
  repeats: number;
}

export function sortCompactRange(state: CompactState, from: number, to: number): void {
  const { offsets, items, outOffsets, out } = state;
  let w = state.written;
  for (let l = from; l < to; l++) {
    const a = offsets[l]!;
    const b = offsets[l + 1]!;
    if (b - a > 24) items.subarray(a, b).sort();
    else {
      for (let i = a + 1; i < b; i++) {
        const v = items[i]!;
        let k = i - 1;
        while (k >= a && items[k]! > v) {
          items[k + 1] = items[k]!;
          k--;
        }
        items[k + 1] = v;
      }
    }
    let previous = -1;
    for (let i = a; i < b; i++) {
      const v = items[i]!;
      if (i > a && v === previous) state.repeats++;
      else out[w++] = v;
      previous = v;
    }
    outOffsets[l + 1] = w;
  }
  state.written = w;
}
