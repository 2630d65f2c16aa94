/**
 * A set of 53-bit hashes (from hash53) in one Float64Array with open addressing: no per-entry allocation,
 * unlike a Set of numbers above 2^31, which boxes each one.
 */
export class HashSet53 {
  private table: Float64Array;
  private count = 0;

  /** @param expected - how many hashes will be added, when known (sizes the table once, no rehashing). */
  constructor(expected = 1 << 15) {
    let size = 1 << 16;
    while (size < expected * 2) size *= 2;
    this.table = new Float64Array(size);
  }

  /** Add `hash`; returns false if it was already present. */
  add(hash: number): boolean {
    if (this.count * 2 >= this.table.length) this.grow();
    return this.insert(this.table, hash + 1);
  }

  private insert(table: Float64Array, stored: number): boolean {
    const mask = table.length - 1;
    // `| 0` keeps the low 32 bits (ToInt32 of an integer below 2^53): far cheaper than a float modulo.
    let i = (stored | 0) & mask;
    for (;;) {
      const current = table[i]!;
      if (current === 0) {
        table[i] = stored;
        if (table === this.table) this.count++;
        return true;
      }
      if (current === stored) return false;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.insert(this.table, old[i]!);
  }
}
