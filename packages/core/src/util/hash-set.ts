/**
 * A set of 53-bit hashes (from hash53) in one Float64Array with open addressing: no per-entry allocation,
 * unlike a Set of numbers above 2^31, which boxes each one.
 */
export class HashSet53 {
  private table = new Float64Array(1 << 16);
  private count = 0;

  /** Add `hash`; returns false if it was already present. */
  add(hash: number): boolean {
    if (this.count * 2 >= this.table.length) this.grow();
    return this.insert(this.table, hash + 1);
  }

  private insert(table: Float64Array, stored: number): boolean {
    const mask = table.length - 1;
    let i = stored % (mask + 1);
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
