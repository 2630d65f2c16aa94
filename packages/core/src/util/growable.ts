/** A Float64Array that grows by doubling; `finish()` returns an exact-length copy-free view when possible. */
export class Float64Builder {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** The values; ends the builder. */
  finish(): Float64Array {
    // Full (sized right from the start): the array itself. Otherwise slice (not subarray), so the result owns a
    // buffer of exactly its size: it is what gets transferred.
    return this.length === this.data.length ? this.data : this.data.slice(0, this.length);
  }
}

/** An Int32Array that grows by doubling. */
export class Int32Builder {
  private data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** The values; ends the builder. */
  finish(): Int32Array {
    return this.length === this.data.length ? this.data : this.data.slice(0, this.length);
  }
}
